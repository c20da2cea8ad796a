#!/usr/bin/env python3
"""tasks_dask.py - the task graphs of bench/tasks_bench.c in Dask.

    python3 bench/tasks_dask.py [-t T] [-n N] [-r REPS]

Dask's threaded scheduler (dask.delayed, dask.compute(..., scheduler='threads',
num_workers=T)), the same shapes with empty Python functions:
  indep   N independent tasks, one compute
  chain   x = f(x) N times: a delayed chain
  fanin   N tasks, then delayed(sum)(parts) (also used for ppar's fanin_mem:
          Dask has no memory dependences)
Lines: `shape threads dask_us` (microseconds per task, graph building
included, as ppar's times include creating the tasks; best of REPS).
N defaults to 2,000, not the C program's 1,000,000: Dask's cost per task
grows with N (dask.compute's default graph optimisation culls each of the N
layers of a list of delayed objects, O(N^2) in all); 2,000 keeps it near its
best and the run short. Default compute options, as a user gets them.

Then the granularity sweep of tasks_bench.c: N independent tasks each
running a calibrated pure-Python busy loop of W ns, W = 100 ns * 2^k up to
13 ms (three points further than the C sweep, since Dask needs them);
efficiency = (N * W / T) / elapsed, where N * W is the time of the same N
calls in a plain loop on one thread, measured at each point. Lines
`sweep threads W_ns N dask_eff`, then `metg threads dask_ns` (the smallest W
from which on efficiency >= 50%, or `none`). The busy loop holds the GIL,
so with T threads Dask cannot pass 1/T efficiency: on 2+ threads METG(50%)
is `none` by construction. Work that releases the GIL (NumPy, C extensions)
would scale; the per-task overhead measured here would not change.

dask is installed with `pip install --user dask` when missing; if that
fails the script prints `dask: skipped (reason)` and exits 0.
"""
import argparse
import importlib
import os
import site
import subprocess
import sys
import time


def import_dask():
    try:
        import dask  # noqa: F401
        return None
    except ImportError:
        pass
    try:
        r = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--user", "--quiet",
             "--disable-pip-version-check", "--timeout", "30", "dask"],
            capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        return f"pip install --user dask failed: {e}"
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["no message"])[-1]
        return f"pip install --user dask failed: {last}"
    # A user site that did not exist at start-up is not on sys.path yet.
    user_site = site.getusersitepackages()
    if user_site not in sys.path:
        sys.path.append(user_site)
    importlib.invalidate_caches()
    try:
        import dask  # noqa: F401
    except ImportError as e:
        return f"dask installed but not importable: {e}"
    return None


def empty(i):
    return None


def bump(v):
    return v + 1


def part(i):
    return i


def spin(k):
    x = 0
    for _ in range(k):
        x += 1
    return x


def best_time(fn, reps):
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-t", "--threads", type=int,
                    default=int(os.environ.get("PPAR_NUM_THREADS", 0)) or os.cpu_count())
    ap.add_argument("-n", "--tasks", type=int, default=2000)
    ap.add_argument("-r", "--reps", type=int, default=3)
    a = ap.parse_args()

    why = import_dask()
    if why:
        print(f"dask: skipped ({why})")
        return 0
    import dask
    from dask import delayed

    T, n, reps = a.threads, a.tasks, a.reps

    def compute(*xs):
        return dask.compute(*xs, scheduler="threads", num_workers=T)

    def indep(m):
        compute([delayed(empty, pure=False)(i) for i in range(m)])

    def chain(m):
        x = delayed(bump, pure=False)(0)
        for _ in range(m - 1):
            x = delayed(bump, pure=False)(x)
        (got,) = compute(x)
        assert got == m, got

    def fanin(m):
        parts = [delayed(part, pure=False)(i) for i in range(m)]
        (got,) = compute(delayed(sum, pure=False)(parts))
        assert got == m * (m - 1) // 2, got

    # Calibrate the busy loop: best of 20 runs of 100,000 iterations.
    k = 100000
    ns_per_iter = best_time(lambda: spin(k), 20) * 1e9 / k

    print(f"# tasks_dask: dask {dask.__version__}, Python {sys.version.split()[0]}, "
          f"T={T}, N={n}, best of {reps}; busy loop {ns_per_iter:.2f} ns/iteration")
    print("# shape threads dask_us")
    sys.stdout.flush()
    for name, fn in (("indep", indep), ("chain", chain), ("fanin", fanin)):
        fn(max(n // 10, 1))  # warm-up: the thread pool
        dt = best_time(lambda: fn(n), reps)
        print(f"{name} {T} {dt / n * 1e6:.2f}")
        sys.stdout.flush()

    print("# sweep threads W_ns N dask_eff")
    ws, effs = [], []
    for kk in range(18):
        w = 100 << kk
        iters = max(round(w / ns_per_iter), 1)
        m = min(max(int(0.1e9 * T / w), 8 * T), 1000)

        def serial(m=m, iters=iters):
            for _ in range(m):
                spin(iters)

        def run(m=m, iters=iters):
            compute([delayed(spin, pure=False)(iters) for _ in range(m)])

        # The work is timed again at each point, as a plain loop: this
        # machine's Python speed drifts by up to 2x over minutes.
        work = best_time(serial, reps) / T
        eff = work / best_time(run, reps)
        ws.append(w)
        effs.append(eff)
        print(f"sweep {T} {w} {m} {eff:.3f}")
        sys.stdout.flush()
    metg = None
    for w, e in zip(reversed(ws), reversed(effs)):
        if e < 0.5:
            break
        metg = w
    print(f"metg {T} {metg if metg else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
