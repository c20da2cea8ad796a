#!/usr/bin/env python3
"""Line-deletion reducer (ddmin-style chunks, then single lines).

    reduce.py FILE.c TEST.sh [-o OUT.c]

TEST.sh gets the candidate file's path as $1 and exits 0 when the candidate
still shows the problem. Example TEST.sh for a plugin-induced error:

    #!/bin/sh
    clang-19 -w -I/work/main/include -fsyntax-only "$1" >/dev/null 2>&1 || exit 1
    clang-19 -w -fplugin=/work/main/build/lib/libppar.so -I/work/main/include \
        -fsyntax-only "$1" 2>&1 | grep -q "conflicting types"
"""
import argparse
import os
import shutil
import subprocess
import tempfile


def interesting(test, lines, path):
    with open(path, "w", encoding="latin-1") as f:
        f.write("".join(lines))
    try:
        return subprocess.run(["sh", test, path], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=120).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def reduce(lines, test, path):
    n = 2
    while len(lines) >= 2:
        chunk = max(1, len(lines) // n)
        removed = False
        for start in range(0, len(lines), chunk):
            cand = lines[:start] + lines[start + chunk:]
            if cand and interesting(test, cand, path):
                lines, removed = cand, True
                n = max(n - 1, 2)
                break
        if not removed:
            if chunk == 1:
                break
            n = min(len(lines), n * 2)
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("test")
    ap.add_argument("-o", "--out")
    a = ap.parse_args()
    lines = open(a.file, encoding="latin-1").readlines()
    d = tempfile.mkdtemp(dir="/tmp")
    path = os.path.join(d, os.path.basename(a.file))
    if not interesting(a.test, lines, path):
        raise SystemExit("the input is not interesting to start with")
    lines = reduce(lines, a.test, path)
    out = a.out or a.file + ".reduced.c"
    with open(out, "w", encoding="latin-1") as f:
        f.write("".join(lines))
    shutil.rmtree(d)
    print("%s: %d lines" % (out, len(lines)))


if __name__ == "__main__":
    main()
