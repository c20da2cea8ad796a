#!/usr/bin/env bash
# Installs what ppar needs on Debian 12 (scripts/packages.txt), when missing,
# and configures build/ with the test suite. Sourced by run-examples.sh and
# test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PPAR_PACKAGES=$(sed 's/#.*//' scripts/packages.txt)
missing=""
for p in $PPAR_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "ppar: installing$missing"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

# A build/ made by hand keeps its generator and compilers (changing either
# would be refused or would wipe the cache); only the tests are turned on.
if [ -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DPPAR_BUILD_TESTS=ON >/dev/null
else
  cmake -S . -B build -G Ninja -DPPAR_BUILD_TESTS=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
