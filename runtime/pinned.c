/*
 * pinned.c - ppar_host_alloc / ppar_host_free (pinned blocks, pooled by
 * size class) and ppar_host_register / ppar_host_unregister, and the table
 * of pinned ranges that copies consult (pinned.h).
 *
 * Pinning costs a system call and page-table work per block (cuMemHostAlloc
 * takes milliseconds for large sizes), so freed blocks are kept by size
 * class for the next allocation, up to KEEP_BYTES. One sorted table holds
 * every block (in use or kept) and every registered range, under a mutex;
 * copies look a range up only above the small-copy size, where a lookup is
 * noise next to the transfer.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "pinned.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "vec.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

/* Free blocks kept for reuse, in bytes and in number. */
#define KEEP_BYTES ((size_t)256 << 20)
enum { KEEP_BLOCKS = 64 };

enum { ALLOCATED = 1, REGISTERED = 2 };

struct entry {
  uintptr_t lo, hi; /* the pinned bytes: a whole block, or the range */
  int kind;
  int used; /* ALLOCATED: handed out (else kept for reuse) */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct entry *table; /* sorted by lo; under mu */
static int count;           /* also read atomically: no lock when 0 */
static size_t cap;
static size_t kept_bytes;
static int kept;

/* ---- Who pins ------------------------------------------------------------ */

static int gpu_in_use(void) {
  const struct __ppar_config *c = __ppar_config();
  return !c->disable_jit && c->target != __PPAR_TARGET_CPU &&
         __ppar_cu_device_count() > 0;
}

/* The driver needs a current context; any device's will do (the memory is
 * portable): device 0's. */
static int driver_ready(void) {
  const struct __ppar_gpu_device *d = __ppar_gpu_device(0);
  return d && __ppar_gpu_make_current(d) == PPAR_OK;
}

static int driver_alloc(void **p, size_t bytes) {
  if (!driver_ready())
    return PPAR_ENODEV;
  __ppar_cu_result rc =
      __ppar_cu()->mem_host_alloc(p, bytes, __PPAR_CU_MEMHOSTALLOC_PORTABLE);
  return rc == __PPAR_CU_SUCCESS ? PPAR_OK : __ppar_cu_fail(rc, "cuMemHostAlloc");
}

static void driver_release(void *p) {
  if (driver_ready())
    __ppar_cu()->mem_free_host(p);
}

static int driver_reg(void *p, size_t bytes) {
  if (!driver_ready())
    return PPAR_ENODEV;
  __ppar_cu_result rc = __ppar_cu()->mem_host_register(
      p, bytes, __PPAR_CU_MEMHOSTREGISTER_PORTABLE);
  return rc == __PPAR_CU_SUCCESS ? PPAR_OK
                                 : __ppar_cu_fail(rc, "cuMemHostRegister");
}

static int driver_unreg(void *p) {
  if (!driver_ready())
    return PPAR_ENODEV;
  __ppar_cu_result rc = __ppar_cu()->mem_host_unregister(p);
  return rc == __PPAR_CU_SUCCESS ? PPAR_OK
                                 : __ppar_cu_fail(rc, "cuMemHostUnregister");
}

static const struct __ppar_pinner driver = {driver_alloc, driver_release,
                                            driver_reg, driver_unreg};
static const struct __ppar_pinner *_Atomic chosen; /* set by tests */

void __ppar_pinned_use(const struct __ppar_pinner *pinner) { chosen = pinner; }

/* The pinner, or NULL where no GPU is used (plain malloc). */
static const struct __ppar_pinner *pinner(void) {
  const struct __ppar_pinner *p = chosen;
  if (p)
    return p;
  return gpu_in_use() ? &driver : NULL;
}

/* ---- The table (under mu) ---------------------------------------------- */

/* Index of the last entry with lo <= p, or -1. */
static int find_le(uintptr_t p) {
  int lo = 0, hi = count - 1, best = -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (table[mid].lo <= p)
      best = mid, lo = mid + 1;
    else
      hi = mid - 1;
  }
  return best;
}

static int insert(struct entry e) {
  if (__ppar_vec_reserve(&table, &cap, (size_t)count + 1, sizeof *table))
    return -1;
  int at = find_le(e.lo) + 1;
  for (int i = count; i > at; i--)
    table[i] = table[i - 1];
  table[at] = e;
  __atomic_store_n(&count, count + 1, __ATOMIC_RELEASE);
  return 0;
}

static void erase(int i) {
  for (; i < count - 1; i++)
    table[i] = table[i + 1];
  __atomic_store_n(&count, count - 1, __ATOMIC_RELEASE);
}

/* Whether [lo, hi) overlaps an entry. */
static int overlaps(uintptr_t lo, uintptr_t hi) {
  int i = find_le(hi - 1);
  return i >= 0 && table[i].hi > lo;
}

/* ---- Allocation --------------------------------------------------------- */

/* Blocks come in classes so that a freed block serves the next request of
 * about its size: powers of two from 4 KiB to 64 MiB, then multiples of
 * 2 MiB. */
static size_t class_of(size_t n) {
  if (n <= ((size_t)64 << 20)) {
    size_t r = 4096;
    while (r < n)
      r <<= 1;
    return r;
  }
  size_t g = (size_t)2 << 20;
  return (n + g - 1) / g * g;
}

void *__ppar_host_alloc(size_t bytes) {
  const struct __ppar_pinner *pin = pinner();
  if (!pin)
    return malloc(bytes ? bytes : 1);
  if (bytes > SIZE_MAX / 2)
    return NULL;
  size_t size = class_of(bytes ? bytes : 1);
  pthread_mutex_lock(&mu);
  for (int i = 0; i < count; i++) {
    struct entry *e = &table[i];
    if (e->kind == ALLOCATED && !e->used && e->hi - e->lo == size) {
      e->used = 1;
      kept--, kept_bytes -= size;
      void *p = (void *)e->lo;
      pthread_mutex_unlock(&mu);
      return p;
    }
  }
  pthread_mutex_unlock(&mu);
  void *p = NULL;
  if (pin->alloc(&p, size) != PPAR_OK || !p) {
    /* Pinned memory is limited (RLIMIT_MEMLOCK, the driver's own limits):
     * ordinary memory still works, only its copies are slower. */
    __ppar_log(__PPAR_LOG_DECISIONS,
               "ppar_host_alloc(%zu): pinning failed (%s); using ordinary "
               "memory",
               bytes, __ppar_last_cause());
    return malloc(bytes ? bytes : 1);
  }
  pthread_mutex_lock(&mu);
  int bad = insert((struct entry){(uintptr_t)p, (uintptr_t)p + size,
                                  ALLOCATED, 1});
  pthread_mutex_unlock(&mu);
  if (bad) {
    pin->release(p);
    return NULL;
  }
  return p;
}

void __ppar_host_free(void *p) {
  if (!p)
    return;
  uintptr_t a = (uintptr_t)p;
  void *release = NULL;
  pthread_mutex_lock(&mu);
  int i = __atomic_load_n(&count, __ATOMIC_ACQUIRE) ? find_le(a) : -1;
  if (i < 0 || table[i].lo != a || table[i].kind != ALLOCATED) {
    pthread_mutex_unlock(&mu);
    free(p); /* ordinary memory: no GPU, or pinning failed */
    return;
  }
  struct entry *e = &table[i];
  if (!e->used) {
    pthread_mutex_unlock(&mu);
    __ppar_die("ppar_host_free(%p): this block was already freed", p);
  }
  size_t size = e->hi - e->lo;
  if (kept < KEEP_BLOCKS && kept_bytes + size <= KEEP_BYTES) {
    e->used = 0;
    kept++, kept_bytes += size;
  } else {
    release = p;
    erase(i);
  }
  pthread_mutex_unlock(&mu);
  if (release)
    pinner()->release(release);
}

int __ppar_host_register(void *p, size_t bytes) {
  if (!p || bytes == 0)
    return __ppar_set_error(PPAR_EINVAL,
                            "ppar_host_register(%p, %zu): no bytes to pin", p,
                            bytes);
  const struct __ppar_pinner *pin = pinner();
  if (!pin)
    return PPAR_OK; /* nothing to pin for */
  uintptr_t lo = (uintptr_t)p, hi = lo + bytes;
  if (hi < lo)
    return __ppar_set_error(PPAR_EINVAL,
                            "ppar_host_register(%p, %zu): the range wraps "
                            "around",
                            p, bytes);
  pthread_mutex_lock(&mu);
  int clash = overlaps(lo, hi);
  pthread_mutex_unlock(&mu);
  if (clash)
    return __ppar_set_error(PPAR_EINVAL,
                            "ppar_host_register(%p, %zu): the range overlaps "
                            "memory that is already pinned",
                            p, bytes);
  int rc = pin->reg(p, bytes);
  if (rc != PPAR_OK)
    return __ppar_set_error(rc, "ppar_host_register(%p, %zu): %s", p, bytes,
                            __ppar_last_cause());
  pthread_mutex_lock(&mu);
  int bad = overlaps(lo, hi) || insert((struct entry){lo, hi, REGISTERED, 1});
  pthread_mutex_unlock(&mu);
  if (bad) { /* another thread registered it meanwhile, or out of memory */
    pin->unreg(p);
    return __ppar_set_error(PPAR_EINVAL,
                            "ppar_host_register(%p, %zu): the range overlaps "
                            "memory that is already pinned (or out of memory)",
                            p, bytes);
  }
  return PPAR_OK;
}

int __ppar_host_unregister(void *p) {
  const struct __ppar_pinner *pin = pinner();
  if (!pin)
    return PPAR_OK;
  uintptr_t a = (uintptr_t)p;
  pthread_mutex_lock(&mu);
  int i = p ? find_le(a) : -1;
  int found = i >= 0 && table[i].lo == a && table[i].kind == REGISTERED;
  if (found)
    erase(i);
  pthread_mutex_unlock(&mu);
  if (!found)
    return __ppar_set_error(PPAR_ENOENT,
                            "ppar_host_unregister(%p): no range registered "
                            "with ppar_host_register starts here",
                            p);
  int rc = pin->unreg(p);
  return rc == PPAR_OK ? PPAR_OK
                       : __ppar_set_error(rc, "ppar_host_unregister(%p): %s",
                                          p, __ppar_last_cause());
}

int __ppar_pinned_holds(const void *p, size_t n) {
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0 || n == 0)
    return 0;
  uintptr_t a = (uintptr_t)p;
  pthread_mutex_lock(&mu);
  int i = find_le(a);
  int in = i >= 0 && table[i].used && a + n >= a && a + n <= table[i].hi;
  pthread_mutex_unlock(&mu);
  return in;
}

size_t __ppar_pinned_piece(const void *p, size_t n) {
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0 || n == 0)
    return n;
  uintptr_t a = (uintptr_t)p;
  size_t piece = n;
  pthread_mutex_lock(&mu);
  int i = find_le(a);
  if (i >= 0 && a < table[i].hi)
    piece = table[i].hi - a < n ? table[i].hi - a : n; /* inside block i */
  else if (i + 1 < count && table[i + 1].lo - a < n)
    piece = table[i + 1].lo - a; /* up to the next block */
  pthread_mutex_unlock(&mu);
  return piece;
}

void __ppar_pinned_stats(int *used, int *nkept, size_t *nkept_bytes,
                         int *registered) {
  pthread_mutex_lock(&mu);
  int u = 0, r = 0;
  for (int i = 0; i < count; i++) {
    u += table[i].kind == ALLOCATED && table[i].used;
    r += table[i].kind == REGISTERED;
  }
  *used = u, *nkept = kept, *nkept_bytes = kept_bytes, *registered = r;
  pthread_mutex_unlock(&mu);
}
