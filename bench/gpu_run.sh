#!/usr/bin/env bash
# bench/gpu_run.sh - the GPU benchmark (docs/benchmarks.md, "GPU"): ppar's
# target=cuda code (bench/gpu_bench.c) against hand-written CUDA
# (bench/gpu_nvcc.cu), CuPy and Numba (bench/gpu_peers.py).
#
#   bash bench/gpu_run.sh            (or: make bench-gpu)
#
# Part (a), here: builds ppar in $BUILD, compiles gpu_bench.c with the
# plugin, and copies into $GPU_BENCH_DIR what the GPU machine needs: the
# binary, libppar_rt.so.0, clang's libomp.so.5, the .cu, the Python peers,
# the table script and the driver (run.sh = bench/gpu_device.sh).
# Part (b), on a GPU machine (no clang needed there; nvcc and python3 with
# NumPy, optionally CuPy and Numba): `bash $GPU_BENCH_DIR/run.sh` compiles
# gpu_nvcc.cu with nvcc -O3 -arch=sm_90, runs the three and prints one table.
# When this machine has a GPU itself (nvidia-smi lists one) and nvcc, part
# (b) runs here at once; GPU_BENCH_RUN=0 never runs it, 1 always tries.
#
# Environment:
#   BUILD          CMake build tree (default build)
#   GPU_BENCH_DIR  the folder for the GPU machine (default gpu-bench-carry,
#                  git-ignored; about 2 MiB)
#   GPU_BENCH_LOG2N, GPU_BENCH_REPS, GPU_BENCH_XREPS: see gpu_device.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
dest=${GPU_BENCH_DIR:-$root/gpu-bench-carry}
case $dest in /*) ;; *) dest=$root/$dest ;; esac
cc=${CC_PPAR:-clang-19}
libomp=${LIBOMP:-$(dirname "$(readlink -f "$(command -v "$cc")")")/../lib/libomp.so.5}
[ -f "$libomp" ] || libomp=/usr/lib/llvm-19/lib/libomp.so.5

say() { printf '== %s\n' "$*" >&2; }

# ---- part (a): build here ---------------------------------------------------
if [ ! -f "$build/CMakeCache.txt" ]; then
  say "configuring ppar in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
say "building the plugin and libppar_rt in $build"
cmake --build "$build" --target ppar ppar_rt >/dev/null
mkdir -p "$dest"
say "compiling bench/gpu_bench.c with the plugin"
"$cc" -O3 -Wall -fplugin="$build/lib/libppar.so" -fplugin-arg-ppar-report \
  -I"$root/include" "$root/bench/gpu_bench.c" -o "$dest/gpu_bench" \
  -L"$build/lib" -lppar_rt -fopenmp -lm -Wl,-rpath,'$ORIGIN' \
  2>"$dest/report.txt" || { cat "$dest/report.txt" >&2; exit 1; }
grep -E 'remark: .*(CUDA|generated)' "$dest/report.txt" >&2 || true
say "compiling bench/gpu_streams.c with the plugin"
"$cc" -O3 -Wall -fplugin="$build/lib/libppar.so" \
  -I"$root/include" "$root/bench/gpu_streams.c" -o "$dest/gpu_streams" \
  -L"$build/lib" -lppar_rt -fopenmp -lm -Wl,-rpath,'$ORIGIN'
cp -L "$build/lib/libppar_rt.so.0" "$dest/"
cp -L "$libomp" "$dest/libomp.so.5"
for f in gpu_nvcc.cu gpu_peers.py gpu_peers_numba.py gpu_table.py; do
  cp "$root/bench/$f" "$dest/"
done
cp "$root/bench/gpu_device.sh" "$dest/run.sh"
chmod +x "$dest/run.sh"
say "$dest is ready ($(du -sh "$dest" | cut -f1)): $(cd "$dest" && ls | tr '\n' ' ')"

# ---- part (b): here if there is a GPU, else say how ----------------------------
run_here=${GPU_BENCH_RUN:-auto}
if [ "$run_here" = auto ]; then
  run_here=0
  if command -v nvidia-smi >/dev/null && nvidia-smi -L 2>/dev/null | grep -q '^GPU' &&
    command -v "${NVCC:-nvcc}" >/dev/null; then
    run_here=1
  fi
fi
if [ "$run_here" = 1 ]; then
  say "running part (b) here"
  exec bash "$dest/run.sh"
fi
cat >&2 <<EOF
== no GPU here (or GPU_BENCH_RUN=0): part (b) not run. On a GPU machine with
   nvcc and python3 (NumPy; CuPy and Numba optional), copy the folder and run:

     scp -r $dest gpu-host:   &&   ssh gpu-host 'bash ${dest##*/}/run.sh'

   It compiles gpu_nvcc.cu with nvcc -O3 -arch=sm_90, runs gpu_bench (ppar),
   gpu_nvcc and gpu_peers.py, and prints the table (also written to
   \$OUT/table.md, else ${dest##*/}/out/table.md).
EOF
