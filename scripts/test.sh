#!/usr/bin/env bash
# Sets up (Debian 12), builds ppar and runs the whole test suite with lit.
# Ends with lit's summary and one line "N passed, M failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cmake --build build -j"${PPAR_JOBS:-$(nproc)}"
log=$(mktemp)
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test 2>&1 | tee "$log" || status=$?
python3 - "$log" <<'PY'
import re, sys
counts = {}
for line in open(sys.argv[1]):
    m = re.match(r"\s+(Passed|Failed|Unsupported|Expectedly Failed|Unexpectedly Passed|Unresolved|Timed Out|Excluded|Skipped)\s*:\s*(\d+)", line)
    if m:
        counts[m.group(1)] = int(m.group(2))
passed = counts.get("Passed", 0) + counts.get("Expectedly Failed", 0)
failed = sum(counts.get(k, 0) for k in ("Failed", "Unexpectedly Passed", "Unresolved", "Timed Out"))
skipped = sum(counts.get(k, 0) for k in ("Unsupported", "Skipped", "Excluded"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
