#!/usr/bin/env python3
"""Differential testing of the ppar plugin on csmith programs.

    difftest.py [--seeds 1..300 | --start S --count N] [--variants parallel,cuda,delayed]
                [--jobs 2] [--timeout 10] [--out DIR] [--build build] [--opt -O1]

For each seed, csmith writes a program; each variant puts one annotation on
its own line before every function definition (prototypes are left alone):

    parallel   #pragma ppar jit(parallel)                 every function, main too
    cuda       #pragma ppar jit(parallel, target=cuda)    every function, main too
    delayed    #pragma ppar delayed                       every function but main,
                                                          which calls them

The unannotated program built by plain clang is the reference. Each variant
is built with the plugin (same -O level), linked with the runtime and libomp,
and run with PPAR_NUM_THREADS=1 and 2 under a timeout. Classes, worst first:

    plugin-crash     clang crashed or hung, or gave an error with no user
                     location (a plugin bug)
    gen-compile      the rewritten program, a kernel module (NVRTC) or the
                     link failed: clang's own errors on generated code
    crash            a run died of a signal
    hang             a run passed the timeout
    wrong-output     a run's output or exit status differs from the reference
    error-at-line    the plugin rejected the program with a file:line error
                     (acceptable)
    ok               same output on every run
    skipped          csmith or the reference failed or timed out (not counted)

Writes DIR/results.tsv and DIR/results.jsonl (one row per seed and variant),
DIR/summary.txt (variant x class) and DIR/meta.json (csmith version and
options, compilers); keeps each failing case in DIR/fail/<seed>-<variant>/
(annotated source, logs, outputs, emitted files, repro.sh). Exits 1 when any
case is plugin-crash, gen-compile, crash, hang or wrong-output.
"""
import argparse
import concurrent.futures as cf
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Small programs that terminate quickly; every construct csmith makes by
# default stays on (bit-fields, packed structs, unions, volatiles, jumps).
CSMITH_OPTIONS = ["--max-funcs", "6", "--max-block-depth", "4", "--max-array-dim", "2"]

# csmith's loops are all small and constant: without a minimum every loop
# proven independent runs in parallel, so the analysis, not the cost model,
# is what the programs test.
PLUGIN_FLAGS = ["-fplugin-arg-ppar-min-work=0"]
VARIANTS = {
    "parallel": ("#pragma ppar jit(parallel)", True),
    "cuda": ("#pragma ppar jit(parallel, target=cuda)", True),
    "delayed": ("#pragma ppar delayed", False),
}
FAILURES = ["plugin-crash", "gen-compile", "crash", "hang", "wrong-output"]
CLASSES = FAILURES + ["error-at-line", "ok", "skipped"]
THREADS = ["1", "2"]

# A function definition as csmith writes it: a declarator at column 0 on one
# line, the opening brace alone at the start of the next.
DEFINITION = re.compile(r"^(?:static\s+)?[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;{}]*\)\s*$")
DIAG = re.compile(r"^(.+?):(\d+):(\d+): (?:fatal error|error): (.*)$")
CRASH_MARKS = ("PLEASE submit a bug report", "Stack dump:",
               "clang frontend command failed", "unable to execute command")
# -fdiagnostics-show-category=name tags clang's own diagnostics
# ("[Semantic Issue]"); the plugin's custom diagnostics have no category.
CATEGORY = re.compile(r"\[(Semantic|Parse|Lexical or Preprocessor|Inline Assembly|"
                      r"OpenMP|Nullability|Generic|Value Conversion|[A-Za-z ]+) Issue\]$")


def annotate(src, pragma, with_main):
    """Returns (text, function names) with `pragma` before each definition."""
    lines = src.splitlines(keepends=True)
    out, names = [], []
    for i, line in enumerate(lines):
        m = DEFINITION.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if m and nxt.startswith("{") and not line.startswith((" ", "\t", "#")):
            name = m.group(1)
            if name != "main" or with_main:
                out.append(pragma + "\n")
                names.append(name)
        out.append(line)
    return "".join(out), names


def run(cmd, timeout, env=None, cwd=None):
    """(returncode or 'timeout', stdout, stderr, seconds); kills the process group."""
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         cwd=cwd, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        rc = "timeout"
    return rc, out.decode("latin-1"), err.decode("latin-1"), time.time() - t0


class Harness:
    def __init__(self, o):
        self.o = o
        build = os.path.abspath(o.build)
        self.plugin = os.path.join(build, "lib", "libppar.so")
        self.libdir = os.path.join(build, "lib")
        self.nvrtc_check = os.path.join(build, "test", "tools", "ppar-nvrtc-check")
        cc_path = os.path.realpath(shutil.which(o.cc) or o.cc)
        omp_dir = os.path.join(os.path.dirname(os.path.dirname(cc_path)), "lib")
        self.cflags = [o.opt, "-w", "-I" + os.path.join(ROOT, "include"),
                       "-I" + o.csmith_include]
        self.link_rt = ["-L" + self.libdir, "-lppar_rt", "-Wl,-rpath," + self.libdir,
                        "-fopenmp", "-L" + omp_dir, "-Wl,-rpath," + omp_dir]
        self.rows = []
        if not os.path.exists(self.plugin):
            sys.exit(f"difftest: {self.plugin} not found; build ppar first (make)")
        self.have_nvrtc = os.path.exists(self.nvrtc_check)

    # ------------------------------------------------------------------
    def seed(self, seed):
        o = self.o
        work = tempfile.mkdtemp(prefix=f"s{seed}-", dir=self.tmp)
        src = os.path.join(work, f"s{seed}.c")
        # csmith also writes platform.info into its working folder.
        rc, _, err, _ = run(["csmith", "--seed", str(seed), "-o", src] + CSMITH_OPTIONS, 60,
                            cwd=work)
        rows = []
        if rc != 0:
            return [self.row(seed, v, "skipped", "csmith failed: " + err.strip()[:200])
                    for v in o.variants]
        ref = os.path.join(work, "ref")
        rc, _, err, _ = run([o.cc, *self.cflags, src, "-o", ref], o.compile_timeout)
        if rc != 0:
            return [self.row(seed, v, "skipped", "plain build failed") for v in o.variants]
        rc, ref_out, _, t = run([ref, "1"], o.timeout)
        # A csmith program ends by printing its checksum and returning 0. One
        # that does not has an endless loop, which C11 lets the optimiser
        # assume away (seen: no output, exit status 48): no reference.
        if rc != 0 or "checksum = " not in ref_out:
            return [self.row(seed, v, "skipped", f"reference run: exit {rc}, "
                             + ("no checksum" if "checksum = " not in ref_out else "output"))
                    for v in o.variants]
        reference = (rc, ref_out, t)
        text = open(src, encoding="latin-1").read()
        for v in o.variants:
            rows.append(self.variant(seed, v, text, work, reference))
        if not o.keep_all:
            shutil.rmtree(work, ignore_errors=True)
        return rows

    def row(self, seed, variant, cls, detail, **extra):
        r = {"seed": seed, "variant": variant, "class": cls, "detail": detail}
        r.update(extra)
        return r

    def variant(self, seed, v, text, work, reference):
        o = self.o
        pragma, with_main = VARIANTS[v]
        vdir = os.path.join(work, v)
        emit = os.path.join(vdir, "emit")
        os.makedirs(emit)
        annotated, names = annotate(text, pragma, with_main)
        prog = os.path.join(vdir, f"s{seed}.c")
        with open(prog, "w", encoding="latin-1") as f:
            f.write(annotated)
        obj, exe = os.path.join(vdir, "prog.o"), os.path.join(vdir, "prog")
        compile_cmd = [o.cc, "-fplugin=" + self.plugin, *self.cflags, *PLUGIN_FLAGS,
                       "-fdiagnostics-show-category=name",
                       "-fplugin-arg-ppar-emit=" + emit,
                       "-fplugin-arg-ppar-report=json:" + os.path.join(vdir, "report.json"),
                       "-c", prog, "-o", obj]
        link_cmd = [o.cc, obj, "-o", exe, *self.link_rt]
        info = {"functions": len(names), "kernels": 0, "nvrtc": ""}
        logs = {"compile.log": "", "link.log": "", "nvrtc.log": ""}

        def done(cls, detail, outputs=None):
            r = self.row(seed, v, cls, detail, **info)
            if cls in FAILURES:
                self.keep(seed, v, vdir, prog, reference, outputs or {}, logs,
                          compile_cmd, link_cmd, cls, list(outputs or {"1": 0})[-1])
            return r

        rc, out, err, t = run(compile_cmd, o.compile_timeout)
        info["compile_s"] = round(t, 2)
        logs["compile.log"] = out + err
        if rc == "timeout":
            return done("plugin-crash", f"compile hung (> {o.compile_timeout}s)")
        if isinstance(rc, int) and rc < 0 or any(m in err for m in CRASH_MARKS):
            return done("plugin-crash", "clang crashed: " + first_line(err, CRASH_MARKS))
        if rc != 0:
            return done(*classify_errors(err, prog))
        info["loops"], info["par_loops"] = count_loops(os.path.join(vdir, "report.json"))
        kernels = sorted(f for f in os.listdir(emit) if f.endswith(".cu"))
        info["kernels"] = len(kernels)
        rc, out, err, _ = run(link_cmd, o.compile_timeout)
        logs["link.log"] = out + err
        if rc != 0:
            return done("gen-compile", "link failed: " + first_line(err, ("error", "undefined")))
        nvrtc_failed = ""
        if v == "cuda" and kernels and self.have_nvrtc:
            rc, out, err, _ = run([self.nvrtc_check] + [os.path.join(emit, k) for k in kernels],
                                  o.compile_timeout)
            logs["nvrtc.log"] = out + err
            bad = [l.split(":")[0] for l in out.splitlines() if ": FAILED" in l]
            info["nvrtc"] = "ok" if rc == 0 else f"failed {len(bad)}/{len(kernels)}"
            if rc != 0:  # still run it (the CPU fallback): a wrong answer shows too
                nvrtc_failed = "NVRTC rejects " + ", ".join(bad or ["a kernel"])
        cls, detail, outputs = self.runs(exe, vdir, reference, info)
        if nvrtc_failed:
            return done("gen-compile", nvrtc_failed + ("" if cls == "ok" else
                                                       f"; and the runs: {cls} {detail}"), outputs)
        return done(cls, detail, outputs)

    def runs(self, exe, vdir, reference, info):
        """(class, detail, outputs) of the plugin build's runs."""
        o = self.o
        ref_rc, ref_out, ref_time = reference
        outputs = {}
        for th in THREADS:
            # The user's ppar and OpenMP settings stay out, as in the lit tests.
            env = {k: x for k, x in os.environ.items() if not k.startswith(("PPAR_", "OMP_"))}
            env["PPAR_NUM_THREADS"] = th
            limit = max(o.timeout, 10 * ref_time)
            rc, out, err, t = run([exe, "1"], limit, env=env, cwd=vdir)
            if rc == "timeout":  # a loaded machine is slow, not hung: try once more
                limit *= 3
                rc, out, err, t = run([exe, "1"], limit, env=env, cwd=vdir)
            outputs[th] = (rc, out, err)
            info[f"run{th}_s"] = round(t, 2)
            if rc == "timeout":
                return ("hang", f"PPAR_NUM_THREADS={th}: no exit in {limit:.0f}s", outputs)
            if rc < 0:
                sig = signal.Signals(-rc).name if -rc in signal.Signals._value2member_map_ else rc
                return ("crash", f"PPAR_NUM_THREADS={th}: {sig}", outputs)
            if rc != ref_rc or out != ref_out:
                return ("wrong-output", f"PPAR_NUM_THREADS={th}: " + first_diff(ref_out, out, rc, ref_rc), outputs)
        return "ok", "", outputs

    def keep(self, seed, v, vdir, prog, reference, outputs, logs, compile_cmd, link_cmd,
             cls, threads):
        d = os.path.join(self.o.out, "fail", f"{seed}-{v}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        shutil.copy(prog, d)
        if os.path.isdir(os.path.join(vdir, "emit")):
            shutil.copytree(os.path.join(vdir, "emit"), os.path.join(d, "emit"))
        for name, text in logs.items():
            if text:
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
        with open(os.path.join(d, "serial.out"), "w") as f:
            f.write(reference[1] + f"[exit {reference[0]}]\n")
        for th, (rc, out, err) in outputs.items():
            with open(os.path.join(d, f"ppar-{th}.out"), "w") as f:
                f.write(out + f"[exit {rc}]\n" + (f"[stderr]\n{err}" if err else ""))
        base = os.path.basename(prog)
        sh = ["#!/bin/sh", "# Rebuild and run this case from this folder.", "set -x",
              " ".join([self.o.cc, *self.cflags, base, "-o", "serial"]),
              " ".join(compile_cmd).replace(vdir + os.sep, ""),
              " ".join(link_cmd).replace(os.path.join(vdir, "prog.o"), "prog.o").replace(
                  os.path.join(vdir, "prog"), "ppar"),
              "./serial 1 > serial.txt",
              "for t in 1 2; do PPAR_NUM_THREADS=$t timeout %d ./ppar 1 | cmp - serial.txt; done"
              % self.o.timeout]
        with open(os.path.join(d, "repro.sh"), "w") as f:
            f.write("\n".join(sh) + "\n")
        with open(os.path.join(d, "interesting.sh"), "w") as f:
            f.write(INTERESTING.format(
                cls=cls, cc=self.o.cc, cflags=" ".join(self.cflags), plugin=self.plugin,
                plugin_flags=" ".join(PLUGIN_FLAGS),
                link=" ".join(self.link_rt), nvrtc=self.nvrtc_check,
                threads=threads, timeout=self.o.timeout))
        os.chmod(os.path.join(d, "interesting.sh"), 0o755)

    # ------------------------------------------------------------------
    def main(self):
        o = self.o
        os.makedirs(o.out, exist_ok=True)
        self.tmp = (os.path.join(o.out, "work") if o.keep_all
                    else tempfile.mkdtemp(prefix="ppar-difftest-"))
        os.makedirs(self.tmp, exist_ok=True)
        meta = {"csmith": subprocess.run(["csmith", "--version"], capture_output=True,
                                         text=True, cwd=self.tmp).stdout.strip()
                .replace("\n", " "),
                "csmith_options": CSMITH_OPTIONS, "cc": o.cc, "cflags": self.cflags,
                "plugin": self.plugin, "threads": THREADS, "timeout": o.timeout,
                "variants": {v: VARIANTS[v][0] for v in o.variants},
                "seeds": [o.seeds[0], o.seeds[-1], len(o.seeds)]}
        with open(os.path.join(o.out, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
        cols = ["seed", "variant", "class", "functions", "loops", "par_loops", "kernels",
                "nvrtc", "compile_s",
                "run1_s", "run2_s", "detail"]
        tsv = open(os.path.join(o.out, "results.tsv"), "w")
        tsv.write("\t".join(cols) + "\n")
        jsonl = open(os.path.join(o.out, "results.jsonl"), "w")
        t0 = time.time()
        with cf.ThreadPoolExecutor(o.jobs) as ex:
            futs = {ex.submit(self.seed, s): s for s in o.seeds}
            for n, fut in enumerate(cf.as_completed(futs), 1):
                try:
                    rows = fut.result()
                except Exception as e:  # a harness bug: say so, keep going
                    rows = [self.row(futs[fut], v, "skipped", f"harness error: {e!r}")
                            for v in o.variants]
                for r in rows:
                    self.rows.append(r)
                    tsv.write("\t".join(str(r.get(c, "")).replace("\t", " ")
                                        .replace("\n", " ") for c in cols) + "\n")
                    jsonl.write(json.dumps(r) + "\n")
                    if r["class"] != "ok" and not o.quiet:
                        print(f"seed {r['seed']} {r['variant']}: {r['class']} {r['detail']}",
                              flush=True)
                tsv.flush()
                jsonl.flush()
                if not o.quiet and n % 10 == 0:
                    print(f"[{n}/{len(o.seeds)} seeds, {time.time() - t0:.0f}s]", flush=True)
        if not o.keep_all:
            shutil.rmtree(self.tmp, ignore_errors=True)
        summary = self.summary()
        with open(os.path.join(o.out, "summary.txt"), "w") as f:
            f.write(summary)
        print(summary, end="")
        return 1 if any(r["class"] in FAILURES for r in self.rows) else 0

    def summary(self):
        o = self.o
        lines = [f"ppar difftest: {len(o.seeds)} seeds ({min(o.seeds)}..{max(o.seeds)}), "
                 f"{' '.join(CSMITH_OPTIONS)}, {o.opt}, threads {','.join(THREADS)}"]
        head = ["variant"] + CLASSES
        table = [head]
        for v in o.variants:
            rs = [r for r in self.rows if r["variant"] == v]
            table.append([v] + [str(sum(r["class"] == c for r in rs)) for c in CLASSES])
        widths = [max(len(row[i]) for row in table) for i in range(len(head))]
        for row in table:
            lines.append("  ".join(c.rjust(w) if i else c.ljust(w)
                                   for i, (c, w) in enumerate(zip(row, widths))))
        for v in ("parallel", "cuda"):
            rs = [r for r in self.rows if r["variant"] == v and isinstance(r.get("loops"), int)
                  and r["class"] not in ("skipped", "error-at-line")]
            if rs:
                lines.append(f"{v}: {sum(r['par_loops'] for r in rs)} of "
                             f"{sum(r['loops'] for r in rs)} loops parallelised in the "
                             f"{len(rs)} programs built")
        if "cuda" in o.variants:
            rs = [r for r in self.rows if r["variant"] == "cuda"
                  and r["class"] not in ("skipped", "plugin-crash", "error-at-line")]
            k = [r for r in rs if r.get("kernels")]
            ok = [r for r in k if r.get("nvrtc") == "ok"]
            lines.append(f"cuda: kernels generated for {len(k)} of {len(rs)} programs that "
                         f"compiled, NVRTC compiled all of them for {len(ok)}"
                         + ("" if self.have_nvrtc else " (no ppar-nvrtc-check: not checked)"))
        for v in o.variants:
            why = {}
            for r in self.rows:
                if r["variant"] == v and r["class"] == "error-at-line":
                    msg = re.sub(r"'[^']*'", "'X'", r["detail"].split(" error: ", 1)[-1])
                    msg = re.sub(r"\b(line|column) \d+", r"\1 N", msg)
                    why[msg] = why.get(msg, 0) + 1
            for msg, n in sorted(why.items(), key=lambda kv: -kv[1])[:3]:
                lines.append(f"{v}: rejected {n}x: {msg[:160]}")
        bad = sorted((r["seed"], r["variant"], r["class"]) for r in self.rows
                     if r["class"] in FAILURES)
        if bad:
            lines.append("failing cases (kept in fail/ of %s): %s" % (
                o.out,
                ", ".join(f"{s}-{v} ({c})" for s, v, c in bad)))
        return "\n".join(lines) + "\n"


# The predicate test/stress/reduce.py needs (exit 0: the candidate $1 still
# fails the same way). The plain build must stay free of the undefined
# behaviour a reducer likes to introduce: uninitialised reads, missing
# returns, and (for wrong output) whatever ASan and UBSan catch.
INTERESTING = r"""#!/bin/bash
# interesting.sh FILE.c: exit 0 when FILE.c still shows '{cls}'. Reduce with
#   python3 test/stress/reduce.py s<seed>.c fail/<case>/interesting.sh
# GREP=text: the failure must also show that text (compile log, NVRTC log
# or stderr), to keep reducing the same bug.
f=$(realpath "$1"); cd "$(dirname "$f")" || exit 1
CF="{cflags}"
{cc} $CF -Werror=uninitialized -Werror=sometimes-uninitialized -Werror=return-type \
  -Werror=implicit-function-declaration -Werror=int-conversion "$f" -o s.bin 2>/dev/null || exit 1
timeout {timeout} ./s.bin 1 > s.out 2>/dev/null || exit 1
if [ {cls} = wrong-output ]; then
  {cc} {cflags} -O0 -fsanitize=address,undefined -fno-sanitize-recover=all "$f" -o u.bin 2>/dev/null || exit 1
  timeout {timeout} ./u.bin 1 > u.out 2>/dev/null && cmp -s s.out u.out || exit 1
fi
rm -rf emit && mkdir emit
timeout 120 {cc} -fplugin={plugin} $CF {plugin_flags} -fdiagnostics-show-category=name \
  -fplugin-arg-ppar-emit=emit -c "$f" -o p.o > p.log 2>&1; rc=$?
has() {{ [ -z "$GREP" ] || grep -q -- "$GREP" "$@"; }}
case {cls} in
  plugin-crash) [ $rc != 0 ] && ! grep -q "Issue\]$" p.log && has p.log; exit ;;
  gen-compile) if [ $rc != 0 ]; then grep -q "Issue\]$" p.log && has p.log; exit; fi ;;
esac
[ $rc = 0 ] || exit 1
if [ {cls} = gen-compile ] && ls emit/*.cu >/dev/null 2>&1; then
  {nvrtc} emit/*.cu > n.log 2>&1 || {{ has n.log; exit; }}
fi
{cc} p.o -o p.bin {link} > l.log 2>&1 || {{ [ {cls} = gen-compile ] && has l.log; exit; }}
[ {cls} = gen-compile ] && exit 1
PPAR_NUM_THREADS={threads} timeout {timeout} ./p.bin 1 > p.out 2> p.err; rc=$?
case {cls} in
  crash) [ $rc -gt 128 ] && [ $rc != 137 ] && has p.err ;;
  hang) [ $rc = 124 ] ;;
  wrong-output) [ $rc -lt 124 ] && ! cmp -s s.out p.out ;;
  *) exit 1 ;;
esac
"""


def count_loops(report):
    """(loops, parallel loops) in the annotated functions, from the JSON report."""
    try:
        fns = json.load(open(report))["functions"]
    except (OSError, ValueError, KeyError):
        return "", ""
    loops = [l for f in fns for l in f.get("loops", [])]
    return len(loops), sum(1 for l in loops if l.get("parallel"))


def first_line(text, marks):
    for l in text.splitlines():
        if any(m in l for m in marks):
            return l.strip()[:200]
    return text.strip().splitlines()[0][:200] if text.strip() else ""


def classify_errors(err, prog):
    """(class, detail) of a failed plugin compile with no crash."""
    located, generated = [], []
    for l in err.splitlines():
        m = DIAG.match(l)
        if m:
            (generated if CATEGORY.search(l) else located).append(l)
        elif re.match(r"^(\S*clang\S*: )?(fatal )?error: ", l) and "linker command" not in l:
            return "plugin-crash", "error without a location: " + l.strip()[:200]
    if generated:
        return "gen-compile", os.path.basename(generated[0])[:240]
    if located:
        return "error-at-line", os.path.basename(located[0])[:240]
    return "plugin-crash", "compile failed with no diagnostic"


def first_diff(ref, out, rc, ref_rc):
    a, b = ref.splitlines(), out.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"line {i + 1}: expected '{x[:80]}', got '{y[:80]}'"
    if len(a) != len(b):
        return f"{len(b)} lines of output, expected {len(a)}"
    return f"exit status {rc}, expected {ref_rc}"


def summarize(o):
    """The summary of the runs whose --out folders are o.summarize, together."""
    h = Harness.__new__(Harness)
    h.rows = [json.loads(l) for d in o.summarize
              for l in open(os.path.join(d, "results.jsonl"))]
    variants = []
    for r in h.rows:
        if r["variant"] not in variants:
            variants.append(r["variant"])
    o.seeds = sorted({r["seed"] for r in h.rows})
    o.variants, o.out = variants, " ".join(o.summarize)
    h.o, h.have_nvrtc = o, True
    print(h.summary(), end="")
    return 1 if any(r["class"] in FAILURES for r in h.rows) else 0


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        if ".." in part:
            lo, hi = part.split("..")
            seeds.extend(range(int(lo), int(hi) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", help="seeds, e.g. 1..300 or 5,7,10..12")
    ap.add_argument("--start", type=int, default=1, help="first seed (with --count)")
    ap.add_argument("--count", type=int, default=20, help="number of seeds (with --start)")
    ap.add_argument("--variants", default="parallel,cuda,delayed")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=10, help="seconds per run")
    ap.add_argument("--compile-timeout", type=int, default=120)
    ap.add_argument("--out", default="difftest-out")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--opt", default="-O1")
    ap.add_argument("--csmith-include", default="/usr/include/csmith")
    ap.add_argument("--keep-all", action="store_true", help="keep every work folder")
    ap.add_argument("--quiet", "-q", action="store_true")
    ap.add_argument("--summarize", nargs="+", metavar="DIR",
                    help="print the summary of earlier runs (e.g. chunks of seeds) and exit")
    o = ap.parse_args()
    if o.summarize:
        sys.exit(summarize(o))
    o.seeds = parse_seeds(o.seeds) if o.seeds else list(range(o.start, o.start + o.count))
    o.variants = [v for v in o.variants.split(",") if v]
    for v in o.variants:
        if v not in VARIANTS:
            sys.exit(f"difftest: unknown variant '{v}'; expected {', '.join(VARIANTS)}")
    if not shutil.which("csmith"):
        sys.exit("difftest: csmith not found (Debian: apt-get install csmith libcsmith-dev)")
    sys.exit(Harness(o).main())


if __name__ == "__main__":
    main()
