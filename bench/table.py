#!/usr/bin/env python3
"""table.py - the comparison table of bench.c's and bench_numba.py's lines.

    python3 table.py results.txt [more.txt ...]

Reads the `result key=value ...` lines (other lines are ignored, `# ...`
lines are echoed as the header). A (kernel, variant) seen several times
(BENCH_ROUNDS > 1) keeps its best time. Prints Markdown:

1. kernel | serial ms | ppar ms | OpenMP ms | Numba ms | ppar/OpenMP | ppar/Numba
   where a ratio is the other variant's time over ppar's (a speed ratio:
   > 1 means ppar is faster). A ratio below the goal (0.95 for OpenMP, 1.0
   for Numba) is marked with `*`.
   With several rounds, the same table again from the median over rounds
   of each round's best, which is less sensitive to one lucky round.
2. every variant's time and speed-up over serial (ppar_auto: ppar without
   the prange marks; numba_alloc: Numba's example verbatim, which allocates
   its result).
3. failed checks, and whether C and Numba computed the same checksums.
"""
import statistics
import sys

GOAL_OMP, GOAL_NUMBA = 0.95, 1.0
KERNELS = ["triad", "dot", "matmul", "jacobi", "tanh_trace", "sinacosb", "jacobi_flat",
           "heat2d"]
VARIANTS = ["serial", "ppar", "ppar_auto", "omp", "numba", "numba_alloc"]


def parse(paths):
    best, header = {}, []
    for path in paths:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("#"):
                    header.append(line[1:].strip())
                    continue
                if not line.startswith("result "):
                    continue
                r = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
                key = (r["kernel"], r["variant"])
                r["best_ms"] = float(r["best_ms"])
                r["runs"] = 1
                r["all"] = [r["best_ms"]]
                old = best.get(key)
                if old is not None:
                    r["runs"] = old["runs"] + 1
                    r["all"] = old["all"] + r["all"]
                    old["all"] = r["all"]
                    if old["check"] != "ok":
                        r["check"] = old["check"]
                    if old["best_ms"] <= r["best_ms"]:
                        old.update(runs=r["runs"], check=r["check"])
                        continue
                best[key] = r
    return best, header


def ms(best, k, v, field="best_ms"):
    r = best.get((k, v))
    return f"{r[field]:.1f}" if r else "—"


def ratio(best, k, other, goal, field="best_ms"):
    p, o = best.get((k, "ppar")), best.get((k, other))
    if not p or not o:
        return "—"
    x = o[field] / p[field]
    return f"{x:.2f}" + (" *" if x < goal else "")


def main_table(best, kernels, field):
    print("| kernel | serial ms | ppar ms | OpenMP ms | Numba ms | ppar/OpenMP | ppar/Numba |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k in kernels:
        print(f"| {k} | {ms(best, k, 'serial', field)} | {ms(best, k, 'ppar', field)} "
              f"| {ms(best, k, 'omp', field)} | {ms(best, k, 'numba', field)} "
              f"| {ratio(best, k, 'omp', GOAL_OMP, field)} "
              f"| {ratio(best, k, 'numba', GOAL_NUMBA, field)} |")


def main(paths):
    best, header = parse(paths)
    if not best:
        print("table.py: no result lines in " + ", ".join(paths), file=sys.stderr)
        return 1
    kernels = KERNELS + sorted({k for k, _ in best} - set(KERNELS))
    for h in dict.fromkeys(header):
        print(f"<!-- {h} -->")
    threads = sorted({r["threads"] for (k, v), r in best.items() if not v.endswith("serial")},
                     key=int)
    rounds = max(r["runs"] for r in best.values())
    print(f"\nBest of all runs, milliseconds; threads: {', '.join(threads) or '—'}.\n")
    main_table(best, kernels, "best_ms")
    print(f"\nRatio = other time / ppar time (> 1: ppar faster); `*`: below the goal "
          f"(ppar >= {GOAL_OMP}x OpenMP, >= {GOAL_NUMBA}x Numba).\n")
    if rounds > 1:
        for r in best.values():
            r["median_round_ms"] = statistics.median(r["all"])
        print(f"Median over the {rounds} rounds of each round's best, milliseconds:\n")
        main_table(best, kernels, "median_round_ms")
        print()

    variants = VARIANTS + sorted({v for _, v in best} - set(VARIANTS))
    variants = [v for v in variants if any((k, v) in best for k in kernels)]
    print("Every variant, ms (speed-up over serial):\n")
    print("| kernel | " + " | ".join(variants) + " |")
    print("|---|" + "---:|" * len(variants))
    for k in kernels:
        s = best.get((k, "serial"))
        cells = []
        for v in variants:
            r = best.get((k, v))
            if not r:
                cells.append("—")
            elif s and v != "serial":
                cells.append(f"{r['best_ms']:.1f} ({s['best_ms'] / r['best_ms']:.2f}x)")
            else:
                cells.append(f"{r['best_ms']:.1f}")
        print(f"| {k} | " + " | ".join(cells) + " |")

    notes = []
    for (k, v), r in sorted(best.items()):
        if r["check"] != "ok":
            notes.append(f"- {k}/{v}: check {r['check']} (err {r.get('err')})")
    for k in kernels:
        c, n = best.get((k, "serial")), best.get((k, "numba"))
        if c and n and c.get("size") != n.get("size"):
            notes.append(f"- {k}: sizes differ (C {c.get('size')}, Numba {n.get('size')})")
        elif c and n:
            a, b = float(c["checksum"]), float(n["checksum"])
            if abs(a - b) > 1e-8 * max(abs(a), abs(b), 1e-300):
                notes.append(f"- {k}: checksums differ (C {a:.12e}, Numba {b:.12e})")
    print()
    if notes:
        print("Problems:\n" + "\n".join(notes))
    elif any(v == "numba" for _, v in best):
        print("All results match the serial ones (NumPy's for Numba), and C and Numba "
              "compute the same checksums.")
    else:
        print("All results match the serial ones. No Numba results.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
