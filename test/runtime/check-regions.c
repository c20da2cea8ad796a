// The regions a checked loop writes: empty ones are skipped, overlapping
// and adjacent ones are saved and restored consistently (the loop's input
// is the same for both versions, and its update is applied once), a large
// one is compared to the last element, a NULL check object (a loop that
// could not be checked) makes every entry point do nothing, and a loop too
// large to copy runs unchecked with one line saying so.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env PPAR_CHECK=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 %t
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar:
//
// RUN: %{status} env PPAR_VERBOSE=1 %{run} empty | FileCheck %s --match-full-lines --check-prefix=EMPTY
// EMPTY:      ppar: settings: {{.*}}
// EMPTY-NEXT: empty: s=3 a[0]=1
// EMPTY-NEXT: ppar: check: all 4 checked loop runs agreed
// EMPTY-NEXT: exit status 0
//
// The same loop, a[i] = 2 * a[i] + 1 over a[0..150), described by three
// overlapping regions (hi = a[50..150), lo = a[0..100), all = a[0..150)),
// with the parallel version wrong at one index: reported in the first
// region that holds it, indexed from that region's start.
// RUN: %{status} %{run} overlap -1 | %{fc} --check-prefix=OVERLAP
// OVERLAP:      overlap: a[0]=3 a[60]=123 a[120]=243 a[149]=301
// OVERLAP-NEXT: exit status 0
// RUN: %{status} %{run} overlap 120 | %{fc} --check-prefixes=OVERLAP-120,DIFF1
// OVERLAP-120:      ppar: check: update (regions.c:20): hi[70] is 244 in parallel but 243 serially
// OVERLAP-120-NEXT: overlap: a[0]=3 a[60]=123 a[120]=244 a[149]=301
// RUN: %{status} %{run} overlap 60 | %{fc} --check-prefixes=OVERLAP-60,DIFF1
// OVERLAP-60: ppar: check: update (regions.c:20): hi[10] is 124 in parallel but 123 serially
// RUN: %{status} %{run} overlap 10 | %{fc} --check-prefixes=OVERLAP-10,DIFF1
// OVERLAP-10: ppar: check: update (regions.c:20): lo[10] is 24 in parallel but 23 serially
//
// Adjacent regions a[0..50), a[50..150), and the same region twice.
// RUN: %{status} %{run} adjacent -1 | %{fc} --check-prefix=ADJACENT
// ADJACENT:      adjacent: a[0]=3 a[60]=123 a[120]=243 a[149]=301
// ADJACENT-NEXT: exit status 0
// RUN: %{status} %{run} adjacent 50 | %{fc} --check-prefixes=ADJACENT-50,DIFF1
// ADJACENT-50: ppar: check: update (regions.c:21): right[0] is 104 in parallel but 103 serially
// RUN: %{status} %{run} adjacent 49 | %{fc} --check-prefixes=ADJACENT-49,DIFF1
// ADJACENT-49: ppar: check: update (regions.c:21): left[49] is 102 in parallel but 101 serially
// RUN: %{status} %{run} twice 7 | %{fc} --check-prefixes=TWICE-7,DIFF1
// TWICE-7: ppar: check: update (regions.c:22): first[7] is 18 in parallel but 17 serially
//
// 2^23 doubles (64 MiB): differences at the last element and around the
// boundaries of the pieces compared at a time (4096 bytes).
// RUN: %{status} %{run} large 8388607 | %{fc} --check-prefixes=LARGE-LAST,DIFF1
// LARGE-LAST: ppar: check: large (regions.c:30): big[8388607] is 2 in parallel but 1 serially
// RUN: %{status} %{run} large 511 | %{fc} --check-prefixes=LARGE-511,DIFF1
// LARGE-511: ppar: check: large (regions.c:30): big[511] is 2 in parallel but 1 serially
// RUN: %{status} %{run} large 512 | %{fc} --check-prefixes=LARGE-512,DIFF1
// LARGE-512: ppar: check: large (regions.c:30): big[512] is 2 in parallel but 1 serially
// RUN: %{status} %{run} large -1 | %{fc} --check-prefix=LARGE-OK
// LARGE-OK: exit status 0
//
// RUN: %{status} %{run} null | %{fc} --check-prefix=NULL
// NULL:      null: a[0]=3
// NULL-NEXT: exit status 0
//
// A region too large to copy: the loop runs once, unchecked, and the
// program exits normally. (ASan may warn of the failed allocation first.)
// RUN: %{status} env PPAR_VERBOSE=1 %{run} huge | FileCheck %s --match-full-lines --check-prefix=HUGE
// HUGE:      ppar: settings: {{.*}}
// HUGE:      ppar: check: huge (regions.c:40): not enough memory to check this loop; it is not checked
// HUGE-NEXT: huge: a[0]=3 a[7]=3
// HUGE-NEXT: ppar: check: all 0 checked loop runs agreed
// HUGE-NEXT: exit status 0
//
// Entry points called out of order are a bug of the plugin.
// RUN: %{status} %{run} order end | %{fc} --check-prefix=ORDER-END
// ORDER-END:      ppar: error: internal error: order (regions.c:50): check_end called before check_mid; the plugin generated bad code, please report it
// ORDER-END-NEXT: exit status 2
// RUN: %{status} %{run} order mid | %{fc} --check-prefix=ORDER-MID
// ORDER-MID:      ppar: error: internal error: order (regions.c:50): check_mid called twice; the plugin generated bad code, please report it
// ORDER-MID-NEXT: exit status 2
// RUN: %{status} %{run} order kind | %{fc} --check-prefix=ORDER-KIND
// ORDER-KIND:      ppar: error: internal error: order (regions.c:50): check_begin called with a region of unknown kind or size 0; the plugin generated bad code, please report it
// ORDER-KIND-NEXT: exit status 2
//
// DIFF1:      ppar: check: 1 of 1 checked loop runs differed
// DIFF1-NEXT: exit status 3

#include "ppar_rt_abi.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the plugin generates for `for (i = 0; i < n; i++) a[i] = 2 * a[i] +
 * 1` with the regions given; the parallel version is off by one at bad. */
static void update(unsigned line, int n, int *a, long bad,
                   const struct __ppar_rt_region *regions, int count) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin("update", "regions.c", line, regions,
                                 count))) {
    for (int i = 0; i < n; i++)
      a[i] = 2 * a[i] + 1;
    __ppar_rt_check_mid(c);
  }
  for (int i = 0; i < n; i++)
    a[i] = 2 * a[i] + 1 + (i == bad);
  if (c)
    __ppar_rt_check_end(c);
}

static int *numbers(int n) {
  int *a = malloc((size_t)n * sizeof *a);
  if (!a)
    exit(1);
  for (int i = 0; i < n; i++)
    a[i] = i + 1;
  return a;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc < 2)
    return 1;
  const char *what = argv[1];
  long bad = argc > 2 ? strtol(argv[2], NULL, 10) : -1;

  if (strcmp(what, "empty") == 0) {
    /* Writes only a scalar; or regions with hi == lo or hi < lo. */
    int a[4] = {1, 1, 1, 1};
    double s = 0, s1 = 0;
    struct __ppar_rt_check *c;
    if ((c = __ppar_rt_check_begin("empty", "regions.c", 10, NULL, 0))) {
      s1 = 3;
      __ppar_rt_check_mid(c);
    }
    s = 3;
    __ppar_rt_check_scalar(c, "s", s, s1, 1);
    __ppar_rt_check_end(c);
    const struct __ppar_rt_region none[] = {{a, a, 'i', 4, "a"},
                                            {a + 3, a + 1, 'i', 4, "a"},
                                            {NULL, NULL, 'f', 8, "z"}};
    for (int i = 0; i < 3; i++) {
      c = __ppar_rt_check_begin("empty", "regions.c", 11, &none[i], 1);
      __ppar_rt_check_mid(c);
      __ppar_rt_check_end(c);
    }
    printf("empty: s=%g a[0]=%d\n", s, a[0]);
  } else if (strcmp(what, "overlap") == 0 || strcmp(what, "adjacent") == 0 ||
             strcmp(what, "twice") == 0) {
    int *a = numbers(150);
    if (strcmp(what, "overlap") == 0)
      update(20, 150, a, bad,
             (struct __ppar_rt_region[]){{a + 50, a + 150, 'i', 4, "hi"},
                                         {a, a + 100, 'i', 4, "lo"},
                                         {a, a + 150, 'i', 4, "all"}},
             3);
    else if (strcmp(what, "adjacent") == 0)
      update(21, 150, a, bad,
             (struct __ppar_rt_region[]){{a + 50, a + 150, 'i', 4, "right"},
                                         {a, a + 50, 'i', 4, "left"}},
             2);
    else
      update(22, 150, a, bad,
             (struct __ppar_rt_region[]){{a, a + 150, 'i', 4, "first"},
                                         {a, a + 150, 'i', 4, "second"}},
             2);
    printf("%s: a[0]=%d a[60]=%d a[120]=%d a[149]=%d\n", what, a[0], a[60],
           a[120], a[149]);
    free(a);
  } else if (strcmp(what, "large") == 0) {
    long n = 1l << 23;
    double *big = malloc((size_t)n * sizeof *big);
    if (!big)
      return 1;
    struct __ppar_rt_check *c = 0;
    if (__ppar_rt_checking() &&
        (c = __ppar_rt_check_begin(
             "large", "regions.c", 30,
             (struct __ppar_rt_region[]){{big, big + n, 'f', 8, "big"}}, 1))) {
      for (long i = 0; i < n; i++)
        big[i] = 1;
      __ppar_rt_check_mid(c);
    }
    for (long i = 0; i < n; i++)
      big[i] = i == bad ? 2 : 1;
    if (c)
      __ppar_rt_check_end(c);
    free(big);
  } else if (strcmp(what, "null") == 0) {
    int a[1] = {1};
    struct __ppar_rt_check *c = 0;
    __ppar_rt_check_mid(c);
    a[0] = 3;
    __ppar_rt_check_scalar(c, "a", 1, 2, 0);
    __ppar_rt_check_end(c);
    printf("null: a[0]=%d\n", a[0]);
  } else if (strcmp(what, "huge") == 0) {
    /* The plugin describes what the loop may write; here 1 PiB, which
     * cannot be copied (and is never touched). */
    int a[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const void *far = (const void *)((uintptr_t)a + ((uintptr_t)1 << 50));
    struct __ppar_rt_check *c = 0;
    if (__ppar_rt_checking() &&
        (c = __ppar_rt_check_begin(
             "huge", "regions.c", 40,
             (struct __ppar_rt_region[]){{a, far, 'i', 4, "a"}}, 1))) {
      for (int i = 0; i < 8; i++)
        a[i] = 2 * a[i] + 1;
      __ppar_rt_check_mid(c);
    }
    for (int i = 0; i < 8; i++)
      a[i] = 2 * a[i] + 1;
    if (c)
      __ppar_rt_check_end(c);
    printf("huge: a[0]=%d a[7]=%d\n", a[0], a[7]);
  } else if (strcmp(what, "order") == 0 && argc > 2) {
    int a[4] = {0};
    struct __ppar_rt_region r = {a, a + 4, 'i', 4, "a"};
    if (strcmp(argv[2], "kind") == 0)
      r.kind = 'x';
    struct __ppar_rt_check *c =
        __ppar_rt_check_begin("order", "regions.c", 50, &r, 1);
    if (strcmp(argv[2], "mid") == 0)
      __ppar_rt_check_mid(c);
    if (strcmp(argv[2], "mid") == 0 || strcmp(argv[2], "kind") == 0)
      __ppar_rt_check_mid(c);
    __ppar_rt_check_end(c);
    printf("not reached\n");
  } else {
    return 1;
  }
  return 0;
}
