#!/usr/bin/env python3
"""Compile time of the plugin against plain clang on large csmith programs.

compile_time.py [--programs 300] [--largest 20] [--opt -O2] [--plugin LIB]

Generates csmith programs for seeds 1..PROGRAMS, keeps the LARGEST biggest,
annotates every function definition with `#pragma ppar jit(parallel)`, and
compiles each with plain clang and with the plugin (-c, user CPU time, best
of --reps). Prints one line per program and the median and worst ratio
(plugin / plain), the figure docs/benchmarks.md records.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from difftest import annotate  # noqa: E402  (the harness's annotator)


def cpu_time(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--programs", type=int, default=300)
    ap.add_argument("--largest", type=int, default=20)
    ap.add_argument("--opt", default="-O2")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib", "libppar.so"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--all", action="store_true",
                    help="parallelise every independent loop (min-work=0)")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ppar-ctime-")
    sizes = []
    for seed in range(1, args.programs + 1):
        path = os.path.join(work, f"c{seed}.c")
        subprocess.run(["csmith", "--seed", str(seed), "--no-argc", "-o", path],
                       check=True, stdout=subprocess.DEVNULL)
        sizes.append((os.path.getsize(path), seed))
    chosen = [seed for _, seed in sorted(sizes, reverse=True)[: args.largest]]
    flags = [args.opt, "-w", "-I/usr/include/csmith", "-I" + os.path.join(ROOT, "include"), "-c", "-o", "/dev/null"]
    # --all: every loop proven independent runs in parallel (no minimum of
    # iterations), the most code the plugin can emit for these programs.
    plugin_flags = ["-fplugin-arg-ppar-min-work=0"] if args.all else []
    ratios = []
    print(f"# {args.clang} {args.opt}, csmith seeds 1..{args.programs}, the {args.largest} largest"
          + (", min-work=0" if args.all else ""))
    print("seed\tplain_s\tplugin_s\tratio")
    for seed in chosen:
        plain = os.path.join(work, f"c{seed}.c")
        annotated = os.path.join(work, f"a{seed}.c")
        with open(plain) as f, open(annotated, "w") as g:
            g.write(annotate(f.read(), "#pragma ppar jit(parallel)", with_main=True)[0])
        t0 = min(cpu_time([args.clang, *flags, plain]) for _ in range(args.reps))
        t1 = min(cpu_time([args.clang, "-fplugin=" + args.plugin, *plugin_flags, *flags, annotated])
                 for _ in range(args.reps))
        ratios.append(t1 / t0)
        print(f"{seed}\t{t0:.2f}\t{t1:.2f}\t{t1 / t0:.2f}", flush=True)
    print(f"median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")


if __name__ == "__main__":
    sys.exit(main())
