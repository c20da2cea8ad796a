#!/usr/bin/env bash
# Differential testing of the plugin on csmith programs: every function
# annotated (jit(parallel), jit(parallel, target=cuda), delayed), built with
# and without the plugin, run on 1 and 2 threads, outputs compared.
# Options and output: docs/difftest.md, or scripts/difftest.sh --help.
# Exits 1 on any wrong output, crash, hang, plugin crash or generated code
# that does not compile.
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/difftest.py" "$@"
