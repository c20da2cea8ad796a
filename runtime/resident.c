/*
 * resident.c - what the device API of ppar.h does (api_device.c): the
 * current device, and resident data (ppar_to_device / ppar_to_host /
 * ppar_device_free); and the host copies of functions with a GPU variant
 * (abi_host_copy.c).
 *
 * The driver itself is loaded by cuda_driver.c. Resident data is a table of
 * host ranges, each with a device copy on one device; GPU calls look ranges
 * up in it (__ppar_resident_find) and use the device copy instead of
 * copying. With several devices in the set (devices.h) a range has one
 * copy per slot, all in the table, tied by a `struct copies` whose map
 * (resident_group.h) says which of them hold the latest bytes of each
 * sub-range; the call layer fetches stale sub-ranges
 * (__ppar_resident_stale) and records what it wrote
 * (__ppar_resident_wrote). Two locks: table_mu guards the table and is
 * held only for lookups and edits, so that calls on other threads never
 * wait for a transfer; api_mu serialises the three API functions, so that
 * two threads making the same range resident cannot both allocate it.
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
#include "devices.h"
#include "error.h"
#include "gpu_xfer.h"
#include "resident_group.h"
#include "vec.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each thread has a current device, as in the CUDA runtime API: 0 until
 * ppar_set_device (or a placed task, or a split call's part) chooses one;
 * -1 here until then, since with several devices in the set ppar_to_device
 * copies to all of them unless the thread chose one. */
static _Thread_local int current_device = -1;

int __ppar_device_current(void) {
  return current_device < 0 ? 0 : current_device;
}

int __ppar_device_chosen(void) { return current_device >= 0; }

int __ppar_device_enter(int dev) {
  int was = current_device;
  __ppar_device_set(dev);
  return was;
}

void __ppar_device_leave(int was) { current_device = was; }

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
  /* With several devices: its slot of the device set and its siblings;
   * alone: -1 and NULL. */
  int slot;
  struct copies *set;
};

/* The copies of one range, one per slot; freed with the last of them. */
struct copies {
  struct __ppar_rgroup *map;
  int n;
  int live; /* copies not yet destroyed; atomic */
  struct __ppar_resident *copy[];
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
  struct copies *set = r->set;
  if (set && __atomic_sub_fetch(&set->live, 1, __ATOMIC_ACQ_REL) == 0) {
    __ppar_rgroup_free(set->map);
    free(set);
  }
  free(r);
}

/* Whether r is the copy a call on device ordinal uses: a part of a split
 * call (part >= 0) the copy of its slot, any other call the first slot
 * with that ordinal. */
static int chosen(const struct __ppar_resident *r, int ordinal, int part) {
  if (r->ordinal != ordinal)
    return 0;
  if (!r->set)
    return 1;
  if (part >= 0)
    return r->slot == part;
  for (int s = 0; s < r->set->n; s++)
    if (r->set->copy[s]->ordinal == ordinal)
      return r->slot == s;
  return 0;
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
    if (best < 0 || r->ordinal == __ppar_device_current() ||
        (table[best]->ordinal != __ppar_device_current() &&
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

struct __ppar_resident *__ppar_resident_find(int ordinal, int part,
                                             const void *lo, const void *hi,
                                             __ppar_cu_deviceptr *dev) {
  /* Most programs make nothing resident: no lock on their path. */
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0)
    return NULL;
  uintptr_t a = (uintptr_t)lo, b = (uintptr_t)hi;
  struct __ppar_resident *found = NULL;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count; i++) {
    struct __ppar_resident *r = table[i];
    if (r->lo <= a && b <= r->hi && chosen(r, ordinal, part)) {
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

/* The bytes of [a, b) that copy r holds the latest version of. */
static size_t latest_bytes(const struct __ppar_resident *r, uintptr_t a,
                           uintptr_t b) {
  if (!r->set)
    return b - a;
  size_t sum = 0;
  uintptr_t x, y;
  unsigned holders;
  for (; __ppar_rgroup_next(r->set->map, -1, a, b, &x, &y, &holders); a = y)
    if (holders >> r->slot & 1)
      sum += y - x;
  return sum;
}

void __ppar_resident_bytes(const void *lo, const void *hi,
                           const int *ordinals, int n, size_t *bytes) {
  if (__atomic_load_n(&count, __ATOMIC_ACQUIRE) == 0)
    return;
  uintptr_t a = (uintptr_t)lo, b = (uintptr_t)hi;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count; i++) {
    const struct __ppar_resident *r = table[i];
    uintptr_t from = a > r->lo ? a : r->lo, to = b < r->hi ? b : r->hi;
    for (int j = 0; j < n && from < to; j++)
      if (r->ordinal == ordinals[j] && chosen(r, r->ordinal, -1))
        bytes[j] += latest_bytes(r, from, to);
  }
  pthread_mutex_unlock(&table_mu);
}

void __ppar_resident_bounds(const struct __ppar_resident *r, const void **lo,
                           const void **hi) {
  *lo = (const void *)r->lo;
  *hi = (const void *)r->hi;
}

int __ppar_resident_slot(const struct __ppar_resident *r) { return r->slot; }

int __ppar_resident_ordinal(const struct __ppar_resident *r) {
  return r->ordinal;
}

struct __ppar_resident *__ppar_resident_stale(struct __ppar_resident *r,
                                              uintptr_t from, uintptr_t hi,
                                              uintptr_t *a, uintptr_t *b,
                                              __ppar_cu_deviceptr *src) {
  unsigned holders;
  if (!r->set ||
      !__ppar_rgroup_next(r->set->map, r->slot, from, hi, a, b, &holders))
    return NULL;
  /* A holder on the same device first (no copy between devices), else the
   * lowest slot. */
  struct copies *set = r->set;
  int pick = -1;
  for (int s = 0; s < set->n; s++)
    if (holders >> s & 1 &&
        (pick < 0 || (set->copy[s]->ordinal == r->ordinal &&
                      set->copy[pick]->ordinal != r->ordinal)))
      pick = s;
  struct __ppar_resident *h = set->copy[pick];
  pthread_mutex_lock(&table_mu);
  h->refs++;
  pthread_mutex_unlock(&table_mu);
  *src = h->dev + (*a - h->lo);
  return h;
}

int __ppar_resident_got(struct __ppar_resident *r, uintptr_t lo,
                        uintptr_t hi) {
  return r->set ? __ppar_rgroup_got(r->set->map, r->slot, lo, hi) : PPAR_OK;
}

int __ppar_resident_wrote(struct __ppar_resident *r, uintptr_t lo,
                          uintptr_t hi) {
  return r->set ? __ppar_rgroup_wrote(r->set->map, r->slot, lo, hi)
                : PPAR_OK;
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

/* The host's bytes [lo, lo + bytes) over r's copy of them (r holds them). */
static int refresh(struct __ppar_resident *r, uintptr_t lo, size_t bytes) {
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(r->ordinal);
  if (!t)
    return __ppar_set_error(PPAR_ENODEV, "ppar_to_device: %s",
                            __ppar_last_cause());
  /* Calls in flight may read what this overwrites (on another thread's
   * stream, which this copy does not follow). */
  int rc = wait_users(r, "ppar_to_device");
  return rc != PPAR_OK ? rc : copy_in(t, r, lo, bytes);
}

/* A new copy of [lo, lo + bytes) on device ordinal, holding the host's
 * bytes, not yet in the table: *out. */
static int new_copy(int ordinal, uintptr_t lo, size_t bytes,
                    struct __ppar_resident **out) {
  uintptr_t hi = lo + bytes;
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(ordinal);
  if (!t)
    return __ppar_set_error(PPAR_ENODEV, "ppar_to_device: %s",
                            __ppar_last_cause());
  struct __ppar_resident *r = calloc(1, sizeof *r);
  if (!r)
    return __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  r->lo = lo, r->hi = hi, r->ordinal = ordinal, r->slot = -1;
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
  int rc = copy_in(t, r, lo, bytes);
  if (rc != PPAR_OK) {
    destroy(r);
    return rc;
  }
  *out = r;
  return PPAR_OK;
}

/* The host's bytes [lo, lo + bytes) over every copy of set, all of them
 * latest again. */
static int refresh_set(struct copies *set, uintptr_t lo, size_t bytes) {
  int rc = PPAR_OK;
  for (int s = 0; s < set->n && rc == PPAR_OK; s++)
    rc = refresh(set->copy[s], lo, bytes);
  if (rc == PPAR_OK && __ppar_rgroup_all(set->map, lo, lo + bytes))
    rc = __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  return rc;
}

static int to_device(uintptr_t lo, size_t bytes) {
  struct __ppar_resident *r;
  int rc = holding(__ppar_device_current(), lo, bytes, &r);
  if (rc != PPAR_OK)
    return rc;
  /* Again, or a part of it: the host's current bytes over it (over every
   * copy of a range with one per device). */
  if (r)
    return r->set ? refresh_set(r->set, lo, bytes) : refresh(r, lo, bytes);
  if ((rc = new_copy(__ppar_device_current(), lo, bytes, &r)) != PPAR_OK)
    return rc;
  pthread_mutex_lock(&table_mu);
  if (insert(r) != 0)
    rc = __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  pthread_mutex_unlock(&table_mu);
  if (rc != PPAR_OK)
    destroy(r);
  return rc;
}

/* ppar_to_device with n > 1 slots in the device set: one copy per slot,
 * each holding the whole range (a split call's part uses its rows and
 * their halo of it). Again: the host's bytes over every copy. */
static int to_devices(uintptr_t lo, size_t bytes, int n) {
  struct __ppar_resident *r;
  int rc = holding(__ppar_devices_ordinal(0), lo, bytes, &r);
  if (rc != PPAR_OK)
    return rc;
  if (r)
    return r->set ? refresh_set(r->set, lo, bytes) : refresh(r, lo, bytes);
  /* Resident on another device alone (made by a thread that chose it): a
   * copy per slot beside it would leave two answers to where it is. */
  for (int s = 1; s < n && rc == PPAR_OK; s++) {
    rc = holding(__ppar_devices_ordinal(s), lo, bytes, &r);
    if (rc == PPAR_OK && r)
      return __ppar_set_error(
          PPAR_EINVAL,
          "ppar_to_device(%p, %zu): the range is resident on device %d "
          "alone (made so after ppar_set_device); ppar_device_free it "
          "first",
          (void *)lo, bytes, r->ordinal);
  }
  if (rc != PPAR_OK)
    return rc;
  struct copies *set = calloc(1, sizeof *set + (size_t)n * sizeof *set->copy);
  if (!set || !(set->map = __ppar_rgroup_new(lo, lo + bytes, n))) {
    free(set);
    return __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
  }
  set->n = n;
  int made = 0;
  for (; made < n && rc == PPAR_OK; made++) {
    rc = new_copy(__ppar_devices_ordinal(made), lo, bytes, &set->copy[made]);
    if (rc != PPAR_OK)
      break;
    set->copy[made]->slot = made;
    set->copy[made]->set = set;
    set->live++;
  }
  if (rc == PPAR_OK) {
    pthread_mutex_lock(&table_mu);
    int s = 0;
    while (s < n && insert(set->copy[s]) == 0)
      s++;
    if (s < n) { /* out of memory: take back those inserted */
      __atomic_store_n(&count, count - s, __ATOMIC_RELEASE);
      rc = __ppar_set_error(PPAR_ENOMEM, "ppar_to_device: out of memory");
    }
    pthread_mutex_unlock(&table_mu);
  }
  if (rc == PPAR_OK)
    return rc;
  if (!made) {
    __ppar_rgroup_free(set->map);
    free(set);
  }
  for (int s = 0; s < made; s++)
    destroy(set->copy[s]); /* the last frees set */
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
  int slots = host ? 1 : __ppar_devices_count();
  int rc;
  if (host)
    rc = to_host_copy((uintptr_t)p, bytes);
  else if (slots > 1 && !__ppar_device_chosen())
    rc = to_devices((uintptr_t)p, bytes, slots); /* a copy per slot */
  else
    rc = to_device((uintptr_t)p, bytes);
  pthread_mutex_unlock(&api_mu);
  return rc;
}

/* ppar_to_host of a range with one copy per slot: each sub-range from a
 * copy that holds its latest bytes. Under api_mu. */
static int to_host_set(struct __ppar_resident *r) {
  struct copies *set = r->set;
  uintptr_t a, b;
  unsigned holders;
  int rc = PPAR_OK;
  for (uintptr_t at = r->lo;
       rc == PPAR_OK &&
       __ppar_rgroup_next(set->map, -1, at, r->hi, &a, &b, &holders);
       at = b) {
    struct __ppar_resident *c = set->copy[__builtin_ctz(holders)];
    struct __ppar_gpu_thread *t = NULL;
    if ((rc = wait_users(c, "ppar_to_host")) == PPAR_OK)
      rc = (t = __ppar_gpu_thread(c->ordinal))
               ? __ppar_gpu_d2h(t, (void *)a, c->dev + (a - c->lo), b - a,
                                "ppar_to_host")
               : PPAR_ENODEV;
  }
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
  } else if (r->set) {
    if ((rc = to_host_set(r)) != PPAR_OK)
      rc = __ppar_set_error(rc, "ppar_to_host(%p): %s", host,
                            __ppar_last_cause());
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

/* ppar_device_free of a range with one copy per slot: every copy, once the
 * calls in flight that use any of them have finished. Under api_mu. */
static int free_set(struct copies *set) {
  int n = set->n, rc = PPAR_OK;
  for (int s = 0; s < n && rc == PPAR_OK; s++)
    rc = wait_users(set->copy[s], "ppar_device_free");
  if (rc != PPAR_OK)
    return rc;
  struct __ppar_resident *now[32];
  int nnow = 0;
  pthread_mutex_lock(&table_mu);
  for (int i = 0; i < count;) {
    struct __ppar_resident *r = table[i];
    if (r->set != set) {
      i++;
      continue;
    }
    table[i] = table[count - 1];
    __atomic_store_n(&count, count - 1, __ATOMIC_RELEASE);
    r->dead = 1; /* a call still using it frees it at its end */
    if (r->refs == 0)
      now[nnow++] = r;
  }
  pthread_mutex_unlock(&table_mu);
  for (int i = 0; i < nnow; i++)
    destroy(now[i]);
  return PPAR_OK;
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
  if (r && r->set) {
    int rc = free_set(r->set);
    pthread_mutex_unlock(&api_mu);
    return rc;
  }
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
