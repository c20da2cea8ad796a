#!/usr/bin/env bash
# bench/gpu_split.sh - one call split across devices against one device
# (docs/multi-gpu.md): a 1-D stencil and an elementwise call, with their
# transfers, through the runtime's split ABI (test/runtime/gpu-split.c).
#
#   bash bench/gpu_split.sh [N] [REPS]     on a machine with a GPU
#
# PPAR_DEVICES picks the devices (default here 0,0: one GPU used twice,
# which shows the split's overhead; 0,1 on two GPUs, goal >= 1.8x).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$root/build}
out=$(mktemp -d)
clang-19 -std=c11 -O2 -I"$root/include" -I"$root/runtime" "$root/test/runtime/gpu-split.c" \
  -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib" -lpthread -o "$out/gpu-split"
PPAR_DEVICES=${PPAR_DEVICES:-0,0} "$out/gpu-split" bench "${1:-50000000}" "${2:-10}"
rm -rf "$out"
