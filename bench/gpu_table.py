#!/usr/bin/env python3
"""gpu_table.py - the table of the GPU benchmark (bench/gpu_run.sh).

    python3 gpu_table.py RESULT_FILE... [--verbose FILE]

Reads the `result case=... impl=... ms=... bytes=... check=...` lines of
gpu_bench (ppar), gpu_nvcc and gpu_peers.py and prints Markdown tables:
bandwidth cases against hand-written CUDA, CuPy and Numba and against the
goals (reference bandwidths measured in the same run), launch overhead, and
first-call (compile) times. GB/s = bytes counted / median time per call
(10^9 bytes). Ratios ppar/peer = peer time / ppar time: above 1, ppar is
faster. `*` marks a missed goal.
"""
import sys

IO = {"ew": (3, 1), "saxpy": (2, 1), "sum": (1, 0)}  # arrays in, out
GOAL_RES = {"ew": 0.90, "saxpy": 0.90, "sum": 0.80}   # of the D2D copy
GOAL_XFER = 0.80                                      # of pinned PCIe
GOAL_LAUNCH_US = 5.0
GOAL_CHAIN_US = 3.0    # a call in a chain of asynchronous calls
GOAL_PINNED = 0.90     # elementwise on ppar_host_alloc memory, of pinned PCIe
GOAL_FIRST_HIT_MS = 1.0
NAMES = {"ew": "elementwise a*b+c", "saxpy": "saxpy", "sum": "sum reduction"}


def parse(paths):
    res, fails, notes = {}, [], []
    for p in paths:
        for line in open(p, errors="replace"):
            line = line.strip()
            if line.startswith("# ") and ("skipped" in line or "FAIL" in line or "failed" in line):
                notes.append(line[2:])
            if not line.startswith("result "):
                continue
            f = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            key = (f["case"], f["impl"]) + ((f["fn"],) if "fn" in f else ())
            res[key] = f
            if f.get("check") == "FAIL":
                fails.append(line)
    return res, fails, notes


def ms(res, *key):
    f = res.get(tuple(key))
    return float(f["ms"]) if f else None


def gbps(res, *key):
    f = res.get(tuple(key))
    if not f or float(f["ms"]) <= 0:
        return None
    return int(f["bytes"]) / (float(f["ms"]) * 1e6)


def fmt(x, nd=1):
    return "—" if x is None else f"{x:,.{nd}f}"


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def main(argv):
    verbose = None
    if "--verbose" in argv:
        i = argv.index("--verbose")
        verbose = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    res, fails, notes = parse(argv)
    d2d = gbps(res, "ref_d2d", "nvcc")
    h2d, d2h = gbps(res, "ref_h2d_pinned", "nvcc"), gbps(res, "ref_d2h_pinned", "nvcc")
    h2dp, d2hp = gbps(res, "ref_h2d_pageable", "nvcc"), gbps(res, "ref_d2h_pageable", "nvcc")
    empty = ms(res, "launch_empty", "nvcc")

    print("Reference bandwidths, measured in the same run (hand-written CUDA, "
          "CUDA events, median):\n")
    print("| reference | GB/s |")
    print("|---|---:|")
    print(f"| device-to-device cudaMemcpy (read + write) | {fmt(d2d)} |")
    print(f"| host to device, pinned (cudaMallocHost) | {fmt(h2d)} |")
    print(f"| device to host, pinned | {fmt(d2h)} |")
    print(f"| host to device, pageable (malloc) | {fmt(h2dp)} |")
    print(f"| device to host, pageable | {fmt(d2hp)} |")
    print(f"| empty kernel launch + cudaStreamSynchronize | "
          f"{fmt(empty * 1e3 if empty else None, 2)} µs |")

    print("\nBandwidth, GB/s (bytes counted ÷ median time of a whole call). "
          "Resident: bytes read + written in device memory; with transfers: "
          "bytes that cross PCIe. Goal: resident elementwise and saxpy ≥ 0.90 "
          "of the D2D copy, sum ≥ 0.80 of it; with transfers ≥ 0.80 of pinned "
          "PCIe (time the pinned copies of the same bytes would take).\n")
    print("| case | ppar | nvcc | nvcc pinned | CuPy | Numba | ppar/nvcc | "
          "ppar/CuPy | ppar/Numba | goal | ppar/ref | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for mode in ("res", "xfer"):
        for k in ("ew", "saxpy", "sum"):
            case = f"{k}_{mode}"
            p = gbps(res, case, "ppar")
            nv = gbps(res, case, "nvcc")
            nvp = gbps(res, case, "nvcc_pinned")
            cu = gbps(res, case, "cupy")
            nb = gbps(res, case, "numba")
            if mode == "res":
                ref, goal = d2d, GOAL_RES[k]
            else:
                i, o = IO[k]
                ref = None
                if h2d and d2h:
                    ref = (i + o) / (i / h2d + (o / d2h if o else 0))
                goal = GOAL_XFER
            r = p / ref if p and ref else None
            met = "—" if r is None else ("yes" if r >= goal else "**no** *")
            label = f"{NAMES[k]}, {'resident' if mode == 'res' else 'with transfers'}"
            print(f"| {label} | {fmt(p)} | {fmt(nv)} | {fmt(nvp)} | {fmt(cu)} | "
                  f"{fmt(nb)} | {ratio(p, nv)} | {ratio(p, cu)} | {ratio(p, nb)} | "
                  f"≥ {goal:.2f} × {fmt(ref)} | {fmt(r, 2)} | {met} |")
    cs = gbps(res, "sum_res", "cupy_sum")
    p = gbps(res, "sum_res", "ppar")
    if cs:
        print(f"\ncupy.sum (CUB) on the resident array: {fmt(cs)} GB/s; "
              f"ppar/cupy.sum = {ratio(p, cs)} (the CuPy column above is a "
              "ReductionKernel).")

    print("\nWarm call on a tiny array (256 doubles), µs per call (launch and "
          "wait), median of 7 batches of 10,000 calls (2,000 with copies). "
          f"Goal: ≤ {GOAL_LAUNCH_US:g} µs of host overhead.\n")
    print("| variant | µs per call | − empty launch+sync (µs) |")
    print("|---|---:|---:|")
    rows = [("ppar, resident array (`bump`)", ("launch", "ppar")),
            ("ppar, chains of 1,000 calls, one ppar_synchronize each", ("chain", "ppar")),
            ("the same with PPAR_GPU_PDL=1 (programmatic dependent launch)", ("chain", "ppar_pdl")),
            ("CuPy, chains of 1,000 launches, one synchronize each", ("chain", "cupy")),
            ("nvcc: the same kernel, chains of 1,000 launches, one sync each", ("chain", "nvcc")),
            ("nvcc: the same, on a non-blocking stream", ("chain_stream", "nvcc")),
            ("nvcc: the same with programmatic dependent launch", ("chain_pdl", "nvcc")),
            ("ppar, host array (two 2 KiB copies per call)", ("launch_host", "ppar")),
            ("nvcc: the same kernel <<<1, 256>>> + sync", ("launch", "nvcc")),
            ("nvcc: empty kernel <<<1, 1>>> + sync", ("launch_empty", "nvcc")),
            ("CuPy ElementwiseKernel + sync", ("launch", "cupy")),
            ("Numba cuda.jit + cuda.synchronize()", ("launch", "numba"))]
    for name, key in rows:
        t = ms(res, *key)
        over = (t - empty) * 1e3 if t is not None and empty is not None else None
        print(f"| {name} | {fmt(t * 1e3 if t is not None else None, 2)} | "
              f"{fmt(over, 2)} |")
    t = ms(res, "launch", "ppar")
    if t is not None:
        us = t * 1e3
        over = us - empty * 1e3 if empty else None
        print(f"\nppar warm call: {us:.2f} µs per call "
              f"({'meets' if us <= GOAL_LAUNCH_US else 'misses *'} ≤ "
              f"{GOAL_LAUNCH_US:g} µs as a whole call); above the empty "
              f"launch+sync: {fmt(over, 2)} µs "
              f"({'meets' if over is not None and over <= GOAL_LAUNCH_US else 'misses *'} "
              f"≤ {GOAL_LAUNCH_US:g} µs as host overhead). ppar/nvcc (same "
              f"kernel) = {ratio(ms(res, 'launch', 'nvcc'), t)}, ppar/CuPy = "
              f"{ratio(ms(res, 'launch', 'cupy'), t)}, ppar/Numba = "
              f"{ratio(ms(res, 'launch', 'numba'), t)}.")

    t, tc, tn = ms(res, "chain", "ppar"), ms(res, "chain", "cupy"), ms(res, "chain", "nvcc")
    if t is not None:
        us = t * 1e3
        print(f"\nppar asynchronous chain (1,000 calls on resident data, then "
              f"ppar_synchronize): {us:.2f} µs per call "
              f"({'meets' if us <= GOAL_CHAIN_US else 'misses *'} ≤ "
              f"{GOAL_CHAIN_US:g} µs); CuPy's asynchronous launches: "
              f"{fmt(tc * 1e3 if tc is not None else None, 2)} µs; nvcc's "
              f"asynchronous launches of the same kernel (the floor): "
              f"{fmt(tn * 1e3 if tn is not None else None, 2)} µs; the empty "
              f"launch+sync floor: {fmt(empty * 1e3 if empty else None, 2)} µs.")
    p = gbps(res, "ew_pinned", "ppar")
    if p is not None and h2d and d2h:
        i, o = IO["ew"]
        ref = (i + o) / (i / h2d + o / d2h)
        r = p / ref
        print(f"\nElementwise a*b+c on pinned host memory (ppar_host_alloc), "
              f"copies on every call: {fmt(p)} GB/s = {r:.2f} of pinned PCIe "
              f"({'meets' if r >= GOAL_PINNED else 'misses *'} ≥ "
              f"{GOAL_PINNED:.2f}); the same on malloc memory: "
              f"{fmt(gbps(res, 'ew_xfer', 'ppar'))} GB/s.")

    print("\nFirst call in a fresh process, ms (CUDA context already made): "
          "cold = empty disk cache, hit = the cache the cold run filled. "
          "ppar: `cache` functions (NVRTC); CuPy: an ElementwiseKernel "
          "(NVRTC, CUPY_CACHE_DIR); Numba: cuda.jit(cache=True) saxpy "
          "(NUMBA_CACHE_DIR).\n")
    print("| function | cold ms | hit ms | warm ms | cold/hit |")
    print("|---|---:|---:|---:|---:|")
    for fn in ("bump", "saxpy", "sum", "fma3_vec", "all4"):
        c = ms(res, "first_cold", "ppar", fn)
        h = ms(res, "first_hit", "ppar", fn)
        w = res.get(("first_hit", "ppar", fn), {}).get("warm_ms")
        label = "ppar, all four" if fn == "all4" else f"ppar `{fn}`"
        print(f"| {label} | {fmt(c)} | {fmt(h)} | {w or '—'} | {ratio(c, h)} |")
    for impl, name in (("cupy", "CuPy ElementwiseKernel a*b+c"),
                       ("numba", "Numba cuda.jit saxpy")):
        c, h = ms(res, "first_cold", impl), ms(res, "first_hit", impl)
        print(f"| {name} | {fmt(c)} | {fmt(h)} | — | {ratio(c, h)} |")
    hit = ms(res, "first_hit", "ppar", "bump")
    if hit is not None:
        print(f"\nFirst cache hit of the process (ppar `bump`): {hit:.3f} ms "
              f"({'meets' if hit <= GOAL_FIRST_HIT_MS else 'misses *'} ≤ "
              f"{GOAL_FIRST_HIT_MS:g} ms; the key no longer loads NVRTC).")
    pc, ph = ms(res, "first_cold", "ppar", "fma3_vec"), ms(res, "first_hit", "ppar", "fma3_vec")
    print(f"\nppar/CuPy (elementwise), cold: "
          f"{ratio(ms(res, 'first_cold', 'cupy'), pc)}, hit: "
          f"{ratio(ms(res, 'first_hit', 'cupy'), ph)}; ppar/Numba (saxpy), "
          f"cold: {ratio(ms(res, 'first_cold', 'numba'), ms(res, 'first_cold', 'ppar', 'saxpy'))}"
          f", hit: {ratio(ms(res, 'first_hit', 'numba'), ms(res, 'first_hit', 'ppar', 'saxpy'))}.")
    ctx = [ms(res, "context", "ppar")]
    if ctx[0] is not None:
        print(f"(ppar's CUDA context and first small copy: {ctx[0]:.1f} ms, "
              "not counted above.)")
    if verbose:
        lines = open(verbose, errors="replace").read().splitlines()
        comp = sum("kernel compiled in" in x for x in lines)
        hit = sum("loaded from cache" in x for x in lines)
        print(f"\nPPAR_VERBOSE of the two first-call runs: {comp} modules "
              f"compiled by NVRTC, {hit} loaded from the disk cache.")
        for x in lines:
            if "kernel compiled in" in x:
                print(f"    {x.strip()}")

    print("\nChecks against the CPU: " + (
        "all OK." if not fails else f"{len(fails)} FAILED:"))
    for f in fails:
        print(f"    {f}")
    for n in dict.fromkeys(notes):
        print(f"note: {n}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
