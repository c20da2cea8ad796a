#!/usr/bin/env python3
"""same_code.py - do ppar's parallel loops compile to hand-written OpenMP's code?

    python3 same_code.py kernels_ppar.o kernels_omp.o [objdump]

Disassembles both objects and compares, kernel by kernel, the functions that
clang outlines for the `omp parallel for` loops (ppar's variant of `triad`
against the hand-written `triad`, and so on), with addresses and symbol names
masked. Prints one line per kernel: identical, or how many instructions
differ. A difference is where a timing difference between ppar and OpenMP
can come from; identical code leaves only the dispatch at the call (one
runtime call) and measurement noise.
"""
import difflib
import re
import shutil
import subprocess
import sys

KERNELS = ["triad", "dot", "matmul", "jacobi", "tanh_trace", "sinacosb", "jacobi_flat", "heat2d"]


def functions(objdump, path):
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", "--no-leading-addr", path],
                          check=True, capture_output=True, text=True).stdout
    out, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^<(.+)>:$", line.strip())
        if m:
            cur = m.group(1)
            out[cur] = []
        elif cur and line.strip():
            ins = re.sub(r"<[^>]*>", "<sym>", line.strip())
            out[cur].append(re.sub(r"0x[0-9a-f]+", "IMM", ins))
    return out


def outlined(funcs, kernel, ppar):
    names = []
    for name in funcs:
        if ".omp_outlined" not in name or "reduction" in name or "check" in name:
            continue
        base = name.split(".omp_outlined")[0]
        if ppar:
            ok = base in (f"__ppar_cpu_{kernel}", f"{kernel}__ppar_cpu", f"{kernel}_vec")
        else:
            ok = base == kernel
        if ok:
            names.append(name)
    return names


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    objdump = argv[2] if len(argv) > 2 else (shutil.which("llvm-objdump-19") or
                                              shutil.which("llvm-objdump") or
                                              shutil.which("objdump"))
    if not objdump:
        print("same_code.py: no objdump found; skipped")
        return 0
    p, o = functions(objdump, argv[0]), functions(objdump, argv[1])
    for k in KERNELS:
        pn, on = outlined(p, k, True), outlined(o, k, False)
        if not pn or len(pn) != len(on):
            print(f"{k}: cannot pair the outlined loops (ppar {pn}, OpenMP {on})")
            continue
        diffs = []
        for a, b in zip(pn, on):
            d = [l for l in difflib.unified_diff(p[a], o[b], lineterm="", n=0)
                 if l[:1] in "+-" and not l.startswith(("---", "+++"))]
            diffs.append((len(p[a]), len(d)))
        total = sum(n for n, _ in diffs)
        changed = sum(d for _, d in diffs)
        loops = f"{len(diffs)} parallel loop{'s' if len(diffs) > 1 else ''}, {total} instructions"
        print(f"{k}: {loops}: " +
              ("identical to hand-written OpenMP" if changed == 0
               else f"{changed} instruction lines differ from hand-written OpenMP"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
