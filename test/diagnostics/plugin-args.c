// Unknown plugin arguments are errors, not silently skipped.
// RUN: not %cc_ppar -fsyntax-only -Xclang -plugin-arg-ppar -Xclang frobnicate %s 2>&1 | FileCheck %s
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit %s 2>&1 | FileCheck %s --check-prefix=EMIT
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-report=yaml %s 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-min-work=many %s 2>&1 | FileCheck %s --check-prefix=MIN
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-regions=maybe %s 2>&1 | FileCheck %s --check-prefix=REGIONS
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-transform=tiled %s 2>&1 | FileCheck %s --check-prefix=TRANSFORM
// RUN: not %cc_ppar -fsyntax-only -fplugin-arg-ppar-time-tiling=yes %s 2>&1 | FileCheck %s --check-prefix=TIME
// CHECK: error: unknown option -fplugin-arg-ppar-frobnicate; ppar takes emit=DIR, report, report=json[:FILE], min-work=N, regions=on|off, transform=on|off and time-tiling=on|off
// EMIT: error: -fplugin-arg-ppar-emit needs a folder: -fplugin-arg-ppar-emit=DIR
// REPORT: error: -fplugin-arg-ppar-report=yaml is not a report format; use report, report=json or report=json:FILE
// MIN: error: -fplugin-arg-ppar-min-work=many is not a count; use min-work=N (0: no minimum)
// REGIONS: error: -fplugin-arg-ppar-regions=maybe is not a choice; use regions=on or regions=off
// TRANSFORM: error: -fplugin-arg-ppar-transform=tiled is not a choice; use transform=on or transform=off
// TIME: error: -fplugin-arg-ppar-time-tiling=yes is not a choice; use time-tiling=on or time-tiling=off
void f(void) {}
