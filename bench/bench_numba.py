#!/usr/bin/env python3
"""bench_numba.py - the benchmark kernels in Numba, timed like bench.c.

    python bench_numba.py [-r REPS] [KERNEL...]

The kernels of kernels_ppar.c written as a Numba user writes them:
@njit(parallel=True) with prange on the loops that carry PPAR_PRANGE in C,
and @vectorize(target='parallel') for sinacosb. Same sizes and input
formulas as bench.c. Each kernel is called once first (JIT compilation and
the run whose result is checked, against NumPy), then REPS times; the best
and the median time (CLOCK_MONOTONIC) are printed in bench.c's format:

    result kernel=dot variant=numba threads=2 size=33554432 reps=7 best_ms=...

Threads: NUMBA_NUM_THREADS (bench/run.sh sets it to the same count as
OMP_NUM_THREADS and PPAR_NUM_THREADS).
"""
import math
import sys
import time

import numpy as np
import numba
from numba import njit, prange, vectorize

# Problem sizes: the same as bench.c.
N_STREAM = 1 << 25
N_MATMUL = 768
N_JACOBI = 2048
IT_JACOBI = 10
N_TANH = 6144
N_SINCOS = 1 << 22

TOL = 1e-10


# ---- kernels ------------------------------------------------------------

@njit(parallel=True)
def triad(a, b, c, s):
    for i in prange(a.shape[0]):
        a[i] = b[i] + s * c[i]


@njit(parallel=True)
def dot(x, y):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i] * y[i]
    return s


@njit(parallel=True)
def matmul(A, B, C):
    n = A.shape[0]
    for i in prange(n):
        for j in range(n):
            C[i, j] = 0.0
        for k in range(n):
            aik = A[i, k]
            for j in range(n):
                C[i, j] += aik * B[k, j]


@njit(parallel=True)
def jacobi(u, v, iters):
    n = u.shape[0]
    for t in range(iters):
        for i in prange(1, n - 1):
            for j in range(1, n - 1):
                v[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])
        u, v = v, u


@njit(parallel=True)
def jacobi_flat(u, v, n, iters):
    for t in range(iters):
        for i in prange(1, n - 1):
            for j in range(1, n - 1):
                v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j]
                                       + u[i * n + j - 1] + u[i * n + j + 1])
        u, v = v, u


@njit(parallel=True)
def heat2d(a, b, iters):
    n = a.shape[0]
    for t in range(iters // 2):
        for i in prange(1, n - 1):
            for j in range(1, n - 1):
                b[i, j] = 0.25 * (a[i - 1, j] + a[i + 1, j] + a[i, j - 1] + a[i, j + 1])
        for i in prange(1, n - 1):
            for j in range(1, n - 1):
                a[i, j] = 0.25 * (b[i - 1, j] + b[i + 1, j] + b[i, j - 1] + b[i, j + 1])


@njit(parallel=True)
def tanh_trace(a, out):
    trace = 0.0
    for i in range(a.shape[0]):
        trace += np.tanh(a[i, i])
    for i in prange(a.shape[0]):
        for j in range(a.shape[1]):
            out[i, j] = a[i, j] + trace


@njit(parallel=True)
def go_fast(a):
    """Numba's example verbatim: allocates its result (variant numba_alloc)."""
    trace = 0.0
    for i in range(a.shape[0]):
        trace += np.tanh(a[i, i])
    return a + trace


@vectorize(["float64(float64, float64)"], target="parallel")
def sinacosb(a, b):
    return math.sin(a) * math.cos(b)


# ---- data (the formulas of bench.c) -----------------------------------------

def grid(n, fi, fj, mod):
    i = np.arange(n, dtype=np.int64)[:, None]
    j = np.arange(n, dtype=np.int64)[None, :]
    return (i * fi + j * fj) % mod


def now_ms():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) * 1e-6


class Case:
    """One kernel: its call, its output and the NumPy reference."""

    def __init__(self, name, size, call, output, reference, scale=None, reset=None):
        self.name, self.size, self.call = name, size, call
        self.output, self.reference = output, reference
        self.scale, self.reset = scale, reset


def cases():
    i = np.arange(N_STREAM, dtype=np.int64)
    sa = np.zeros(N_STREAM)
    sb = (i % 1000) * 1e-3
    sc = (i % 997) * 2e-3 - 1.0
    del i
    res = {}

    yield Case("triad", N_STREAM, lambda: triad(sa, sb, sc, 3.0), lambda: sa,
               lambda: sb + 3.0 * sc)
    yield Case("dot", N_STREAM, lambda: res.__setitem__("dot", dot(sb, sc)),
               lambda: res["dot"], lambda: float(np.dot(sb, sc)),
               scale=float(np.abs(sb * sc).sum()))
    del sa, sb, sc

    A = grid(N_MATMUL, 7, 3, 101) / 101.0 - 0.5
    B = grid(N_MATMUL, 5, 11, 103) / 103.0 - 0.5
    C = np.zeros((N_MATMUL, N_MATMUL))
    yield Case("matmul", N_MATMUL, lambda: matmul(A, B, C), lambda: C, lambda: A @ B)
    del A, B, C

    u0 = grid(N_JACOBI, 3, 5, 17) / 17.0
    u, v = u0.copy(), u0.copy()

    def jacobi_ref():
        p, q = u0.copy(), u0.copy()
        for _ in range(IT_JACOBI):
            q[1:-1, 1:-1] = 0.25 * (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:])
            p, q = q, p
        return p

    def jacobi_reset():
        u[...] = u0
        v[...] = u0

    yield Case("jacobi", N_JACOBI, lambda: jacobi(u, v, IT_JACOBI), lambda: u,
               jacobi_ref, reset=jacobi_reset)
    uf, vf = u.reshape(-1), v.reshape(-1)  # views of the same memory
    yield Case("jacobi_flat", N_JACOBI, lambda: jacobi_flat(uf, vf, N_JACOBI, IT_JACOBI),
               lambda: u, jacobi_ref, reset=jacobi_reset)
    yield Case("heat2d", N_JACOBI, lambda: heat2d(u, v, IT_JACOBI), lambda: u,
               jacobi_ref, reset=jacobi_reset)
    del u, v, u0, uf, vf

    a = grid(N_TANH, 13, 7, 1000) * 1e-3 - 0.5
    out = np.zeros_like(a)
    ref = lambda: a + np.tanh(np.diag(a)).sum()
    yield Case("tanh_trace", N_TANH, lambda: tanh_trace(a, out), lambda: out, ref)
    yield Case("tanh_trace:numba_alloc", N_TANH,
               lambda: res.__setitem__("go_fast", go_fast(a)), lambda: res.pop("go_fast"), ref)
    del a, out

    i = np.arange(N_SINCOS, dtype=np.int64)
    xa = (i % 6283) * 1e-3
    xb = (i % 3141) * 2e-3
    xout = np.zeros(N_SINCOS)
    del i
    yield Case("sinacosb", N_SINCOS, lambda: sinacosb(xa, xb, out=xout), lambda: xout,
               lambda: np.sin(xa) * np.cos(xb))


def main(argv):
    reps, want = 7, set()
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "-r" and args:
            reps = int(args.pop(0))
        else:
            want.add(a)
    threads = numba.get_num_threads()
    failures = 0
    for case in cases():
        kernel, _, variant = case.name.partition(":")
        variant = variant or "numba"
        if want and kernel not in want:
            continue
        if case.reset:
            case.reset()
        t0 = now_ms()
        case.call()  # compiles, and is the checked run
        first = now_ms() - t0
        got, ref = case.output(), case.reference()
        if np.ndim(got) == 0:
            checksum = float(got)
            err = abs(got - ref) / case.scale
        else:
            checksum = float(np.sum(got))
            big = float(np.max(np.abs(ref)))
            err = float(np.max(np.abs(got - ref))) / (big if big > 0 else 1.0)
        del got, ref
        check = "ok" if err <= TOL else "FAIL"
        failures += check != "ok"
        times = []
        for _ in range(reps):
            s = now_ms()
            case.call()
            times.append(now_ms() - s)
        times.sort()
        print(f"result kernel={kernel} variant={variant} threads={threads} size={case.size} "
              f"reps={reps} best_ms={times[0]:.3f} median_ms={times[reps // 2]:.3f} "
              f"first_ms={first:.3f} check={check} err={err:.2e} checksum={checksum:.12e}",
              flush=True)
    print(f"# numba {numba.__version__}, numpy {np.__version__}, threading layer "
          f"{numba.threading_layer()}, {threads} threads", flush=True)
    if failures:
        print(f"bench_numba: {failures} result(s) differ from NumPy's", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
