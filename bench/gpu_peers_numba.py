"""The Numba kernels of gpu_peers.py, at module level as Numba's
documentation writes them (cache=True needs a function in a module file).
Importing this compiles nothing: each kernel compiles at its first call."""
from numba import cuda, vectorize


@cuda.jit
def saxpy(alpha, x, y):
    i = cuda.grid(1)
    if i < x.size:
        y[i] = alpha * x[i] + y[i]


@cuda.jit(cache=True)
def saxpy_cached(alpha, x, y):
    i = cuda.grid(1)
    if i < x.size:
        y[i] = alpha * x[i] + y[i]


@cuda.jit
def bump(x):
    i = cuda.grid(1)
    if i < x.size:
        x[i] += 1.0


def make_ew():
    """a*b + c as a CUDA ufunc (built here, so that a failure skips only it)."""
    @vectorize(["float64(float64, float64, float64)"], target="cuda")
    def ew(a, b, c):
        return a * b + c
    return ew
