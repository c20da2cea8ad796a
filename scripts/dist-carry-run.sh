#!/bin/sh
# run.sh - the distributed task graph measured from a folder that
# scripts/dist-carry.sh filled (docs/benchmarks.md, "Distributed task
# graphs"): MPICH's Hydra and library from the folder, nothing installed.
#
#   ./run.sh                 (from anywhere; prints everything on stdout)
#
# 1. halo: weak scaling of a 1-D stencil, 8 blocks of 16,384 cells per
#    rank, each block a task of about 1 ms (WORK=128 sweeps), STEPS steps:
#    ms per step at 1, 2, 4, 8 ranks of one thread, and the efficiency
#    t(1 rank) / t(R ranks) (goal: 0.9 or more for tasks of 1 ms or more).
# 2. cells: N tasks on a block-distributed array, each rank runs 1/R and
#    skips the rest: wall and CPU microseconds per task at 1, 2, 4 ranks.
# 3. a message through the task graph against MPI's own ping-pong.
# Environment: RANKS (default "1 2 4 8"), CELL_RANKS (default "1 2 4"),
# STEPS (default 20), WORK (default 128), N (default 200000), REPS
# (default 3), MPIEXEC_ARGS (more options for mpiexec.hydra, such as
# "-bind-to core").
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
PATH=$dir/bin:$PATH
LD_LIBRARY_PATH=$dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
PPAR_MPI_LIB=$dir/lib/libmpich.so.12
PPAR_NUM_THREADS=1
export PATH LD_LIBRARY_PATH PPAR_MPI_LIB PPAR_NUM_THREADS
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT PPAR_PROCESSES PPAR_DIST || true
# Local processes only: no batch system's node list, no ssh.
for v in $(env | sed -n 's/^\(SLURM_[A-Za-z0-9_]*\|PBS_[A-Za-z0-9_]*\)=.*/\1/p'); do
  unset "$v"
done
RANKS=${RANKS:-1 2 4 8}
CELL_RANKS=${CELL_RANKS:-1 2 4}
STEPS=${STEPS:-20} WORK=${WORK:-128} N=${N:-200000} REPS=${REPS:-3}
launch() {
  n=$1
  shift
  # Processes of this host only (fork, not ssh), talking over the loopback
  # interface: with a host name that does not resolve, Hydra still starts
  # but UCX then takes milliseconds per message (measured: 4 ms for 64 KiB
  # against 7.6 us over lo).
  # shellcheck disable=SC2086
  mpiexec.hydra -launcher fork -iface lo -n "$n" ${MPIEXEC_ARGS:-} "$@"
}

echo "== machine: $(uname -srm), $(nproc) CPUs, $(ldd --version 2>&1 | head -n 1)"
grep -m 1 'model name' /proc/cpuinfo 2>/dev/null || true
echo "== load: $(cat /proc/loadavg 2>/dev/null || echo unknown)"
echo "== MPI: $(mpiexec.hydra --version 2>/dev/null | sed -n 's/^ *Version: *//p' | head -n 1) (MPICH's Hydra, from $dir)"

log=$(mktemp -d "${TMPDIR:-/tmp}/dist-carry.XXXXXX")
trap 'rm -rf "$log"' EXIT

echo "== halo: weak scaling, $STEPS steps, WORK=$WORK (ms per step; ideal: the same at every R)"
"$dir/bin/tasks-dist" 1 1 "$STEPS" "$WORK" | grep '^halo' | sed 's/^/no MPI: /'
for r in $RANKS; do
  launch "$r" "$dir/bin/tasks-dist" 1 1 "$STEPS" "$WORK" | grep '^halo' | tee "$log/halo-$r"
done
cat "$log"/halo-* | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t[v["ranks"]] = v["ms_per_step"]; if (v["ranks"] > 0) order[++n] = v["ranks"] }
  END { if (!(1 in t)) exit
        for (k = 1; k <= n; k++) { r = order[k]
          printf "halo ranks=%s ms_per_step=%s efficiency=%.2f\n", r, t[r], t[1] / t[r] } }'

echo "== cells: $N tasks, each rank runs 1/R and skips the rest (us per task, best of $REPS)"
"$dir/bin/tasks-dist" "$N" "$REPS" 0 | grep '^cells' | sed 's/^/no MPI: /'
for r in $CELL_RANKS; do
  launch "$r" "$dir/bin/tasks-dist" "$N" "$REPS" 0 | grep '^cells'
done

echo "== messages: through the task graph, and MPI's own ping-pong (2 ranks)"
launch 2 "$dir/bin/dist-pingpong" 1000
launch 2 "$dir/bin/dist-pingpong-mpi" 1000
