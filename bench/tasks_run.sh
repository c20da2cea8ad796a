#!/usr/bin/env bash
# bench/tasks_run.sh - task-graph overhead: ppar's runtime against hand-written
# OpenMP tasks (bench/tasks_bench.c; bench/tasks_cells.c for plugin-made tasks
# on distinct elements against depend clauses) and Dask's threaded scheduler
# (bench/tasks_dask.py), on 1 thread and on all cores; prints one table.
#
#   bash bench/tasks_run.sh            (or: make bench-tasks)
#
# Environment:
#   BUILD         CMake build tree (default build): $BUILD/lib/libppar_rt.a is
#                 built if needed; outputs go to $BUILD/bench/tasks-*
#   TASKS_N       tasks per shape in the C program (default 1000000)
#   TASKS_NFAN    tasks of the fan-in shapes (default 20000; see tasks_bench.c)
#   TASKS_REPS    timed repetitions, best kept (default 3)
#   TASKS_DASK_N  tasks per shape in Dask (default 2000; see tasks_dask.py)
#   TASKS_DASK=0  skip Dask
#   TASKS_IDLE=N  before each run, wait up to N s for idle CPUs (shared machines)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
out=$build/bench
n=${TASKS_N:-1000000}
nfan=${TASKS_NFAN:-20000}
reps=${TASKS_REPS:-3}
dask_n=${TASKS_DASK_N:-2000}
all=$(nproc)
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT

say() { printf '== %s\n' "$*" >&2; }

# Waits up to TASKS_IDLE seconds for 3 s with over 90% idle CPU.
wait_idle() {
  local limit=${TASKS_IDLE:-0} waited=0 idle a b
  [ "$limit" -gt 0 ] 2>/dev/null || return 0
  while :; do
    a=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
    sleep 3
    b=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
    idle=$(echo "$a $b" | awk '{d = $4 - $2; print (d > 0 ? int(100 * ($3 - $1) / d) : 100)}')
    waited=$((waited + 3))
    if [ "$idle" -ge 90 ] || [ "$waited" -ge "$limit" ]; then break; fi
  done
  say "CPUs ${idle}% idle (waited ${waited} s)"
}

# ---- build ------------------------------------------------------------------
if [ ! -f "$build/CMakeCache.txt" ]; then
  say "configuring ppar in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
say "building libppar_rt.a and the plugin"
cmake --build "$build" --target ppar_rt_static ppar ppar_rt >/dev/null
mkdir -p "$out"
say "compiling bench/tasks_bench.c (ppar runtime + OpenMP tasks, one binary)"
clang-19 -O2 -Wall -fopenmp -I"$root/include" -I"$root/runtime" \
  "$root/bench/tasks_bench.c" "$build/lib/libppar_rt.a" -lpthread -ldl \
  -o "$out/tasks_bench"
say "compiling bench/tasks_cells.c (plugin-made tasks + OpenMP depend, one binary)"
clang-19 -O2 -Wall -fopenmp -fplugin="$build/lib/libppar.so" -I"$root/include" \
  "$root/bench/tasks_cells.c" -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib" \
  -o "$out/tasks_cells"

# ---- run --------------------------------------------------------------------
results=$out/tasks-results.txt
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $all cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1))" >"$results"
threads=1
[ "$all" -gt 1 ] && threads="1 $all"
for t in $threads; do
  wait_idle
  say "ppar and OpenMP, $t thread(s)"
  echo "# load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
  PPAR_NUM_THREADS=$t OMP_NUM_THREADS=$t "$out/tasks_bench" "$n" "$reps" "$nfan" |
    sed 's/^/c /' | tee -a "$results" >&2
  PPAR_NUM_THREADS=$t OMP_NUM_THREADS=$t "$out/tasks_cells" 200000 "$reps" |
    sed 's/^/c /' | tee -a "$results" >&2
  if [ "${TASKS_DASK:-1}" != 0 ]; then
    wait_idle
    say "Dask, $t thread(s)"
    python3 "$root/bench/tasks_dask.py" -t "$t" -n "$dask_n" -r "$reps" |
      sed 's/^/dask /' | tee -a "$results" >&2
  fi
done

# ---- table ------------------------------------------------------------------
python3 - "$results" <<'EOF' | tee "$out/tasks-table.md"
import sys

c, dask, metg, dmetg, lazy, notes = {}, {}, {}, {}, {}, []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 2:
        continue
    src, rest = f[0], f[1:]
    if src == "c" and rest[0] == "metg":
        metg[rest[1]] = (rest[2], rest[3])
    elif src == "c" and rest[:2] == ["#", "metg_lazy"]:
        lazy[rest[2]] = rest[3]
    elif src == "c" and rest[0] not in ("#", "sweep"):
        c[(rest[0], rest[1])] = (float(rest[2]), float(rest[3]))
    elif src == "dask" and rest[0] == "dask:":
        notes.append(" ".join(rest))
    elif src == "dask" and rest[0] == "metg":
        dmetg[rest[1]] = rest[2]
    elif src == "dask" and rest[0] not in ("#", "sweep"):
        dask[(rest[0], rest[1])] = float(rest[2])

def fmt(x):
    return "—" if x is None else f"{x:.3f}" if x < 10 else f"{x:.0f}"

print("Microseconds per task (create + run + free); ratios = other / ppar,")
print("above 1: ppar cheaper. `*`: misses a goal (ppar <= 2 us/task,")
print("Dask/ppar >= 50, OpenMP/ppar >= 1).\n")
print("| shape | threads | ppar µs | OpenMP µs | Dask µs | OpenMP/ppar | Dask/ppar |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (shape, t), (p, o) in c.items():
    # Dask has no eager tasks and no memory dependences: fanin_mem is
    # compared with Dask's fan-in.
    d = dask.get(({"fanin_mem": "fanin"}.get(shape, shape), t))
    star = lambda ok: "" if ok else " *"
    ro = f"{o / p:.2f}{star(o / p >= 1)}"
    rd = "—" if d is None else f"{d / p:.0f}{star(d / p >= 50)}"
    print(f"| {shape} | {t} | {fmt(p)}{star(p <= 2)} | {fmt(o)} | {fmt(d)} | {ro} | {rd} |")
print("\nMETG(50%): smallest task (ns of work) from which on the run is at least")
print("50% efficient; ppar eager (lazy in brackets). Dask's work is pure Python")
print("under the GIL: on more than one thread it cannot pass 1/threads.\n")
print("| threads | ppar ns | OpenMP ns | Dask ns | OpenMP/ppar |")
print("|---:|---:|---:|---:|---:|")
for t, (p, o) in metg.items():
    r = f"{int(o) / int(p):.2f}" if p.isdigit() and o.isdigit() else "—"
    print(f"| {t} | {p} ({lazy.get(t, '?')}) | {o} | {dmetg.get(t, '—')} | {r} |")
for n in dict.fromkeys(notes):
    print(f"\n{n}")
EOF
say "raw lines: $results; table: $out/tasks-table.md"
