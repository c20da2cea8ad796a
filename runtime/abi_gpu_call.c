/*
 * abi_gpu_call.c - one call of a GPU variant (ppar_rt_abi.h, "GPU kernels"):
 * begin, data, copy_in, ptr, launch, scratch, fetch, to_host, to_device,
 * end.
 *
 * A call object is taken from its thread's free list and given back at
 * end, with its arrays kept, so a warm call does no malloc. Its host
 * ranges are merged into segments (overlapping or adjacent ranges, so that
 * aliased pointers share one device copy); the segments are laid out in one
 * device block from the thread's block cache. Ranges inside resident data
 * use the resident copy; with one copy per device of the set, the bytes a
 * call reads whose latest version is on another copy are fetched first,
 * device to device (fetch_stale), and what it writes is latest on its copy
 * alone afterwards (note_writes). Everything is queued on the thread's
 * stream; the only waits are fetch and end, and end does not wait when the
 * call's data is all resident and it returns nothing the host needs: the
 * call is then in flight (gpu_async.c) until something waits for it. A
 * block the function allocates between kernels gets a segment with device
 * memory of its own (block), given back when the function frees it
 * (block_free).
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "ppar_rt_abi.h"

#include "cuda_driver.h"
#include "error.h"
#include "gil.h"
#include "gpu_async.h"
#include "gpu_module.h"
#include "gpu_peer.h"
#include "gpu_split.h"
#include "gpu_xfer.h"
#include "record.h"
#include "resident.h"
#include "trace.h"
#include "vec.h"
#include "visibility.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Device bytes for the scratch values of one call (reduction partials);
 * more come from the block cache. */
enum { SLAB_SIZE = 64 << 10, SCRATCH_ALIGN = 256 };
/* Segments start at the host address's offset modulo this, so that every
 * pointer keeps its alignment on the device. */
enum { SEG_ALIGN = 256 };

struct range {
  uintptr_t lo, hi;
  int mode;
};
struct seg { /* merged ranges: one device copy */
  uintptr_t lo, hi;
  __ppar_cu_deviceptr dev;
  __ppar_cu_deviceptr own; /* a late block's memory (block); 0: c->block's */
};
struct rseg { /* a range inside resident data */
  uintptr_t lo, hi;
  __ppar_cu_deviceptr dev;
  struct __ppar_resident *r;
  int mode;
};
struct kev { /* a traced launch */
  __ppar_cu_event start, end;
  int k;
  double queued, launched; /* host clock around cuLaunchKernel */
};
struct pending { /* a small copy-out waiting in pinned memory */
  void *host;
  const void *pinned;
  size_t n;
};

#define ARRAY(T, name) T *name; int n##name; size_t cap_##name
struct __ppar_rt_gpu_call {
  struct __ppar_rt_module *m;
  const struct __ppar_gpu_loaded *mod;
  struct __ppar_gpu_thread *t;
  const struct __ppar_cu_api *cu;
  __ppar_cu_stream stream;
  int rc;     /* 0, or the first failure's code */
  int copied; /* copy_in ran */
  int fetched; /* fetch or to_host ran: the host needed a value */
  int host_written; /* to_host wrote host memory: no CPU restart */
  int tracing;
  struct __ppar_split_part *part; /* a part of a split call, or NULL */
  int slot; /* the part's index (its slot of the device set), or -1 */
  int copies; /* some resident range has a copy per device (fetch_stale) */
  ARRAY(struct range, ranges);
  ARRAY(struct seg, segs);
  ARRAY(struct rseg, rsegs);
  ARRAY(__ppar_cu_deviceptr, extra); /* scratch blocks beyond the slab */
  ARRAY(struct kev, kevs);
  ARRAY(__ppar_cu_event, events); /* created for tracing, kept */
  ARRAY(struct pending, pend);
  ARRAY(struct __ppar_resident *, refs); /* handed to gpu_async.c */
  ARRAY(struct __ppar_resident *, srcs); /* copies fetched from, held */
  __ppar_cu_deviceptr block; /* the segments' device memory */
  int has_block;
  __ppar_cu_deviceptr slab; /* kept with the object; 0 until needed */
  size_t slab_used;
  __ppar_cu_event ref; /* tracing: recorded at ref_host */
  double ref_host;
  int has_ref;
  struct __ppar_rt_gpu_call *next; /* the thread's free list */
};

/* Room for one more element of array a (fields a, na, cap_a); 0 or -1. */
#define GROW(c, a)                                                             \
  __ppar_vec_reserve(&(c)->a, &(c)->cap_##a, (size_t)(c)->n##a + 1,           \
                     sizeof *(c)->a)

static void calls_free(struct __ppar_gpu_thread *t, void *list);

/* ---- Failures ----------------------------------------------------------- */

/* " on device N" in on where the machine has several GPUs (placed tasks,
 * ppar_set_device), so that a failure says which one; else "". */
static void on_device(const struct __ppar_rt_gpu_call *c, char *on,
                      size_t size) {
  on[0] = '\0';
  if (__ppar_cu_device_count() > 1)
    snprintf(on, size, " on device %d",
             __ppar_gpu_thread_device(c->t)->ordinal);
}

/* Mark the call failed with code and say so; later steps do nothing. With
 * resident data the device holds the only current copy, so the CPU
 * version cannot take over: the program ends. */
__attribute__((format(printf, 3, 4))) static int
fail(struct __ppar_rt_gpu_call *c, int code, const char *fmt, ...) {
  if (c->rc)
    return c->rc;
  char cause[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cause, sizeof cause, fmt, ap);
  va_end(ap);
  /* A fault of an earlier call in flight makes every later driver call
   * fail: name that call, and end the program (its results are lost on
   * the device). */
  if (__ppar_gpu_async_pending(c->t))
    __ppar_gpu_async_wait(c->t, "failed after it", c->m, 1);
  c->rc = code < 0 ? code : PPAR_EDRIVER;
  char on[32];
  on_device(c, on, sizeof on);
  __ppar_set_error(c->rc, "%s (%s:%u): the GPU call failed%s: %s",
                   c->m->name ? c->m->name : "?",
                   c->m->file ? c->m->file : "?", c->m->line, on, cause);
  if (c->part && !c->nrsegs && !c->host_written) {
    /* One part of a split call: no part copies out, and the caller runs
     * the call again on one device. */
    int device, part, parts;
    __ppar_split_where(c->part, &device, &part, &parts);
    fflush(stdout);
    __ppar_note("%s (%s:%u): the GPU call failed on device %d (part %d of "
                "%d): %s; running it on one device",
                c->m->name ? c->m->name : "?", c->m->file ? c->m->file : "?",
                c->m->line, device, part + 1, parts, cause);
    return c->rc;
  }
  if (c->nrsegs && c->part) {
    /* Other parts may have written their copies in place: no one-device
     * call can start again from them. */
    int device, part, parts;
    __ppar_split_where(c->part, &device, &part, &parts);
    __ppar_gpu_report(c->m, 1,
                      "the GPU call failed on device %d (part %d of %d): "
                      "%s; it uses resident data (ppar_to_device), which "
                      "the other devices may have changed in place, so "
                      "neither one device nor the CPU version can take over",
                      device, part + 1, parts, cause);
  } else if (c->nrsegs)
    __ppar_gpu_report(c->m, 1,
                      "the GPU call failed%s: %s; it uses resident data "
                      "(ppar_to_device), whose current copy is on the "
                      "device, so the CPU version cannot take over",
                      on, cause);
  else if (c->host_written)
    __ppar_gpu_report(c->m, 1,
                      "the GPU call failed%s: %s; host code between its "
                      "kernels has already changed host data, so the CPU "
                      "version cannot take over",
                      on, cause);
  else
    __ppar_gpu_report(c->m, 0, "the GPU call failed%s: %s", on, cause);
  return c->rc;
}

/* fail() with the cause a helper left in ppar_last_error. */
static int fail_last(struct __ppar_rt_gpu_call *c, int code) {
  char cause[400];
  snprintf(cause, sizeof cause, "%s", __ppar_last_cause());
  return fail(c, code, "%s", cause);
}

/* A task that copies or waits for the GPU lets the global lock go
 * meanwhile, as it does when it waits for another task, so that tasks of
 * other workers queue their GPU work on their streams (docs/tasks.md). The
 * call's own host data is ordered by the task graph, not by the lock.
 * Returns whether it was held (take it back with __ppar_gil_lock). */
static int gil_out(void) { return __ppar_gil_release_if_held(); }

/* ---- Begin -------------------------------------------------------------- */

PPAR_ABI struct __ppar_rt_gpu_call *
__ppar_rt_gpu_begin(struct __ppar_rt_module *m) {
  if (!m)
    __ppar_die("internal error: __ppar_rt_gpu_begin called with no module; "
               "the plugin generated bad code, please report it");
  int ordinal = __ppar_device_current();
  const struct __ppar_gpu_loaded *mod = __ppar_gpu_module_get(m, ordinal);
  if (!mod) {
    /* A fault of a call in flight makes loading a module fail too: that
     * call is the cause to name (fail() does the same for later steps). */
    struct __ppar_gpu_thread *t = __ppar_gpu_thread(ordinal);
    if (t && __ppar_gpu_async_pending(t))
      __ppar_gpu_async_wait(t, "failed after it", m, 1);
    /* The CPU version would compute on host arrays whose current copy may
     * be on the device: never a wrong answer, end with the reason. */
    if (__ppar_record_any())
      __ppar_record_interrupt(NULL, m->name, m->file, m->line,
                              "cannot run on the GPU");
    if (__ppar_resident_on(ordinal))
      __ppar_gpu_report(m, 1,
                        "cannot run on the GPU (the reason is printed once, above) "
                        "while data is resident on device %d "
                        "(ppar_to_device), whose copy there is current, so "
                        "the CPU version cannot take over",
                        ordinal);
    return NULL;
  }
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(ordinal);
  if (!t) {
    if (__ppar_record_any())
      __ppar_record_interrupt(NULL, m->name, m->file, m->line,
                              "cannot run on the GPU");
    __ppar_gpu_report(m, 0, "cannot run on the GPU: %s", __ppar_last_cause());
    return NULL;
  }
  void **free_list = __ppar_gpu_thread_calls(t, calls_free);
  struct __ppar_rt_gpu_call *c = *free_list;
  if (c) {
    *free_list = c->next;
  } else if (!(c = calloc(1, sizeof *c))) {
    __ppar_gpu_report(m, 0, "cannot run on the GPU: out of memory");
    return NULL;
  }
  c->m = m;
  c->mod = mod;
  c->t = t;
  c->cu = __ppar_cu();
  c->stream = __ppar_gpu_thread_stream(t);
  c->rc = 0;
  c->copied = c->fetched = c->host_written = c->copies = 0;
  c->tracing = __ppar_trace_gpu_on();
  c->part = __ppar_split_current();
  c->slot = -1;
  if (c->part) {
    int device, parts;
    __ppar_split_where(c->part, &device, &c->slot, &parts);
  }
  return c;
}

/* ---- Data --------------------------------------------------------------- */

PPAR_ABI void __ppar_rt_gpu_data(struct __ppar_rt_gpu_call *c, const void *lo,
                                 const void *hi, int mode) {
  if (!c || c->rc || (uintptr_t)lo >= (uintptr_t)hi)
    return;
  if (c->copied) {
    fail(c, PPAR_EINVAL, "__ppar_rt_gpu_data after __ppar_rt_gpu_copy_in "
                         "(bad generated code)");
    return;
  }
  if (GROW(c, ranges)) {
    fail(c, PPAR_ENOMEM, "out of memory");
    return;
  }
  c->ranges[c->nranges++] =
      (struct range){(uintptr_t)lo, (uintptr_t)hi, mode};
}

PPAR_ABI int __ppar_rt_gpu_data_resident(struct __ppar_rt_gpu_call *c,
                                         const void *p, const char *name) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc)
    return c->rc;
  __ppar_cu_deviceptr dev;
  struct __ppar_resident *r =
      __ppar_resident_find(__ppar_gpu_thread_device(c->t)->ordinal, c->slot, p,
                           (const char *)p + 1, &dev);
  if (!r) {
    /* The CPU version takes over, unless other data of the call is
     * resident: its current copy is on the device. */
    int ordinal = __ppar_gpu_thread_device(c->t)->ordinal, resident = 0;
    for (int i = 0; i < c->nranges && !resident; i++) {
      struct __ppar_resident *o = __ppar_resident_find(
          ordinal, c->slot, (const void *)c->ranges[i].lo,
          (const void *)c->ranges[i].hi, &dev);
      if (o) {
        __ppar_resident_release(o);
        resident = 1;
      }
    }
    char why[300];
    snprintf(why, sizeof why,
             "'%s' has no data clause and is not resident on the GPU: give "
             "its extent (inout(%s[0:n])) or make it resident with "
             "ppar_to_device",
             name, name);
    char on[32];
    on_device(c, on, sizeof on);
    if (resident)
      __ppar_gpu_report(c->m, 1,
                        "the GPU call failed%s: %s; it uses resident data "
                        "(ppar_to_device), whose current copy is on the "
                        "device, so the CPU version cannot take over",
                        on, why);
    return fail(c, PPAR_EINVAL, "%s", why);
  }
  const void *lo, *hi;
  __ppar_resident_bounds(r, &lo, &hi);
  __ppar_resident_release(r);
  __ppar_rt_gpu_data(c, lo, hi, __PPAR_RT_ACCESS_READWRITE);
  return c->rc;
}

static int by_lo(const void *a, const void *b) {
  uintptr_t x = ((const struct range *)a)->lo, y = ((const struct range *)b)->lo;
  return x < y ? -1 : x > y;
}

/* Sort the ranges by their start: insertion sort for the usual handful. */
static void sort_ranges(struct range *r, int n) {
  if (n > 16) {
    qsort(r, (size_t)n, sizeof *r, by_lo);
    return;
  }
  for (int i = 1; i < n; i++) {
    struct range x = r[i];
    int j = i;
    for (; j > 0 && r[j - 1].lo > x.lo; j--)
      r[j] = r[j - 1];
    r[j] = x;
  }
}

/* Calls in flight on another thread's stream (another task's) may still
 * write or read r: this stream waits for theirs on the device, else the
 * host waits (why: for the line when that wait finds a failure). */
static void after_inflight(struct __ppar_rt_gpu_call *c,
                           struct __ppar_resident *r, const char *why) {
  if (__ppar_resident_inflight(r, c->t) &&
      __ppar_gpu_async_follow(r, c->t) != PPAR_OK)
    __ppar_gpu_async_wait_for(r, c->t, why, c->m, 1);
}

/* The ranges inside resident data become rsegs (a reference each); the
 * others stay in c->ranges. */
static int take_resident(struct __ppar_rt_gpu_call *c) {
  int k = 0, ordinal = __ppar_gpu_thread_device(c->t)->ordinal;
  for (int i = 0; i < c->nranges; i++) {
    struct range *r = &c->ranges[i];
    __ppar_cu_deviceptr dev;
    struct __ppar_resident *res = __ppar_resident_find(
        ordinal, c->slot, (const void *)r->lo, (const void *)r->hi, &dev);
    if (!res) {
      c->ranges[k++] = *r;
      continue;
    }
    /* A replay would skip the bookkeeping of which copy is latest: a
     * recording runs its step again instead. */
    c->copies |= __ppar_resident_slot(res) >= 0;
    if (c->copies && __ppar_record_any())
      __ppar_record_interrupt(c->t, c->m->name, c->m->file, c->m->line,
                              "uses resident data with a copy on each "
                              "device of PPAR_DEVICES");
    after_inflight(c, res,
                   "uses resident data that calls in flight on another "
                   "thread use");
    if (GROW(c, rsegs)) {
      __ppar_resident_release(res);
      return fail(c, PPAR_ENOMEM, "out of memory");
    }
    c->rsegs[c->nrsegs++] = (struct rseg){r->lo, r->hi, dev, res, r->mode};
  }
  c->nranges = k;
  return 0;
}

/* Merge the sorted ranges into segments and lay them out in one block. */
static int make_segments(struct __ppar_rt_gpu_call *c, size_t *total) {
  c->nsegs = 0;
  for (int i = 0; i < c->nranges; i++) {
    struct range *r = &c->ranges[i];
    if (c->nsegs && r->lo <= c->segs[c->nsegs - 1].hi) {
      struct seg *s = &c->segs[c->nsegs - 1];
      if (r->hi > s->hi)
        s->hi = r->hi;
      continue;
    }
    if (GROW(c, segs))
      return fail(c, PPAR_ENOMEM, "out of memory");
    c->segs[c->nsegs++] = (struct seg){r->lo, r->hi, 0, 0};
  }
  size_t off = 0;
  for (int i = 0; i < c->nsegs; i++) {
    off = (off + SEG_ALIGN - 1) / SEG_ALIGN * SEG_ALIGN +
          (c->segs[i].lo % SEG_ALIGN);
    c->segs[i].dev = off; /* an offset until the block exists */
    off += c->segs[i].hi - c->segs[i].lo;
  }
  *total = off;
  return 0;
}

/* The segment holding [a, b) (a sub-range of the merged ranges), searching
 * from *at on: callers walk the intervals in order. */
static struct seg *seg_for(struct __ppar_rt_gpu_call *c, int *at,
                           uintptr_t a) {
  while (*at < c->nsegs - 1 && c->segs[*at].hi < a)
    ++*at;
  return &c->segs[*at];
}

/* The next interval of the union of the ranges (sorted by lo) whose mode
 * has the bit mode, from index *i on: [*a, *b). 0 when there is none. */
static int next_interval(const struct __ppar_rt_gpu_call *c, int *i, int mode,
                         uintptr_t *a, uintptr_t *b) {
  while (*i < c->nranges && !(c->ranges[*i].mode & mode))
    ++*i;
  if (*i >= c->nranges)
    return 0;
  *a = c->ranges[*i].lo;
  *b = c->ranges[*i].hi;
  for (++*i; *i < c->nranges; ++*i) {
    if (!(c->ranges[*i].mode & mode))
      continue;
    if (c->ranges[*i].lo > *b)
      break;
    if (c->ranges[*i].hi > *b)
      *b = c->ranges[*i].hi;
  }
  return 1;
}

/* A part of a split call gives the bytes it will write (copy out, or write
 * in place in its copy of resident data) and waits for the other parts
 * (gpu_split.h): the split is declined when two parts write overlapping
 * bytes, or one finds resident data with one copy only (made resident
 * before the device set had several devices). A declined split fails
 * quietly. */
static int split_ranges(struct __ppar_rt_gpu_call *c) {
  int ok = 0;
  for (int i = 0; !ok && i < c->nrsegs; i++)
    if (__ppar_resident_slot(c->rsegs[i].r) < 0)
      ok = PPAR_ENOTSUP;
    else if (c->rsegs[i].mode & __PPAR_RT_ACCESS_WRITE)
      ok = __ppar_split_write(c->part, c->rsegs[i].lo, c->rsegs[i].hi);
  for (int i = 0; !ok && i < c->nranges; i++)
    if (c->ranges[i].mode & __PPAR_RT_ACCESS_WRITE)
      ok = __ppar_split_write(c->part, c->ranges[i].lo, c->ranges[i].hi);
  int v = __ppar_split_step(c->part, 0, ok);
  if (v && !c->rc)
    c->rc = v;
  return c->rc;
}

/* The bytes the call reads of resident data whose latest version is on
 * another copy (one copy per device of the set): fetched into this call's
 * copy on its stream, after the calls in flight that write them. For a
 * stencil split across devices, these are the halo rows its neighbours
 * wrote. The copies fetched from are held until the call ends (in flight
 * with it when it does not wait), so that later writes there follow the
 * fetch. */
static int fetch_stale(struct __ppar_rt_gpu_call *c) {
  for (int i = 0; i < c->nrsegs; i++) {
    struct rseg *s = &c->rsegs[i];
    if (!(s->mode & __PPAR_RT_ACCESS_READ))
      continue;
    uintptr_t a, b;
    __ppar_cu_deviceptr src;
    struct __ppar_resident *h;
    for (uintptr_t at = s->lo;
         (h = __ppar_resident_stale(s->r, at, s->hi, &a, &b, &src));
         at = b) {
      if (GROW(c, srcs)) {
        __ppar_resident_release(h);
        return fail(c, PPAR_ENOMEM, "out of memory");
      }
      c->srcs[c->nsrcs++] = h;
      after_inflight(c, h,
                     "reads resident data that calls in flight on another "
                     "thread write");
      if (__ppar_gpu_d2d(c->t, s->dev + (a - s->lo),
                         __ppar_resident_ordinal(h), src, b - a,
                         c->m->name) != PPAR_OK)
        return fail_last(c, PPAR_EDRIVER);
      if (__ppar_resident_got(s->r, a, b) != PPAR_OK)
        return fail(c, PPAR_ENOMEM, "out of memory");
    }
  }
  return 0;
}

/* After the call's kernels (a split call's: all parts succeeded), what it
 * wrote of resident data is latest on its copy alone. */
static void note_writes(struct __ppar_rt_gpu_call *c) {
  for (int i = 0; i < c->nrsegs; i++)
    if (c->rsegs[i].mode & __PPAR_RT_ACCESS_WRITE &&
        __ppar_resident_wrote(c->rsegs[i].r, c->rsegs[i].lo,
                              c->rsegs[i].hi) != PPAR_OK)
      __ppar_die("out of memory noting what %s wrote of resident data",
                 c->m->name ? c->m->name : "?");
}

PPAR_ABI int __ppar_rt_gpu_copy_in(struct __ppar_rt_gpu_call *c) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc)
    return c->rc;
  if (c->copied)
    return fail(c, PPAR_EINVAL, "__ppar_rt_gpu_copy_in called twice (bad "
                                "generated code)");
  c->copied = 1;
  if (take_resident(c))
    return c->rc;
  sort_ranges(c->ranges, c->nranges);
  if (c->part && split_ranges(c))
    return c->rc;
  if (c->copies && fetch_stale(c))
    return c->rc;
  size_t total = 0;
  if (make_segments(c, &total))
    return c->rc;
  /* Its copies would need a wait: a recording stops capturing first. */
  if (c->nsegs && __ppar_record_any())
    __ppar_record_interrupt(c->t, c->m->name, c->m->file, c->m->line,
                            "uses data that is not resident");
  if (c->nsegs) {
    if (__ppar_gpu_block_get(c->t, total, &c->block) != PPAR_OK)
      return fail_last(c, PPAR_ENOMEM);
    c->has_block = 1;
    for (int i = 0; i < c->nsegs; i++)
      c->segs[i].dev += c->block;
  }
  /* Copy in the union of the read ranges, one copy per interval. A task
   * lets the global lock go meanwhile (gil_out). */
  int at = 0, gil = c->nsegs ? gil_out() : 0, rc = PPAR_OK;
  uintptr_t a, b;
  for (int i = 0;
       rc == PPAR_OK && next_interval(c, &i, __PPAR_RT_ACCESS_READ, &a, &b);) {
    struct seg *s = seg_for(c, &at, a);
    rc = __ppar_gpu_h2d(c->t, s->dev + (a - s->lo), (const void *)a, b - a,
                        c->m->name);
  }
  if (gil)
    __ppar_gil_lock();
  return rc == PPAR_OK ? 0 : fail_last(c, rc);
}

PPAR_ABI void *__ppar_rt_gpu_ptr(struct __ppar_rt_gpu_call *c, const void *p) {
  uintptr_t q = (uintptr_t)p;
  if (!c || c->rc)
    return (void *)q;
  /* A pointer inside a segment or resident range first; one past the end
   * counts too (`a + n` stays `d_a + n`), but only when no range starts
   * there: arrays side by side (rows of one 2-D array made resident one by
   * one) would else give the next array's base the previous array's end. */
  for (int pass = 0; pass < 2; pass++) {
    int lo = 0, hi = c->nsegs - 1;
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      const struct seg *s = &c->segs[mid];
      if (q < s->lo)
        hi = mid - 1;
      else if (q > s->hi || (q == s->hi && !pass))
        lo = mid + 1;
      else
        return (void *)(uintptr_t)(s->dev + (q - s->lo));
    }
    for (int i = 0; i < c->nrsegs; i++)
      if (c->rsegs[i].lo <= q &&
          (q < c->rsegs[i].hi || (pass && q == c->rsegs[i].hi)))
        return (void *)(uintptr_t)(c->rsegs[i].dev + (q - c->rsegs[i].lo));
  }
  return (void *)q;
}

/* ---- Launch ------------------------------------------------------------- */

/* A tracing event, created once per call object and kept. */
static __ppar_cu_event trace_event(struct __ppar_rt_gpu_call *c, int i) {
  while (c->nevents <= i) {
    if (GROW(c, events))
      return NULL;
    if (c->cu->event_create(&c->events[c->nevents], 0) != __PPAR_CU_SUCCESS)
      return NULL;
    c->nevents++;
  }
  return c->events[i];
}

/* Tracing: the start event of a launch is recorded (event 0 is the call's
 * reference); the index of its kev, or -1. */
static int trace_before(struct __ppar_rt_gpu_call *c, int k) {
  if (!c->has_ref) {
    if (!(c->ref = trace_event(c, 0)))
      return -1;
    /* Recorded on an idle stream (traced copies are waited for), so it
     * runs when it is recorded: the kernels' device times are relative to
     * it. */
    c->cu->event_record(c->ref, c->stream);
    c->ref_host = __ppar_trace_clock();
    c->has_ref = 1;
  }
  __ppar_cu_event a = trace_event(c, 1 + 2 * c->nkevs);
  __ppar_cu_event b = trace_event(c, 2 + 2 * c->nkevs);
  if (!a || !b || GROW(c, kevs))
    return -1;
  c->kevs[c->nkevs] = (struct kev){a, b, k, 0, 0};
  c->cu->event_record(a, c->stream);
  return c->nkevs++;
}

/* Tracing a launch. A call that will wait (it copies data, or has scratch
 * for a result) times its kernels on the device from a reference event
 * recorded on an idle stream, so calls in flight are waited for first; a
 * call that will not wait records only when it queued them. */
static int trace_launch(struct __ppar_rt_gpu_call *c, int k) {
  if (c->nsegs || c->nextra || c->slab_used) {
    if (!c->has_ref && __ppar_gpu_async_pending(c->t))
      __ppar_gpu_async_wait(c->t, "is traced (its kernels are timed from an "
                                  "idle stream)",
                            c->m, 1);
    return trace_before(c, k);
  }
  if (GROW(c, kevs))
    return -1;
  c->kevs[c->nkevs] = (struct kev){NULL, NULL, k, 0, 0};
  return c->nkevs++;
}

/* Whether kernel k of the call may be launched now: 0, or the call's code. */
static int launch_ready(struct __ppar_rt_gpu_call *c, int k) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc)
    return c->rc;
  if (!c->copied && __ppar_rt_gpu_copy_in(c))
    return c->rc;
  if (k < 0 || k >= c->mod->nkernels)
    return fail(c, PPAR_EINVAL,
                "kernel %d does not exist: the module has %d (bad generated "
                "code)",
                k, c->mod->nkernels);
  return 0;
}

static int launch_grid(struct __ppar_rt_gpu_call *c, int k, unsigned gx,
                       unsigned gy, unsigned bx, unsigned by, void **args);

PPAR_ABI int __ppar_rt_gpu_launch(struct __ppar_rt_gpu_call *c, int k,
                                  long long nx, long long ny, void **args) {
  int rc = launch_ready(c, k);
  if (rc)
    return rc;
  if (nx <= 0 || ny <= 0)
    return 0;
  /* Kernels are grid-stride loops: the grid only has to fill the device.
   * __PPAR_RT_MAX_BLOCKS blocks of 256 threads (the slots of a reduction)
   * keep any current GPU busy (32 per multiprocessor of an H100). The grid
   * depends on the trip counts alone, never on the device, so a reduction
   * combines the same partials in the same order on every GPU. */
  long long cap = __PPAR_RT_MAX_BLOCKS;
  unsigned gx, gy, bx, by;
  if (ny == 1) {
    bx = 256, by = 1, gy = 1;
    long long g = (nx + 255) / 256;
    gx = (unsigned)(g < cap ? g : cap);
  } else {
    bx = 32, by = 8;
    long long g = (ny + 7) / 8;
    gy = (unsigned)(g < __PPAR_RT_MAX_BLOCKS ? g : __PPAR_RT_MAX_BLOCKS);
    long long xcap = cap / gy > 0 ? cap / gy : 1;
    g = (nx + 31) / 32;
    gx = (unsigned)(g < xcap ? g : xcap);
  }
  return launch_grid(c, k, gx, gy, bx, by, args);
}

/* Raw kernels (jit(kernel)): the user's grid, whole blocks of block
 * threads covering threads; the kernel skips the threads past it. */
PPAR_ABI int __ppar_rt_gpu_launch_blocks(struct __ppar_rt_gpu_call *c, int k,
                                         long long threads, int block,
                                         void **args) {
  int rc = launch_ready(c, k);
  if (rc)
    return rc;
  if (threads <= 0)
    return 0;
  if (block <= 0)
    block = 256;
  long long blocks = (threads + block - 1) / block;
  if (block > 1024 || blocks > 0x7fffffffLL)
    return fail(c, PPAR_EINVAL,
                "the grid of %lld threads in blocks of %d is larger than CUDA "
                "allows (at most 1024 threads a block, 2^31 - 1 blocks)",
                threads, block);
  return launch_grid(c, k, (unsigned)blocks, 1, (unsigned)block, 1, args);
}

static int launch_grid(struct __ppar_rt_gpu_call *c, int k, unsigned gx,
                       unsigned gy, unsigned bx, unsigned by, void **args) {
  int traced = c->tracing ? trace_launch(c, k) : -1;
  double queued = traced >= 0 ? __ppar_trace_clock() : 0;
  __ppar_cu_result cr;
  if (c->mod->overlap_launch && !__ppar_record_any()) {
    /* The kernel waits for its predecessor's memory itself: its launch may
     * overlap the tail of the kernel ahead of it (not while recording: a
     * replayed graph has no launches to overlap). */
    struct __ppar_cu_launch_attr attr = {.id = __PPAR_CU_LAUNCH_PROGRAMMATIC,
                                         .v.value = 1};
    struct __ppar_cu_launch_config cfg = {gx, gy, 1, bx, by, 1, 0, c->stream,
                                          &attr, 1};
    cr = c->cu->launch_kernel_ex(&cfg, c->mod->fns[k], args, NULL);
  } else {
    cr = c->cu->launch_kernel(c->mod->fns[k], gx, gy, 1, bx, by, 1, 0,
                              c->stream, args, NULL);
  }
  if (traced >= 0) {
    c->kevs[traced].queued = queued;
    c->kevs[traced].launched = __ppar_trace_clock();
  }
  if (cr != __PPAR_CU_SUCCESS) {
    char err[200];
    return fail(c, __ppar_cu_code(cr),
                "launching kernel %s (grid %ux%u, block %ux%u) failed: %s",
                c->m->kernels[k], gx, gy, bx, by,
                __ppar_cu_strerror(cr, err, sizeof err));
  }
  if (traced >= 0 && c->kevs[traced].end)
    c->cu->event_record(c->kevs[traced].end, c->stream);
  return 0;
}

/* ---- Scratch and fetch -------------------------------------------------- */

/* size bytes of device scratch, the first len of them copied from init. */
static void *scratch(struct __ppar_rt_gpu_call *c, const void *init,
                     size_t len, size_t size) {
  /* Initial values come from the thread's pinned buffer, reused later: a
   * recording stops capturing first. */
  if (__ppar_record_any())
    __ppar_record_interrupt(c->t, c->m->name, c->m->file, c->m->line,
                            "has a result or scratch values");
  size_t need = (size + SCRATCH_ALIGN - 1) / SCRATCH_ALIGN * SCRATCH_ALIGN;
  if (!need)
    need = SCRATCH_ALIGN;
  __ppar_cu_deviceptr dev;
  if (!c->slab && need <= SLAB_SIZE) {
    __ppar_cu_result cr = c->cu->mem_alloc(&c->slab, SLAB_SIZE);
    if (cr != __PPAR_CU_SUCCESS) {
      c->slab = 0;
      __ppar_cu_fail(cr, "cuMemAlloc for scratch");
      fail_last(c, __ppar_cu_code(cr));
      return NULL;
    }
  }
  if (c->slab && c->slab_used + need <= SLAB_SIZE) {
    dev = c->slab + c->slab_used;
    c->slab_used += need;
  } else {
    if (GROW(c, extra)) {
      fail(c, PPAR_ENOMEM, "out of memory");
      return NULL;
    }
    if (__ppar_gpu_block_get(c->t, need, &dev) != PPAR_OK) {
      fail_last(c, PPAR_ENOMEM);
      return NULL;
    }
    c->extra[c->nextra++] = dev;
  }
  int rc = __ppar_gpu_h2d(c->t, dev, init, len, c->m->name);
  if (rc != PPAR_OK) {
    fail_last(c, rc);
    return NULL;
  }
  return (void *)(uintptr_t)dev;
}

PPAR_ABI void *__ppar_rt_gpu_scratch(struct __ppar_rt_gpu_call *c,
                                     const void *init, size_t size) {
  static const unsigned char zeros[256];
  if (!c || c->rc)
    return NULL;
  if (!init && size > sizeof zeros) {
    fail(c, PPAR_EINVAL, "scratch of %zu bytes without an initial value",
         size);
    return NULL;
  }
  return scratch(c, init ? init : zeros, size, size);
}

PPAR_ABI void *__ppar_rt_gpu_reduction(struct __ppar_rt_gpu_call *c,
                                       const void *init, size_t size) {
  if (!c || c->rc)
    return NULL;
  if (!init || size > 8) {
    fail(c, PPAR_EINVAL,
         "reduction of a %zu-byte value (at most 8, with an initial value)",
         size);
    return NULL;
  }
  /* The value, the count of blocks done (zero), one slot per block. */
  unsigned char head[16] = {0};
  memcpy(head, init, size);
  return scratch(c, head, sizeof head,
                 sizeof head + 8 * (size_t)__PPAR_RT_MAX_BLOCKS);
}

PPAR_ABI int __ppar_rt_gpu_fetch(struct __ppar_rt_gpu_call *c, void *host,
                                 const void *dev, size_t size) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc)
    return c->rc;
  c->fetched = 1;
  __ppar_gpu_async_note(c->t, c->m, "returns a value the host needs");
  /* Through a bounce buffer, so that a failure (a kernel fault shows up
   * here) leaves host as it was. */
  unsigned char small[256];
  void *to = size <= sizeof small ? small : malloc(size);
  if (!to)
    return fail(c, PPAR_ENOMEM, "out of memory");
  int gil = gil_out();
  int rc = __ppar_gpu_d2h(c->t, to, (uintptr_t)dev, size, c->m->name);
  if (gil)
    __ppar_gil_lock();
  if (rc == PPAR_OK)
    memcpy(host, to, size);
  if (to != small)
    free(to);
  return rc == PPAR_OK ? 0 : fail_last(c, rc);
}

/* ---- Host code between kernels ----------------------------------------- */

/* [*a, *b) narrowed to [lo, hi); 0 when nothing is left. */
static int clip(uintptr_t *a, uintptr_t *b, uintptr_t lo, uintptr_t hi) {
  if (*a < lo)
    *a = lo;
  if (*b > hi)
    *b = hi;
  return *a < *b;
}

PPAR_ABI int __ppar_rt_gpu_to_host(struct __ppar_rt_gpu_call *c, const void *lo,
                                   const void *hi) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc || (!c->copied && __ppar_rt_gpu_copy_in(c)))
    return c->rc;
  uintptr_t l = (uintptr_t)lo, h = (uintptr_t)hi;
  if (l >= h)
    return 0;
  /* Only what the kernels may have written differs from the host (the
   * ranges are sorted since copy_in); resident data lives on the device.
   * Nothing of that in [lo, hi) (an element that aliases no data): no
   * wait. */
  int at = 0, any = 0;
  uintptr_t a, b;
  for (int i = 0; !any && next_interval(c, &i, __PPAR_RT_ACCESS_WRITE, &a, &b);)
    any = clip(&a, &b, l, h);
  for (int i = 0; !any && i < c->nrsegs; i++) {
    a = c->rsegs[i].lo, b = c->rsegs[i].hi;
    any = clip(&a, &b, l, h);
  }
  if (!any)
    return 0;
  c->fetched = 1;
  __ppar_gpu_async_note(c->t, c->m, "has host code that reads its data");
  /* A kernel's fault shows here, before any host byte changes. */
  if (__ppar_gpu_sync(c->t) != PPAR_OK)
    return fail_last(c, PPAR_EDRIVER);
  for (int i = 0; next_interval(c, &i, __PPAR_RT_ACCESS_WRITE, &a, &b);) {
    if (!clip(&a, &b, l, h))
      continue;
    struct seg *s = seg_for(c, &at, a);
    c->host_written = 1;
    if (__ppar_gpu_d2h(c->t, (void *)a, s->dev + (a - s->lo), b - a,
                       c->m->name) != PPAR_OK)
      return fail_last(c, PPAR_EDRIVER);
  }
  for (int i = 0; i < c->nrsegs; i++) {
    a = c->rsegs[i].lo, b = c->rsegs[i].hi;
    if (!clip(&a, &b, l, h))
      continue;
    c->host_written = 1;
    if (__ppar_gpu_d2h(c->t, (void *)a, c->rsegs[i].dev + (a - c->rsegs[i].lo),
                       b - a, c->m->name) != PPAR_OK)
      return fail_last(c, PPAR_EDRIVER);
  }
  return 0;
}

PPAR_ABI int __ppar_rt_gpu_to_device(struct __ppar_rt_gpu_call *c,
                                     const void *lo, const void *hi) {
  if (!c)
    return PPAR_EINVAL;
  if (c->rc || (!c->copied && __ppar_rt_gpu_copy_in(c)))
    return c->rc;
  uintptr_t l = (uintptr_t)lo, h = (uintptr_t)hi, a, b;
  for (int i = 0; i < c->nsegs; i++) {
    a = c->segs[i].lo, b = c->segs[i].hi;
    if (clip(&a, &b, l, h) &&
        __ppar_gpu_h2d(c->t, c->segs[i].dev + (a - c->segs[i].lo),
                       (const void *)a, b - a, c->m->name) != PPAR_OK)
      return fail_last(c, PPAR_EDRIVER);
  }
  for (int i = 0; i < c->nrsegs; i++) {
    a = c->rsegs[i].lo, b = c->rsegs[i].hi;
    if (!clip(&a, &b, l, h))
      continue;
    if (__ppar_gpu_h2d(c->t, c->rsegs[i].dev + (a - c->rsegs[i].lo),
                       (const void *)a, b - a, c->m->name) != PPAR_OK)
      return fail_last(c, PPAR_EDRIVER);
    if (__ppar_resident_wrote(c->rsegs[i].r, a, b) != PPAR_OK)
      return fail(c, PPAR_ENOMEM, "out of memory");
  }
  return 0;
}

/* ---- Blocks allocated between kernels ----------------------------------- */

/* Index of the first segment (range) whose lo is not below q. */
static int first_seg_from(const struct __ppar_rt_gpu_call *c, uintptr_t q) {
  int i = 0;
  while (i < c->nsegs && c->segs[i].lo < q)
    i++;
  return i;
}
static int first_range_from(const struct __ppar_rt_gpu_call *c, uintptr_t q) {
  int i = 0;
  while (i < c->nranges && c->ranges[i].lo < q)
    i++;
  return i;
}

PPAR_ABI void __ppar_rt_gpu_block(struct __ppar_rt_gpu_call *c, const void *lo,
                                  const void *hi) {
  uintptr_t l = (uintptr_t)lo, h = (uintptr_t)hi;
  if (!c || !lo || l >= h || c->rc || (!c->copied && __ppar_rt_gpu_copy_in(c)))
    return;
  /* A fresh block overlaps no live data; a segment of a block the host
   * freed without telling (or resident data it freed) would make its
   * addresses ambiguous: the call fails rather than guess. */
  for (int i = 0; i < c->nsegs; i++)
    if (c->segs[i].lo < h && l < c->segs[i].hi) {
      fail(c, PPAR_EINVAL, "a block allocated between kernels overlaps data "
                           "the call already uses (freed without free?)");
      return;
    }
  for (int i = 0; i < c->nrsegs; i++)
    if (c->rsegs[i].lo < h && l < c->rsegs[i].hi) {
      fail(c, PPAR_EINVAL, "a block allocated between kernels lies inside "
                           "resident data (freed before ppar_device_free?)");
      return;
    }
  if (GROW(c, segs) || GROW(c, ranges)) {
    fail(c, PPAR_ENOMEM, "out of memory");
    return;
  }
  if (__ppar_record_any())
    __ppar_record_interrupt(c->t, c->m->name, c->m->file, c->m->line,
                            "allocates a block between its kernels");
  /* The device copy keeps the host address's alignment, as segments do. */
  __ppar_cu_deviceptr own;
  if (__ppar_gpu_block_get(c->t, h - l + SEG_ALIGN, &own) != PPAR_OK) {
    fail_last(c, PPAR_ENOMEM);
    return;
  }
  struct seg s = {l, h, own + l % SEG_ALIGN, own};
  int at = first_seg_from(c, l);
  memmove(&c->segs[at + 1], &c->segs[at], (size_t)(c->nsegs - at) * sizeof *c->segs);
  c->segs[at] = s;
  c->nsegs++;
  at = first_range_from(c, l);
  memmove(&c->ranges[at + 1], &c->ranges[at],
          (size_t)(c->nranges - at) * sizeof *c->ranges);
  c->ranges[at] = (struct range){l, h, __PPAR_RT_ACCESS_READWRITE};
  c->nranges++;
  int gil = gil_out();
  int rc = __ppar_gpu_h2d(c->t, s.dev, lo, h - l, c->m->name);
  if (gil)
    __ppar_gil_lock();
  if (rc != PPAR_OK)
    fail_last(c, rc);
}

PPAR_ABI void __ppar_rt_gpu_block_free(struct __ppar_rt_gpu_call *c,
                                       const void *lo, const void *hi) {
  uintptr_t l = (uintptr_t)lo, h = (uintptr_t)hi;
  if (!c || !lo || l >= h || !c->copied)
    return;
  /* Its ranges go, so nothing is copied into the freed block; the parts of
   * a range that lie outside it stay. */
  int k = 0;
  for (int i = 0; i < c->nranges; i++) {
    struct range r = c->ranges[i];
    if (r.lo >= l && r.hi <= h)
      continue;
    if (r.lo < h && l < r.hi) { /* keep what lies outside (one side) */
      if (r.lo < l)
        r.hi = l;
      else
        r.lo = h;
    }
    c->ranges[k++] = r;
  }
  c->nranges = k;
  /* Its segments go too (a block's own memory back to the cache: later
   * users of it are queued after this call's work on the same stream), so
   * that a block allocated later at these addresses gets its own. */
  k = 0;
  for (int i = 0; i < c->nsegs; i++) {
    if (c->segs[i].lo >= l && c->segs[i].hi <= h) {
      if (c->segs[i].own)
        __ppar_gpu_block_put(c->t, c->segs[i].own);
      continue;
    }
    c->segs[k++] = c->segs[i];
  }
  c->nsegs = k;
}

/* ---- End ---------------------------------------------------------------- */

/* Copy pending small copy-outs from pinned memory to the host. */
static void flush_pending(struct __ppar_rt_gpu_call *c) {
  for (int i = 0; i < c->npend; i++)
    memcpy(c->pend[i].host, c->pend[i].pinned, c->pend[i].n);
  c->npend = 0;
}

/* Copy out the union of the written ranges. Small intervals are queued
 * into pinned memory and copied to the host after one wait; a large one is
 * preceded by a wait, so that a kernel fault is seen before any host byte
 * changes. Returns 0, 1 (failed, host untouched) or 2 (failed with host
 * bytes already written). */
static int copy_out(struct __ppar_rt_gpu_call *c) {
  int written = 0, at = 0;
  uintptr_t a, b;
  for (int i = 0; next_interval(c, &i, __PPAR_RT_ACCESS_WRITE, &a, &b);) {
    struct seg *s = seg_for(c, &at, a);
    __ppar_cu_deviceptr src = s->dev + (a - s->lo);
    size_t n = b - a;
    void *pinned = NULL;
    if (!c->tracing && n <= __PPAR_GPU_SMALL_COPY && !GROW(c, pend))
      pinned = __ppar_gpu_pinned_small(c->t, n);
    if (pinned) {
      __ppar_cu_result cr =
          c->cu->memcpy_dtoh_async(pinned, src, n, c->stream);
      if (cr != __PPAR_CU_SUCCESS) {
        __ppar_cu_fail(cr, "cuMemcpyDtoHAsync");
        return 1 + written;
      }
      c->pend[c->npend++] = (struct pending){(void *)a, pinned, n};
      continue;
    }
    /* Large (or no pinned room): wait for what is queued, then copy. */
    if (__ppar_gpu_sync(c->t) != PPAR_OK)
      return 1 + written;
    if (c->npend) {
      flush_pending(c);
      written = 1;
    }
    if (__ppar_gpu_d2h(c->t, (void *)a, src, n, c->m->name) != PPAR_OK)
      return 2;
    written = 1;
  }
  if (__ppar_gpu_sync(c->t) != PPAR_OK)
    return 1 + written;
  flush_pending(c);
  return 0;
}

/* Under PPAR_TRACE: the launches' device times, placed on the host clock
 * through the reference event. */
static void trace_kernels(struct __ppar_rt_gpu_call *c) {
  int ordinal = __ppar_gpu_thread_device(c->t)->ordinal;
  for (int i = 0; i < c->nkevs; i++) {
    float before = 0, took = 0;
    if (!c->kevs[i].start) { /* only its queuing was recorded */
      __ppar_trace_gpu("launch", c->m->kernels[c->kevs[i].k], c->m->name,
                       NULL, ordinal, c->kevs[i].queued, c->kevs[i].launched,
                       -1);
      continue;
    }
    if (!c->has_ref || c->cu->event_elapsed_time(&before, c->ref, c->kevs[i].start) !=
            __PPAR_CU_SUCCESS ||
        c->cu->event_elapsed_time(&took, c->kevs[i].start, c->kevs[i].end) !=
            __PPAR_CU_SUCCESS)
      continue;
    double start = c->ref_host + 1e3 * before;
    __ppar_trace_gpu("kernel", c->m->kernels[c->kevs[i].k], c->m->name, NULL,
                     ordinal, start, start + 1e3 * took, -1);
  }
}

/* Under PPAR_TRACE, a call in flight shows when its kernels were queued
 * (their device times are taken only by calls that wait). */
static void trace_launches(struct __ppar_rt_gpu_call *c) {
  int ordinal = __ppar_gpu_thread_device(c->t)->ordinal;
  for (int i = 0; i < c->nkevs; i++)
    __ppar_trace_gpu("launch", c->m->kernels[c->kevs[i].k], c->m->name,
                     "asynchronous", ordinal, c->kevs[i].queued,
                     c->kevs[i].launched, -1);
}

/* The call has no data of its own on the device (all of it is resident),
 * no scratch beyond its slab (reused in stream order) and gave the host no
 * value: it need not wait. Its resident references pass to the thread's
 * record of calls in flight. 1 when it is in flight. */
static int end_async(struct __ppar_rt_gpu_call *c) {
  if (c->rc || c->nsegs || c->nextra || c->fetched || c->part)
    return 0;
  c->nrefs = 0;
  for (int i = 0; i < c->nrsegs + c->nsrcs; i++) {
    if (GROW(c, refs))
      return 0;
    c->refs[c->nrefs++] =
        i < c->nrsegs ? c->rsegs[i].r : c->srcs[i - c->nrsegs];
  }
  if (__ppar_gpu_async_add(c->t, c->m, c->refs, c->nrefs) != PPAR_OK)
    return 0;
  if (c->tracing && c->nkevs)
    trace_launches(c);
  if (__ppar_record_any()) {
    __ppar_record_note_call(c->t, c->m);
    for (int i = 0; i < c->nrsegs; i++)
      __ppar_record_note_use(c->t, c->rsegs[i].lo, c->rsegs[i].hi,
                             c->rsegs[i].dev);
  }
  c->nrsegs = c->nsrcs = 0; /* the references are the record's now */
  return 1;
}

PPAR_ABI int __ppar_rt_gpu_end(struct __ppar_rt_gpu_call *c) {
  if (!c)
    return PPAR_EINVAL;
  if (!c->rc && !c->copied)
    __ppar_rt_gpu_copy_in(c);
  if (c->part && !c->rc) {
    /* Every part's kernels have run before any part copies out. */
    int ok = __ppar_gpu_sync(c->t) == PPAR_OK ? 0 : fail_last(c, PPAR_EDRIVER);
    int v = __ppar_split_step(c->part, 1, ok);
    if (v && !c->rc)
      c->rc = v;
  }
  if (!c->rc && c->copies)
    note_writes(c);
  int async = end_async(c);
  if (!c->rc && !async) {
    if (c->nsegs)
      __ppar_gpu_async_note(c->t, c->m, "uses data that is not resident");
    int gil = gil_out();
    int out = copy_out(c);
    if (gil)
      __ppar_gil_lock();
    if (out == 2)
      __ppar_gpu_report(c->m, 1,
                        "the GPU call failed while copying its results back: "
                        "%s; the host data is partly written, so the CPU "
                        "version cannot take over",
                        __ppar_last_cause());
    if (out == 1 && c->part)
      __ppar_gpu_report(c->m, 1,
                        "the GPU call failed on device %d while copying its "
                        "results back: %s; other devices of the split call "
                        "have written theirs, so it cannot run again",
                        __ppar_gpu_thread_device(c->t)->ordinal,
                        __ppar_last_cause());
    if (out == 1)
      fail_last(c, PPAR_EDRIVER);
  }
  /* A failed call may still have copies queued that read the pinned
   * buffer or write its block: wait before both are reused. */
  if (c->rc)
    __ppar_gpu_sync(c->t);
  else if (c->tracing && c->nkevs && !async)
    trace_kernels(c);
  c->npend = 0;
  for (int i = 0; i < c->nrsegs; i++)
    __ppar_resident_release(c->rsegs[i].r);
  for (int i = 0; i < c->nsrcs; i++)
    __ppar_resident_release(c->srcs[i]);
  if (c->has_block)
    __ppar_gpu_block_put(c->t, c->block);
  for (int i = 0; i < c->nsegs; i++)
    if (c->segs[i].own)
      __ppar_gpu_block_put(c->t, c->segs[i].own);
  for (int i = 0; i < c->nextra; i++)
    __ppar_gpu_block_put(c->t, c->extra[i]);
  int rc = c->rc;
  c->nranges = c->nsegs = c->nrsegs = c->nsrcs = c->nextra = c->nkevs = 0;
  c->has_block = c->has_ref = 0;
  c->slab_used = 0;
  void **free_list = __ppar_gpu_thread_calls(c->t, calls_free);
  c->next = *free_list;
  *free_list = c;
  return rc;
}

/* The thread ended: free its call objects (their device memory too; the
 * device's context is current and the stream idle). */
static void calls_free(struct __ppar_gpu_thread *t, void *list) {
  (void)t;
  const struct __ppar_cu_api *cu = __ppar_cu();
  for (struct __ppar_rt_gpu_call *c = list, *next; c; c = next) {
    next = c->next;
    if (c->slab)
      cu->mem_free(c->slab);
    for (int i = 0; i < c->nevents; i++)
      cu->event_destroy(c->events[i]);
    free(c->ranges);
    free(c->segs);
    free(c->rsegs);
    free(c->extra);
    free(c->kevs);
    free(c->events);
    free(c->pend);
    free(c->refs);
    free(c->srcs);
    free(c);
  }
}
