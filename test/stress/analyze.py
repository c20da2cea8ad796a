#!/usr/bin/env python3
"""Summarise sweep.py results: counts per outcome, and the distinct
non-ppar errors and run mismatches, with one example mutant each.

    analyze.py results.jsonl...

An error counts as ppar's own when its message is about annotations
(prange/jit/vectorize/delayed/ppar/annotation/loop/option/target...) or the
source line clang shows for it holds a ppar annotation, and it does not name
OpenMP or a generated __ppar_ symbol.
"""
import collections
import json
import re
import sys

ERR = re.compile(r"^(?:(.*?):(\d+):(\d+): )?(?:fatal )?error: (.*)$")
PPAR_WORDS = re.compile(r"prange|jit|vectorize|delayed|ppar|annotation|loop|option|'target'", re.I)
NOT_PPAR = re.compile(r"OpenMP|'omp|omp |__ppar_", re.I)
ANN = re.compile(r"#\s*pragma\s+ppar|PPAR_|ppar::|ppar_\w+\(|\"ppar", re.I)


def errors_with_snippets(text):
    lines = text.split("\n")
    out = []
    for i, l in enumerate(lines):
        m = ERR.match(l)
        if m:
            snip = lines[i + 1] if i + 1 < len(lines) else ""
            out.append((m.group(4), snip))
    return out


NEUTRAL = re.compile(r"too many errors emitted")


def own(msg, snip):
    if NEUTRAL.search(msg):
        return True
    if NOT_PPAR.search(msg):
        return False
    if re.search(r"__ppar_rt|__ppar_cpu|__ppar_fn", snip) or '_Pragma("omp' in snip:
        return False
    return bool(PPAR_WORDS.search(msg)) or bool(ANN.search(snip))


def reclass(cls, text):
    if cls not in ("plugin-error", "ppar-error"):
        return cls
    errs = errors_with_snippets(text)
    if errs and all(own(m, s) for m, s in errs):
        return "ppar-error"
    return "plugin-error"


def norm(msg):
    msg = re.sub(r"'[^']*'", "'X'", msg)
    return re.sub(r"\d+", "N", msg)[:120]


def main():
    recs = []
    for f in sys.argv[1:]:
        recs += [json.loads(l) for l in open(f)]
    counts = collections.Counter()
    plugin_errs = collections.defaultdict(list)
    runs = collections.Counter()
    mism = []
    compiles = 0
    srcs = set()
    for r in recs:
        srcs.add(r["src"])
        compiles += r.get("compiles", 3)
        for k in ("syn", "obj"):
            c = reclass(r[k], r.get(k + "_err", ""))
            r[k + "_c"] = c
            counts[(k, c)] += 1
            if c == "plugin-error":
                for m, s in errors_with_snippets(r[k + "_err"]):
                    if not own(m, s):
                        plugin_errs[norm(m)].append(r["mutant"])
                        break
        counts[("plain", r["plain"])] += 1
        if "run" in r:
            runs[r["run"]["result"]] += 1
            if r["run"]["result"] not in ("same", "skip-plain-link", "skip-plain-timeout"):
                mism.append(r)
    print("records (mutants incl. -fix retries):", len(recs), " sources:", len(srcs),
          " compiles:", compiles)
    for k, v in sorted(counts.items()):
        print("  %-6s %-14s %d" % (k[0], k[1], v))
    print("runs:", dict(runs))
    print("\nnon-ppar errors with the plugin (file compiles without it):")
    for m, ex in sorted(plugin_errs.items(), key=lambda t: -len(t[1])):
        print("  %4d  %s\n        e.g. %s" % (len(ex), m, ex[0]))
    print("\nrun mismatches:")
    for r in mism:
        rr = r["run"]
        print("  %s %s plain=%r ppar=%r %s" % (r["mutant"], rr["result"],
              rr.get("plain_out", "")[:60], rr.get("ppar_out", "")[:60],
              rr.get("err", "")[-160:].replace("\n", " ")))
    crashes = [r for r in recs if "crash" in (r["syn_c"], r["obj_c"]) or "hang" in (r["syn_c"], r["obj_c"])]
    print("\ncrashes/hangs:", len(crashes))
    for r in crashes:
        print("  ", r["mutant"], r["syn_c"], r["obj_c"], (r["syn_err"] + r.get("obj_err", ""))[:300])


if __name__ == "__main__":
    main()
