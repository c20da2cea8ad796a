#!/usr/bin/env bash
# bench/dist_run.sh - the distributed task graph on 1, 2 and 4 MPI ranks of
# this machine (bench/tasks_dist.c, docs/distributed.md): overhead per task
# per rank when each rank runs 1/R of the tasks and skips the rest, and the
# time per step of a halo stencil with the same work per rank (weak scaling,
# with its efficiency against one rank); a message through the task graph
# against MPI's own ping-pong of the same sizes (bench/dist_pingpong*.c, 2
# ranks); Dask distributed on the same graphs (bench/dist_dask.py) where
# DASK_PYTHON (default python3) imports dask.distributed.
#
#   bash bench/dist_run.sh            (or: make bench-dist)
#
# Environment: BUILD (CMake build tree, default build), DIST_N (tasks,
# default 200000), DIST_REPS (default 3), DIST_STEPS (default 20),
# DIST_WORK (sweeps per halo task, default 128: about 1 ms), DIST_RANKS
# (default "1 2 4"), PPAR_NUM_THREADS (default 1 per rank), DIST_PP_ITERS
# (round trips, default 1000), DASK_PYTHON.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/dist_common.sh"
rm -f "$out"/dist-*.log
command -v mpirun >/dev/null || { echo "dist_run.sh: no mpirun (apt-get install openmpi-bin libopenmpi-dev)" >&2; exit 1; }

plugin_build tasks_dist

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export PPAR_NUM_THREADS=${PPAR_NUM_THREADS:-1}
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT
echo "== without MPI (the same binary)"
"$out/tasks-dist" "${DIST_N:-200000}" "${DIST_REPS:-3}" "${DIST_STEPS:-20}" "${DIST_WORK:-128}"
for r in ${DIST_RANKS:-1 2 4}; do
  echo "== mpirun -np $r"
  mpirun --oversubscribe --bind-to none --mca btl self,vader -np "$r" \
    "$out/tasks-dist" "${DIST_N:-200000}" "${DIST_REPS:-3}" "${DIST_STEPS:-20}" "${DIST_WORK:-128}" \
    | tee "$out/dist-$r.log"
done

echo "== weak scaling of halo (ms per step at 1 rank / at R ranks)"
grep -h '^halo ranks=' "$out"/dist-*.log 2>/dev/null | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t[v["ranks"]] = v["ms_per_step"] }
  END { for (r in t) if (t[1] > 0) printf "ranks=%s efficiency=%.2f\n", r, t[1] / t[r] }'

echo "== messages: through the task graph and MPI's own ping-pong (2 ranks)"
plugin_build dist_pingpong
mpirun --oversubscribe --bind-to none --mca btl self,vader -np 2 \
  "$out/dist-pingpong" "${DIST_PP_ITERS:-1000}"
if command -v mpicc >/dev/null; then
  OMPI_CC=clang-19 mpicc -O2 "$root/bench/dist_pingpong_mpi.c" -o "$out/dist-pingpong-mpi"
  mpirun --oversubscribe --bind-to none --mca btl self,vader -np 2 \
    "$out/dist-pingpong-mpi" "${DIST_PP_ITERS:-1000}"
else
  echo "mpi: no mpicc (apt-get install libopenmpi-dev)"
fi

echo "== Dask distributed on the same graphs"
"${DASK_PYTHON:-python3}" "$root/bench/dist_dask.py" -r "${DIST_RANKS:-1 2 4}" -s "${DIST_STEPS:-20}"
