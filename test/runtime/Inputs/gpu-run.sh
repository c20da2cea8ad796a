#!/bin/bash
# Runs on the GPU machine: every GPU test binary with the environments its
# lit RUN lines use; outputs go to $OUT for FileCheck back on the build machine.
cd "$(dirname "$0")"
export LD_LIBRARY_PATH=$PWD
O=${OUT:-/tmp/out}; mkdir -p $O
T=$(mktemp -d)
nvidia-smi -L > $O/smi.txt 2>&1; nvidia-smi --query-gpu=name,driver_version,pcie.link.gen.current,pcie.link.width.current --format=csv >> $O/smi.txt 2>&1
cat $O/smi.txt
run() { local name=$1; shift; echo "== $name"; timeout 120 "$@" > $O/$name.txt 2>&1; echo "rc=$?" >> $O/$name.txt; tail -3 $O/$name.txt; }
mkdir -p $T/tmp
run call1 env TMPDIR=$T/tmp PPAR_CACHE_DIR=$T/cache PPAR_VERBOSE=1 ./gpu-call
run call2 env TMPDIR=$T/tmp PPAR_CACHE_DIR=$T/cache PPAR_VERBOSE=1 ./gpu-call
run call3 env TMPDIR=$T/tmp PPAR_TRACE=$T/trace.json ./gpu-call
grep -E '"(compile|H2D|D2H|k_saxpy|k_sum|thread_name)"' $T/trace.json | awk '!seen[substr($0,1,60)]++' | head -40 > $O/trace-sample.txt
ls -la $T/trace.json >> $O/trace-sample.txt
run callasan env TMPDIR=$T/tmp UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=protect_shadow_gap=0:detect_leaks=1 ./gpu-call-asan
run dev ./device-gpu
run devasan env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=protect_shadow_gap=0:detect_leaks=1 ./device-gpu-asan
run devv1 env PPAR_VERBOSE=1 ./device-gpu
run nogpu env CUDA_VISIBLE_DEVICES= ASAN_OPTIONS=detect_leaks=1 ./gpu-begin-nogpu-asan
run choose env CUDA_VISIBLE_DEVICES= ASAN_OPTIONS=detect_leaks=1 ./choose-cuda-asan
run broken-plain ./gpu-resident-broken plain
run broken-resident ./gpu-resident-broken resident
rm -rf $T/acache
for m in chain fault-sync fault-call fault-exit pinned; do
  run async-$m env PPAR_CACHE_DIR=$T/acache ./gpu-async $m
done
run async-hit env PPAR_CACHE_DIR=$T/acache PPAR_VERBOSE=1 ./gpu-async chain
run async-asan env PPAR_CACHE_DIR=$T/acache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=protect_shadow_gap=0:detect_leaks=1 ./gpu-async-asan chain
run split2 env PPAR_DEVICES=0,0 ./gpu-split
run split3 env PPAR_DEVICES=0,0,0 ./gpu-split
run splitall ./gpu-split
run splitbench env PPAR_DEVICES=0,0 ./gpu-split bench 50000000 10
cat $O/splitbench.txt
run xfer ./gpu-xfer 256
cat $O/xfer.txt
cp $T/trace.json $O/ 2>/dev/null; (cd $O && tar czf all.tgz *.txt trace.json && rm -f *.txt trace.json)
#grep -h -E "FAILED|WRONG|ERROR|error" $O/*.txt | head -30
