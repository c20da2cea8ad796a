#!/usr/bin/env python3
"""Make annotated (and mis-annotated) copies of C files to stress the ppar plugin.

    annotate.py [--out DIR] [--seed N] [--junk K] [--clang clang-19] FILE.c...

For each FILE.c, writes DIR/<stem>-<hash>--<variant>.c and appends one JSON line
per copy to DIR/manifest.jsonl ({"out", "src", "variant"}). Every copy starts
with `#include <ppar.h>`.

Variants:
  pragma   #pragma ppar jit(parallel) before every top-level function
           definition, #pragma ppar prange before every `for`
  macro    PPAR_JIT(parallel) / PPAR_PRANGE
  attr     [[ppar::jit("parallel")]] / [[ppar::prange]]
  gnu      __attribute__((ppar_jit("parallel"))) / random prange spelling
  mixed    random directive (jit, vectorize, delayed, with random options and
           data clauses naming real parameters) in a random spelling
  loops    prange on every `for`, no function annotation
  junkN    random junk: truncated pragmas, random option words, unbalanced
           parens, random bytes inside the option list, pragmas at random
           lines, inside struct definitions, `_Pragma` inside expressions,
           attributes on statements/fields/parameters, a pragma at EOF.

Function definitions and loops are found with `clang -Xclang -ast-dump=json`
(locations resolved in document order, since the JSON dumper writes a file
name only when it changes); a regex heuristic is the fallback when clang
gives no AST.
"""

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys

PRANGE_SPELLINGS = ["pragma", "macro", "attr"]
FN_SPELLINGS = ["pragma", "macro", "attr", "gnu"]


# --------------------------------------------------------------------------
# Finding functions and loops


class Loc:
    __slots__ = ("file", "offset", "line", "col")

    def __init__(self, file, offset, line, col):
        self.file, self.offset, self.line, self.col = file, offset, line, col


class Walker:
    """Walks the JSON AST in document order, resolving every bare location."""

    def __init__(self):
        self.cur_file = None
        self.cur_line = None

    def bare(self, d):
        if "file" in d:
            self.cur_file = d["file"]
        if "line" in d:
            self.cur_line = d["line"]
        return Loc(self.cur_file, d.get("offset"), self.cur_line, d.get("col"))

    def loc(self, d):
        """A loc object: returns (spelling, expansion) Locs."""
        if not d:
            return None, None
        if "spellingLoc" in d or "expansionLoc" in d:
            sp = self.bare(d["spellingLoc"]) if "spellingLoc" in d else None
            ex = self.bare(d["expansionLoc"]) if "expansionLoc" in d else None
            return sp, ex
        if "offset" in d:
            l = self.bare(d)
            return l, l
        return None, None


def ast_info(path, clang, extra):
    """Returns dict with functions, loops, records, stmts, params (offsets in path)."""
    cmd = [clang, "-Xclang", "-ast-dump=json", "-fsyntax-only", "-w",
           "-ferror-limit=0", "-I" + os.path.dirname(os.path.abspath(path))] + extra + [path]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=120)
        root = json.loads(p.stdout)
    except Exception:
        return None
    main = path
    W = Walker()
    info = {"functions": [], "loops": [], "records": [], "stmts": [], "exprs": [],
            "topdecls": []}

    def in_main(l):
        return l is not None and l.file == main and l.offset is not None

    def visit(node, depth, parent_kind, top):
        if not isinstance(node, dict):
            return
        kind = node.get("kind")
        lsp, lex = W.loc(node.get("loc"))
        rng = node.get("range") or {}
        bsp, bex = W.loc(rng.get("begin"))
        esp, eex = W.loc(rng.get("end"))
        # 'inner' last: the dumper writes it after loc/range.
        if kind == "FunctionDecl" and top:
            body = any(isinstance(c, dict) and c.get("kind") == "CompoundStmt"
                       for c in node.get("inner", []))
            params = [(c.get("name"), c.get("type", {}).get("qualType", ""))
                      for c in node.get("inner", [])
                      if isinstance(c, dict) and c.get("kind") == "ParmVarDecl"]
            if body and in_main(bex):
                qt = node.get("type", {}).get("qualType", "")
                info["functions"].append({
                    "eligible": ("..." not in qt and not qt.rstrip().endswith("()")
                                 and all(n for n, _ in params)
                                 and not qt.startswith("(") ),
                    "name": node.get("name"), "begin": bex.offset,
                    "macro": bsp is not bex, "params": params,
                    "variadic": "..." in node.get("type", {}).get("qualType", "")})
        if top and in_main(bex) and not node.get("isImplicit"):
            info["topdecls"].append(bex.offset)
        if kind == "ForStmt" and bex is not None:
            info["loops"].append({
                "sp": (bsp.file, bsp.offset) if bsp else None,
                "ex": (bex.file, bex.offset),
                "macro": bsp is not bex,
                "canonical": canonical_for(node)})
        if kind == "RecordDecl" and node.get("completeDefinition") and in_main(bex) \
                and bsp is bex:
            info["records"].append(bex.offset)
        if parent_kind == "CompoundStmt" and bex is not None and bsp is bex and in_main(bex):
            info["stmts"].append(bex.offset)
        if kind in ("BinaryOperator",) and node.get("opcode") == "=" and in_main(bex) \
                and bsp is bex:
            inner = node.get("inner", [])
            info["exprs"].append(("assign", bex.offset))
        for c in node.get("inner", []) or []:
            visit(c, depth + 1, kind, kind == "TranslationUnitDecl")

    visit(root, 0, None, False)
    # loops: keep those whose expansion or spelling is in the main file
    loops = []
    for L in info["loops"]:
        ex_main = L["ex"][0] == main
        sp_main = L["sp"] is not None and L["sp"][0] == main
        if not (ex_main or sp_main):
            continue
        loops.append(L)
    info["loops"] = loops
    return info


def _kinds(node):
    if isinstance(node, dict):
        yield node
        for c in node.get("inner", []) or []:
            yield from _kinds(c)


def _exits(node, depth=0):
    """return/goto anywhere, or a break not inside a nested loop/switch."""
    if not isinstance(node, dict):
        return False
    k = node.get("kind")
    if k in ("ReturnStmt", "GotoStmt", "IndirectGotoStmt", "LabelStmt"):
        return True
    if k == "BreakStmt" and depth == 0:
        return True
    nested = k in ("ForStmt", "WhileStmt", "DoStmt", "SwitchStmt")
    return any(_exits(c, depth + nested) for c in node.get("inner", []) or [])


def canonical_for(node):
    """The loop looks like `for (i = lo; i < hi; i++)` with no early exit."""
    inner = node.get("inner", []) or []
    if len(inner) != 5:
        return False
    init, _, cond, inc, body = inner
    ik = init.get("kind") if isinstance(init, dict) else None
    if ik == "DeclStmt":
        vs = init.get("inner", [])
        if len(vs) != 1 or not vs[0].get("inner"):
            return False
        t = vs[0].get("type", {}).get("qualType", "")
    elif ik == "BinaryOperator" and init.get("opcode") == "=":
        t = init.get("type", {}).get("qualType", "")
    else:
        return False
    if "*" in t or "[" in t or t in ("_Bool", "bool", "float", "double", "long double"):
        return False
    if not (isinstance(cond, dict) and cond.get("kind") == "BinaryOperator"
            and cond.get("opcode") in ("<", "<=", ">", ">=", "!=")):
        return False
    if not isinstance(inc, dict):
        return False
    if not ((inc.get("kind") == "UnaryOperator" and inc.get("opcode") in ("++", "--"))
            or (inc.get("kind") == "CompoundAssignOperator" and inc.get("opcode") in ("+=", "-="))):
        return False
    if any(n.get("kind") == "CallExpr" for n in _kinds(cond)):
        return False
    return not _exits(body)


FN_RE = re.compile(rb"^[A-Za-z_][\w \t\*\(\),\[\]]*\)\s*\{", re.M)
FOR_RE = re.compile(rb"\bfor\s*\(")


def heuristic_info(text):
    """Fallback: lines that look like a function definition header at column
    0, and every `for (`."""
    info = {"functions": [], "loops": [], "records": [], "stmts": [], "exprs": [],
            "topdecls": []}
    for m in FN_RE.finditer(text):
        if m.group(0).split()[0] in (b"if", b"while", b"for", b"switch", b"else",
                                     b"return", b"do"):
            continue
        info["functions"].append({"name": None, "begin": m.start(), "macro": False, "eligible": True,
                                  "params": [], "variadic": False})
    for m in FOR_RE.finditer(text):
        info["loops"].append({"sp": ("<main>", m.start()), "ex": ("<main>", m.start()),
                              "macro": False, "heur": True, "canonical": True})
    return info


# --------------------------------------------------------------------------
# Text helpers


def directive_spans(text):
    """(start, end) byte spans of preprocessor directives, with continuations."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        j = text.find(b"\n", i)
        if j < 0:
            j = n
        line_start = i
        k = i
        while k < j and text[k:k + 1] in (b" ", b"\t"):
            k += 1
        if k < j and text[k:k + 1] == b"#":
            end = j
            while end > line_start and text[end - 1:end] in (b"\r",):
                end -= 1
            while end < n and end > 0 and text[end - 1:end] == b"\\":
                nxt = text.find(b"\n", j + 1)
                if nxt < 0:
                    nxt = n
                j = nxt
                end = nxt
                while end > 0 and text[end - 1:end] == b"\r":
                    end -= 1
            spans.append((line_start, j))
        i = j + 1
    return spans


def in_spans(spans, off):
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] < off:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= off <= spans[lo][1]


def safe_line_starts(text):
    """Offsets of line starts where a new directive line can go: the previous
    line does not end in a backslash."""
    out = [0]
    for m in re.finditer(rb"\n", text):
        pos = m.end()
        prev = text[:m.start()].rstrip(b"\r")
        if prev.endswith(b"\\"):
            continue
        out.append(pos)
    return out


def at_line_start(text, off):
    k = off
    while k > 0 and text[k - 1:k] in (b" ", b"\t"):
        k -= 1
    return k == 0 or text[k - 1:k] == b"\n"


def apply_inserts(text, inserts):
    """inserts: list of (offset, bytes, order). Stable for equal offsets."""
    inserts = sorted(enumerate(inserts), key=lambda t: (t[1][0], t[0]))
    out, last = [], 0
    for _, (off, s) in inserts:
        off = max(0, min(off, len(text)))
        out.append(text[last:off])
        out.append(s)
        last = off
    out.append(text[last:])
    return b"".join(out)


# --------------------------------------------------------------------------
# Annotation text


def fn_annotation(spelling, directive="jit", options="parallel"):
    if spelling == "pragma":
        return ("line", "#pragma ppar %s(%s)" % (directive, options) if options is not None
                else "#pragma ppar %s" % directive)
    if spelling == "macro":
        return ("inline", "PPAR_%s(%s) " % (directive.upper(), options or ""))
    if spelling == "attr":
        return ("inline", '[[ppar::%s("%s")]] ' % (directive, (options or "").replace('"', '\\"')))
    if spelling == "gnu":
        return ("inline", '__attribute__((ppar_%s("%s"))) ' % (directive, (options or "").replace('"', '\\"')))
    raise ValueError(spelling)


def prange_annotation(spelling):
    if spelling == "pragma":
        return ("line", "#pragma ppar prange")
    if spelling == "macro":
        return ("inline", "PPAR_PRANGE ")
    if spelling == "attr":
        return ("inline", "[[ppar::prange]] ")
    if spelling == "pragma_op":
        return ("inline", '_Pragma("ppar prange") ')
    raise ValueError(spelling)


def placed(text, spans, off, ann):
    """Turns an annotation into bytes to insert at off."""
    how, s = ann
    if how == "line":
        if in_spans(spans, off):
            # inside a #define: a directive cannot go here
            m = re.match(r"#pragma (.*)$", s)
            return ('_Pragma("%s") ' % m.group(1).replace("\\", "\\\\").replace('"', '\\"')).encode()
        pre = b"" if at_line_start(text, off) else b"\n"
        return pre + s.encode() + b"\n"
    return s.encode()


def random_options(rng, fn, directive):
    opts = []
    if directive == "jit":
        pool = ["parallel", "nogil", "cache", "fastmath", "target=cpu", "target=cuda",
                "target=auto"]
    elif directive == "vectorize":
        pool = ["target=cpu", "target=parallel", "target=cuda", "target=auto", "cache",
                "fastmath", "name=%s_v2" % (fn.get("name") or "f")]
    else:
        pool = ["nogil", "eager"]
    if directive == "jit" and rng.random() < 0.8:
        opts.append("parallel")
    for o in pool:
        if rng.random() < 0.25 and o not in opts:
            opts.append(o)
    ptrs = [n for (n, t) in fn.get("params", []) if n and "*" in t]
    ints = [n for (n, t) in fn.get("params", []) if n and re.search(r"\b(int|long|size_t|unsigned|short)\b", t) and "*" not in t]
    if directive in ("jit", "delayed") and ptrs and rng.random() < 0.4:
        p = rng.choice(ptrs)
        n = rng.choice(ints) if ints else "1"
        opts.append("%s(%s[0:%s])" % (rng.choice(["in", "out", "inout"]), p, n))
    rng.shuffle(opts)
    return ", ".join(opts)


# --------------------------------------------------------------------------
# Junk


WORDS = ["parallel", "nogil", "cache", "fastmath", "target", "cpu", "cuda", "auto",
         "eager", "name", "in", "out", "inout", "prange", "jit", "vectorize",
         "delayed", "simd", "collapse", "omp", "for", "int", "x", "n", "0", "=", ",",
         "(", ")", "[", "]", ":", "?", "\"", "'", "/*", "*/", "//", "\\", "#", "##",
         "__VA_ARGS__", "__LINE__", "_Pragma", "sizeof", "..."]


def rand_bytes(rng, n):
    out = bytearray()
    for _ in range(n):
        b = rng.randrange(1, 256)
        if b in (0x0a, 0x0d):
            b = 0x20
        out.append(b)
    return bytes(out)


def junk_directive(rng, fn_params):
    """A junk pragma line (bytes, without newline)."""
    d = rng.choice(["jit", "vectorize", "delayed", "prange", "jitt", "", "JIT", "prange2"])
    choice = rng.randrange(24)
    if choice == 0:
        return b"#pragma ppar"
    if choice == 1:
        return b"#pragma ppar " + d.encode()
    if choice == 2:
        return ("#pragma ppar %s(" % d).encode()
    if choice == 3:
        return ("#pragma ppar %s(parallel" % d).encode()
    if choice == 4:
        return ("#pragma ppar %s(%s)" % (d, " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 8))))).encode()
    if choice == 5:
        return ("#pragma ppar %s(%s)" % (d, ", ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 8))))).encode()
    if choice == 6:
        return ("#pragma ppar %s%s" % (d, "(" * rng.randrange(1, 6) + ")" * rng.randrange(0, 8))).encode()
    if choice == 7:
        return ("#pragma ppar %s(" % d).encode() + rand_bytes(rng, rng.randrange(1, 20)) + b")"
    if choice == 8:
        return ("#pragma ppar %s(parallel, " % d).encode() + rand_bytes(rng, rng.randrange(1, 6)) + b", nogil)"
    if choice == 9:
        p = rng.choice(fn_params) if fn_params else "x"
        return ("#pragma ppar jit(parallel, %s(%s[%s]))" % (rng.choice(["in", "out", "inout", "in2"]), p,
                rng.choice(["0:n", ":", "0:", ":n", "0:n][0:m", "n?1:2:3", "(0:n)", "0:n]", "[0:n", "a,b:c", "0:sizeof(int)", "0:n:1", "\"s\":1"]))).encode()
    if choice == 10:
        depth = rng.choice([50, 500, 5000])
        return ("#pragma ppar jit(parallel, in(x[0:" + "(" * depth + "n" + ")" * depth + "]))").encode()
    if choice == 11:
        return ("#pragma ppar jit(" + "parallel," * rng.choice([100, 3000]) + ")").encode()
    if choice == 12:
        return ("#pragma ppar %s(target=%s)" % (d, rng.choice(["", "cuda,cuda", "=", "gpu", "cpu cpu", "0", "\"cuda\""]))).encode()
    if choice == 13:
        return ("#pragma ppar vectorize(name=%s)" % rng.choice(["", "1x", "a b", "f_vec", "main", "__ppar_rt_choose", "x-y", "\\u00e9t\\u00e9", "int"])).encode()
    if choice == 14:
        return b"#pragma ppar jit(parallel) \\\n   , nogil)"
    if choice == 15:
        return ("#pragma ppar %s(/* c */ parallel // trailing" % d).encode()
    if choice == 16:
        return ('_Pragma("ppar %s(parallel)")' % d).encode()
    if choice == 17:
        return ("#pragma ppar %s %s" % (d, d)).encode()
    if choice == 18:
        return ("#pragma ppar %s(parallel) extra tokens" % d).encode()
    if choice == 19:
        return ("#pragma  ppar\t%s ( parallel , nogil ) " % d).encode()
    if choice == 20:
        return b"#pragma ppar " + rand_bytes(rng, rng.randrange(1, 30))
    if choice == 21:
        return ('#pragma ppar %s("parallel")' % d).encode()
    if choice == 22:
        return ("#pragma ppar %s(%s)" % (d, "x" * rng.choice([1000, 70000]))).encode()
    return ("#pragma ppar %s(parallel, parallel, target=cpu, target=cuda)" % d).encode()


def junk_inline(rng):
    """A junk annotation that goes inline (attribute, macro, _Pragma)."""
    c = rng.randrange(30)
    d = rng.choice(["jit", "vectorize", "delayed", "prange"])
    D = d.upper()
    return [
        "[[ppar::%s]] " % d,
        "[[ppar::%s()]] " % d,
        "[[ppar::%s(parallel, nogil)]] " % d,
        "[[ppar::%s(1)]] " % d,
        '[[ppar::%s("")]] ' % d,
        '[[ppar::%s("parallel" "nogil")]] ' % d,
        '[[ppar::%s(L"parallel")]] ' % d,
        '[[ppar::%s(u8"parallel")]] ' % d,
        '[[ppar::%s("par\\0allel")]] ' % d,
        '[[ppar::%s("\\x70arallel, \\"q")]] ' % d,
        "[[%s]] " % d,
        "[[ppar::%s(sizeof(int))]] " % d,
        "[[ppar::%s(target=cuda)]] " % d,
        "__attribute__((ppar_%s)) " % d,
        "__attribute__((ppar_%s(parallel))) " % d,
        '__attribute__((ppar_%s("parallel", "nogil"))) ' % d,
        "__attribute__((ppar_%s(0))) " % d,
        '__attribute__((ppar_%s("in(x[0:n]"))) ' % d,
        "PPAR_%s() " % D if d != "prange" else "PPAR_PRANGE ",
        "PPAR_%s(,) " % D if d != "prange" else "PPAR_PRANGE PPAR_PRANGE ",
        "PPAR_%s(parallel, target=cuda, in(x[0:n])) " % D if d != "prange" else "PPAR_PRANGE ",
        '_Pragma("ppar %s(parallel)") ' % d,
        '_Pragma("ppar %s") ' % d,
        '_Pragma("ppar") ',
        '_Pragma("ppar %s(\\"x\\")") ' % d,
        "[[ppar::%s, ppar::%s]] " % (d, d),
        "[[ppar::%s]] [[ppar::%s]] " % (d, d),
        '[[deprecated, ppar::%s("parallel")]] ' % d,
        '__attribute__((unused, ppar_%s("parallel"))) ' % d,
        '[[ppar::%s("' % d + "(" * 300 + '")]] ',
    ][c]


def make_junk(text, info, rng, n, main_name, base_inserts=()):
    spans = directive_spans(text)
    lines = safe_line_starts(text)
    params = []
    for f in info["functions"]:
        params += [p for (p, t) in f["params"] if p]
    inserts = []
    for _ in range(n):
        where = rng.randrange(7)
        if where == 0 and lines:  # pragma at a random line
            off = rng.choice(lines)
            if in_spans(spans, off):
                continue
            inserts.append((off, junk_directive(rng, params) + b"\n"))
        elif where == 1 and info["records"]:  # inside a struct definition
            r = rng.choice(info["records"])
            k = text.find(b"{", r)
            if k < 0 or in_spans(spans, k):
                continue
            inserts.append((k + 1, b"\n" + junk_directive(rng, params) + b"\n" +
                            (junk_inline(rng).encode() if rng.random() < 0.3 else b"")))
        elif where == 2 and info["exprs"]:  # _Pragma inside an expression
            _, off = rng.choice(info["exprs"])
            # after the '=' of the assignment, found textually
            k = text.find(b"=", off)
            if k < 0 or k - off > 200:
                continue
            inserts.append((k + 1, (' _Pragma("ppar %s") ' % rng.choice(
                ["jit(parallel)", "prange", "vectorize", "delayed(", "jit(((", "prange(x)"])).encode()))
        elif where == 3 and info["stmts"]:  # inline junk before a statement
            off = rng.choice(info["stmts"])
            inserts.append((off, junk_inline(rng).encode()))
        elif where == 4 and info["topdecls"]:  # inline junk before a top-level decl
            off = rng.choice(info["topdecls"])
            inserts.append((off, junk_inline(rng).encode()))
        elif where == 5 and info["stmts"]:  # pragma line before a statement
            off = rng.choice(info["stmts"])
            if in_spans(spans, off):
                continue
            pre = b"" if at_line_start(text, off) else b"\n"
            inserts.append((off, pre + junk_directive(rng, params) + b"\n"))
        elif where == 6 and info["loops"]:  # valid-looking prange in odd spelling
            L = rng.choice(info["loops"])
            if L["ex"][0] not in (main_name, "<main>") or L["macro"]:
                continue
            inserts.append((L["ex"][1] if L["ex"][1] is not None else 0,
                            rng.choice([b"PPAR_PRANGE PPAR_PRANGE ", b"[[ppar::prange(1)]] ",
                                        b'_Pragma("ppar prange") _Pragma("ppar prange") ',
                                        b"[[ppar::jit]] ", b"[[ppar::prange, ppar::prange]] "])))
    out = apply_inserts(text, list(base_inserts) + inserts)
    # and, sometimes, a pragma at EOF with no newline after it
    if rng.random() < 0.5:
        if not out.endswith(b"\n"):
            out += b"\n"
        out += rng.choice([b"#pragma ppar jit(parallel)", b"#pragma ppar prange",
                           b"#pragma ppar jit(", b"PPAR_JIT(parallel)", b'_Pragma("ppar jit")',
                           b"#pragma ppar jit(parallel) \\", b"[[ppar::jit]]",
                           b"#pragma ppar vectorize(name="])
    return out


# --------------------------------------------------------------------------
# Variants


def annotate(text, info, rng, fn_mode, prange_mode, main_name, raw=False, clean=False):
    spans = directive_spans(text)
    inserts = []
    for f in info["functions"] if fn_mode else []:
        if clean and not f.get("eligible"):
            continue
        if fn_mode == "mixed":
            directive = rng.choice(["jit", "jit", "jit", "vectorize", "delayed"])
            spelling = rng.choice(FN_SPELLINGS)
            opts = random_options(rng, f, directive)
        else:
            directive, spelling, opts = "jit", fn_mode, "parallel"
            if rng.random() < 0.15 and not clean:
                # the other directives of the brief, same spelling
                directive, opts = rng.choice([("vectorize", ""), ("delayed", "nogil")])
                if spelling == "pragma" and directive == "vectorize":
                    opts = None
        ann = fn_annotation(spelling, directive, opts)
        inserts.append((f["begin"], placed(text, spans, f["begin"], ann)))
    if prange_mode:
        for L in info["loops"]:
            if clean and not L.get("canonical"):
                continue
            sp_main = L["sp"] is not None and L["sp"][0] in (main_name, "<main>")
            if L["macro"]:
                if sp_main and in_spans(spans, L["sp"][1]):
                    # a loop in a #define of this file: annotate the definition
                    inserts.append((L["sp"][1], rng.choice([b"PPAR_PRANGE ", b'_Pragma("ppar prange") '])))
                    continue
                if sp_main:
                    # a loop in a macro argument: inline spelling only
                    inserts.append((L["sp"][1], rng.choice([b"PPAR_PRANGE ", b"[[ppar::prange]] "])))
                    continue
                if L["ex"][0] == main_name:
                    # a loop from a header macro: annotate the expansion
                    inserts.append((L["ex"][1], b"PPAR_PRANGE "))
                continue
            off = L["ex"][1]
            sp = prange_mode if prange_mode != "random" else rng.choice(PRANGE_SPELLINGS)
            inserts.append((off, placed(text, spans, off, prange_annotation(sp))))
    return inserts if raw else apply_inserts(text, inserts)


HEADER = b"#include <ppar.h>\n"


def variants_for(path, text, info, seed, junk):
    rng = random.Random("%s:%d" % (path, seed))
    out = []
    main_name = path
    out.append(("clean", annotate(text, info, rng, "pragma", "pragma", main_name, clean=True)))
    out.append(("cleanmix", annotate(text, info, rng, "macro", "random", main_name, clean=True)))
    out.append(("pragma", annotate(text, info, rng, "pragma", "pragma", main_name)))
    out.append(("macro", annotate(text, info, rng, "macro", "macro", main_name)))
    out.append(("attr", annotate(text, info, rng, "attr", "attr", main_name)))
    out.append(("gnu", annotate(text, info, rng, "gnu", "random", main_name)))
    out.append(("mixed", annotate(text, info, rng, "mixed", "random", main_name)))
    out.append(("loops", annotate(text, info, rng, None, "random", main_name)))
    for k in range(junk):
        base = [] if rng.random() < 0.5 else annotate(text, info, rng, "mixed", "random", main_name, raw=True)
        out.append(("junk%d" % k, make_junk(text, info, rng, rng.randrange(1, 12), main_name, base)))
    return [(v, HEADER + t) for v, t in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--out", default="mutants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--junk", type=int, default=3)
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--extra", action="append", default=[],
                    help="extra flag for the AST dump (e.g. -I...)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "manifest.jsonl"), "a") as man:
        for path in a.files:
            try:
                text = open(path, "rb").read()
            except OSError as e:
                print("skip %s: %s" % (path, e), file=sys.stderr)
                continue
            info = ast_info(path, a.clang, a.extra + ["-I/work/main/include"])
            how = "ast"
            if info is None or (not info["functions"] and not info["loops"]):
                h = heuristic_info(text)
                if info is None or len(h["functions"]) + len(h["loops"]) > 0:
                    # keep the AST's statement/record lists if any
                    if info is not None:
                        for k in ("records", "stmts", "exprs", "topdecls"):
                            h[k] = info[k]
                    info, how = h, "heuristic"
            # heuristic loops are keyed "<main>"
            stem = os.path.splitext(os.path.basename(path))[0]
            tag = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:6]
            for v, t in variants_for(path, text, info, a.seed, a.junk):
                out = os.path.join(a.out, "%s-%s--%s.c" % (stem, tag, v))
                with open(out, "wb") as f:
                    f.write(t)
                man.write(json.dumps({"out": out, "src": os.path.abspath(path), "variant": v,
                                      "how": how, "nfn": len(info["functions"]),
                                      "nloop": len(info["loops"])}) + "\n")


if __name__ == "__main__":
    main()
