// The pinned-memory pool of ppar_host_alloc / ppar_host_free and the table
// of ppar_host_register, driven through a stand-in pinner (no GPU needed):
// blocks are reused by size class, kept up to a limit, found by copies
// (__ppar_pinned_holds) only while in use, and 8 threads allocating and
// freeing at once never get one block twice (ASan, TSan). Without a GPU
// the API is plain malloc/free, registering does nothing and
// ppar_synchronize returns 0 at once.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: env CUDA_VISIBLE_DEVICES= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t | FileCheck %s --match-full-lines
// RUN: env CUDA_VISIBLE_DEVICES= TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s --match-full-lines
// CHECK:      no GPU: alloc=ok holds=0 register=0 unregister=0 synchronize=0
// CHECK-NEXT: pool: first=1 pins, reused=1 pins=1, classes: 4096 8192 8192 65536 -> 4 pins
// CHECK-NEXT: holds: inside=1 whole block=1 past=0 after free=0
// CHECK-NEXT: kept: used=0 kept=4 bytes=86016
// CHECK-NEXT: large blocks beyond the limit are unpinned: kept=5 released=1 reused=1
// CHECK-NEXT: register: 0 holds=1 overlap=-1 inside an allocated block=-1 unregister=0 again=-6 empty=-1
// CHECK-NEXT: pieces: 1000 3000 2000 4000 100
// CHECK-NEXT: threads: 8 x 2000 alloc/free, never one block twice: ok
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include "pinned.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pins, unpins, regs;

static int fake_alloc(void **p, size_t n) {
  __atomic_fetch_add(&pins, 1, __ATOMIC_SEQ_CST);
  *p = malloc(n);
  return *p ? 0 : PPAR_ENOMEM;
}
static void fake_release(void *p) {
  __atomic_fetch_add(&unpins, 1, __ATOMIC_SEQ_CST);
  free(p);
}
static int fake_reg(void *p, size_t n) {
  (void)p, (void)n;
  regs++;
  return 0;
}
static int fake_unreg(void *p) {
  (void)p;
  return 0;
}
static const struct __ppar_pinner fake = {fake_alloc, fake_release, fake_reg,
                                          fake_unreg};

/* Each thread stamps its blocks with its id and checks the stamp before
 * freeing: a block handed out twice would be overwritten by the other. */
static void *churn(void *arg) {
  long id = (long)(intptr_t)arg;
  unsigned seed = (unsigned)id;
  int bad = 0;
  for (int i = 0; i < 2000; i++) {
    size_t n = 64 + (size_t)(rand_r(&seed) % 20000);
    unsigned char *p = ppar_host_alloc(n);
    memset(p, (int)id, n);
    for (size_t k = 0; k < n; k += 97)
      bad |= p[k] != (unsigned char)id;
    bad |= !__ppar_pinned_holds(p, n);
    ppar_host_free(p);
  }
  return (void *)(intptr_t)bad;
}

int main(void) {
  /* No GPU and no stand-in: plain memory. */
  char *m = ppar_host_alloc(100);
  int ok = m != NULL;
  if (m)
    memset(m, 1, 100);
  int holds = __ppar_pinned_holds(m, 100);
  int r = ppar_host_register(m, 100), u = ppar_host_unregister(m);
  ppar_host_free(m);
  printf("no GPU: alloc=%s holds=%d register=%d unregister=%d "
         "synchronize=%d\n",
         ok ? "ok" : "NULL", holds, r, u, ppar_synchronize());

  __ppar_pinned_use(&fake);
  void *a = ppar_host_alloc(3000);
  int first = pins;
  ppar_host_free(a);
  void *b = ppar_host_alloc(4000); /* the same 4 KiB class */
  void *c = ppar_host_alloc(5000), *d = ppar_host_alloc(8192);
  void *e = ppar_host_alloc(40000);
  printf("pool: first=%d pins, reused=%d pins=%d, classes: 4096 8192 8192 "
         "65536 -> %d pins\n",
         first, a == b, first, pins);
  printf("holds: inside=%d whole block=%d past=%d",
         __ppar_pinned_holds((char *)e + 100, 1000),
         __ppar_pinned_holds(e, 65536), __ppar_pinned_holds(e, 65537));
  ppar_host_free(b);
  ppar_host_free(c);
  ppar_host_free(d);
  ppar_host_free(e);
  printf(" after free=%d\n", __ppar_pinned_holds(e, 10));
  int used, kept, nreg;
  size_t kept_bytes;
  __ppar_pinned_stats(&used, &kept, &kept_bytes, &nreg);
  printf("kept: used=%d kept=%d bytes=%zu\n", used, kept, kept_bytes);

  /* 256 MiB are kept at most: the first 200 MiB block freed is kept, the
   * second is unpinned; the next allocation of that class takes the kept
   * one. */
  void *big1 = ppar_host_alloc((size_t)200 << 20);
  void *big2 = ppar_host_alloc((size_t)200 << 20);
  int before = unpins;
  ppar_host_free(big1);
  ppar_host_free(big2);
  void *big3 = ppar_host_alloc((size_t)200 << 20);
  ppar_host_free(big3);
  __ppar_pinned_stats(&used, &kept, &kept_bytes, &nreg);
  printf("large blocks beyond the limit are unpinned: kept=%d released=%d "
         "reused=%d\n",
         kept, unpins - before, big3 == big1);

  char *buf = malloc(10000);
  int r1 = ppar_host_register(buf, 10000);
  int h = __ppar_pinned_holds(buf + 5000, 5000);
  int r2 = ppar_host_register(buf + 9999, 10);
  void *blk = ppar_host_alloc(4096);
  int r3 = ppar_host_register((char *)blk + 16, 16);
  ppar_host_free(blk);
  int u1 = ppar_host_unregister(buf), u2 = ppar_host_unregister(buf);
  int r4 = ppar_host_register(buf, 0);
  printf("register: %d holds=%d overlap=%d inside an allocated block=%d "
         "unregister=%d again=%d empty=%d\n",
         r1, h, r2, r3, u1, u2, r4);
  /* Two blocks side by side, as a call may merge them: a copy goes in
   * pieces, each in one block or in none. */
  int p1 = ppar_host_register(buf + 1000, 3000), p2 = ppar_host_register(buf + 4000, 2000);
  printf("pieces: %zu %zu %zu %zu %zu\n", __ppar_pinned_piece(buf, 10000),
         __ppar_pinned_piece(buf + 1000, 9000), __ppar_pinned_piece(buf + 4000, 6000),
         __ppar_pinned_piece(buf + 6000, 4000), __ppar_pinned_piece(buf + 1500, 100));
  ppar_host_unregister(buf + 1000);
  ppar_host_unregister(buf + 4000);
  (void)p1, (void)p2;
  free(buf);

  pthread_t t[8];
  for (long i = 0; i < 8; i++)
    pthread_create(&t[i], NULL, churn, (void *)(intptr_t)(i + 1));
  int bad = 0;
  for (int i = 0; i < 8; i++) {
    void *rv;
    pthread_join(t[i], &rv);
    bad |= rv != NULL;
  }
  printf("threads: 8 x 2000 alloc/free, never one block twice: %s\n",
         bad ? "FAILED" : "ok");
  return 0;
}
