#!/usr/bin/env python3
"""Adds a directive to ppar: writes the skeleton of everything it needs.

    scripts/add-directive.py NAME [--options "opt1 opt2"] [--loop] [--root DIR]

Like clang-tidy's add_new_check.py. For NAME (a C identifier, e.g. `stencil`)
it writes:
  - a row in passes/Directives.def (the one table of directives);
  - passes/directives/<Name>.cpp, the directive's pass (plan, then emit),
    and its factory's declaration in passes/Driver.h;
  - passes/plan/<Name>Plan.{h,cpp}, the plan as data;
  - passes/emit/<name>/<Name>Emit.{h,cpp}, the printer of the plan;
  - the sources in passes/CMakeLists.txt;
  - PPAR_<NAME>(...) in include/ppar.h, for the macro spelling;
  - test/rewrite/<name>.c, a rewrite test to fill in;
  - docs/passes/<name>.md, its page, and a row in docs/passes/README.md.
The pragma and attribute spellings (`#pragma ppar NAME(...)`,
`[[ppar::NAME("...")]]`) come from the row. The plan starts empty and the
emitter writes nothing, so the project builds and the suite passes at once;
fill in the plan, the emitter, the test and the page.
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text, must_be_new=True):
    if must_be_new and os.path.exists(path):
        sys.exit(f"add-directive: {path} exists already")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def insert_before(path, marker, text):
    s = read(path)
    if marker not in s:
        sys.exit(f"add-directive: cannot find {marker!r} in {path}")
    write(path, s.replace(marker, text + marker, 1), must_be_new=False)


def banner(path_in_passes, what):
    head = f"//===- {os.path.basename(path_in_passes)} - {what} "
    return head + "-" * max(3, 77 - len(head)) + "===//\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", help="the directive's spelling, a C identifier")
    ap.add_argument("--options", default="",
                    help="options it accepts, space-separated, from the parser's option table")
    ap.add_argument("--loop", action="store_true",
                    help="it annotates a for loop rather than a function")
    ap.add_argument("--root", default=os.path.dirname(HERE),
                    help="the project's root (default: this script's project)")
    a = ap.parse_args()
    name = a.name
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        sys.exit("add-directive: NAME must be a lower-case C identifier")
    Name = "".join(p.capitalize() for p in name.split("_"))
    root = a.root
    passes = os.path.join(root, "passes")
    table = os.path.join(passes, "Directives.def")
    if re.search(rf'PPAR_DIRECTIVE\({Name},', read(table)):
        sys.exit(f"add-directive: '{name}' is in Directives.def already")

    applies = "Loop" if a.loop else "Function"
    insert_before(table, "\n#undef PPAR_DIRECTIVE",
                  f'PPAR_DIRECTIVE({Name}, "{name}", {applies}, "{a.options}",\n'
                  f"               create{Name}Pass)\n")
    insert_before(os.path.join(passes, "Driver.h"), "\n/// Declares, in the analysis parse",
                  f"std::unique_ptr<DirectivePass> create{Name}Pass();\n")

    write(os.path.join(passes, "plan", f"{Name}Plan.h"), f"""{banner(f"{Name}Plan.h", f"What {name} does, as data")}//
// TODO: what the {name} directive decides for one annotated function, as
// data over AST nodes (no C text: that is emit/{name}/{Name}Emit's job).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_{Name.upper()}PLAN_H
#define PPAR_PASSES_PLAN_{Name.upper()}PLAN_H

#include "plan/Plan.h"
#include "support/DiagSink.h"

namespace ppar {{

/// What {name} does to one function.
struct {Name}Plan {{
  const AnnotatedFunction *F = nullptr;
}};

/// Plans {name} for F; problems go to Sink.
{Name}Plan plan{Name}(const AnnotatedFunction &F, DiagSink &Sink);

}} // namespace ppar

#endif
""")
    write(os.path.join(passes, "plan", f"{Name}Plan.cpp"), f"""{banner(f"{Name}Plan.cpp", "")}
#include "plan/{Name}Plan.h"

namespace ppar {{

{Name}Plan plan{Name}(const AnnotatedFunction &F, DiagSink &) {{
  {Name}Plan Plan;
  Plan.F = &F;
  return Plan;
}}

}} // namespace ppar
""".replace(" ===//\n", "===//\n"))
    write(os.path.join(passes, "emit", name, f"{Name}Emit.h"), f"""{banner(f"{Name}Emit.h", f"The {name} plan as text")}//
// TODO: the text the {name} directive writes. Runtime calls go through the
// builders of emit/abi/, edits of one function through one EditSet.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_{Name.upper()}EMIT_H
#define PPAR_PASSES_EMIT_{Name.upper()}EMIT_H

#include "plan/{Name}Plan.h"
#include "clang/Rewrite/Core/Rewriter.h"

namespace ppar {{

/// Writes Plan into Main; false after an error to Sink.
bool emit{Name}(clang::Rewriter &Main, const {Name}Plan &Plan, DiagSink &Sink);

}} // namespace ppar

#endif
""")
    write(os.path.join(passes, "emit", name, f"{Name}Emit.cpp"), f"""{banner(f"{Name}Emit.cpp", "")}
#include "emit/{name}/{Name}Emit.h"

namespace ppar {{

bool emit{Name}(clang::Rewriter &, const {Name}Plan &, DiagSink &) {{ return true; }}

}} // namespace ppar
""".replace(" ===//\n", "===//\n"))
    write(os.path.join(passes, "directives", f"{Name}.cpp"), f"""{banner(f"{Name}.cpp", f"The {name} directive's pass")}//
// Plans: plan/{Name}Plan.h. Emits: emit/{name}/{Name}Emit.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/{name}/{Name}Emit.h"

namespace ppar {{
namespace {{

class {Name}Pass : public DirectivePass {{
public:
  void plan(Unit &U) override {{
    for (FunctionPlan *P : U.with(Directive::{Name}))
      Plans.push_back(plan{Name}(P->F, U.Sink));
  }}

  bool emit(Unit &U) override {{
    for (const {Name}Plan &P : Plans)
      if (!emit{Name}(U.R, P, U.Sink))
        return false;
    return true;
  }}

private:
  std::vector<{Name}Plan> Plans;
}};

}} // namespace

std::unique_ptr<DirectivePass> create{Name}Pass() {{
  return std::make_unique<{Name}Pass>();
}}

}} // namespace ppar
""")

    cm = os.path.join(passes, "CMakeLists.txt")
    s = read(cm)
    s = s.replace("add_library(ppar_passes OBJECT\n",
                  f"add_library(ppar_passes OBJECT\n  directives/{Name}.cpp\n"
                  f"  plan/{Name}Plan.cpp\n  emit/{name}/{Name}Emit.cpp\n", 1)
    write(cm, s, must_be_new=False)

    hdr = os.path.join(root, "include", "ppar.h")
    s = read(hdr)
    macro = f"PPAR_{name.upper()}"
    if a.loop:
        on = f"#define {macro} PPAR__PRAGMA(ppar {name})\n"
        off = f"#define {macro}\n"
    else:
        on = f"#define {macro}(...) __attribute__((ppar_{name}(#__VA_ARGS__)))\n"
        off = f"#define {macro}(...)\n"
    s = s.replace("#else\n#define PPAR_JIT(...)\n", on + "#else\n#define PPAR_JIT(...)\n", 1)
    s = s.replace("#define PPAR_PRANGE\n#endif\n", "#define PPAR_PRANGE\n" + off + "#endif\n", 1)
    write(hdr, s, must_be_new=False)

    write(os.path.join(root, "test", "rewrite", f"{name}.c"), f"""// The {name} directive's rewrite. TODO: assert what it writes.
// RUN: rm -rf %t && %cc_ppar -fplugin-arg-ppar-emit=%t -c %s -o %t.o
// RUN: FileCheck %s < %t/{name}.ppar.c

#include <ppar.h>

#pragma ppar {name}
void f(double *a, int n) {{
  for (int i = 0; i < n; i++)
    a[i] = 2 * a[i];
}}
// CHECK-LABEL: void f(
""")
    write(os.path.join(root, "docs", "passes", f"{name}.md"), f"""# `{name}`

TODO: what the directive means for a user, in a sentence.

- **Table row:** `passes/Directives.def`.
- **Plan:** `passes/plan/{Name}Plan.{{h,cpp}}` — what it decides, as data.
- **Emit:** `passes/emit/{name}/{Name}Emit.{{h,cpp}}` — the text it writes.
- **Pass:** `passes/directives/{Name}.cpp`.
- **Test:** `test/rewrite/{name}.c`.
""")
    readme = os.path.join(root, "docs", "passes", "README.md")
    s = read(readme)
    write(readme, s.rstrip("\n") + f"\n| [{name}]({name}.md) | `directives/{Name}.cpp`, `plan/{Name}Plan`, `emit/{name}/{Name}Emit` | the {name} directive |\n",
          must_be_new=False)
    print(f"added directive '{name}': fill in plan/{Name}Plan, emit/{name}/{Name}Emit, "
          f"test/rewrite/{name}.c and docs/passes/{name}.md")


if __name__ == "__main__":
    main()
