#!/usr/bin/env bash
# Sets up (Debian 12), builds ppar, then builds and runs every example,
# each compared with the same program built without the plugin.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cmake --build build -j"${PPAR_JOBS:-$(nproc)}"
cmake --build build --target run-examples
