#!/usr/bin/env bash
# bench/dist_callgrind.sh - instructions per task of the distributed task
# graph's walk on one rank (docs/benchmarks.md, "Instructions per task"):
# callgrind on the last rank of bench/tasks_dist.c (cells only), the
# difference between N2 and N1 tasks (3 repetitions each) divided by the
# extra tasks, so that start-up and MPI's own initialisation cancel out.
# Instructions do not depend on the machine's load, as times do.
#
#   bash bench/dist_callgrind.sh
#
# Environment: BUILD (CMake build tree, default build), DIST_RANKS (default
# "0 1 2 4"; 0 runs the binary without MPI), DIST_N1 and DIST_N2 (default
# 20000 and 60000), MPIEXEC (default mpirun, Open MPI's; mpiexec.mpich for
# MPICH's), RT_LIB (the libppar_rt.so.0 to measure, default the build's: to
# compare with another commit's runtime on the same binary).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/dist_common.sh"
command -v valgrind >/dev/null || { echo "dist_callgrind.sh: no valgrind" >&2; exit 1; }
mpiexec=${MPIEXEC:-mpirun}
n1=${DIST_N1:-20000} n2=${DIST_N2:-60000}

plugin_build tasks_dist

# Valgrind 3.19 cannot read the DWARF 5 of clang 19's -g: the runtime is
# measured from a copy without debug information (the same code).
mkdir -p "$out/callgrind-lib"
strip --strip-debug -o "$out/callgrind-lib/libppar_rt.so.0" "${RT_LIB:-$build/lib/libppar_rt.so.0}"
export LD_LIBRARY_PATH=$out/callgrind-lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export PPAR_NUM_THREADS=1
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT PPAR_PROCESSES
mpi_flags=()
[ "$mpiexec" = mpirun ] && mpi_flags=(--oversubscribe --bind-to none --mca btl self,vader)

# Instructions of the last rank's process for n tasks on r ranks.
count() {
  local r=$1 n=$2
  local file=$out/callgrind-$r-$n.out
  local vg=(valgrind --tool=callgrind --callgrind-out-file="$file" "$out/tasks-dist" "$n" 3 0 1)
  rm -f "$file"
  if [ "$r" = 0 ]; then
    "${vg[@]}" >/dev/null 2>&1
  elif [ "$r" = 1 ]; then
    "$mpiexec" ${mpi_flags[@]+"${mpi_flags[@]}"} -n 1 "${vg[@]}" >/dev/null 2>&1
  else
    "$mpiexec" ${mpi_flags[@]+"${mpi_flags[@]}"} -n $((r - 1)) "$out/tasks-dist" "$n" 3 0 1 : \
      -n 1 "${vg[@]}" >/dev/null 2>&1
  fi
  awk '/^(summary|totals):/ { print $2; exit }' "$file"
}

printf '%-8s %14s %14s %12s\n' ranks "Ir($n1)" "Ir($n2)" per_task
for r in ${DIST_RANKS:-0 1 2 4}; do
  a=$(count "$r" "$n1") b=$(count "$r" "$n2")
  printf '%-8s %14s %14s %12.0f\n' "$([ "$r" = 0 ] && echo no-MPI || echo "-np $r")" \
    "$a" "$b" "$(echo "($b - $a) / (3 * ($n2 - $n1))" | bc -l)"
done
