#!/usr/bin/env bash
# bench/dist_run.sh - the distributed task graph on 1, 2 and 4 MPI ranks of
# this machine (bench/tasks_dist.c, docs/distributed.md): overhead per task
# per rank when each rank runs 1/R of the tasks and skips the rest, and the
# time per step of a halo stencil with the same work per rank (weak scaling).
#
#   bash bench/dist_run.sh            (or: make bench-dist)
#
# Environment: BUILD (CMake build tree, default build), DIST_N (tasks,
# default 200000), DIST_REPS (default 3), DIST_STEPS (default 20),
# DIST_WORK (sweeps per halo task, default 64: about 1 ms), DIST_RANKS
# (default "1 2 4"), PPAR_NUM_THREADS (default 1 per rank).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
out=$build/bench
mkdir -p "$out"
command -v mpirun >/dev/null || { echo "dist_run.sh: no mpirun (apt-get install openmpi-bin libopenmpi-dev)" >&2; exit 1; }

clang-19 -fplugin="$build/lib/libppar.so" -I"$root/include" -O2 \
  "$root/bench/tasks_dist.c" -o "$out/tasks-dist" \
  -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib"

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export PPAR_NUM_THREADS=${PPAR_NUM_THREADS:-1}
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT
echo "== without MPI (the same binary)"
"$out/tasks-dist" "${DIST_N:-200000}" "${DIST_REPS:-3}" "${DIST_STEPS:-20}" "${DIST_WORK:-64}"
for r in ${DIST_RANKS:-1 2 4}; do
  echo "== mpirun -np $r"
  mpirun --oversubscribe --bind-to none --mca btl self,vader -np "$r" \
    "$out/tasks-dist" "${DIST_N:-200000}" "${DIST_REPS:-3}" "${DIST_STEPS:-20}" "${DIST_WORK:-64}"
done
