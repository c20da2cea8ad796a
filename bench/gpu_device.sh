#!/usr/bin/env bash
# bench/gpu_device.sh - part (b) of the GPU benchmark: runs ON the GPU
# machine, from the folder that part (a) (bench/gpu_run.sh) filled, where it
# is called run.sh. Needs there: an NVIDIA driver, nvcc, and a python3 with
# NumPy (CuPy and Numba's CUDA target are optional: skipped when they do not
# import). Needs no clang: gpu_bench was built with the plugin in part (a).
#
#   bash run.sh            (results and the table go to $OUT, else ./out)
#
# Environment: GPU_BENCH_LOG2N (26), GPU_BENCH_REPS (20), GPU_BENCH_XREPS (5,
# the cases with transfers), PYTHON (python3), NVCC (nvcc).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
export LD_LIBRARY_PATH=$here${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export PYTHONUNBUFFERED=1
out=${OUT:-$here/out}
mkdir -p "$out"
log2n=${GPU_BENCH_LOG2N:-26}
reps=${GPU_BENCH_REPS:-20}
xreps=${GPU_BENCH_XREPS:-5}
py=${PYTHON:-python3}
nvcc=${NVCC:-nvcc}
unset PPAR_DISABLE_JIT PPAR_CHECK PPAR_TRACE PPAR_GRAPH PPAR_VERBOSE
say() { printf '== %s\n' "$*" >&2; }
log=$out/log.txt
: >"$log"

{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC')"
  nvidia-smi --query-gpu=name,driver_version,memory.total,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,clocks.max.sm,clocks.max.mem --format=csv 2>&1
  echo "# CPU: $(nproc) x $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(awk '/MemTotal/{print $2 / 1048576 " GiB"}' /proc/meminfo)"
  echo "# kernel $(uname -r); THP $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
  echo "# $($nvcc --version 2>&1 | tail -1)"
  echo "# $($py --version 2>&1); $($py -c 'import numpy; print("numpy", numpy.__version__)' 2>&1 | tail -1)"
  echo "# $($py -c 'import cupy; print("cupy", cupy.__version__)' 2>&1 | tail -1)"
  echo "# $($py -c 'import numba; print("numba", numba.__version__)' 2>&1 | tail -1)"
  echo "# $($py -c 'import importlib.metadata as m; print("numba-cuda", m.version("numba-cuda"))' 2>&1 | tail -1)"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

say "nvcc -O3 -arch=sm_90 gpu_nvcc.cu"
if ! $nvcc -O3 -arch=sm_90 -std=c++17 gpu_nvcc.cu -o gpu_nvcc 2>>"$log"; then
  say "nvcc failed (see $log); the hand-written CUDA column stays empty"
fi
: >"$out/nvcc.txt"
if [ -x gpu_nvcc ]; then
  say "gpu_nvcc $log2n $reps $xreps"
  ./gpu_nvcc "$log2n" "$reps" "$xreps" 2>>"$log" | tee "$out/nvcc.txt" >&2
fi

say "gpu_bench run $log2n $reps $xreps (ppar)"
PPAR_TARGET=cuda ./gpu_bench run "$log2n" "$reps" "$xreps" 2>>"$log" | tee "$out/ppar.txt" >&2
echo "# gpu_bench exit status ${PIPESTATUS[0]}" >>"$out/ppar.txt"
say "gpu_bench run 20 $reps 1 with PPAR_GPU_PDL=1 (the launch cases as impl=ppar_pdl)"
PPAR_GPU_PDL=1 PPAR_TARGET=cuda ./gpu_bench run 20 "$reps" 1 2>>"$log" |
  grep -E 'case=(launch|chain) ' | sed 's/impl=ppar /impl=ppar_pdl /' | tee -a "$out/ppar.txt" >&2

say "gpu_streams (four copy-in + kernel + copy-out calls: in sequence, as tasks)"
: >"$out/streams.txt"
if [ -x gpu_streams ]; then
  PPAR_TARGET=cuda ./gpu_streams 2>>"$log" | tee "$out/streams.txt" >&2
  echo "# gpu_streams exit status ${PIPESTATUS[0]}" >>"$out/streams.txt"
  PPAR_TARGET=cuda ./gpu_streams replay 2>>"$log" | tee -a "$out/streams.txt" >&2
  echo "# gpu_streams replay exit status ${PIPESTATUS[0]}" >>"$out/streams.txt"
fi

# First calls in fresh processes: empty caches (cold), then filled (hit).
cache=$(mktemp -d)
: >"$out/first.txt"
: >"$out/verbose.txt"
for label in cold hit; do
  say "gpu_bench first $label"
  PPAR_TARGET=cuda PPAR_VERBOSE=1 PPAR_CACHE_DIR=$cache/ppar ./gpu_bench first $label \
    2>>"$out/verbose.txt" | tee -a "$out/first.txt" >&2
done

say "$py gpu_peers.py run $log2n $reps $xreps (CuPy, Numba)"
$py gpu_peers.py run "$log2n" "$reps" "$xreps" 2>>"$log" | tee "$out/peers.txt" >&2
for label in cold hit; do
  say "$py gpu_peers.py first $label"
  CUPY_CACHE_DIR=$cache/cupy NUMBA_CACHE_DIR=$cache/numba \
    $py gpu_peers.py first $label 2>>"$log" | tee -a "$out/first.txt" >&2
done
rm -rf "$cache"

grep -h -i -E 'error|fail|warn' "$log" | head -20 >&2
$py gpu_table.py "$out/nvcc.txt" "$out/ppar.txt" "$out/peers.txt" "$out/first.txt" \
  --verbose "$out/verbose.txt" | tee "$out/table.md"
