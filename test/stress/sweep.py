#!/usr/bin/env python3
"""Compile every mutant of annotate.py with and without the ppar plugin and
classify what happens.

    sweep.py --mutants DIR [--jobs 2] [--out results.jsonl] [--no-run]

For each mutant (DIR/manifest.jsonl):
  plain   clang-19 -w -I<ppar include> -I<source dir> -fsyntax-only
  syn     the same with -fplugin=libppar.so
  obj     with the plugin, -c -O1 -o /dev/null
Outcomes (per plugin compile): crash, hang, ok, ppar-error (every error is
one of ppar's own, about an annotation), plugin-error (the file compiles
without the plugin but not with it, and some error is not ppar's),
both-fail (the file does not compile without the plugin either),
ppar-only-ok (compiles only with the plugin).
For variants "clean"/"cleanmix" with ppar's own errors, the annotations the
errors point at are removed and the file retried (up to 4 times), so the
rewrite itself gets exercised; those copies are recorded as "<variant>-fix".
Files with a main() whose original program runs deterministically (no args,
stdin /dev/null, same stdout twice) are linked and run both ways (10 s) and
their stdout compared (numbers within a relative 1e-9 count as equal, and
are reported as "float-diff").
"""

import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile

CLANG = "clang-19"
ROOT = "/work/main"
PLUGIN = ROOT + "/build/lib/libppar.so"
INC = ROOT + "/include"
LIB = ROOT + "/build/lib"
EXTRA = ["-I/usr/include/python3.11", "-I/usr/include/libxml2", "-I/usr/include/xmlsec1",
         "-I/usr/include/tcl8.6", "-I/usr/include/nettle", "-I/tmp/stress/fakeinc",
         "-DXMLSEC_NO_XSLT", "-DXMLSEC_CRYPTO_OPENSSL"]
LINK_RT = ["-L" + LIB, "-lppar_rt", "-Wl,-rpath," + LIB, "-fopenmp"]
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump", "Assertion", "Segmentation fault",
                 "Aborted")
ERR_RE = re.compile(r"^(?:(.*?):(\d+):(\d+): )?(?:fatal )?error: (.*)$", re.M)
NOTE_RE = re.compile(r"^(.*?):(\d+):(\d+): note: (.*)$", re.M)
PPAR_WORDS = re.compile(r"prange|jit|vectorize|delayed|ppar|annotation|loop", re.I)
NOT_PPAR = re.compile(r"OpenMP|'omp|omp |__ppar_", re.I)


def run(cmd, timeout, cwd=None, stdin=subprocess.DEVNULL, env=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           cwd=cwd, stdin=stdin, env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return "timeout", out, err


def is_crash(rc, text):
    if rc == "timeout":
        return False
    return rc < 0 or rc >= 128 or any(m in text for m in CRASH_MARKERS)


def errors_of(text):
    return [m.group(4) for m in ERR_RE.finditer(text)]


def own(msg):
    return bool(PPAR_WORDS.search(msg)) and not NOT_PPAR.search(msg)


def classify(rc, text, plain_ok):
    if rc == "timeout":
        return "hang"
    if is_crash(rc, text):
        return "crash"
    if rc == 0:
        return "ok" if plain_ok else "ppar-only-ok"
    errs = errors_of(text)
    if not plain_ok:
        return "both-fail"
    if errs and all(own(e) for e in errs):
        return "ppar-error"
    return "plugin-error"


def flags_for(src):
    return ["-w", "-I" + INC, "-I" + os.path.dirname(src)] + EXTRA


ANN_RE = re.compile(
    r"#\s*pragma\s+ppar\b.*$|PPAR_(?:JIT|VECTORIZE|DELAYED)\((?:[^()]|\([^()]*\))*\)\s*|PPAR_PRANGE\s*"
    r"|\[\[ppar::[^\]]*\]\]\s*|__attribute__\(\(ppar_\w+(?:\((?:[^()]|\([^()]*\))*\))?\)\)\s*"
    r"|_Pragma\(\"ppar[^\"]*\"\)\s*")


def strip_annotations_at(text, lines):
    """Removes the annotations on, or nearest above, each of the given lines."""
    L = text.split("\n")
    done = set()
    for ln in sorted(set(lines)):
        i = ln - 1
        while 0 <= i < len(L) and ln - 1 - i < 400:
            if ANN_RE.search(L[i]):
                break
            i -= 1
        if 0 <= i < len(L) and i not in done:
            L[i] = ANN_RE.sub("", L[i])
            done.add(i)
    return "\n".join(L), bool(done)


_runnable_cache = {}


def original_runs(src, work):
    """(binary path, stdout) when the original program runs deterministically."""
    if src in _runnable_cache:
        return _runnable_cache[src]
    res = None
    txt = open(src, "rb").read()
    if re.search(rb"\bmain\s*\(", txt):
        exe = os.path.join(work, "orig.exe")
        rc, _, _ = run([CLANG, "-O1"] + flags_for(src) + [src, "-o", exe, "-lm"], 120)
        if rc == 0:
            r1 = run([exe], 10, cwd=work)
            r2 = run([exe], 10, cwd=work)
            if r1[0] != "timeout" and r1[:2] == r2[:2] and not is_crash(r1[0], ""):
                res = (r1[0], r1[1])
    _runnable_cache[src] = res
    return res


NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")


def same_output(a, b):
    if a == b:
        return "same"
    ta, tb = re.split(r"(\s+)", a), re.split(r"(\s+)", b)
    if len(ta) != len(tb):
        return "diff"
    for x, y in zip(ta, tb):
        if x == y:
            continue
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return "diff"
        if abs(fx - fy) > 1e-9 * max(abs(fx), abs(fy), 1e-300):
            return "diff"
    return "float-diff"


def process(job):
    mut, src, variant = job["out"], job["src"], job["variant"]
    flags = flags_for(src)
    recs = []
    with tempfile.TemporaryDirectory(dir="/tmp/stress/work") as work:
        cur, cur_variant = mut, variant
        for attempt in range(5):
            rec = {"mutant": cur, "src": src, "variant": cur_variant}
            prc, pout, perr = run([CLANG] + flags + ["-fsyntax-only", cur], 60)
            plain_ok = prc == 0
            rec["plain"] = "ok" if plain_ok else ("hang" if prc == "timeout" else
                                                  ("crash" if is_crash(prc, perr) else "fail"))
            src_rc, sout, serr = run([CLANG, "-fplugin=" + PLUGIN] + flags + ["-fsyntax-only", cur], 60)
            rec["syn"] = classify(src_rc, serr + sout, plain_ok)
            rec["syn_rc"] = src_rc
            rec["syn_err"] = (serr[-3000:] if rec["syn"] not in ("ok",) else "")
            rec["compiles"] = 2
            if rec["syn"] == "ok":
                # codegen only matters when the front end got through
                orc, oout, oerr = run([CLANG, "-fplugin=" + PLUGIN] + flags + ["-O1", "-c", "-o", "/dev/null", cur], 60)
                rec["obj"] = classify(orc, oerr + oout, plain_ok)
                rec["obj_rc"] = orc
                rec["obj_err"] = (oerr[-3000:] if rec["obj"] not in ("ok",) else "")
                rec["compiles"] = 3
            else:
                rec["obj"] = "skipped"
            # run both ways
            if plain_ok and rec["syn"] == "ok" and rec["obj"] == "ok":
                orig = original_runs(src, work)
                if orig is not None:
                    rec["run"] = compare_runs(cur, flags, work)
                    rec["compiles"] += 2
            recs.append(rec)
            if not (variant in ("clean", "cleanmix") and rec["syn"] == "ppar-error"):
                break
            # remove the annotations the errors point at, retry
            lines = []
            for m in ERR_RE.finditer(serr):
                if m.group(2) and m.group(1) == cur:
                    lines.append(int(m.group(2)))
            for m in NOTE_RE.finditer(serr):
                if m.group(1) == cur and "is here" in m.group(4):
                    lines.append(int(m.group(2)))
            if not lines:
                break
            text = open(cur, encoding="latin-1").read()
            new, changed = strip_annotations_at(text, lines)
            if not changed or new == text:
                break
            cur = re.sub(r"(--\w+?)(-fix\d*)?\.c$", r"\1-fix%d.c" % (attempt + 1), mut)
            cur_variant = variant + "-fix"
            with open(cur, "w", encoding="latin-1") as f:
                f.write(new)
    return recs


def compare_runs(cur, flags, work):
    plain_exe = os.path.join(work, "plain.exe")
    ppar_exe = os.path.join(work, "ppar.exe")
    r = {}
    rc1, _, e1 = run([CLANG, "-O1"] + flags + [cur, "-o", plain_exe, "-lm"], 120)
    rc2, _, e2 = run([CLANG, "-fplugin=" + PLUGIN, "-O1"] + flags + [cur, "-o", ppar_exe, "-lm"] + LINK_RT, 120)
    if rc1 != 0:
        return {"result": "skip-plain-link"}
    if rc2 != 0:
        return {"result": "ppar-link-fail", "err": e2[-2000:]}
    a = run([plain_exe], 10, cwd=work)
    env = dict(os.environ)
    b = run([ppar_exe], 10, cwd=work, env=env)
    if a[0] == "timeout":
        return {"result": "skip-plain-timeout"}
    if b[0] == "timeout":
        return {"result": "hang-run", "plain_out": a[1][-1000:]}
    if b[0] != a[0]:
        return {"result": "rc-diff", "plain_rc": a[0], "ppar_rc": b[0], "plain_out": a[1][-1000:],
                "ppar_out": b[1][-1000:], "ppar_err": b[2][-1000:]}
    s = same_output(a[1], b[1])
    r = {"result": s}
    if s != "same":
        r.update({"plain_out": a[1][-1500:], "ppar_out": b[1][-1500:]})
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    os.makedirs("/tmp/stress/work", exist_ok=True)
    jobs = [json.loads(l) for l in open(os.path.join(a.mutants, "manifest.jsonl"))]
    out = a.out or os.path.join(a.mutants, "results.jsonl")
    with open(out, "w") as f, multiprocessing.Pool(a.jobs) as pool:
        for i, recs in enumerate(pool.imap_unordered(process, jobs, chunksize=1)):
            for r in recs:
                f.write(json.dumps(r) + "\n")
            f.flush()
            if i % 50 == 0:
                print("%d/%d" % (i, len(jobs)), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
