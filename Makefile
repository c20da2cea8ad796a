# Convenience targets over the CMake build in build/ (set-up on a fresh
# machine: scripts/run-examples.sh, scripts/test.sh).
BUILD ?= build
LIT ?= /usr/lib/llvm-19/build/utils/lit/lit.py

.PHONY: all test examples fuzz
all: $(BUILD)/build.ninja
	cmake --build $(BUILD)

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19

test: all
	python3 $(LIT) -sv $(BUILD)/test

examples: all
	cmake --build $(BUILD) --target run-examples

# libFuzzer on the annotation parser, PPAR_FUZZ_SECONDS (default 600).
fuzz: all
	cmake --build $(BUILD) --target fuzz

# CPU benchmarks, not in CI: serial, ppar, hand-written OpenMP and Numba
# (BENCH_THREADS, BENCH_REPS, BENCH_ROUNDS; see docs/benchmarks.md).
.PHONY: bench
bench:
	bash bench/run.sh
