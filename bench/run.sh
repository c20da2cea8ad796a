#!/usr/bin/env bash
# bench/run.sh - build and run the CPU benchmarks; print the comparison table.
#
#   bash bench/run.sh            (or: make bench)
#
# 1. builds ppar (cmake + ninja in $BENCH_BUILD, default build-bench/);
# 2. compiles bench/kernels_ppar.c without the plugin (serial), with it
#    (ppar) and with it minus the prange marks (ppar_auto), bench/kernels_omp.c
#    with -fopenmp, and links them with bench/bench.c into one binary; shows
#    ppar's report and compares ppar's outlined parallel loops with OpenMP's,
#    instruction by instruction (bench/same_code.py);
# 3. runs it, then bench/bench_numba.py in a venv ($BENCH_BUILD/venv) where
#    pip installs numba (skipped, with a message, when that fails);
# 4. prints the table of bench/table.py (also written to
#    $BENCH_BUILD/bench/table.md; raw lines in results.txt).
#
# Environment:
#   BENCH_THREADS  threads of every parallel variant (default: all cores); sets
#                  OMP_NUM_THREADS, PPAR_NUM_THREADS and NUMBA_NUM_THREADS
#   BENCH_REPS     timed repetitions per kernel and variant (default 7)
#   BENCH_ROUNDS   run both benchmarks this many times, alternating, and keep
#                  each variant's best (default 1; use 3+ on a busy machine)
#   BENCH_CFLAGS   optimisation flags of the C variants (default -O3; Numba
#                  always compiles for the host CPU, see docs/benchmarks.md)
#   BENCH_IDLE=N   before each round, wait up to N seconds for the machine to be
#                  idle (over 90% idle CPU for 3 s); for shared machines
#   BENCH_NUMBA=0  skip Numba
#   BENCH_BUILD    build folder (default <repo>/build-bench)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BENCH_BUILD:-$root/build-bench}
threads=${BENCH_THREADS:-$(nproc)}
reps=${BENCH_REPS:-7}
rounds=${BENCH_ROUNDS:-1}
cflags=${BENCH_CFLAGS:--O3}
out=$build/bench
export OMP_NUM_THREADS=$threads PPAR_NUM_THREADS=$threads NUMBA_NUM_THREADS=$threads
unset PPAR_DISABLE_JIT PPAR_CHECK PPAR_TARGET

say() { printf '== %s\n' "$*" >&2; }

# Percent of CPU time idle over the next 3 seconds (from /proc/stat).
idle_percent() {
  local a b
  a=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  sleep 3
  b=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  echo "$a $b" | awk '{d = $4 - $2; print (d > 0 ? int(100 * ($3 - $1) / d) : 100)}'
}

wait_idle() {
  local limit=${BENCH_IDLE:-0} waited=0 idle
  [ "$limit" -gt 0 ] 2>/dev/null || return 0
  while idle=$(idle_percent); [ "$idle" -lt 90 ] && [ "$waited" -lt "$limit" ]; do
    waited=$((waited + 3))
  done
  say "CPUs ${idle}% idle (waited ${waited} s)"
  idle_note=", ${idle}% idle before it"
}
idle_note=

# ---- 1. ppar -------------------------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
  say "configuring ppar in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
say "building ppar"
ninja -C "$build" >/dev/null

# ---- 2. the C benchmark ----------------------------------------------------------
mkdir -p "$out"
cc=clang-19
pparcc=$build/bin/ppar-cc
src=$root/bench
say "compiling the kernels ($cflags)"
# shellcheck disable=SC2086
{
  $cc $cflags -Wall -Wno-unknown-pragmas -I"$root/include" -DBENCH_TABLE=bench_serial \
    -c "$src/kernels_ppar.c" -o "$out/kernels_serial.o"
  rm -rf "$out/emit" "$out/emit-auto"
  $pparcc $cflags -Wall -fplugin-arg-ppar-report -fplugin-arg-ppar-emit="$out/emit" \
    -DBENCH_TABLE=bench_ppar -c "$src/kernels_ppar.c" -o "$out/kernels_ppar.o" \
    2>"$out/report-ppar.txt" || { cat "$out/report-ppar.txt" >&2; exit 1; }
  $pparcc $cflags -Wall -fplugin-arg-ppar-report -fplugin-arg-ppar-emit="$out/emit-auto" \
    -DBENCH_AUTO -DBENCH_TABLE=bench_ppar_auto -c "$src/kernels_ppar.c" \
    -o "$out/kernels_ppar_auto.o" 2>"$out/report-ppar-auto.txt" ||
    { cat "$out/report-ppar-auto.txt" >&2; exit 1; }
  $cc $cflags -Wall -fopenmp -c "$src/kernels_omp.c" -o "$out/kernels_omp.o"
  $cc $cflags -Wall -c "$src/bench.c" -o "$out/bench.o"
  $pparcc $cflags "$out/bench.o" "$out/kernels_serial.o" "$out/kernels_ppar.o" \
    "$out/kernels_ppar_auto.o" "$out/kernels_omp.o" -o "$out/bench" -lm
}
for v in ppar ppar-auto; do
  say "what ppar did ($v; full report in $out/report-$v.txt)"
  grep -E ': (remark|warning|error):' "$out/report-$v.txt" | sed "s|^$root/||" >&2 || true
done
say "ppar's parallel loops against hand-written OpenMP, instruction by instruction"
python3 "$src/same_code.py" "$out/kernels_ppar.o" "$out/kernels_omp.o" | tee "$out/same-code.txt" >&2 || true

# ---- 3. Numba ---------------------------------------------------------------------
venv=$build/venv
numba=yes
if [ "${BENCH_NUMBA:-1}" = 0 ]; then
  numba=no
  say "Numba skipped (BENCH_NUMBA=0)"
elif ! "$venv/bin/python" -c 'import numba' 2>/dev/null; then
  say "installing numba into $venv"
  if ! { python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 numba; }; then
    numba=no
    say "Numba is unavailable (python3 -m venv or pip install numba failed): its column stays empty"
  fi
fi

# ---- 4. run -----------------------------------------------------------------------
results=$out/results.txt
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), threads=$threads reps=$reps rounds=$rounds cflags='$cflags'"
  echo "# ppar $(git -C "$root" describe --always --dirty 2>/dev/null || cat "$root/SNAPSHOT" 2>/dev/null || echo unknown)"
} >"$results"
status=0
for round in $(seq "$rounds"); do
  wait_idle
  say "round $round/$rounds: C variants ($threads threads)"
  echo "# round $round: load average $(cut -d' ' -f1-3 /proc/loadavg)$idle_note" >>"$results"
  "$out/bench" -r "$reps" | tee -a "$results" || status=1
  if [ "$numba" = yes ]; then
    wait_idle
    say "round $round/$rounds: Numba ($threads threads)"
    "$venv/bin/python" "$src/bench_numba.py" -r "$reps" | tee -a "$results" || status=1
  fi
done

python3 "$src/table.py" "$results" | tee "$out/table.md"
[ "$status" = 0 ] || say "a benchmark reported a failure (see above)"
exit "$status"
