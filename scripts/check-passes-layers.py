#!/usr/bin/env python3
"""Checks that passes/ keeps its shape (docs/architecture.md):

1. Layers. A file includes headers of its own layer or of lower ones only:
       support < annotations < analysis < plan < emit < Driver < directives
   so analyses never depend on a target and plans never print text.
2. Runtime calls. The names of the runtime's ABI (`__ppar_rt_*`,
   `__PPAR_RT_*`) appear in string literals only in emit/abi/, the one typed
   builder per entry point. Comments may name them.
3. Size. No file over 600 lines, except those listed in ONE_JOB with the
   reason they are one job.

Usage: check-passes-layers.py [PASSES_DIR]; prints each violation as
`file:line: message` and exits 1 if there is any.
"""

import os
import re
import sys

LAYERS = ["support", "annotations", "analysis", "plan", "emit", "Driver", "directives"]
MAX_LINES = 600
# Files longer than MAX_LINES that do one job, with the job.
ONE_JOB = {
    "annotations/AnnotationParser.cpp": "the grammar of the annotation language and its diagnostics",
    "emit/cuda/KernelText.cpp": "C statements printed as CUDA C++ for NVRTC",
}
# Files whose string literals are CUDA source for NVRTC, not calls of the
# runtime: their comments may name the runtime's structures.
CUDA_SOURCE = {"emit/cuda/KernelText.cpp"}
ABI_NAME = re.compile(r"__ppar_rt_|__PPAR_RT_")


def layer_of(rel):
    top = rel.split("/")[0]
    if top in ("Driver.h", "Driver.cpp", "Directives.def"):
        return "Driver" if top != "Directives.def" else "annotations"
    return top if top in LAYERS else None


def string_literals(text):
    """(line, contents) of each string literal of C++ text, comments skipped."""
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            if not m:
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i)
            end = n if end < 0 else end
            yield line, text[i + m.end():end]
            line += text.count("\n", i, end)
            i = end + len(m.group(1)) + 2
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            yield line, text[i + 1:j]
            i = j + 1
        else:
            i += 1


def check(root):
    problems = []
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith((".h", ".cpp", ".def")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path) as f:
                text = f.read()
            mine = layer_of(rel)
            for no, ln in enumerate(text.splitlines(), 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', ln)
                if not m or mine is None:
                    continue
                dep = layer_of(m.group(1))
                if dep is not None and LAYERS.index(dep) > LAYERS.index(mine):
                    problems.append(f"{rel}:{no}: the {mine} layer includes "
                                    f"'{m.group(1)}' of the higher {dep} layer")
            if not rel.startswith("emit/abi/") and rel not in CUDA_SOURCE:
                for no, s in string_literals(text):
                    if ABI_NAME.search(s):
                        problems.append(f"{rel}:{no}: runtime name in a string literal "
                                        f"(\"{s[:40]}...\"); use a builder of emit/abi/")
            count = text.count("\n")
            if count > MAX_LINES and rel not in ONE_JOB:
                problems.append(f"{rel}:1: {count} lines, over {MAX_LINES}: split it by job")
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "passes")
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in the shape of passes/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
