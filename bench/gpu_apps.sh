#!/usr/bin/env bash
# bench/gpu_apps.sh - the GPU acceptance programs (test/run/gpu-app-*.c:
# STREAM, a 3-D stencil, SRAD, blocked LU, Mandelbrot, a particle filter)
# at sizes that take seconds, timed on the GPU against their multi-core
# CPU build: one binary each, run with PPAR_TARGET=cuda and with
# PPAR_TARGET=cpu (every core), whole-process wall time, best of 3.
# STREAM and the stencil are also built with two iteration counts: the
# difference of their GPU times is kernels on resident data alone, which
# gives their bandwidth (bytes the kernels must move per iteration).
#
#   bash bench/gpu_apps.sh build      here: fills gpu-apps-carry/ (git-ignored)
#   bash gpu-apps-carry/run.sh [D2D]  on the GPU machine; D2D, the device
#                                     copy bandwidth in GB/s measured in the
#                                     same session (bench/gpu_run.sh's ref_d2d),
#                                     adds the ratio to it
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# name source defines...; STREAM moves 80 bytes per element per iteration
# (copy 16, scale 16, add 24, triad 24), the stencil 2 x 16 per point per
# step (two sweeps, each reading a grid once and writing one).
APPS=(
  "stream gpu-app-stream -DSTREAM_ARRAY_SIZE=33554432 -DNTIMES=100"
  "stencil3d gpu-app-stencil3d -DHEAT_N=256 -DHEAT_STEPS=100"
  "srad gpu-app-srad -DSRAD_R=4096 -DSRAD_ITER=20"
  "lu gpu-app-lu -DLU_N=2000"
  "mandelbrot gpu-app-mandelbrot -DMANDEL_W=4000"
  "particles gpu-app-particles -DPARTICLES=1048576"
  "stream_lo gpu-app-stream -DSTREAM_ARRAY_SIZE=33554432 -DNTIMES=20"
  "stream_hi gpu-app-stream -DSTREAM_ARRAY_SIZE=33554432 -DNTIMES=520"
  "stencil3d_lo gpu-app-stencil3d -DHEAT_N=256 -DHEAT_STEPS=20"
  "stencil3d_hi gpu-app-stencil3d -DHEAT_N=256 -DHEAT_STEPS=1020"
)

build() {
  local b=${BUILD:-$root/build} dest=${DEST:-$root/gpu-apps-carry}
  case $b in /*) ;; *) b=$root/$b ;; esac
  rm -rf "$dest" && mkdir -p "$dest"
  local a name src
  for a in "${APPS[@]}"; do
    read -r name src defs <<<"$a"
    # shellcheck disable=SC2086
    clang-19 -fplugin="$b/lib/libppar.so" -O2 -I"$root/include" $defs "$root/test/run/$src.c" \
      -o "$dest/$name" -L"$b/lib" -lppar_rt -fopenmp -lm 2>>"$dest/build.log"
  done
  cp -L "$b/lib/libppar_rt.so.0" /usr/lib/llvm-19/lib/libomp.so.5 "$dest/"
  cp "$root/bench/gpu_apps.sh" "$dest/run.sh"
  echo "$dest ready: bash $dest/run.sh [D2D GB/s]"
}

# Seconds of one run of "$@" (its output in $out_file).
wall() {
  local s e
  s=$(date +%s%N)
  "$@" >"$out_file" 2>"$out_file.err" || { echo "failed: $* ($(head -n 2 "$out_file.err"))" >&2; return 1; }
  e=$(date +%s%N)
  awk -v d=$((e - s)) 'BEGIN { printf "%.4f", d / 1e9 }'
}

best3() { local t m=; for _ in 1 2 3; do t=$(wall "$@"); m=$(awk -v a="${m:-$t}" -v b="$t" 'BEGIN { print (b < a ? b : a) }'); done; echo "$m"; }

run() {
  local here; here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  export LD_LIBRARY_PATH=$here${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export PPAR_CACHE_DIR=${PPAR_CACHE_DIR:-$(mktemp -d)}
  local d2d=${1:-} cores; cores=$(nproc)
  local tmp; tmp=$(mktemp -d); out_file=$tmp/out
  echo "# $(date -u '+%F %H:%M UTC'); $(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1); $cores cores"
  printf '| program | GPU s | CPU %d threads s | CPU/GPU | same output |\n|---|---:|---:|---:|---|\n' "$cores"
  local name
  for name in stream stencil3d srad lu mandelbrot particles; do
    PPAR_TARGET=cuda "$here/$name" >/dev/null 2>&1 || true # compile and cache its kernels
    local g c same
    g=$(PPAR_TARGET=cuda best3 "$here/$name") && cp "$out_file" "$tmp/gpu.txt"
    c=$(PPAR_TARGET=cpu PPAR_NUM_THREADS=$cores OMP_NUM_THREADS=$cores best3 "$here/$name") &&
      cp "$out_file" "$tmp/cpu.txt"
    same=$(cmp -s "$tmp/gpu.txt" "$tmp/cpu.txt" && echo yes || echo "no: $(head -c 120 "$tmp/gpu.txt" | head -n 1) / $(head -n 1 "$tmp/cpu.txt")")
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$g" "$c" "$(awk -v g="$g" -v c="$c" 'BEGIN { printf "%.2f", c / g }')" "$same"
  done
  echo
  echo "Kernels on resident data (GPU time of the long run minus the short one):"
  bandwidth stream 500 $((80 * 33554432)) "$d2d"
  bandwidth stencil3d 1000 $((2 * 16 * 258 * 254 * 250)) "$d2d"
  rm -rf "$tmp"
}

# bandwidth NAME ITERS BYTES_PER_ITER D2D
bandwidth() {
  local here; here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  PPAR_TARGET=cuda "$here/${1}_hi" >/dev/null 2>&1 || true
  local lo hi
  lo=$(PPAR_TARGET=cuda best3 "$here/${1}_lo")
  hi=$(PPAR_TARGET=cuda best3 "$here/${1}_hi")
  awk -v n="$1" -v it="$2" -v by="$3" -v lo="$lo" -v hi="$hi" -v ref="$4" 'BEGIN {
    t = (hi - lo) / it; gbs = by / t / 1e9
    printf "%s: %.3f ms per iteration, %.1f GB/s", n, t * 1e3, gbs
    if (ref != "") printf " = %.2f of the device copy (%.1f GB/s)", gbs / ref, ref
    printf "\n" }'
}

case ${1:-run} in
  build) build ;;
  run) shift || true; run "$@" ;;
  *) run "$@" ;;
esac
