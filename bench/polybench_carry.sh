#!/usr/bin/env bash
# bench/polybench_carry.sh - PolyBench timed on another machine (an idle one
# with more cores, such as the GPU machine, which has no clang).
#
#   bash bench/polybench_carry.sh build [DATASET]   here: builds and checks
#       every kernel with the PolyBench script (serial, ppar, Polly; ppar's
#       dumps compared with serial's) and fills polybench-carry/ (git-ignored)
#       with the three timed binaries per kernel, libppar_rt and libomp.
#   bash polybench-carry/run.sh [RUNS] [THREADS...]  there: per thread count
#       (default 2 and all cores), RUNS rounds (default 5) of serial, ppar
#       and Polly taken in turn, the best of each; a table of speedups over
#       serial, their geomeans and the kernels where ppar is below 0.95.
#
# Environment for build: POLYBENCH (default /work/shared/polybench or
# ../shared/polybench), BUILD (default build), DEST (default polybench-carry).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build() {
  local dataset=${1:-MEDIUM}
  local pb=${POLYBENCH:-$root/../shared/polybench}
  local b=${BUILD:-$root/build} dest=${DEST:-$root/polybench-carry}
  case $b in /*) ;; *) b=$root/$b ;; esac
  [ -x "$pb/run.sh" ] || { echo "no PolyBench script at $pb/run.sh (set POLYBENCH)" >&2; exit 2; }
  local log; log=$(mktemp)
  # -n 1: the timing here does not matter, the scratch directory is kept.
  KEEP=1 PPAR_PLUGIN="$b/lib/libppar.so" PPAR_RTDIR="$b/lib" PPAR_INC="$root/include" \
    bash "$pb/run.sh" -d "$dataset" -n 1 -t 2 "$root" >"$log" 2>&1 || true
  tail -n 3 "$log"
  local work
  work=$(sed -n 's/^run.sh: scratch directory //p' "$log" | head -n 1)
  [ -d "$work" ] || { echo "no scratch directory in the PolyBench log $log" >&2; exit 1; }
  rm -rf "$dest" && mkdir -p "$dest/bin"
  local k
  for k in "$work"/*/; do
    k=${k%/}
    # Only kernels whose ppar answers matched serial's are carried.
    grep -Eq "^$(basename "$k") +\| yes " "$log" || continue
    mkdir -p "$dest/bin/$(basename "$k")"
    cp "$k/serial" "$k/ppar" "$dest/bin/$(basename "$k")/"
    [ -f "$k/polly" ] && cp "$k/polly" "$dest/bin/$(basename "$k")/"
  done
  cp -L "$b/lib/libppar_rt.so.0" "$dest/"
  cp -L /usr/lib/llvm-19/lib/libomp.so.5 "$dest/"
  cp "$log" "$dest/build.log"
  cp "$root/bench/polybench_carry.sh" "$dest/run.sh"
  rm -rf "$work" "$log"
  echo "$dest: $(ls "$dest/bin" | wc -l) kernels ($dataset); run: bash $dest/run.sh [RUNS] [THREADS...]"
}

# Best (smallest) of the POLYBENCH_TIME seconds a binary printed.
best() { sort -g | head -n 1; }

run() {
  local here; here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  export LD_LIBRARY_PATH=$here${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  local runs=${1:-5}; shift || true
  local threads=("$@")
  [ ${#threads[@]} -gt 0 ] || threads=(2 "$(nproc)")
  local t k v
  for t in "${threads[@]}"; do
    echo "## $t threads, best of $runs rounds ($(nproc) cores)"
    printf '%-16s %10s %10s %10s %8s %8s\n' kernel serial_s ppar_s polly_s ppar_x polly_x
    local slow=() lp=0 lq=0 n=0
    for k in "$here"/bin/*/; do
      k=${k%/}
      declare -A times=()
      local r
      for v in serial ppar polly; do times[$v]=; done
      for ((r = 0; r < runs; r++)); do
        for v in serial ppar polly; do
          [ -x "$k/$v" ] || continue
          times[$v]+="$(cd "$k" && OMP_NUM_THREADS=$t PPAR_NUM_THREADS=$t timeout 300 "./$v" 2>/dev/null | tail -n 1) "
        done
      done
      local s p q
      s=$(tr ' ' '\n' <<<"${times[serial]}" | grep . | best)
      p=$(tr ' ' '\n' <<<"${times[ppar]}" | grep . | best)
      q=$(tr ' ' '\n' <<<"${times[polly]}" | grep . | best || true)
      unset times
      local xp xq
      xp=$(awk -v s="$s" -v p="$p" 'BEGIN { printf "%.2f", s / p }')
      xq=$([ -n "$q" ] && awk -v s="$s" -v q="$q" 'BEGIN { printf "%.2f", s / q }' || echo -)
      printf '%-16s %10s %10s %10s %8s %8s\n' "$(basename "$k")" "$s" "$p" "${q:--}" "$xp" "$xq"
      lp=$(awk -v a="$lp" -v x="$xp" 'BEGIN { print a + log(x) }')
      [ "$xq" != - ] && lq=$(awk -v a="$lq" -v x="$xq" 'BEGIN { print a + log(x) }')
      n=$((n + 1))
      awk -v x="$xp" 'BEGIN { exit !(x < 0.95) }' && slow+=("$(basename "$k") $xp")
    done
    awk -v a="$lp" -v b="$lq" -v n="$n" 'BEGIN { printf "geomean ppar %.2f polly %.2f over %d kernels\n", exp(a / n), exp(b / n), n }'
    echo "ppar below 0.95x serial: ${slow[*]:-none}"
  done
}

case ${1:-run} in
  build) shift; build "$@" ;;
  run) shift || true; run "$@" ;;
  [0-9]*) run "$@" ;;
  *) echo "usage: $0 build [DATASET] | run [RUNS] [THREADS...]" >&2; exit 2 ;;
esac
