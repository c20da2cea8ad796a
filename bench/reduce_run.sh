#!/usr/bin/env bash
# bench/reduce_run.sh - the cost of jit(reproducible) on a dot product
# (bench/reduce_bench.c), on 1 thread and on all cores.
#
#   bash bench/reduce_run.sh            (or: make bench-reduce)
#
# Environment: BUILD (CMake build tree, default build; the plugin and runtime
# are built if needed), REDUCE_REPS (default 7).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
reps=${REDUCE_REPS:-7}
unset PPAR_DISABLE_JIT PPAR_CHECK PPAR_TARGET

cmake --build "$build" --target ppar ppar_rt >/dev/null
mkdir -p "$build/bench"
exe=$build/bench/reduce_bench
clang-19 -O3 -fplugin="$build/lib/libppar.so" -I"$root/include" "$root/bench/reduce_bench.c" \
  -o "$exe" -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib" -fopenmp \
  -L/usr/lib/llvm-19/lib -Wl,-rpath,/usr/lib/llvm-19/lib
for t in 1 "$(nproc)"; do
  echo "== $t thread(s), $(nproc) cores"
  PPAR_NUM_THREADS=$t "$exe" "$reps"
done
