#!/usr/bin/env python3
"""Checks the promise "no annotation, clause or malformed pragma crashes
clang; each gets an error": puts one annotation (valid or junk, every
spelling) where no annotation may go (file scope before a variable, before a
statement that is not a for loop, inside a struct, inside an expression, at
EOF) and malformed ones where annotations go (before a function, before a
for loop in a jit(parallel) function), and reports each case that does not
give an error, or crashes.

    each_error.py [--seed N] [--n 300]
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import annotate  # noqa: E402

PLUGIN = "/work/main/build/lib/libppar.so"
INC = "/work/main/include"

VALID = [b"#pragma ppar jit(parallel)", b"#pragma ppar prange", b"#pragma ppar vectorize",
         b"#pragma ppar delayed(nogil)", b"PPAR_JIT(parallel) ", b"PPAR_PRANGE ",
         b"PPAR_VECTORIZE() ", b"PPAR_DELAYED(nogil) ", b'[[ppar::jit("parallel")]] ',
         b"[[ppar::prange]] ", b'__attribute__((ppar_jit("parallel"))) ',
         b'_Pragma("ppar jit(parallel)") ', b'_Pragma("ppar prange") ']

MALFORMED = [b"#pragma ppar", b"#pragma ppar jit(", b"#pragma ppar jit(parallel",
             b"#pragma ppar jit(parallel))", b"#pragma ppar jit(parallel,,)",
             b"#pragma ppar jit(paralel)", b"#pragma ppar jit(target=)",
             b"#pragma ppar jit(in(a[0:n]", b"#pragma ppar jit(in(q[0:n]))",
             b"#pragma ppar prange(x)", b"#pragma ppar jitt", b"#pragma ppar jit(\x01\xff)",
             b"#pragma ppar jit(parallel) extra", b'#pragma ppar jit("parallel")',
             b"#pragma ppar jit(parallel) \\\n  , nogil)", b"PPAR_JIT(paralel) ",
             b"PPAR_JIT(parallel, target=gpu) ", b"[[ppar::jit(parallel, nogil)]] ",
             b"[[ppar::jit(1)]] ", b'[[ppar::jit("paralel")]] ', b"[[jit]] ",
             b"__attribute__((ppar_jit(0))) ", b'__attribute__((ppar_jit("in(a[0:n]"))) ',
             b'_Pragma("ppar") ', b'_Pragma("ppar jit(")  ', b"[[ppar::prange(1)]] ",
             b'[[ppar::jit("' + b"(" * 300 + b'")]] ',
             b"#pragma ppar jit(parallel, in(a[0:" + b"(" * 3000 + b"n" + b")" * 3000 + b"]))",
             b"#pragma ppar jit(" + b"x" * 70000 + b")"]

TEMPLATE = b"""#include <ppar.h>
int g;
@FILE@
struct S { @STRUCT@ int x; };
@FN@
#pragma ppar jit(parallel)
void f(int *a, int n) {
  int t = @EXPR@ 1;
  @STMT@
  t += 1;
  @LOOP@
  for (int i = 0; i < n; i++)
    a[i] = t;
}
@EOF@"""

SLOTS = [b"@FILE@", b"@STRUCT@", b"@FN@", b"@EXPR@", b"@STMT@", b"@LOOP@", b"@EOF@"]
# Slots where no annotation belongs: anything there must be an error.
MISPLACED = {b"@FILE@", b"@STRUCT@", b"@EXPR@", b"@STMT@", b"@EOF@"}


def fill(slot, ann):
    t = TEMPLATE
    for s in SLOTS:
        if s == slot:
            a = ann
            if ann.startswith(b"#") and slot in (b"@EXPR@",):
                return None  # a directive cannot sit inside an expression
            if ann.startswith(b"#"):
                a = b"\n" + ann + b"\n"
            t = t.replace(s, a)
        else:
            t = t.replace(s, b"")
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.parse_args()
    d = tempfile.mkdtemp(dir="/tmp")
    bad, crashes, total = [], [], 0
    for group, anns in (("valid", VALID), ("malformed", MALFORMED)):
        for ann in anns:
            for slot in SLOTS:
                if group == "valid" and slot not in MISPLACED:
                    continue
                # the plain version of @FN@/@LOOP@ with valid annotations is fine
                src = fill(slot, ann)
                if src is None:
                    continue
                total += 1
                path = os.path.join(d, "case%d.c" % total)
                open(path, "wb").write(src)
                try:
                    p = subprocess.run(["clang-19", "-fplugin=" + PLUGIN, "-I" + INC, "-fsyntax-only",
                                        path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       timeout=60)
                    out = p.stdout.decode("utf-8", "replace")
                    rc = p.returncode
                except subprocess.TimeoutExpired:
                    crashes.append((slot, ann, "hang", path))
                    continue
                if rc < 0 or rc >= 128 or "PLEASE submit" in out or "Stack dump" in out:
                    crashes.append((slot, ann, rc, path))
                elif rc == 0 or "error:" not in out:
                    bad.append((group, slot, ann, path, out))
    print("cases:", total, " crashes/hangs:", len(crashes), " no error:", len(bad))
    for c in crashes:
        print("CRASH", c[0].decode(), c[1][:80], c[2], c[3])
    for g, slot, ann, path, out in bad:
        print("NO ERROR [%s] %s %r  (%s)" % (g, slot.decode(), ann[:70], path))
        w = [l for l in out.split("\n") if "warning:" in l]
        if w:
            print("      first warning:", w[0][:200])


if __name__ == "__main__":
    main()
