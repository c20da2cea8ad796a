#!/usr/bin/env bash
# The GPU suite: every GPU test program and example, run on a machine with
# an NVIDIA GPU and compared with its serial build.
#
#   scripts/gpu-suite.sh build [BUILD_DIR]   here (clang-19, the plugin built
#                                            in BUILD_DIR, default build):
#                                            fills gpu-suite/
#   bash gpu-suite/run.sh                    on the GPU machine (driver,
#                                            python3; no clang needed)
#
# gpu-suite/ holds the programs built with and without the plugin, the
# runtime, libomp and the oracle (test/Inputs/check_run.py). run.sh runs
# each program with PPAR_TARGET=cuda (so a missing GPU is an error, not a
# fallback) through the oracle, on 1, 2 and 4 threads, with
# PPAR_DISABLE_JIT=1 and PPAR_CHECK=1, then once more with PPAR_TRACE and
# checks that kernels ran; a few run again on one GPU used as two and three
# devices (PPAR_DEVICES=0,0 and 0,0,0). Three programs check themselves instead:
# reduction-bits (a GPU sum gives the same bits on 20 runs; test/Inputs/
# same_bits.py), resident-modes (resident data on the GPU prints what
# the no-GPU build printed here, the expected output of every mode) and
# raw-kernel-barrier (a raw kernel with block barriers, GPU only). The
# last line is "N passed, M failed". (The runtime's own GPU tests have their
# scripts in test/runtime/Inputs.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

build() {
  cd "$here/.."
  local b=${1:-build} out=gpu-suite
  local plugin=$b/lib/libppar.so
  [[ -f $plugin ]] || { echo "no plugin at $plugin: build first" >&2; exit 1; }
  rm -rf "$out" && mkdir -p "$out/bin"
  local cc=clang-19 flags=(-O2 -Iinclude)
  local link=(-L"$b/lib" -lppar_rt -Wl,-rpath,'$ORIGIN/..' -fopenmp -L/usr/lib/llvm-19/lib -lm)
  local programs=(test/run/gpu-loops.c examples/gpu_add_ufunc.c examples/gpu_increment.c
                  examples/gpu_transfers.c examples/gpu_auto.c test/run/gpu-async.c
                  test/run/gpu-struct-lookups.c test/run/gpu-address-of-locals.c
                  test/run/gpu-host-code.c test/run/gpu-app-stream.c test/run/gpu-app-stencil3d.c
                  test/run/gpu-app-srad.c test/run/gpu-app-lu.c test/run/gpu-app-mandelbrot.c
                  test/run/gpu-app-particles.c examples/raw_increment.c examples/raw_histogram.c
                  test/run/gpu-tasks-streams.c test/run/gpu-record-replay.c
                  test/run/gpu-blocks-between.c test/run/gpu-split.c
                  test/run/gpu-resident-split.c test/run/delayed-place.c)
  # Programs where some annotated functions stay on the CPU (the report says
  # why): run without PPAR_TARGET=cuda, their GPU functions on the GPU.
  local mixed=(test/run/gpu-comments.c test/run/gpu-blocks.c test/run/gpu-pointer-values.c
               test/run/gpu-pointer-tables.c test/repro/cuda-addr-of-local-pointer.c
               test/repro/cuda_comment_in_loop.c test/run/empty-parameter-lists.c
               test/run/gpu-exact-dependences.c test/run/gpu-private-parts.c
               test/diagnostics/gpu-transfer-report.c test/run/gpu-random-helpers.c
               test/run/gpu-local-block.c test/run/raw-kernels.c test/run/gpu-fixed-locals.c
               test/run/gpu-nested-members.c)
  mkdir -p "$out/mixed"
  for src in "${programs[@]}" "${mixed[@]}"; do
    local name dir=bin
    name=$(basename "$src" .c)
    [[ " ${mixed[*]} " == *" $src "* ]] && dir=mixed
    "$cc" -fplugin="$plugin" "${flags[@]}" "$src" -o "$out/$dir/$name" "${link[@]}" 2>"$out/build.log" ||
      { cat "$out/build.log" >&2; exit 1; }
    "$cc" "${flags[@]}" -Wno-unknown-pragmas "$src" -o "$out/$dir/$name.serial" -lm
  done
  # Random programs: csmith with every function jit(parallel, target=cuda).
  if command -v csmith >/dev/null; then
    python3 scripts/gpu_csmith.py build "$out/csmith" --seeds "${GPU_SUITE_CSMITH:-1..60}" --build "$b"
    cp scripts/gpu_csmith.py "$out/"
  fi
  mkdir -p "$out/self"
  for src in test/run/reduction-bits.c test/run/resident-modes.c test/run/raw-kernel-barrier.c; do
    "$cc" -fplugin="$plugin" "${flags[@]}" "$src" -o "$out/self/$(basename "$src" .c)" "${link[@]}"
  done
  # Without a GPU every mode prints the GPU's answers: the expected output.
  CUDA_VISIBLE_DEVICES= LD_LIBRARY_PATH="$b/lib" "$out/self/resident-modes" \
    >"$out/self/resident-modes.expected" 2>/dev/null
  cp test/Inputs/same_bits.py "$out/"
  cp -P "$b"/lib/libppar_rt.so* "$out/"
  cp /usr/lib/llvm-19/lib/libomp.so.5 "$out/"
  cp test/Inputs/check_run.py "$out/"
  cp scripts/gpu-suite.sh "$out/gpu-suite.sh"
  cat > "$out/run.sh" <<'EOF'
#!/usr/bin/env bash
# Runs on the GPU machine: see gpu-suite.sh.
cd "$(dirname "$0")"
exec bash ./gpu-suite.sh run
EOF
  echo "gpu-suite/ ready: $(ls "$out/bin" | wc -l) files"
}

run() {
  cd "$here"
  export LD_LIBRARY_PATH=$PWD${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export PPAR_CACHE_DIR=$PWD/kcache
  nvidia-smi -L || true
  local passed=0 failed=0
  for exe in bin/*.serial mixed/*.serial; do
    local prog=${exe%.serial} name target=cuda
    name=$(basename "$prog")
    [[ $exe == mixed/* ]] && target=
    if PPAR_TARGET=$target python3 check_run.py "$exe" "$prog" --rtol 1e-9 >"$name.log" 2>&1 &&
       PPAR_TARGET=$target PPAR_TRACE="$name.trace.json" "$prog" >/dev/null 2>>"$name.log" &&
       grep -qE '"cat": "(kernel|launch)"' "$name.trace.json"; then
      echo "PASS: $name ($(grep -oE '"cat": "(kernel|launch)"' "$name.trace.json" | wc -l) kernel events)"
      passed=$((passed + 1))
    else
      echo "FAIL: $name"; sed 's/^/  | /' "$name.log" | tail -20
      failed=$((failed + 1))
    fi
  done
  # One GPU used as two and as three devices (docs/multi-gpu.md): calls
  # split across them, on host data and on resident data (a copy per
  # device, halos exchanged between them), give the serial answers too.
  for devices in 0,0 0,0,0; do
    for name in gpu-split gpu-resident-split gpu-loops gpu-app-stencil3d gpu-app-stream; do
      if PPAR_DEVICES=$devices PPAR_TARGET=cuda python3 check_run.py "bin/$name.serial" "bin/$name" \
           --rtol 1e-9 >"$name.split.log" 2>&1; then
        echo "PASS: $name on PPAR_DEVICES=$devices"; passed=$((passed + 1))
      else
        echo "FAIL: $name on PPAR_DEVICES=$devices"; sed 's/^/  | /' "$name.split.log" | tail -20
        failed=$((failed + 1))
      fi
    done
  done
  # Self-checking programs (not under PPAR_TARGET=cuda: they have CPU-only
  # functions too; the trace shows that the GPU ran their kernels).
  if python3 same_bits.py self/reduction-bits --runs 20 --threads 1 --threads 4 \
       >reduction-bits.log 2>&1 &&
     PPAR_TRACE=reduction-bits.trace.json self/reduction-bits >>reduction-bits.log 2>&1 &&
     grep -q '"kernel' reduction-bits.trace.json; then
    echo "PASS: reduction-bits (same bits on 20 GPU runs)"; passed=$((passed + 1))
  else
    echo "FAIL: reduction-bits"; sed 's/^/  | /' reduction-bits.log | tail -20; failed=$((failed + 1))
  fi
  if PPAR_TRACE=resident-modes.trace.json self/resident-modes >resident-modes.out 2>resident-modes.log &&
     cmp resident-modes.out self/resident-modes.expected >>resident-modes.log 2>&1 &&
     grep -qE '"cat": "(kernel|launch)"' resident-modes.trace.json; then
    echo "PASS: resident-modes (the GPU prints what every CPU mode prints)"; passed=$((passed + 1))
  else
    echo "FAIL: resident-modes"; diff resident-modes.out self/resident-modes.expected | sed 's/^/  | /' | head -20
    failed=$((failed + 1))
  fi
  # A raw kernel with block barriers runs only on a GPU: it checks itself.
  if PPAR_TARGET=cuda PPAR_TRACE=raw-kernel-barrier.trace.json self/raw-kernel-barrier \
       >raw-kernel-barrier.out 2>raw-kernel-barrier.log &&
     [[ $(cat raw-kernel-barrier.out) == $'ok\nok' ]] &&
     grep -qE '"cat": "(kernel|launch)"' raw-kernel-barrier.trace.json; then
    echo "PASS: raw-kernel-barrier (ppar_syncthreads, PPAR_SHARED)"; passed=$((passed + 1))
  else
    echo "FAIL: raw-kernel-barrier"; cat raw-kernel-barrier.out raw-kernel-barrier.log | sed 's/^/  | /' | head -20
    failed=$((failed + 1))
  fi
  if [[ -d csmith ]]; then
    if python3 gpu_csmith.py run csmith >csmith.log 2>&1; then
      echo "PASS: csmith ($(tail -1 csmith.log))"; passed=$((passed + 1))
    else
      echo "FAIL: csmith"; grep -v '^PASS' csmith.log | sed 's/^/  | /' | head -20
      failed=$((failed + 1))
    fi
  fi
  echo "$passed passed, $failed failed"
  [[ $failed == 0 ]]
}

case ${1:-} in
build) build "${2:-build}" ;;
run) run ;;
*) echo "usage: $0 build [BUILD_DIR] | run" >&2; exit 2 ;;
esac
