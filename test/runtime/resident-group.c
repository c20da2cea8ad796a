// The map of which copies of a resident range hold its latest bytes
// (runtime/resident_group.h, docs/multi-gpu.md): every copy at the start;
// a write leaves the writer alone, a fetch adds the fetcher; neighbouring
// sub-ranges with the same holders merge; the walk a call makes over the
// sub-ranges one copy lacks, and the walk ppar_to_host makes over all of
// them; updates clipped to the range; ppar_to_device again makes every
// copy current. A stencil's steps on three copies fetch only the halo rows
// (two a boundary a step after the first) and keep five sub-ranges.
// ASan/UBSan (no leak), and TSan with threads updating disjoint parts.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t | FileCheck %s --match-full-lines
// RUN: env TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s --match-full-lines
// CHECK:      start: [0,100) 7
// CHECK-NEXT: copy 1 lacks: none
// CHECK-NEXT: 1 wrote [10,20): [0,10) 7 [10,20) 2 [20,100) 7
// CHECK-NEXT: copy 0 lacks in [0,50): [10,20) from 2
// CHECK-NEXT: 0 got [15,20): [0,10) 7 [10,15) 2 [15,20) 3 [20,100) 7
// CHECK-NEXT: clipped, 2 wrote [90,200): [0,10) 7 [10,15) 2 [15,20) 3 [20,90) 7 [90,100) 4
// CHECK-NEXT: all again: [0,100) 7
// CHECK-NEXT: stencil, 3 copies, 10 steps, 36 rows fetched: [0,1) 7 [1,34) 1 [34,67) 2 [67,99) 4 [99,100) 7
// CHECK-NEXT: threads: [0,4000) 1 [4000,8000) 2 [8000,12000) 4 [12000,16000) 8
#include "ppar.h"
#include "resident_group.h"

#include <pthread.h>
#include <stdio.h>

/* Every sub-range with its holders, as ppar_to_host walks them. */
static void show(const char *what, struct __ppar_rgroup *g, uintptr_t lo,
                 uintptr_t hi) {
  printf("%s:", what);
  uintptr_t a, b;
  unsigned h;
  for (uintptr_t at = lo; __ppar_rgroup_next(g, -1, at, hi, &a, &b, &h);
       at = b)
    printf(" [%lu,%lu) %u", (unsigned long)a, (unsigned long)b, h);
  printf("\n");
}

static void lacks(struct __ppar_rgroup *g, int copy, uintptr_t lo,
                  uintptr_t hi) {
  uintptr_t a, b;
  unsigned h;
  int any = 0;
  printf("copy %d lacks", copy);
  if (lo != 0 || hi != 100)
    printf(" in [%lu,%lu)", (unsigned long)lo, (unsigned long)hi);
  printf(":");
  for (uintptr_t at = lo; __ppar_rgroup_next(g, copy, at, hi, &a, &b, &h);
       at = b, any = 1)
    printf(" [%lu,%lu) from %u", (unsigned long)a, (unsigned long)b, h);
  printf("%s\n", any ? "" : " none");
}

struct slice {
  struct __ppar_rgroup *g;
  int copy;
};
static void *writer(void *arg) {
  struct slice *s = arg;
  for (int k = 0; k < 1000; k++) {
    uintptr_t lo = 4000u * (unsigned)s->copy + (uintptr_t)(k % 40) * 100;
    __ppar_rgroup_wrote(s->g, s->copy, lo, lo + 100);
  }
  return NULL;
}

int main(void) {
  struct __ppar_rgroup *g = __ppar_rgroup_new(0, 100, 3);
  show("start", g, 0, 100);
  lacks(g, 1, 0, 100);
  __ppar_rgroup_wrote(g, 1, 10, 20);
  show("1 wrote [10,20)", g, 0, 100);
  lacks(g, 0, 0, 50);
  __ppar_rgroup_got(g, 0, 15, 20);
  show("0 got [15,20)", g, 0, 100);
  __ppar_rgroup_wrote(g, 2, 90, 200);
  show("clipped, 2 wrote [90,200)", g, 0, 100);
  __ppar_rgroup_all(g, 0, 100);
  show("all again", g, 0, 100);

  /* Rows 1..98 of a 100-row grid over three copies, each reading one row
   * beyond its block on both sides: what a split Jacobi step does. */
  uintptr_t first[3] = {1, 34, 67}, end[3] = {34, 67, 99}, rows = 0;
  for (int step = 0; step < 10; step++) {
    for (int c = 0; c < 3; c++) {
      uintptr_t a, b;
      unsigned h;
      for (uintptr_t at = first[c] - 1;
           __ppar_rgroup_next(g, c, at, end[c] + 1, &a, &b, &h); at = b) {
        __ppar_rgroup_got(g, c, a, b);
        rows += b - a;
      }
    }
    for (int c = 0; c < 3; c++)
      __ppar_rgroup_wrote(g, c, first[c], end[c]);
  }
  char what[64];
  snprintf(what, sizeof what, "stencil, 3 copies, 10 steps, %lu rows fetched",
           (unsigned long)rows);
  show(what, g, 0, 100);
  __ppar_rgroup_free(g);

  g = __ppar_rgroup_new(0, 16000, 4);
  pthread_t t[4];
  struct slice s[4];
  for (int i = 0; i < 4; i++) {
    s[i] = (struct slice){g, i};
    pthread_create(&t[i], NULL, writer, &s[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  show("threads", g, 0, 16000);
  __ppar_rgroup_free(g);
  return 0;
}
