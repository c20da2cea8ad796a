#!/usr/bin/env python3
"""gpu_peers.py - the Python peers of bench/gpu_bench.c: CuPy and Numba.

    python3 gpu_peers.py run [LOG2N [REPS [XREPS]]]
    python3 gpu_peers.py first LABEL     (LABEL: cold or hit; fresh process)

Prints the lines of gpu_bench.c (result case=... impl=... ms=... bytes=...
check=...), the same cases written the way each library's documentation
writes them:

  cupy          ElementwiseKernel 'out = a * b + c', ElementwiseKernel
                'y = alpha * x + y' (y an output that is read),
                ReductionKernel sum; with transfers, cupy.asarray of the
                NumPy arrays, the kernel, and .get()
  cupy_sum      cupy.sum (CUB)
  numba         numba.vectorize(target='cuda') a*b+c (out= a device array),
                numba.cuda.jit saxpy, one thread per element; with
                transfers, the vectorized function on NumPy arrays (Numba
                copies), cuda.to_device / copy_to_host for saxpy
  launch        a tiny kernel on 256 resident doubles + synchronize

Times: the median of REPS (XREPS with transfers) calls after a warm-up, on
the host clock around the call and a synchronize, as gpu_bench.c times
ppar. What does not import is skipped with a line saying why.

`first` times, in a fresh process, the first call of a CuPy
ElementwiseKernel (compiled by NVRTC; disk cache CUPY_CACHE_DIR) and of a
Numba cuda.jit(cache=True) saxpy (NUMBA_CACHE_DIR), after the CUDA context
exists. The driver runs it twice with empty cache directories, then filled.
"""
import os
import sys
import time

import numpy as np

os.environ.setdefault("NUMBA_CUDA_LOW_OCCUPANCY_WARNINGS", "0")
# NumPy 2.5 removed np.row_stack (an alias of vstack); numba-cuda 0.30 still
# overloads it when it compiles its first kernel, and fails without it.
if not hasattr(np, "row_stack"):
    np.row_stack = np.vstack

ALPHA = 0.75
TINY = 256
failures = 0


def say(*a):
    print(*a, flush=True)


def result(case, impl, ms, nbytes, ok, extra=""):
    chk = "OK" if ok is True else "FAIL" if ok is False else ok
    say(f"result case={case} impl={impl} ms={ms:.6f} bytes={nbytes} check={chk}"
        + (f" {extra}" if extra else ""))


def rnd(seed, n):
    """gpu_bench.c's rnd(seed, i) for i in 0..n-1: splitmix64, [0.5, 1.5)."""
    with np.errstate(over="ignore"):
        i = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed) + np.uint64(0x9E3779B97F4A7C15) * i
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return 0.5 + (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def check_arr(what, got, want, rtol):
    global failures
    bad = ~(np.abs(got - want) <= rtol * np.abs(want))
    if not bad.any():
        return True
    i = int(np.argmax(bad))
    say(f"# FAIL {what}: {int(bad.sum())} of {got.size} differ; first [{i}] = "
        f"{got[i]!r}, expected {want[i]!r}")
    failures += 1
    return False


def check_val(what, got, want, rtol):
    global failures
    if abs(got - want) <= rtol * abs(want):
        return True
    say(f"# FAIL {what}: {got!r}, expected {want!r}")
    failures += 1
    return False


def timed(reps, f, sync):
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        sync()
        t.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(t))


def per_call(f, sync, batch=int(os.environ.get("GPU_PEERS_BATCH", 10000)), batches=7,
             chain=1):
    """ms per call of f, with sync after every chain calls."""
    for _ in range(100):
        f()
        sync()
    t = []
    for _ in range(batches):
        t0 = time.perf_counter()
        for i in range(batch):
            f()
            if (i + 1) % chain == 0:
                sync()
        sync()
        t.append((time.perf_counter() - t0) * 1e3 / batch)
    return float(np.median(t))


# ---- CuPy -------------------------------------------------------------------

def cupy_kernels(cp):
    ew = cp.ElementwiseKernel("float64 a, float64 b, float64 c", "float64 out",
                              "out = a * b + c", "gpu_bench_ew")
    saxpy = cp.ElementwiseKernel("float64 alpha, float64 x", "float64 y",
                                 "y = alpha * x + y", "gpu_bench_saxpy")
    red = cp.ReductionKernel("float64 x", "float64 s", "x", "a + b", "s = a",
                             "0", "gpu_bench_sum")
    bump = cp.ElementwiseKernel("float64 d", "float64 x", "x += d", "gpu_bench_bump")
    return ew, saxpy, red, bump


def guarded(name, f, *args):
    """Runs one library's cases; an exception skips the rest of them."""
    try:
        f(*args)
    except Exception as e:  # noqa: BLE001
        say(f"# {name}: failed, the rest of its cases skipped "
            f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})")


def run_cupy(h, reps, xreps):
    try:
        import cupy as cp
        cp.zeros(1).sum()
    except Exception as e:  # noqa: BLE001 - any failure means: skip
        say(f"# cupy: skipped ({type(e).__name__}: {e})")
        return
    say(f"# cupy {cp.__version__}")
    n, nbytes = h["n"], h["n"] * 8
    sync = cp.cuda.get_current_stream().synchronize
    ew, saxpy, red, bump = cupy_kernels(cp)
    a, b, c = (cp.asarray(h[k]) for k in "abc")
    out = cp.full(n, cp.nan)

    ew(a, b, c, out)
    sync()
    ok = check_arr("cupy ew_res", out.get(), h["ew"], 1e-15)
    result("ew_res", "cupy", timed(reps, lambda: ew(a, b, c, out), sync), 4 * nbytes, ok)

    y = cp.asarray(h["y0"])
    saxpy(ALPHA, a, y)
    sync()
    ok = check_arr("cupy saxpy_res", y.get(), h["saxpy1"], 1e-15)
    result("saxpy_res", "cupy", timed(reps, lambda: saxpy(ALPHA, a, y), sync), 3 * nbytes, ok)

    s = [None]
    f = lambda: s.__setitem__(0, float(red(a)))  # noqa: E731 - float() waits
    f()
    ok = check_val("cupy sum_res", s[0], h["sum"], 1e-10)
    result("sum_res", "cupy", timed(reps, f, sync), nbytes, ok, "ReductionKernel")
    g = lambda: s.__setitem__(0, float(cp.sum(a)))  # noqa: E731
    g()
    ok = check_val("cupy.sum", s[0], h["sum"], 1e-10)
    result("sum_res", "cupy_sum", timed(reps, g, sync), nbytes, ok, "cupy.sum")
    del a, b, c, out, y

    # host data: NumPy arrays in, NumPy array out
    def ew_x():
        s[0] = ew(cp.asarray(h["a"]), cp.asarray(h["b"]), cp.asarray(h["c"])).get()
    ew_x()
    ok = check_arr("cupy ew_xfer", s[0], h["ew"], 1e-15)
    result("ew_xfer", "cupy", timed(xreps, ew_x, sync), 4 * nbytes, ok)

    hy = h["y0"].copy()

    def saxpy_x():
        d = cp.asarray(hy)
        saxpy(ALPHA, cp.asarray(h["a"]), d)
        d.get(out=hy)
    saxpy_x()
    ok = check_arr("cupy saxpy_xfer", hy, h["saxpy1"], 1e-15)
    result("saxpy_xfer", "cupy", timed(xreps, saxpy_x, sync), 3 * nbytes, ok)

    f = lambda: s.__setitem__(0, float(red(cp.asarray(h["a"]))))  # noqa: E731
    f()
    ok = check_val("cupy sum_xfer", s[0], h["sum"], 1e-10)
    result("sum_xfer", "cupy", timed(xreps, f, sync), nbytes, ok)
    cp.get_default_memory_pool().free_all_blocks()

    t = cp.zeros(TINY)
    calls = [0]

    def tiny():
        bump(1.0, t)
        calls[0] += 1
    us = per_call(tiny, sync)
    ok = bool((t.get() == calls[0]).all())
    result("launch", "cupy", us, 0, ok, "n=256 resident")
    # CuPy launches asynchronously: chains of 1,000 launches, one wait each.
    us = per_call(tiny, sync, chain=1000)
    ok = bool((t.get() == calls[0]).all())
    result("chain", "cupy", us, 0, ok, "n=256 resident, 1000 calls per wait")


# ---- Numba ------------------------------------------------------------------

def run_numba(h, reps, xreps):
    try:
        import numba
        from numba import cuda
        if not cuda.is_available():
            raise RuntimeError("numba.cuda.is_available() is False")
        from gpu_peers_numba import bump, saxpy
    except Exception as e:  # noqa: BLE001
        say(f"# numba: skipped ({type(e).__name__}: {e})")
        return
    say(f"# numba {numba.__version__}")
    try:
        from gpu_peers_numba import make_ew
        ew = make_ew()
    except Exception as e:  # noqa: BLE001
        say(f"# numba vectorize(target='cuda'): skipped ({type(e).__name__}: {e})")
        ew = None
    n, nbytes = h["n"], h["n"] * 8
    sync = cuda.synchronize
    a = cuda.to_device(h["a"])
    if ew is not None:
        b, c = cuda.to_device(h["b"]), cuda.to_device(h["c"])
        out = cuda.to_device(np.full(n, np.nan))
        ew(a, b, c, out=out)
        sync()
        ok = check_arr("numba ew_res", out.copy_to_host(), h["ew"], 1e-15)
        result("ew_res", "numba", timed(reps, lambda: ew(a, b, c, out=out), sync),
               4 * nbytes, ok, "vectorize(target='cuda')")
        del b, c, out

    bs = 256
    grid = (n + bs - 1) // bs
    y = cuda.to_device(h["y0"])
    saxpy[grid, bs](ALPHA, a, y)
    sync()
    ok = check_arr("numba saxpy_res", y.copy_to_host(), h["saxpy1"], 1e-15)
    result("saxpy_res", "numba", timed(reps, lambda: saxpy[grid, bs](ALPHA, a, y), sync),
           3 * nbytes, ok, "cuda.jit")
    del a, y

    s = [None]
    if ew is not None:
        def ew_x():
            s[0] = ew(h["a"], h["b"], h["c"])  # NumPy in: Numba copies in and out
        ew_x()
        ok = check_arr("numba ew_xfer", s[0], h["ew"], 1e-15)
        result("ew_xfer", "numba", timed(xreps, ew_x, sync), 4 * nbytes, ok)

    hy = h["y0"].copy()

    def saxpy_x():
        d = cuda.to_device(hy)
        saxpy[grid, bs](ALPHA, cuda.to_device(h["a"]), d)
        d.copy_to_host(hy)
    saxpy_x()
    ok = check_arr("numba saxpy_xfer", hy, h["saxpy1"], 1e-15)
    result("saxpy_xfer", "numba", timed(xreps, saxpy_x, sync), 3 * nbytes, ok)

    t = cuda.to_device(np.zeros(TINY))
    calls = [0]

    def tiny():
        bump[1, TINY](t)
        calls[0] += 1
    us = per_call(tiny, sync)
    ok = bool((t.copy_to_host() == calls[0]).all())
    result("launch", "numba", us, 0, ok, "n=256 resident")


def run(log2n, reps, xreps):
    n = 1 << log2n
    say(f"# gpu_peers: n = 2^{log2n}, {reps} reps, {xreps} with transfers, "
        f"NumPy {np.__version__}, Python {sys.version.split()[0]}")
    h = {"n": n, "a": rnd(1, n), "b": rnd(2, n), "c": rnd(3, n), "y0": rnd(4, n)}
    h["ew"] = h["a"] * h["b"] + h["c"]
    h["saxpy1"] = ALPHA * h["a"] + h["y0"]
    h["sum"] = float(np.sum(h["a"].astype(np.longdouble)))
    guarded("cupy", run_cupy, h, reps, xreps)
    guarded("numba", run_numba, h, reps, xreps)
    return 1 if failures else 0


# ---- first call in a fresh process ----------------------------------------------

def first(label):
    m = 4096
    a, b, c = rnd(1, m), rnd(2, m), rnd(3, m)
    try:
        import cupy as cp
        cp.cuda.runtime.getDeviceCount()
        x = cp.zeros(1)  # the context, no kernel
        cp.cuda.get_current_stream().synchronize()
        ew = cp.ElementwiseKernel("float64 a, float64 b, float64 c", "float64 out",
                                  "out = a * b + c", "gpu_bench_first_ew")
        da, db, dc = cp.asarray(a), cp.asarray(b), cp.asarray(c)
        cp.cuda.get_current_stream().synchronize()
        t0 = time.perf_counter()
        out = ew(da, db, dc)
        cp.cuda.get_current_stream().synchronize()
        t1 = time.perf_counter()
        ok = check_arr("cupy first", out.get(), a * b + c, 1e-15)
        result(f"first_{label}", "cupy", (t1 - t0) * 1e3, 0, ok, "what=ElementwiseKernel")
        del x
    except Exception as e:  # noqa: BLE001
        say(f"# cupy: skipped ({type(e).__name__}: {e})")
    try:
        from numba import cuda
        if not cuda.is_available():
            raise RuntimeError("numba.cuda.is_available() is False")
        x = cuda.to_device(a)  # the context
        y = cuda.to_device(b)
        cuda.synchronize()
        t0 = time.perf_counter()
        from gpu_peers_numba import saxpy_cached as saxpy
        saxpy[(m + 255) // 256, 256](ALPHA, x, y)
        cuda.synchronize()
        t1 = time.perf_counter()
        ok = check_arr("numba first", y.copy_to_host(), ALPHA * a + b, 1e-15)
        result(f"first_{label}", "numba", (t1 - t0) * 1e3, 0, ok, "what=cuda.jit(cache=True)")
    except Exception as e:  # noqa: BLE001
        say(f"# numba first: skipped ({type(e).__name__}: {e})")
    return 1 if failures else 0


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "run"
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if mode == "run":
        args = [int(v) for v in sys.argv[2:5]]
        log2n, reps, xreps = (args + [26, 20, 5][len(args):])[:3]
        sys.exit(run(log2n, reps, xreps))
    if mode == "first":
        sys.exit(first(sys.argv[2] if len(sys.argv) > 2 else "cold"))
    sys.exit("usage: gpu_peers.py run [LOG2N [REPS [XREPS]]] | first LABEL")
