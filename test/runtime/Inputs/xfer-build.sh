#!/bin/sh
# Builds (with clang-19, from $B, default build-xfer) the transfer tests and
# the GPU tests that copy data into xfer-carry/ (git-ignored) with
# xfer-carry/run.sh = xfer-run.sh; run that on a GPU machine (the device
# tool, carrying xfer-carry) and check the outputs with FileCheck against
# the tests (docs/gpu-runtime.md, "Transfers and staging").
set -e
cd "$(dirname "$0")/../../.."
B=${B:-build-xfer}
D=xfer-carry
mkdir -p $D && cp test/runtime/Inputs/xfer-run.sh $D/run.sh
CC=/usr/lib/llvm-19/bin/clang
I="-Iinclude -Iruntime"
SAN="-fsanitize=address,undefined"
cp -L $B/lib/libppar_rt.so.0 $D/
cp -L /usr/lib/llvm-19/lib/libomp.so.5 $D/
for k in plain asan tsan; do
  case $k in
  plain) F="-O2 -g"; L=$B/lib/libppar_rt.a; S= ;;
  asan) F="-O1 -g $SAN"; L=$B/lib/libppar_rt_asan.a; S=-asan ;;
  tsan) F="-O1 -g -fsanitize=thread"; L=$B/lib/libppar_rt_tsan.a; S=-tsan ;;
  esac
  $CC -std=c11 $F $I test/runtime/gpu-xfer.c $L -lpthread -ldl -o $D/gpu-xfer$S
  $CC -std=c11 $F $I test/runtime/xfer-pool.c $L -lpthread -ldl -o $D/xfer-pool$S
done
# The same test with the pool's plain memcpy instead of streaming stores
# (xfer_pool.c linked first: the library's copy is then not pulled in).
$CC -std=c11 -O2 -g -DPPAR_XFER_PLAIN_MEMCPY -DPPAR_BUILDING_RUNTIME $I -fvisibility=hidden test/runtime/gpu-xfer.c runtime/xfer_pool.c $B/lib/libppar_rt.a -lpthread -ldl -o $D/gpu-xfer-plain
$CC -std=c11 -O2 -g $I test/runtime/gpu-call.c $B/lib/libppar_rt.a -lpthread -ldl -o $D/gpu-call
$CC -std=c11 -O1 -g $SAN $I test/runtime/gpu-call.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o $D/gpu-call-asan
$CC -std=c11 -g $I test/runtime/device-gpu.c $B/lib/libppar_rt.a -lpthread -ldl -o $D/device-gpu
$CC -std=c11 -g $SAN $I test/runtime/device-gpu.c $B/lib/libppar_rt_asan.a -lpthread -ldl -o $D/device-gpu-asan
ls -la $D
