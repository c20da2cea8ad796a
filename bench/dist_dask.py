#!/usr/bin/env python3
"""dist_dask.py - the graphs of bench/tasks_dist.c on Dask distributed
(docs/benchmarks.md, "Distributed task graphs"), run by bench/dist_run.sh.

    python3 bench/dist_dask.py [-n N] [-s STEPS] [-w WORK_MS] [-r "1 2 4"]

A LocalCluster of R worker processes of one thread each (processes: no
shared GIL, as ppar's ranks), for each R:
  cells  N independent tiny tasks (bump(i) -> i), submitted with
         client.map and gathered: microseconds per task, best of 3.
  halo   STEPS steps of a 1-D stencil of 8*R blocks (the same work per
         worker at every R: weak scaling); each block a task that takes
         its block and the edge cells of its neighbours from the step
         before and busy-loops WORK_MS (1 ms): milliseconds per step.
Lines: `dask cells workers=R tasks=N us_per_task=X` and
`dask halo workers=R blocks=B work_ms=W ms_per_step=Y`. Exit status 0;
prints `dask: not installed` and exits 0 when distributed is missing."""
import argparse
import sys
import time

try:
    from dask.distributed import Client, LocalCluster
except ImportError:
    print("dask: not installed (pip install \"dask[distributed]\")")
    sys.exit(0)


def bump(i):
    return i


def busy(ms):
    end = time.perf_counter() + ms / 1e3
    while time.perf_counter() < end:
        pass


def relax(left, mid, right, work_ms):
    busy(work_ms)
    # a block is (first, last) cells: enough to pass the halo along
    return ((left[1] + mid[0] * 2 + mid[1]) / 4, (mid[0] + mid[1] * 2 + right[0]) / 4)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("-s", type=int, default=20)
    ap.add_argument("-w", type=float, default=1.0)
    ap.add_argument("-r", default="1 2 4")
    a = ap.parse_args()
    for r in [int(x) for x in a.r.split()]:
        with LocalCluster(n_workers=r, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as c:
            best = 1e30
            for _ in range(3):
                t0 = time.perf_counter()
                fs = c.map(bump, range(a.n), pure=False)
                c.gather(fs)
                best = min(best, time.perf_counter() - t0)
                del fs
            print(f"dask cells workers={r} tasks={a.n} us_per_task={best / a.n * 1e6:.1f}",
                  flush=True)
            blocks = 8 * r
            edge = c.scatter((0.0, 0.0), broadcast=True)
            cur = [c.submit(lambda k: (float(k), float(k + 1)), k, pure=False)
                   for k in range(blocks)]
            c.gather(cur)
            t0 = time.perf_counter()
            for _ in range(a.s):
                cur = [c.submit(relax, cur[k - 1] if k else edge, cur[k],
                                cur[k + 1] if k + 1 < blocks else edge, a.w, pure=False)
                       for k in range(blocks)]
            c.gather(cur)
            t = time.perf_counter() - t0
            print(f"dask halo workers={r} blocks={blocks} work_ms={a.w:g} "
                  f"ms_per_step={t / a.s * 1e3:.3f}", flush=True)


if __name__ == "__main__":
    main()
