// The runtime's one growable array (runtime/vec.h): capacity doubles from 8
// and always covers what was asked for; elements survive each move; an
// array living in storage that is not the heap (a task's two inline edges,
// a stack buffer) moves to the heap with its elements and is left in place;
// a size that would overflow fails with the array and capacity unchanged;
// and the dying variant names what was growing. ASan/UBSan: no leak, no
// overflow.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t | FileCheck %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 sh -c '"$0" "$@"; echo "exit status $?"' %t die 2>&1 | FileCheck %s --check-prefix=DIE
// CHECK: grow: caps 8 16 32 64 128 256 512 1024, 1000 elements kept
// CHECK-NEXT: need: cap 100 -> 200
// CHECK-NEXT: fixed: cap 2 -> 4, 2 elements copied, inline untouched
// CHECK-NEXT: overflow: -1 -1, unchanged
// CHECK-NEXT: done
// DIE: ppar: error: out of memory growing the test array to {{[0-9]+}} entries
// DIE-NEXT: exit status 2
#include "vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct big {
  char bytes[64];
};

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "die") == 0) {
    struct big *b = NULL;
    size_t cap = 0;
    __ppar_vec_reserve_or_die(&b, &cap, SIZE_MAX / 8, sizeof *b, "test array");
    return 0; /* not reached */
  }

  int *v = NULL;
  size_t cap = 0, last = 0;
  printf("grow: caps");
  for (int i = 0; i < 1000; i++) {
    if (__ppar_vec_reserve(&v, &cap, (size_t)i + 1, sizeof *v))
      return 1;
    if (cap != last)
      printf(" %zu", cap);
    last = cap;
    v[i] = i;
  }
  int kept = 0;
  for (int i = 0; i < 1000; i++)
    kept += v[i] == i;
  printf(", %d elements kept\n", kept);
  printf("need: cap %zu", cap = 100);
  int *w = malloc(100 * sizeof *w);
  if (__ppar_vec_reserve(&w, &cap, 101, sizeof *w))
    return 1;
  printf(" -> %zu\n", cap);
  free(w);
  free(v);

  void *inline_list[2] = {&kept, &cap}, **list = inline_list;
  size_t icap = 2;
  if (__ppar_vec_grow(&list, &icap, 3, sizeof *list, inline_list))
    return 1;
  printf("fixed: cap 2 -> %zu, %d elements copied, inline %s\n", icap,
         (list[0] == &kept) + (list[1] == &cap),
         list != inline_list && inline_list[0] == &kept ? "untouched" : "lost");
  free(list);

  struct big *b = NULL;
  size_t bcap = 0;
  int r1 = __ppar_vec_reserve(&b, &bcap, SIZE_MAX / 2, sizeof *b);
  int r2 = __ppar_vec_reserve(&b, &bcap, SIZE_MAX, 1);
  printf("overflow: %d %d, %s\n", r1, r2, !b && !bcap ? "unchanged" : "changed");
  printf("done\n");
  return 0;
}
