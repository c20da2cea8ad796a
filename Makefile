# Convenience targets over the CMake build in build/ (set-up on a fresh
# machine: scripts/run-examples.sh, scripts/test.sh).
BUILD ?= build
LIT ?= /usr/lib/llvm-19/build/utils/lit/lit.py

.PHONY: all test examples fuzz difftest
# A build folder made by hand keeps its generator; the tests are turned on.
all: $(BUILD)/CMakeCache.txt
	@grep -q '^PPAR_BUILD_TESTS:BOOL=ON$$' $(BUILD)/CMakeCache.txt || \
	  cmake -S . -B $(BUILD) -DPPAR_BUILD_TESTS=ON >/dev/null
	cmake --build $(BUILD)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -G Ninja -DPPAR_BUILD_TESTS=ON -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19

test: all
	python3 $(LIT) -sv $(BUILD)/test

examples: all
	cmake --build $(BUILD) --target run-examples

# libFuzzer on the annotation parser, PPAR_FUZZ_SECONDS (default 600).
fuzz: all
	cmake --build $(BUILD) --target fuzz

# Differential testing on csmith programs (docs/difftest.md): DIFFTEST_SEEDS
# (default 1..100), DIFFTEST_JOBS (2), DIFFTEST_OUT (difftest-out), and any
# other option of scripts/difftest.sh in DIFFTEST_FLAGS.
DIFFTEST_SEEDS ?= 1..100
DIFFTEST_JOBS ?= 2
DIFFTEST_OUT ?= difftest-out
difftest: all
	bash scripts/difftest.sh --build $(BUILD) --seeds $(DIFFTEST_SEEDS) \
	  --jobs $(DIFFTEST_JOBS) --out $(DIFFTEST_OUT) $(DIFFTEST_FLAGS)

# CPU benchmarks, not in CI: serial, ppar, hand-written OpenMP and Numba
# (BENCH_THREADS, BENCH_REPS, BENCH_ROUNDS; see docs/benchmarks.md), then the
# task graphs, the cost of reproducible reductions, then the GPU benchmark
# (which only builds without a GPU).
.PHONY: bench bench-tasks bench-reduce bench-gpu bench-dist
bench:
	bash bench/run.sh
	$(MAKE) bench-tasks
	$(MAKE) bench-reduce
	$(MAKE) bench-gpu

# jit(reproducible) against the default on a dot product, 1 thread and all
# cores (docs/benchmarks.md, "Reproducible reductions").
bench-reduce:
	BUILD=$(BUILD) bash bench/reduce_run.sh

# Task-graph overhead and METG: ppar's runtime, OpenMP tasks and Dask, on 1
# thread and all cores (TASKS_*; see docs/benchmarks.md, "Task graphs").
bench-tasks:
	BUILD=$(BUILD) bash bench/tasks_run.sh

# The task graph over 1, 2 and 4 MPI ranks of this machine: overhead per task
# per rank and a weak-scaling halo stencil (docs/benchmarks.md, "Distributed").
bench-dist:
	BUILD=$(BUILD) bash bench/dist_run.sh

# GPU benchmark: ppar's target=cuda code against hand-written CUDA, CuPy and
# Numba (docs/benchmarks.md, "GPU"). Builds here and fills gpu-bench-carry/
# (GPU_BENCH_DIR); runs it at once where this machine has a GPU and nvcc,
# else prints how to run it on a GPU machine: bash gpu-bench-carry/run.sh
bench-gpu:
	BUILD=$(BUILD) bash bench/gpu_run.sh
