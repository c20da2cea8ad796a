#!/bin/sh
# Builds (with clang-19, from build-gpurt) the cuda-gpu tests into gpu-carry/
# (git-ignored) with gpu-carry/run.sh; run that on a GPU machine and check
# its outputs with FileCheck against the tests (docs/gpu-runtime.md).
set -e
cd "$(dirname "$0")/../../.."
mkdir -p gpu-carry && cp test/runtime/Inputs/gpu-run.sh gpu-carry/run.sh
B=build-gpurt
CC=/usr/lib/llvm-19/bin/clang
I="-Iinclude -Iruntime"
cp -L $B/lib/libppar_rt.so.0 gpu-carry/
cp -L /usr/lib/llvm-19/lib/libomp.so.5 gpu-carry/
$CC -std=c11 -O2 -g $I test/runtime/gpu-call.c -Lgpu-carry -l:libppar_rt.so.0 -Wl,-rpath,'$ORIGIN' -lpthread -o gpu-carry/gpu-call
$CC -std=c11 -O1 -g -fsanitize=address,undefined $I test/runtime/gpu-call.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o gpu-carry/gpu-call-asan
$CC -std=c11 -O2 -g $I test/runtime/gpu-xfer.c $B/lib/libppar_rt.a -lpthread -ldl -o gpu-carry/gpu-xfer
$CC -std=c11 -g $I test/runtime/device-gpu.c -Lgpu-carry -l:libppar_rt.so.0 -Wl,-rpath,'$ORIGIN' -lpthread -o gpu-carry/device-gpu
$CC -std=c11 -g -fsanitize=address,undefined $I test/runtime/device-gpu.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o gpu-carry/device-gpu-asan
$CC -std=c11 -g -fsanitize=address,undefined $I test/runtime/gpu-begin-nogpu.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o gpu-carry/gpu-begin-nogpu-asan
$CC -std=c11 -g -fsanitize=address,undefined $I test/runtime/choose-cuda.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o gpu-carry/choose-cuda-asan
$CC -std=c11 -g $I test/runtime/gpu-resident-broken.c -Lgpu-carry -l:libppar_rt.so.0 -Wl,-rpath,'$ORIGIN' -lpthread -o gpu-carry/gpu-resident-broken
$CC -std=c11 -O2 -g $I test/runtime/gpu-async.c -Lgpu-carry -l:libppar_rt.so.0 -Wl,-rpath,'$ORIGIN' -lpthread -o gpu-carry/gpu-async
$CC -std=c11 -O1 -g -fsanitize=address,undefined $I test/runtime/gpu-async.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o gpu-carry/gpu-async-asan
$CC -std=c11 -O2 -g $I test/runtime/gpu-split.c -Lgpu-carry -l:libppar_rt.so.0 -Wl,-rpath,'$ORIGIN' -lpthread -o gpu-carry/gpu-split
ls -la gpu-carry
