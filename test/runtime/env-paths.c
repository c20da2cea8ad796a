// PPAR_CACHE_DIR (default $XDG_CACHE_HOME/ppar, else $HOME/.cache/ppar, else
// the home directory of the user's password entry), PPAR_GRAPH and
// PPAR_TRACE (files written at exit, so a directory is refused at once).
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir/cache
//
// RUN: env PPAR_CACHE_DIR=%t.dir/cache %{run} | FileCheck %s --check-prefix=CACHE -DDIR=%t.dir
// CACHE: cache_dir=[[DIR]]/cache graph=(none) trace=(none)
// A cache directory that does not exist yet is fine: it is created when used.
// RUN: env PPAR_CACHE_DIR=%t.dir/new %{run} | FileCheck %s --check-prefix=CACHE-NEW -DDIR=%t.dir
// CACHE-NEW: cache_dir=[[DIR]]/new
//
// RUN: env XDG_CACHE_HOME=/xdg HOME=/home/u %{run} | FileCheck %s --check-prefix=XDG
// RUN: env XDG_CACHE_HOME=/xdg/ %{run} | FileCheck %s --check-prefix=XDG
// RUN: env XDG_CACHE_HOME=/xdg PPAR_CACHE_DIR= %{run} | FileCheck %s --check-prefix=XDG
// XDG: cache_dir=/xdg/ppar graph=(none)
// The XDG spec says a relative XDG_CACHE_HOME is invalid and to be ignored.
// RUN: env XDG_CACHE_HOME=rel HOME=/home/u %{run} | FileCheck %s --check-prefix=FROMHOME
// RUN: env XDG_CACHE_HOME= HOME=/home/u/ %{run} | FileCheck %s --check-prefix=FROMHOME
// FROMHOME: cache_dir=/home/u/.cache/ppar graph=(none)
// lit passes no HOME, so the password database has the home directory.
// RUN: %{run} | FileCheck %s --check-prefix=PASSWD
// PASSWD: cache_dir=/{{.*}}.cache/ppar graph=(none)
//
// RUN: env PPAR_GRAPH=%t.dot PPAR_TRACE=%t.json %{run} | FileCheck %s --check-prefix=FILES -DT=%t
// FILES: graph=[[T]].dot trace=[[T]].json
// RUN: env PPAR_GRAPH= PPAR_TRACE= %{run} | FileCheck %s --check-prefix=NOFILES
// NOFILES: graph=(none) trace=(none)
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=cache_dir= -DT=%t
// RUN: env PPAR_CACHE_DIR=%s not %{run} 2>&1 | %{bad} --check-prefix=BAD-CACHE -DS=%s
// BAD-CACHE: ppar: error: PPAR_CACHE_DIR='[[S]]' is not valid: expected a directory (it names an existing file)
// RUN: env PPAR_GRAPH=%t.dir not %{run} 2>&1 | %{bad} --check-prefix=BAD-GRAPH
// BAD-GRAPH: ppar: error: PPAR_GRAPH='[[T]].dir' is not valid: expected a file path (it names a directory)
// RUN: env PPAR_TRACE=%t.out/ not %{run} 2>&1 | %{bad} --check-prefix=BAD-TRACE
// BAD-TRACE: ppar: error: PPAR_TRACE='[[T]].out/' is not valid: expected a file path (it names a directory)
// RUN: env PPAR_CACHE_DIR=%s PPAR_GRAPH=/ PPAR_TRACE=/ not %{run} 2>&1 | %{bad} --check-prefix=BAD-ALL -DS=%s
// BAD-ALL:      ppar: error: PPAR_CACHE_DIR='[[S]]' is not valid: expected a directory (it names an existing file)
// BAD-ALL-NEXT: ppar: error: PPAR_GRAPH='/' is not valid: expected a file path (it names a directory)
// BAD-ALL-NEXT: ppar: error: PPAR_TRACE='/' is not valid: expected a file path (it names a directory)

#include "config.h"

#include <stdio.h>

static const char *or_none(const char *s) { return s ? s : "(none)"; }

int main(void) {
  const struct __ppar_config *c = __ppar_config();
  printf("cache_dir=%s graph=%s trace=%s\n", or_none(c->cache_dir),
         or_none(c->graph), or_none(c->trace));
  return 0;
}
