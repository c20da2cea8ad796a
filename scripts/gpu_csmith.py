#!/usr/bin/env python3
"""csmith programs with every function `jit(parallel, target=cuda)`, on a GPU.

gpu_csmith.py build OUT --seeds 1..60 [--build build]   here (clang-19, csmith)
gpu_csmith.py run OUT                                    on the GPU machine

`build` generates each seed as scripts/difftest.py does, builds its cuda
variant with the plugin, and runs the plain build here for the expected
output; seeds whose plain build fails or runs past 10 s, or whose plugin
build generates no kernel, are left out, and so is a seed whose plugin
build fails: a line says why (the plugin's first error; the differential
harness, scripts/difftest.sh, is where such a rejection is judged). `run` runs each program on the GPU
(functions without a GPU version fall back to the CPU, as they may), with a
trace, and checks its output, counting the programs whose kernels ran (some
sit on paths a program never takes). Last line: "N passed, M failed; K of
the passed ran kernels". Part of scripts/gpu-suite.sh.
"""
import glob
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def one(base, seed, flags, lib, difftest):
    """Builds seed's program at base; True when it has kernels to run."""
    out = os.path.dirname(base)
    subprocess.run(["csmith", "--seed", str(seed), "-o", base + ".c", *difftest.CSMITH_OPTIONS],
                   check=True, stdout=subprocess.DEVNULL, cwd=out)
    if subprocess.run(["clang-19", *flags, base + ".c", "-o", base + ".plain"]).returncode:
        return False
    try:
        ref = subprocess.run([base + ".plain", "1"], capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        return False
    if ref.returncode != 0:
        return False
    with open(base + ".c") as f:
        text, _ = difftest.annotate(f.read(), "#pragma ppar jit(parallel, target=cuda)", True)
    with open(base + ".cuda.c", "w") as f:
        f.write(text)
    emit = base + ".emit"
    p = subprocess.run(["clang-19", "-fplugin=" + os.path.join(lib, "libppar.so"), *flags,
                        "-fplugin-arg-ppar-emit=" + emit, base + ".cuda.c", "-o", base,
                        "-L" + lib, "-lppar_rt", "-Wl,-rpath,$ORIGIN", "-fopenmp",
                        "-L/usr/lib/llvm-19/lib"], capture_output=True)
    if p.returncode:
        errors = [l for l in p.stderr.decode(errors="replace").splitlines() if "error" in l]
        print(f"gpu_csmith: seed {seed} left out: the plugin build failed: "
              f"{(errors or ['exit status %d' % p.returncode])[0][:300]}")
    if p.returncode or not glob.glob(os.path.join(emit, "*.cu")):
        if os.path.exists(base):
            os.remove(base)
        return False
    with open(base + ".expected", "wb") as f:
        f.write(ref.stdout)
    return True


def build(out, seeds, build_dir):
    out = os.path.abspath(out)
    sys.path.insert(0, HERE)
    import difftest
    root = os.path.dirname(HERE)
    lib = os.path.abspath(os.path.join(build_dir, "lib"))
    flags = ["-O1", "-w", "-I" + os.path.join(root, "include"), "-I/usr/include/csmith"]
    os.makedirs(out, exist_ok=True)
    kept = []
    for seed in difftest.parse_seeds(seeds):
        base = os.path.join(out, f"s{seed}")
        try:
            if one(base, seed, flags, lib, difftest):
                kept.append(seed)
        finally:
            shutil.rmtree(base + ".emit", ignore_errors=True)
            for f in [base + ".c", base + ".cuda.c", base + ".plain"]:
                if os.path.exists(f):
                    os.remove(f)
    with open(os.path.join(out, "seeds.json"), "w") as f:
        json.dump(kept, f)
    print(f"gpu_csmith: {len(kept)} programs with kernels in {out}")


def run(out):
    with open(os.path.join(out, "seeds.json")) as f:
        seeds = json.load(f)
    passed = failed = ran = 0
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.abspath(out) + ":" +
               os.environ.get("LD_LIBRARY_PATH", ""))
    for seed in seeds:
        prog = os.path.join(out, f"s{seed}")
        trace = prog + ".trace.json"
        with open(prog + ".expected", "rb") as f:
            expected = f.read()
        why = ""
        try:
            p = subprocess.run([prog, "1"], capture_output=True, timeout=60,
                               env=dict(env, PPAR_TRACE=trace, PPAR_NUM_THREADS="4"))
            kernels = open(trace).read().count('"kernel') if os.path.exists(trace) else 0
            if p.returncode != 0:
                why = f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}"
            elif p.stdout != expected:
                why = "output differs from the serial build's"
        except subprocess.TimeoutExpired:
            why, kernels = "timeout", 0
        if why:
            failed += 1
            print(f"FAIL: csmith seed {seed}: {why}")
        else:
            # A program whose kernels sit on paths it never takes runs none.
            passed += 1
            ran += kernels > 0
            print(f"PASS: csmith seed {seed} ({kernels} kernel events)")
    print(f"{passed} passed, {failed} failed; {ran} of the passed ran kernels")
    return failed == 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "build":
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("cmd")
        ap.add_argument("out")
        ap.add_argument("--seeds", default="1..60")
        ap.add_argument("--build", default="build")
        a = ap.parse_args()
        build(a.out, a.seeds, a.build)
    elif len(sys.argv) == 3 and sys.argv[1] == "run":
        sys.exit(0 if run(sys.argv[2]) else 1)
    else:
        sys.exit(__doc__)
