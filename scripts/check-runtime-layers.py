#!/usr/bin/env python3
"""Checks the layers of the runtime (runtime/, docs/runtime.md "Layers").

usage: check-runtime-layers.py [--graph] [RUNTIME_DIR]

With --graph it also prints the module graph, lowest modules first: each
module with the modules it includes (what docs/runtime.md shows).

Rules, each failure printed as one line "file: message":
  - api_*.c define only users' ppar_* functions (marked PPAR_API) and
    abi_*.c only the plugin's __ppar_rt_* entry points (marked PPAR_ABI),
    besides static helpers; no other file defines an exported name
    (ppar_*, __ppar_rt_*, or anything marked PPAR_API / PPAR_ABI).
  - No file has a header of the api/abi layers: an api or abi file is a leaf
    that nothing includes.
  - Internal files never call a ppar_* or __ppar_rt_* function: a lower layer
    does not call an upper one (they call the internal function that the
    api/abi file wraps).
  - An internal header X.h declares the functions of X.c and no others, and
    every function X.c exports is declared in X.h: a module's header is its
    whole interface.
  - A module is X.c with its header X.h. Module X depends on module Y when
    X.c or X.h includes "Y.h"; these dependencies form no cycle.
Exit status 0 when every rule holds, 1 otherwise.
"""
import os
import re
import sys

# Headers that are interfaces rather than modules: the ABI the plugin emits
# calls to, and the visibility marks.
INTERFACES = {"ppar_rt_abi", "visibility"}
EXPORTED = re.compile(r"^(ppar_|__ppar_rt_)")


def strip(text):
    """Text without comments, string and character literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_preprocessor(text):
    lines, skip = [], False
    for line in text.split("\n"):
        if skip or line.lstrip().startswith("#"):
            skip = line.rstrip().endswith("\\")
            lines.append("")
        else:
            lines.append(line)
    return "\n".join(lines)


def drop_attributes(text):
    """Removes __attribute__((...)) with balanced parentheses."""
    out, i = [], 0
    while True:
        j = text.find("__attribute__", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        k = text.find("(", j)
        depth = 0
        while k < len(text):
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            k += 1
            if depth == 0:
                break
        i = k


def function_head(text):
    """(name, words before it) when text is the head of a function
    declaration or definition, else None."""
    head = drop_attributes(text).strip()
    m = re.search(r"([A-Za-z_]\w*)\s*\(", head)
    if not m or "=" in head or re.match(r"^(typedef|struct|union|enum)\b[^(]*$",
                                        head) or head.startswith("typedef"):
        return None
    return m.group(1), set(re.findall(r"\w+", head[:m.start()]))


def functions(code):
    """([(name, is_static, words)] defined, [(name, is_static)] declared) at
    file scope."""
    defined, declared, depth, start = [], [], 0, 0
    for i, c in enumerate(code):
        if c == "{":
            if depth == 0:
                f = function_head(code[start:i])
                if f:
                    defined.append((f[0], "static" in f[1], f[1]))
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                start = i + 1
        elif c == ";" and depth == 0:
            f = function_head(code[start:i])
            if f:
                declared.append((f[0], "static" in f[1]))
            start = i + 1
    return defined, declared


def calls(code):
    return set(re.findall(r"\b((?:ppar_|__ppar_rt_)\w+)\s*\(", code))


def find_cycle(graph):
    """A list of modules forming a cycle, or None."""
    state, stack = {}, []

    def visit(x):
        state[x] = 1
        stack.append(x)
        for y in sorted(graph.get(x, ())):
            if state.get(y) == 1:
                return stack[stack.index(y):] + [y]
            if not state.get(y):
                cycle = visit(y)
                if cycle:
                    return cycle
        stack.pop()
        state[x] = 2
        return None

    for x in sorted(graph):
        if not state.get(x):
            cycle = visit(x)
            if cycle:
                return cycle
    return None


def levels(graph):
    """Each module's level: 0 for a module that includes none, else one more
    than the highest level among those it includes (graph has no cycle)."""
    level = {}

    def of(x):
        if x not in level:
            level[x] = 1 + max((of(y) for y in graph[x]), default=-1)
        return level[x]

    for x in graph:
        of(x)
    return level


def main(argv):
    show = "--graph" in argv[1:]
    argv = [a for a in argv if a != "--graph"]
    root = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "runtime")
    files = sorted(f for f in os.listdir(root) if f.endswith((".c", ".h")))
    headers = {f for f in files if f.endswith(".h")}
    errors, graph, defs, decls = [], {}, {}, {}
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8") as fh:
            raw = fh.read()
        module = f[:-2]
        layer = module.split("_")[0] if module.startswith(("api_", "abi_")) else ""
        graph.setdefault(module, set())
        if f.endswith(".h") and layer:
            errors.append(f"{f}: the {layer} layer has no headers: an {layer} "
                          "file is a leaf that nothing includes")
        for inc in re.findall(r'^\s*#\s*include\s+"([^"]+)"', raw, re.M):
            if inc not in headers:
                continue  # ppar.h, system headers
            if inc.startswith(("api_", "abi_")):
                errors.append(f'{f}: includes "{inc}": nothing includes the '
                              "api/abi layers")
            if inc[:-2] != module:
                graph[module].add(inc[:-2])
        code = without_preprocessor(strip(raw))
        defined, declared = functions(code)
        if f.endswith(".h"):
            decls[module] = {n for n, static in declared if not static}
            continue
        defs[module] = {n for n, static, _ in defined if not static}
        for name, static, words in defined:
            if static:
                continue
            exported = EXPORTED.match(name) or words & {"PPAR_API", "PPAR_ABI"}
            if layer == "api":
                if not name.startswith("ppar_") or "PPAR_API" not in words:
                    errors.append(f"{f}: defines {name}: an api_*.c file "
                                  "defines only PPAR_API ppar_* functions "
                                  "(move it to an internal file, or make it "
                                  "static)")
            elif layer == "abi":
                if not name.startswith("__ppar_rt_") or "PPAR_ABI" not in words:
                    errors.append(f"{f}: defines {name}: an abi_*.c file "
                                  "defines only PPAR_ABI __ppar_rt_* entry "
                                  "points (move it to an internal file, or "
                                  "make it static)")
            elif exported:
                errors.append(f"{f}: defines the exported name {name}: "
                              "ppar_* belongs in an api_*.c file, __ppar_rt_* "
                              "in an abi_*.c file")
        if not layer:
            for name in sorted(calls(code) - {d[0] for d in defined}):
                errors.append(f"{f}: calls {name}: internal code calls the "
                              "internal function behind it, not the api/abi "
                              "layer")
    for module, names in sorted(decls.items()):
        if module in INTERFACES:
            continue
        for name in sorted(names - defs.get(module, set())):
            errors.append(f"{module}.h: declares {name}, which {module}.c "
                          "does not define: a header declares its own "
                          "module's functions only")
    for module, names in sorted(defs.items()):
        if module.startswith(("api_", "abi_")):
            continue
        for name in sorted(names - decls.get(module, set())):
            errors.append(f"{module}.c: defines {name} but {module}.h does "
                          "not declare it: a module's header declares what "
                          "it exports")
    cycle = find_cycle(graph)
    if cycle:
        errors.append("include cycle between modules (X.c and X.h): " +
                      " -> ".join(cycle))
    for e in errors:
        print(e)
    if errors:
        print(f"check-runtime-layers: {len(errors)} problem(s) in {root}")
        return 1
    if show:
        level = levels(graph)
        for x in sorted(graph, key=lambda m: (level[m], m)):
            deps = ", ".join(sorted(graph[x])) or "-"
            print(f"  {level[x]:2} {x}: {deps}")
    print(f"check-runtime-layers: {len(files)} files, "
          f"{len(graph)} modules, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
