#!/usr/bin/env bash
# The build a user meets first: `cmake -S . -B DIR && cmake --build DIR`
# with CMake's default generator (Unix Makefiles) and compilers, from a clean
# folder (default build-defaults/). Checks that only what a user needs is
# built and that the install tree builds a program; then turns the tests on
# in the same folder and builds their helpers too. Run by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${1:-build-defaults}
jobs=${PPAR_JOBS:-2}
fail() { echo "build-defaults: $*" >&2; exit 1; }

rm -rf "$dir"
cmake -S . -B "$dir" >/dev/null
grep -q '^CMAKE_GENERATOR:INTERNAL=Unix Makefiles$' "$dir/CMakeCache.txt" ||
  fail "the default generator is not Unix Makefiles"
cmake --build "$dir" -j"$jobs"

for f in lib/libppar.so lib/libppar_rt.so.0 lib/libppar_rt.a bin/ppar-cc \
         lib/pkgconfig/ppar.pc lib/cmake/PPar/PParConfig.cmake; do
  [ -e "$dir/$f" ] || fail "$dir/$f was not built"
done
for f in lib/libppar_rt_asan.a lib/libppar_rt_tsan.a bin/ppar-annotation-test \
         test/tools/ppar-nvrtc-check bin/examples; do
  [ ! -e "$dir/$f" ] || fail "$dir/$f is test-only but was built by default"
done

# The README's install tree, and a program built against it.
cmake --install "$dir" --prefix "$dir/prefix" >/dev/null
"$dir/prefix/bin/ppar-cc" -O2 examples/dot.c -o "$dir/dot" -lm
"$dir/dot" >/dev/null || fail "examples/dot.c built by the installed ppar-cc does not run"

# The test helpers (sanitised runtimes, unit tests, nvrtc-check, examples).
cmake -S . -B "$dir" -DPPAR_BUILD_TESTS=ON >/dev/null
cmake --build "$dir" -j"$jobs"
for f in lib/libppar_rt_asan.a lib/libppar_rt_tsan.a bin/ppar-annotation-test \
         test/tools/ppar-nvrtc-check; do
  [ -e "$dir/$f" ] || fail "$dir/$f was not built with PPAR_BUILD_TESTS=ON"
done
echo "build-defaults: Unix Makefiles build in $dir: ok"
