#!/usr/bin/env python3
"""Runs a program many times and checks that its output never changes.

    same_bits.py PROGRAM [--runs N] [--threads T ...] [--across T1,T2,... --prefix P]

--threads T: N runs with PPAR_NUM_THREADS=T print the same text (floating-point
results printed with %a, so the same text is the same bits). --across: the
lines starting with P are the same on every listed thread count (the
reproducible mode). Prints one line per check; exits 1 at the first
difference, showing both outputs.
"""
import argparse
import os
import subprocess
import sys


def run(program, threads, extra_env):
    env = dict(os.environ, PPAR_NUM_THREADS=str(threads), **extra_env)
    r = subprocess.run([program], env=env, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        sys.exit(f"{program} with {threads} threads exited with {r.returncode}:\n{r.stderr}")
    return r.stdout


def differ(what, a, b):
    print(f"DIFFERENT: {what}\n--- first\n{a}--- then\n{b}", end="")
    sys.exit(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("program")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--threads", type=int, action="append", default=[])
    p.add_argument("--across", default="")
    p.add_argument("--prefix", default="")
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for every run")
    a = p.parse_args()
    env = dict(e.split("=", 1) for e in a.env)
    for t in a.threads:
        first = run(a.program, t, env)
        for i in range(1, a.runs):
            out = run(a.program, t, env)
            if out != first:
                differ(f"run {i + 1} of {a.runs} with {t} threads", first, out)
        print(f"{t} threads: {a.runs} runs, the same bits")
    if a.across:
        counts = [int(t) for t in a.across.split(",")]
        keep = lambda out: "".join(l + "\n" for l in out.splitlines() if l.startswith(a.prefix))
        first = keep(run(a.program, counts[0], env))
        if not first:
            sys.exit(f"no line starts with {a.prefix!r}")
        for t in counts[1:]:
            out = keep(run(a.program, t, env))
            if out != first:
                differ(f"'{a.prefix}' lines on {counts[0]} and {t} threads", first, out)
        print(f"'{a.prefix}' lines on {a.across} threads: the same bits")


if __name__ == "__main__":
    main()
