#!/usr/bin/env bash
# bench/dist_latency.sh - the cost of a message through the task graph
# (bench/dist_pingpong.c) against MPI's own ping-pong (dist_pingpong_mpi.c),
# and the halo's weak scaling at 1 and 2 ranks bound to cores
# (bench/tasks_dist.c, tasks of about 1 ms), for one or more runtimes on
# the same binaries, in interleaved rounds so that the load of a shared
# machine falls on all alike (docs/benchmarks.md, "The cost of a message").
# Prints the best and the median over the rounds (each ping-pong run is
# itself the best of 3).
#
#   bash bench/dist_latency.sh
#   RT_DIRS="/tmp/before /tmp/after" bash bench/dist_latency.sh
#
# Environment: BUILD (CMake build tree, default build), RT_DIRS (folders
# holding a libppar_rt.so.0 each, default the build's lib), ROUNDS
# (default 7), HALO_RANKS (default "1 2"; empty skips the halo).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/dist_common.sh"
command -v mpirun >/dev/null || { echo "dist_latency.sh: no mpirun" >&2; exit 1; }
plugin_build dist_pingpong
plugin_build tasks_dist
mpi_own=
if command -v mpicc >/dev/null; then
  OMPI_CC=clang-19 mpicc -O2 "$root/bench/dist_pingpong_mpi.c" -o "$out/dist-pingpong-mpi"
  mpi_own=1
fi

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 PPAR_NUM_THREADS=1
unset PPAR_GRAPH PPAR_TRACE PPAR_DISABLE_JIT PPAR_PROCESSES
dirs=${RT_DIRS:-$build/lib}
log=$out/dist-latency.log
: > "$log"
for ((i = 1; i <= ${ROUNDS:-7}; i++)); do
  k=0
  for d in $dirs; do
    k=$((k + 1))
    LD_LIBRARY_PATH=$d mpirun --oversubscribe --bind-to none --mca btl self,vader -np 2 \
      "$out/dist-pingpong" 1000 | sed "s/^ppar /rt$k /" >> "$log"
    for r in ${HALO_RANKS-1 2}; do
      LD_LIBRARY_PATH=$d mpirun --bind-to core --mca btl self,vader -np "$r" \
        "$out/tasks-dist" 2000 1 40 256 | sed -n "s/^halo /rt$k halo /p" >> "$log"
    done
  done
  if [ -n "$mpi_own" ]; then
    mpirun --oversubscribe --bind-to none --mca btl self,vader -np 2 \
      "$out/dist-pingpong-mpi" 1000 >> "$log"
  fi
done

k=0
for d in $dirs; do k=$((k + 1)); echo "rt$k = $d/libppar_rt.so.0"; done
python3 - "$log" <<'EOF'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) bytes=(\d+) one_way_us=([\d.]+)', line)
    if m:
        runs.setdefault((m[1], 'one way us, %s B' % m[2]), []).append(float(m[3]))
    m = re.match(r'(\S+) halo ranks=(\d+) .*ms_per_step=([\d.]+)', line)
    if m:
        runs.setdefault((m[1], 'halo ms/step, %s rank(s)' % m[2]), []).append(float(m[3]))
for (who, what), v in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    print('%-28s %-4s best %9.2f  median %9.2f  (%d runs)' % (what, who, min(v), statistics.median(v), len(v)))
EOF
