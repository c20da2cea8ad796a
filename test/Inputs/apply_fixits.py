#!/usr/bin/env python3
"""Applies clang's parseable fix-its to the files they name.

apply_fixits.py DIAGNOSTICS

DIAGNOSTICS is the output of a compile with -fdiagnostics-parseable-fixits.
Every `fix-it:"FILE":{L1:C1-L2:C2}:"TEXT"` line is applied to FILE, the
later places first, so that each edit's place is the one clang named. Unlike
-Xclang -fixit, this applies fix-its of notes too. Exit status 1 when there
is none.
"""
import re
import sys

FIXIT = re.compile(r'^fix-it:"(.*)":\{(\d+):(\d+)-(\d+):(\d+)\}:"(.*)"$')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def main():
    edits = {}
    with open(sys.argv[1]) as f:
        for line in f:
            m = FIXIT.match(line.rstrip("\n"))
            if m:
                path, l1, c1, l2, c2, text = m.groups()
                edits.setdefault(path, set()).add((int(l1), int(c1), int(l2), int(c2), unescape(text)))
    if not edits:
        sys.exit("no fix-it to apply")
    for path, fixes in edits.items():
        with open(path) as f:
            lines = f.read().split("\n")

        def offset(l, c):
            return sum(len(x) + 1 for x in lines[:l - 1]) + c - 1

        text = "\n".join(lines)
        for l1, c1, l2, c2, new in sorted(fixes, reverse=True):
            text = text[:offset(l1, c1)] + new + text[offset(l2, c2):]
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
