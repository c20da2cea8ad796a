/*
 * resident.c - what the device API of ppar.h does (api_device.c): the
 * current device, and resident data (ppar_to_device / ppar_to_host /
 * ppar_device_free); and the host copies of functions with a GPU variant
 * (abi_host_copy.c).
 *
 * The driver itself is loaded by cuda_driver.c. Resident data is a table of
 * host ranges, each with a device copy on one device; GPU calls look ranges
 * up in it (__ppar_resident_find) and use the device copy instead of
 * copying. Two locks: table_mu guards the table and is held only for
 * lookups and edits, so that calls on other threads never wait for a
 * transfer; api_mu serialises the three API functions, so that two threads
 * making the same range resident cannot both allocate it.
 *
 * Where no GPU code runs (no device, PPAR_TARGET=cpu, PPAR_DISABLE_JIT,
 * PPAR_CHECK) the "device copy" is a copy in host memory, an entry of the
 * same table on the pseudo-device HOST_COPY: ppar_to_host copies it back,
 * and functions with a GPU variant run on it (__ppar_rt_host_copy), so the
 * program sees what it would see with a GPU.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "resident.h"

#include "ppar.h"
#include "ppar_rt_abi.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "gpu_xfer.h"
#include "vec.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each thread has a current device, as in the CUDA runtime API; 0 until
 * ppar_set_device changes it. */
static _Thread_local int current_device;

int __ppar_device_current(void) { return current_device; }

void __ppar_device_set(int dev) {
  int count = __ppar_cu_device_count();
  if (dev < 0 || dev >= count) {
    if (count == 0)
      __ppar_set_error(PPAR_ENODEV, "ppar_set_device(%d): no such device: %s",
                       dev, __ppar_cu_why_none());
    else
      __ppar_set_error(PPAR_ENODEV,
                       "ppar_set_device(%d): no such device: devices are "
                       "numbered 0 to %d",
                       dev, count - 1);
    return;
  }
  current_device = dev;
}

/* ---- The table -------------------------------------------------------------- */

/* The ordinal of host copies: no device has it. */
enum { HOST_COPY = -1 };

struct __ppar_resident {
  uintptr_t lo, hi; /* host bytes [lo, hi) */
  int ordinal;      /* a device, or HOST_COPY */
  __ppar_cu_deviceptr dev;
  char *copy; /* HOST_COPY: the copy, hi - lo bytes */
  int refs; /* calls using it now; under table_mu */
  int dead; /* dropped by ppar_device_free: freed when refs reaches 0 */
  /* Threads with asynchronous calls in flight that use it (gpu_async.c);
   * under table_mu, and read atomically for the quick test. owner: the
   * thread when there is one. */
  int inflight;
  const void *owner;
};

static pthread_mutex_t api_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static struct __ppar_resident **table; /* under table_mu */
static int count;                      /* count: also read atomically */
static size_t cap;
static int host_copies; /* HOST_COPY entries; also read atomically */

/* Frees r's device memory; r is out of the table and unused. */
static void destroy(struct __ppar_resident *r) {
  if (r->ordinal == HOST_COPY) {
    free(r->copy);
    free(r);
    return;
  }
  const struct __ppar_gpu_device *d = __ppar_gpu_device(r->ordinal);
  if (d && __ppar_gpu_make_current(d) == PPAR_OK)
    __ppar_cu()->mem_free(r->dev);
  free(r);
}

/* The entry of device ordinal overlapping [lo, hi); under table_mu. */
static struct __ppar_resident *overlapping(int ordinal, uintptr_t lo,
                                           uintptr_t hi) {
  for (int i = 0; i < count; i++) {
    struct __ppar_resident *r = table[i];
    if (r->ordinal == ordinal && r->lo < hi && lo < r->hi)
      return r;
  }
  return NULL;
}

/* The entry that contains address p: on the current device first, else on
 * the lowest-numbered device that has one; removed from the table when
 * take. Under table_mu. */
static struct __ppar_resident *containing(uintptr_t p, int take) {
  int best = -1;
  for (int i = 0; i < count; i++) {
    struct __ppar_resident *r = table[i];
    if (p < r->lo || p >= r->hi)
      continue;
    if (best < 0 || r->ordinal == current_device ||
        (table[best]->ordinal != current_device &&
         r->ordinal < table[best]->ordinal))
      best = i;
  }
  if (best < 0)
    return NULL;
  struct __ppar_resident *r = table[best];
  if (take) {
    table[best] = table[count - 1];
    __atomic_store_n(&count, count - 1, __ATOMIC_RELEASE);
    if (r->ordinal == HOST_COPY)
      __atomic_store_n(&host_copies, host_copies - 1, __ATOMIC_RELEASE);
  }
  return r;
}

struct __ppar_resident *__ppar_resident_find(int ordinal, const void *lo,
                                             const void *hi,
                                             __ppar_cu_deviceptr *dev) {
  /* Most programs make nothing resident: no lock on their path. */
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0)
    return NULL;
  uintptr_t a = (uintptr_t)lo, b = (uintptr_t)hi;
  struct __ppar_resident *found = NULL;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count; i++) {
    struct __ppar_resident *r = table[i];
    if (r->ordinal == ordinal && r->lo <= a && b <= r->hi) {
      found = r;
      found->refs++;
      *dev = r->dev + (a - r->lo);
      break;
    }
  }
  pthread_mutex_unlock(&table_mu);
  return found;
}

int __ppar_resident_on(int ordinal) {
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0)
    return 0;
  int found = 0;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count && !found; i++)
    found = table[i]->ordinal == ordinal;
  pthread_mutex_unlock(&table_mu);
  return found;
}

void __ppar_resident_bytes(const void *lo, const void *hi, size_t *bytes,
                           int ndev) {
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0)
    return;
  uintptr_t a = (uintptr_t)lo, b = (uintptr_t)hi;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count; i++) {
    const struct __ppar_resident *r = table[i];
    uintptr_t from = a > r->lo ? a : r->lo, to = b < r->hi ? b : r->hi;
    if (r->ordinal >= 0 && r->ordinal < ndev && from < to)
      bytes[r->ordinal] += to - from;
  }
  pthread_mutex_unlock(&table_mu);
}

void __ppar_resident_bounds(const struct __ppar_resident *r, const void **lo,
                           const void **hi) {
  *lo = (const void *)r->lo;
  *hi = (const void *)r->hi;
}

void __ppar_resident_release(struct __ppar_resident *r) {
  pthread_mutex_lock(&table_mu);
  int last = --r->refs == 0 && r->dead;
  pthread_mutex_unlock(&table_mu);
  if (last)
    destroy(r);
}

int __ppar_resident_inflight(struct __ppar_resident *r, const void *self) {
  if (__atomic_load_n(&r->inflight, __ATOMIC_ACQUIRE) == 0)
    return 0;
  pthread_mutex_lock(&table_mu);
  int other = r->inflight > 0 &&
              (!self || r->inflight > 1 || r->owner != self);
  pthread_mutex_unlock(&table_mu);
  return other;
}

void __ppar_resident_hold_inflight(struct __ppar_resident *r,
                                   const void *owner) {
  pthread_mutex_lock(&table_mu);
  __atomic_store_n(&r->inflight, r->inflight + 1, __ATOMIC_RELEASE);
  r->owner = r->inflight == 1 ? owner : NULL;
  pthread_mutex_unlock(&table_mu);
}

void __ppar_resident_drop_inflight(struct __ppar_resident *r,
                                   const void *owner) {
  pthread_mutex_lock(&table_mu);
  __atomic_store_n(&r->inflight, r->inflight - 1, __ATOMIC_RELEASE);
  if (r->owner == owner || r->inflight == 0)
    r->owner = NULL; /* with others left: unknown, so they are looked up */
  int last = --r->refs == 0 && r->dead;
  pthread_mutex_unlock(&table_mu);
  if (last)
    destroy(r);
}

static int (*_Atomic waiter)(struct __ppar_resident *r, const char *who);

void __ppar_resident_set_waiter(int (*wait)(struct __ppar_resident *r,
                                            const char *who)) {
  waiter = wait;
}

/* Wait for the asynchronous calls (of any thread) that use r, for the API
 * function who; their failure is reported and returned. */
static int wait_users(struct __ppar_resident *r, const char *who) {
  if (r->ordinal == HOST_COPY ||
      __atomic_load_n(&r->inflight, __ATOMIC_ACQUIRE) == 0 || !waiter)
    return PPAR_OK;
  return waiter(r, who);
}

/* ---- The API ---------------------------------------------------------------- */

/* Adds r to the table; under table_mu. */
static int insert(struct __ppar_resident *r) {
  if (__ppar_vec_reserve(&table, &cap, (size_t)count + 1, sizeof *table))
    return -1;
  table[count] = r;
  __atomic_store_n(&count, count + 1, __ATOMIC_RELEASE);
  if (r->ordinal == HOST_COPY)
    __atomic_store_n(&host_copies, host_copies + 1, __ATOMIC_RELEASE);
  return 0;
}

/* Copies [host, host + bytes) into the entry r (which holds it) and waits. */
static int copy_in(struct __ppar_gpu_thread *t, struct __ppar_resident *r,
                   uintptr_t host, size_t bytes) {
  int rc = __ppar_gpu_h2d(t, r->dev + (host - r->lo), (const void *)host,
                          bytes, "ppar_to_device");
  if (rc == PPAR_OK)
    rc = __ppar_gpu_sync(t);
  return rc;
}

/* The resident range of ordinal that holds [lo, lo + bytes), in *found
 * (null when none does); PPAR_EINVAL when the range overlaps one without
 * being inside it. Under api_mu, which keeps *found from being freed. */
static int holding(int ordinal, uintptr_t lo, size_t bytes,
                   struct __ppar_resident **found) {
  uintptr_t hi = lo + bytes;
  pthread_mutex_lock(&table_mu);
  struct __ppar_resident *r = overlapping(ordinal, lo, hi);
  if (r && !(r->lo <= lo && hi <= r->hi)) {
    uintptr_t rlo = r->lo, rhi = r->hi;
    pthread_mutex_unlock(&table_mu);
    return __ppar_set_error(
        PPAR_EINVAL,
        "ppar_to_device(%p, %zu): the range overlaps resident data "
        "[%p, %p) without being inside it; ppar_device_free that first",
        (void *)lo, bytes, (void *)rlo, (void *)rhi);
  }
  pthread_mutex_unlock(&table_mu);
  *found = r;
  return PPAR_OK;
}

static int to_device(uintptr_t lo, size_t bytes) {
  uintptr_t hi = lo + bytes;
  int ordinal = current_device;
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(ordinal);
  if (!t)
    return __ppar_set_error(PPAR_ENODEV, "ppar_to_device: %s",
                            __ppar_last_cause());
  struct __ppar_resident *r;
  int rc = holding(ordinal, lo, bytes, &r);
  if (rc != PPAR_OK)
    return rc;
  if (r) { /* again, or a part of it: copy the host's current bytes over */
    /* Calls in flight may read what this overwrites (on another thread's
     * stream, which this copy does not follow). */
    if ((rc = wait_users(r, "ppar_to_device")) != PPAR_OK)
      return rc;
    return copy_in(t, r, lo, bytes);
  }

  if (!(r = calloc(1, sizeof *r)))
    return __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  r->lo = lo, r->hi = hi, r->ordinal = ordinal;
  const struct __ppar_cu_api *cu = __ppar_cu();
  __ppar_cu_result cr = cu->mem_alloc(&r->dev, bytes);
  if (cr == __PPAR_CU_ERROR_OUT_OF_MEMORY) {
    __ppar_gpu_trim(ordinal); /* blocks cached by calls, then again */
    cr = cu->mem_alloc(&r->dev, bytes);
  }
  if (cr != __PPAR_CU_SUCCESS) {
    free(r);
    char err[200];
    return __ppar_set_error(__ppar_cu_code(cr),
                            "ppar_to_device(%p, %zu): cuMemAlloc on device "
                            "%d failed: %s",
                            (void *)lo, bytes, ordinal,
                            __ppar_cu_strerror(cr, err, sizeof err));
  }
  rc = copy_in(t, r, lo, bytes);
  if (rc == PPAR_OK) {
    pthread_mutex_lock(&table_mu);
    if (insert(r) != 0)
      rc = __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
    pthread_mutex_unlock(&table_mu);
  }
  if (rc != PPAR_OK)
    destroy(r);
  return rc;
}

/* Settings under which no code runs on the GPU (PPAR_DISABLE_JIT,
 * PPAR_TARGET=cpu) or PPAR_CHECK runs the serial body and the variant on
 * the same input, or no device: the device copy is kept in host memory. */
static int host_mode(void) {
  const struct __ppar_config *c = __ppar_config();
  return c->disable_jit || c->check || c->target == __PPAR_TARGET_CPU ||
         __ppar_cu_device_count() == 0;
}

/* ppar_to_device where the copy is on the host: as on a device, a new range
 * gets its own copy, a range inside an existing one refreshes that part of
 * it, and a partial overlap is an error. Under api_mu. */
static int to_host_copy(uintptr_t lo, size_t bytes) {
  uintptr_t hi = lo + bytes;
  struct __ppar_resident *r;
  int rc = holding(HOST_COPY, lo, bytes, &r);
  if (rc != PPAR_OK)
    return rc;
  if (r) {
    memcpy(r->copy + (lo - r->lo), (const void *)lo, bytes);
    return PPAR_OK;
  }
  r = calloc(1, sizeof *r);
  char *copy = r ? malloc(bytes) : NULL;
  if (!copy) {
    free(r);
    return __ppar_set_error(PPAR_ENOMEM,
                            "ppar_to_device(%p, %zu): out of host memory for "
                            "the device copy (no GPU code runs: it is kept "
                            "on the host)",
                            (void *)lo, bytes);
  }
  memcpy(copy, (const void *)lo, bytes);
  r->lo = lo, r->hi = hi, r->ordinal = HOST_COPY, r->copy = copy;
  pthread_mutex_lock(&table_mu);
  int failed = insert(r) != 0;
  pthread_mutex_unlock(&table_mu);
  if (failed) {
    destroy(r);
    return __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  }
  return PPAR_OK;
}

int __ppar_to_device(const void *p, size_t bytes) {
  if (!p)
    return __ppar_set_error(PPAR_EINVAL, "ppar_to_device: host is NULL");
  if (bytes == 0)
    return __ppar_set_error(PPAR_EINVAL, "ppar_to_device(%p, 0): no bytes",
                            p);
  int host = host_mode();
  pthread_mutex_lock(&api_mu);
  int rc = host ? to_host_copy((uintptr_t)p, bytes)
                : to_device((uintptr_t)p, bytes);
  pthread_mutex_unlock(&api_mu);
  return rc;
}

int __ppar_to_host(void *host) {
  if (!host)
    return __ppar_set_error(PPAR_EINVAL, "ppar_to_host: host is NULL");
  int rc = PPAR_OK;
  pthread_mutex_lock(&api_mu);
  pthread_mutex_lock(&table_mu);
  struct __ppar_resident *r = containing((uintptr_t)host, 0);
  pthread_mutex_unlock(&table_mu);
  if (!r) {
    rc = __ppar_set_error(PPAR_ENOENT,
                          "ppar_to_host(%p): no resident data contains this "
                          "address; make it resident with ppar_to_device "
                          "first",
                          host);
  } else if (r->ordinal == HOST_COPY) {
    memcpy((void *)r->lo, r->copy, r->hi - r->lo);
  } else if ((rc = wait_users(r, "ppar_to_host")) == PPAR_OK) {
    struct __ppar_gpu_thread *t = __ppar_gpu_thread(r->ordinal);
    rc = t ? __ppar_gpu_d2h(t, (void *)r->lo, r->dev, r->hi - r->lo,
                            "ppar_to_host")
           : PPAR_ENODEV;
    if (rc != PPAR_OK)
      rc = __ppar_set_error(rc, "ppar_to_host(%p): %s", host,
                            __ppar_last_cause());
  }
  pthread_mutex_unlock(&api_mu);
  return rc;
}

int __ppar_device_free(const void *host) {
  /* Like free(NULL): nothing to drop, on any machine. */
  if (!host)
    return PPAR_OK;
  pthread_mutex_lock(&api_mu);
  /* The calls in flight that use it finish first (api_mu keeps the entry
   * alive meanwhile). */
  pthread_mutex_lock(&table_mu);
  struct __ppar_resident *r = containing((uintptr_t)host, 0);
  pthread_mutex_unlock(&table_mu);
  int rc = r ? wait_users(r, "ppar_device_free") : PPAR_OK;
  if (rc != PPAR_OK) {
    pthread_mutex_unlock(&api_mu);
    return rc;
  }
  pthread_mutex_lock(&table_mu);
  r = containing((uintptr_t)host, 1);
  int now = r && r->refs == 0;
  if (r)
    r->dead = 1; /* a call still using it frees it at its end */
  pthread_mutex_unlock(&table_mu);
  if (now)
    destroy(r);
  pthread_mutex_unlock(&api_mu);
  if (!r)
    return __ppar_set_error(PPAR_ENOENT,
                            "ppar_device_free(%p): no resident data contains "
                            "this address",
                            host);
  return PPAR_OK;
}

/* ---- Functions with a GPU variant, where the copy is on the host ------------ */

struct __ppar_rt_host_use {
  struct __ppar_rt_host_use *next;
  struct __ppar_resident *r;
};

int __ppar_host_copies(void) {
  return __atomic_load_n(&host_copies, __ATOMIC_ACQUIRE) > 0;
}

void *__ppar_host_copy(struct __ppar_rt_host_use **use, const void *base,
                       const void *const *bounds, int n) {
  /* The host copy that holds every non-empty range, as a GPU call maps a
   * range inside resident data onto the device copy; none: the host's. */
  struct __ppar_resident *r = NULL;
  int some = 0;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < n; i++) {
    uintptr_t lo = (uintptr_t)bounds[2 * i], hi = (uintptr_t)bounds[2 * i + 1];
    if (lo >= hi)
      continue;
    struct __ppar_resident *in = NULL;
    for (int j = 0; j < count && !in; j++)
      if (table[j]->ordinal == HOST_COPY && table[j]->lo <= lo &&
          hi <= table[j]->hi)
        in = table[j];
    if (!in || (some && in != r)) {
      r = NULL;
      break;
    }
    r = in, some = 1;
  }
  if (r)
    r->refs++; /* ppar_device_free frees it after this call */
  pthread_mutex_unlock(&table_mu);
  if (!r)
    return (void *)base;
  struct __ppar_rt_host_use *u = malloc(sizeof *u);
  if (!u)
    __ppar_die("out of memory using the device copy of [%p, %p)",
               (void *)r->lo, (void *)r->hi);
  u->r = r, u->next = *use, *use = u;
  return (void *)((uintptr_t)base - r->lo + (uintptr_t)r->copy);
}

void __ppar_host_done(struct __ppar_rt_host_use **use) {
  for (struct __ppar_rt_host_use *u = *use, *next; u; u = next) {
    next = u->next;
    __ppar_resident_release(u->r);
    free(u);
  }
  *use = NULL;
}
