#!/usr/bin/env bash
# Installs what ppar needs on Debian 12, when missing, and configures build/.
# Sourced by run-examples.sh and test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PPAR_PACKAGES="clang-19 libclang-19-dev llvm-19-dev llvm-19-tools libomp-19-dev
  libclang-rt-19-dev cmake ninja-build python3 gcc pkg-config binutils csmith libcsmith-dev"
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

cmake -S . -B build -G Ninja \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
