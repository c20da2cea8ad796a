#!/usr/bin/env bash
# bench/gpu_split.sh - one call split across devices against one device
# (docs/multi-gpu.md), on a machine with a GPU:
#
#   bash bench/gpu_split.sh [DEVICES]      DEVICES default 0,1 (two GPUs);
#                                          0,0 on one GPU shows the overhead
#
# (1) bench/gpu_split.c built with the plugin: an elementwise call and a 2-D
#     stencil time loop, on host data and on resident data (ppar_to_device:
#     a copy per device, halos exchanged between devices), on
#     PPAR_DEVICES=0 and then DEVICES (goal on two GPUs, resident: >= 1.8x);
#     the checksums must agree.
# (2) test/runtime/gpu-split.c's `bench` mode: the runtime's split driven by
#     hand, one device against the split.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$root/build}
devices=${1:-0,1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang-19 -fplugin="$build/lib/libppar.so" -O2 -I"$root/include" "$root/bench/gpu_split.c" \
  -o "$out/gpu_split" -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib" -fopenmp \
  -L/usr/lib/llvm-19/lib -Wl,-rpath,/usr/lib/llvm-19/lib
clang-19 -std=c11 -O2 -I"$root/include" -I"$root/runtime" "$root/test/runtime/gpu-split.c" \
  -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib" -lpthread -o "$out/gpu-split"
for d in 0 "$devices"; do
  echo "== PPAR_DEVICES=$d"
  PPAR_TARGET=cuda PPAR_DEVICES=$d "$out/gpu_split"
done
echo "== runtime by hand, PPAR_DEVICES=$devices"
PPAR_DEVICES=$devices "$out/gpu-split" bench 50000000 10
