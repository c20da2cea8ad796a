// The transfer threads' parallel memcpy (runtime/xfer_pool.c), which the
// GPU staging uses, without a GPU: every byte of odd sizes at unaligned
// starts arrives and nothing around it changes, with 1 to 16 threads;
// several callers at once each get their own bytes; the pool stops and
// starts again; and the program exits with helpers alive (joined at exit:
// no leak, no race). Under ThreadSanitizer, AddressSanitizer and plain -O2.
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// RUN: %clang -std=c11 -O2 -I%include -I%rt_src %s %libdir/libppar_rt.a -o %t -lpthread -ldl
// RUN: env TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t.asan | FileCheck %s
// RUN: %t | FileCheck %s
// CHECK: single: ok
// CHECK-NEXT: helpers: {{[1-9][0-9]*}}
// CHECK-NEXT: concurrent: ok
// CHECK-NEXT: stopped: 0 helpers, copy ok
// CHECK-NEXT: restarted: ok
// CHECK-NEXT: default threads: ok

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "xfer_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GUARD = 64 };

static unsigned char pattern(size_t i, unsigned seed) {
  return (unsigned char)(i * 131 + (i >> 17) + seed * 29);
}

/* Copy n bytes from src+so to dst+doff with `threads` threads; 1 if every
 * byte arrived and the guard bytes around the destination are untouched. */
static int check_copy(size_t n, size_t so, size_t doff, int threads,
                      unsigned seed) {
  unsigned char *src = malloc(n + so), *dst = malloc(n + doff + 2 * GUARD);
  if (!src || !dst)
    abort();
  for (size_t i = 0; i < n; i++)
    src[so + i] = pattern(i, seed);
  memset(dst, 0xA5, n + doff + 2 * GUARD);
  unsigned char *to = dst + GUARD + doff;
  __ppar_xfer_copy(to, src + so, n, threads);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++)
    if (to[i] != pattern(i, seed)) {
      printf("n=%zu so=%zu doff=%zu threads=%d: byte %zu is %u, expected %u\n",
             n, so, doff, threads, i, to[i], pattern(i, seed));
      ok = 0;
    }
  for (size_t i = 0; i < GUARD + doff && ok; i++)
    ok = dst[i] == 0xA5;
  for (size_t i = 0; i < GUARD && ok; i++)
    ok = to[n + i] == 0xA5;
  if (!ok)
    printf("n=%zu so=%zu doff=%zu threads=%d: wrong\n", n, so, doff, threads);
  free(src);
  free(dst);
  return ok;
}

static const size_t sizes[] = {0,          1,           4095,
                               (1 << 20) - 3, (5 << 20) + 12345,
                               (9 << 20) + 1};
static const size_t offs[] = {0, 1, 7, 4093};

static int single(void) {
  static const int threads[] = {1, 2, 3, 16, 40};
  int ok = 1;
  for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
      for (size_t o = 0; o < sizeof offs / sizeof *offs;
           o += sizes[s] > (2 << 20) ? 3 : 1) /* big ones: 2 of the 4 */
        ok &= check_copy(sizes[s], offs[o], offs[(o + 1) % 4], threads[t],
                         (unsigned)(s + t + o));
  return ok;
}

struct worker {
  int id, ok;
};

static void *concurrent_main(void *arg) {
  struct worker *w = arg;
  w->ok = 1;
  for (int r = 0; r < 4; r++)
    w->ok &= check_copy((3 << 20) + (size_t)w->id * 4099 + (size_t)r, (size_t)w->id,
                        (size_t)r, 2 + (w->id + r) % 6, (unsigned)(w->id * 7 + r));
  return NULL;
}

static int concurrent(void) {
  enum { N = 5 };
  pthread_t th[N];
  struct worker w[N];
  for (int i = 0; i < N; i++) {
    w[i].id = i;
    pthread_create(&th[i], NULL, concurrent_main, &w[i]);
  }
  int ok = 1;
  for (int i = 0; i < N; i++) {
    pthread_join(th[i], NULL);
    ok &= w[i].ok;
  }
  return ok;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  printf("single: %s\n", single() ? "ok" : "WRONG");
  printf("helpers: %d\n", __ppar_xfer_pool_size());
  printf("concurrent: %s\n", concurrent() ? "ok" : "WRONG");
  __ppar_xfer_pool_stop();
  int after = __ppar_xfer_pool_size();
  printf("stopped: %d helpers, copy %s\n", after,
         check_copy(4 << 20, 3, 5, 1, 9) ? "ok" : "WRONG");
  int ok = check_copy((6 << 20) + 3, 1, 2, 8, 11) && __ppar_xfer_pool_size() > 0;
  printf("restarted: %s\n", ok ? "ok" : "WRONG");
  int d = __ppar_xfer_default_threads();
  printf("default threads: %s\n", d >= 1 && d <= 12 ? "ok" : "WRONG");
  /* Helpers are still running: the exit handler joins them. */
  return 0;
}
