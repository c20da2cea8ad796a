#!/usr/bin/env python3
"""Differential oracle of the run tests.

check_run.py REFERENCE PROGRAM [--rtol R] [--threads 1,2,4] [-- ARGS...]

Runs REFERENCE (the same program built without the plugin) once, then
PROGRAM (built with the plugin) with PPAR_NUM_THREADS set to each thread
count, once with PPAR_DISABLE_JIT=1 and once with PPAR_CHECK=1, and compares every output with the
reference's: the same words in order, numbers within a relative tolerance
(floating-point reductions may be reassociated). Exit status 1 on the first
difference, naming the run, the line and both values.
"""
import argparse
import math
import os
import re
import subprocess
import sys

NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|nan)$")


def run(cmd, env_extra):
    env = dict(os.environ)
    env.update(env_extra)
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} with {env_extra} exited {p.returncode}\n{p.stderr}")
    return p.stdout


def same(a, b, rtol):
    if a == b:
        return True
    if NUMBER.match(a) and NUMBER.match(b):
        x, y = float(a), float(b)
        if math.isnan(x) and math.isnan(y):
            return True
        return abs(x - y) <= rtol * max(abs(x), abs(y), 1e-300)
    return False


def compare(expected, actual, rtol, label):
    el, al = expected.splitlines(), actual.splitlines()
    if len(el) != len(al):
        sys.exit(f"FAIL ({label}): {len(al)} lines of output, expected {len(el)}")
    for n, (e, a) in enumerate(zip(el, al), 1):
        ew, aw = e.split(), a.split()
        if len(ew) != len(aw) or not all(same(x, y, rtol) for x, y in zip(ew, aw)):
            sys.exit(f"FAIL ({label}): line {n} differs\n  expected: {e}\n  actual:   {a}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reference")
    ap.add_argument("program")
    ap.add_argument("--rtol", type=float, default=0.0)
    ap.add_argument("--threads", default="1,2,4")
    ap.add_argument("args", nargs="*")
    o = ap.parse_args()
    expected = run([o.reference] + o.args, {})
    if not expected.strip():
        sys.exit("FAIL: the reference printed nothing; a run test must print its results")
    runs = [({"PPAR_NUM_THREADS": t}, f"PPAR_NUM_THREADS={t}") for t in o.threads.split(",")]
    runs.append(({"PPAR_DISABLE_JIT": "1"}, "PPAR_DISABLE_JIT=1"))
    # PPAR_CHECK runs each parallel loop serially too and exits non-zero on
    # a difference: a correct program passes it with the same output.
    runs.append(({"PPAR_CHECK": "1", "PPAR_NUM_THREADS": "2"}, "PPAR_CHECK=1"))
    for env, label in runs:
        compare(expected, run([o.program] + o.args, env), o.rtol, label)
    print(f"same output in {len(runs)} runs")


if __name__ == "__main__":
    main()
