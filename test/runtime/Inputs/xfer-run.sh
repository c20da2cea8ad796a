#!/bin/bash
# Runs on the GPU machine (see xfer-build.sh): the transfer tests, plain and
# under AddressSanitizer and ThreadSanitizer, and the GPU tests that copy
# data; one output file per run in $OUT (else /tmp/out), with its status.
cd "$(dirname "$0")"
export LD_LIBRARY_PATH=$PWD
O=${OUT:-/tmp/out}; mkdir -p $O/x
T=$(mktemp -d)
run() { local name=$1; shift; echo "== $name"; timeout 200 "$@" > $O/x/$name.txt 2>&1; echo "rc=$?" >> $O/x/$name.txt; tail -2 $O/x/$name.txt; }
ASAN="ASAN_OPTIONS=protect_shadow_gap=0:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1"
if [ -z "$NO_XFER_TIMING" ]; then run xfer ./gpu-xfer ${XFER_MIB:-256}; cat $O/x/xfer.txt; fi
run xferasan env $ASAN ./gpu-xfer-asan 64 verify
run xfertsan env TSAN_OPTIONS=halt_on_error=1 ./gpu-xfer-tsan 64 verify
run pool ./xfer-pool
run poolasan env $ASAN ./xfer-pool-asan
run pooltsan env TSAN_OPTIONS=halt_on_error=1 ./xfer-pool-tsan
run call env TMPDIR=$T PPAR_CACHE_DIR=$T/cache ./gpu-call
run callasan env TMPDIR=$T PPAR_CACHE_DIR=$T/cache $ASAN ./gpu-call-asan
run dev ./device-gpu
run devasan env $ASAN ./device-gpu-asan
(cd $O && tar czf xfer-tests.tgz x)
grep -h "rc=" $O/x/*.txt | sort | uniq -c
