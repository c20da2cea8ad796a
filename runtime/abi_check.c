/*
 * abi_check.c - PPAR_CHECK=1: run a parallel loop's serial copy and the loop
 * itself on the same input, and compare what they wrote (SPEC section 4).
 * Called by plugin-generated code (ppar_rt_abi.h); see docs/runtime.md,
 * "Check mode".
 *
 * A check object lives from __ppar_rt_check_begin to __ppar_rt_check_end,
 * on one loop run, and is used by one thread at a time; objects share
 * nothing but the two counters reported at exit.
 */
#include "ppar_rt_abi.h"

#include "config.h"
#include "error.h"
#include "visibility.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Relative tolerance of floating-point elements, enough to absorb the last
 * bits that a vectorised or contracted (FMA) loop may change: about 4500
 * units in the last place of a double, 8 of a float. A reduction's
 * tolerance is PPAR_CHECK_RTOL instead. */
#define CHECK_RTOL_DOUBLE 1e-12
#define CHECK_RTOL_FLOAT 1e-6

/* Bytes compared or swapped at a time: memcmp finds equal stretches fast,
 * and only a stretch that differs is looked at element by element. */
#define CHUNK 4096

/* Where a region's bytes are kept: the regions' union, as disjoint spans,
 * so that overlapping regions are saved once and restored consistently. */
struct span {
  uintptr_t lo, hi;     /* the memory, [lo, hi)                      */
  unsigned char *saved; /* hi - lo bytes in the check's buffer       */
};

struct region {
  struct __ppar_rt_region r; /* the generated descriptor, copied          */
  size_t bytes;              /* hi - lo; 0 for an empty region (skipped)  */
  unsigned char *saved;      /* its bytes inside its span's saved copy    */
};

struct __ppar_rt_check {
  const char *fn, *file;
  unsigned line;
  int stage;    /* BEGUN, then MIDDLE after __ppar_rt_check_mid  */
  int differed; /* a difference was reported for this run         */
  int nregions, nspans;
  struct region *regions;
  struct span *spans;
  unsigned char *buffer; /* the spans' saved bytes, one allocation */
};

enum { BEGUN = 1, MIDDLE = 2 };

/* ---- Counters and the report at exit ------------------------------------ */

static unsigned long long runs_checked, runs_differed;
static int checks_begun;       /* a check_begin ran                  */
static int at_exit_registered; /* set by the constructor             */
static pthread_once_t no_at_exit_once = PTHREAD_ONCE_INIT;

/* At exit: a program in which a loop run differed exits with status 3,
 * whatever main returned. _exit, because exit may not be called from an
 * atexit handler; stdio is flushed first so no output is lost. */
static void report_at_exit(void) {
  if (!__atomic_load_n(&checks_begun, __ATOMIC_ACQUIRE))
    return;
  unsigned long long checked = __atomic_load_n(&runs_checked, __ATOMIC_ACQUIRE);
  unsigned long long differed =
      __atomic_load_n(&runs_differed, __ATOMIC_ACQUIRE);
  fflush(stdout);
  if (differed) {
    __ppar_note("check: %llu of %llu checked loop runs differed", differed,
                checked);
    fflush(NULL);
    _exit(3);
  }
  /* The settings were read before the first check began. */
  if (__ppar_config()->verbose >= __PPAR_LOG_DECISIONS)
    __ppar_note("check: all %llu checked loop runs agreed", checked);
}

/* Registered when the library is loaded, not on the first check: handlers
 * run in reverse order of registration, so this one runs after those the
 * program registers (and after its C++ destructors), and its _exit skips as
 * few as it can. It does nothing unless a loop was checked. */
__attribute__((constructor)) static void register_at_exit(void) {
  at_exit_registered = atexit(report_at_exit) == 0;
}

static void note_no_at_exit(void) {
  __ppar_note("check: cannot register the report at exit; differences are "
              "reported but the exit status will not show them");
}

/* ---- Entry points -------------------------------------------------------- */

static const char *or_unknown(const char *s) { return s ? s : "?"; }

static int checking_state; /* 0 = not known yet, else 1 + the answer */

PPAR_ABI int __ppar_rt_checking(void) {
  int state = __atomic_load_n(&checking_state, __ATOMIC_RELAXED);
  if (__builtin_expect(state != 0, 1))
    return state - 1;
  const struct __ppar_config *cfg = __ppar_config();
  state = 1 + (cfg->check && !cfg->disable_jit);
  __atomic_store_n(&checking_state, state, __ATOMIC_RELAXED);
  return state - 1;
}

static _Noreturn void bad_call(const char *what, const char *fn,
                               const char *file, unsigned line) {
  __ppar_die("internal error: %s (%s:%u): %s; the plugin generated bad code, "
             "please report it",
             or_unknown(fn), or_unknown(file), line, what);
}

static int by_lo(const void *a, const void *b) {
  uintptr_t x = ((const struct span *)a)->lo, y = ((const struct span *)b)->lo;
  return x < y ? -1 : x > y;
}

/* The span holding [lo, lo + 1): spans are sorted and disjoint. */
static struct span *span_of(struct span *spans, int n, uintptr_t lo) {
  int first = 0, last = n - 1;
  while (first < last) {
    int mid = first + (last - first + 1) / 2;
    if (spans[mid].lo <= lo)
      first = mid;
    else
      last = mid - 1;
  }
  return &spans[first];
}

static void out_of_memory(const char *fn, const char *file, unsigned line) {
  fflush(stdout);
  __ppar_note("check: %s (%s:%u): not enough memory to check this loop; it "
              "is not checked",
              or_unknown(fn), or_unknown(file), line);
}

PPAR_ABI struct __ppar_rt_check *
__ppar_rt_check_begin(const char *fn, const char *file, unsigned line,
                      const struct __ppar_rt_region *regions, int count) {
  if (count < 0 || (count > 0 && !regions))
    bad_call("check_begin called with a negative count or no regions", fn, file,
             line);
  for (int i = 0; i < count; i++) {
    const struct __ppar_rt_region *r = &regions[i];
    if (r->size == 0 || !strchr("fiub", r->kind) || r->kind == '\0')
      bad_call("check_begin called with a region of unknown kind or size 0", fn,
               file, line);
  }
  __ppar_config(); /* settings read (and checked) before anything else */
  __atomic_store_n(&checks_begun, 1, __ATOMIC_RELEASE);
  if (!at_exit_registered)
    pthread_once(&no_at_exit_once, note_no_at_exit);

  /* One allocation for the object, the regions and up to count spans. */
  size_t n = (size_t)count;
  struct __ppar_rt_check *c =
      malloc(sizeof *c + n * (sizeof(struct region) + sizeof(struct span)));
  if (!c) {
    out_of_memory(fn, file, line);
    return NULL;
  }
  c->fn = fn;
  c->file = file;
  c->line = line;
  c->stage = BEGUN;
  c->differed = 0;
  c->nregions = count;
  c->regions = (struct region *)(c + 1);
  c->spans = (struct span *)(c->regions + n);
  c->buffer = NULL;

  /* The non-empty regions' union as sorted, disjoint spans. */
  int nspans = 0;
  for (int i = 0; i < count; i++) {
    struct region *rg = &c->regions[i];
    rg->r = regions[i];
    uintptr_t lo = (uintptr_t)rg->r.lo, hi = (uintptr_t)rg->r.hi;
    rg->bytes = hi > lo ? hi - lo : 0;
    rg->saved = NULL;
    if (rg->bytes)
      c->spans[nspans++] = (struct span){lo, hi, NULL};
  }
  qsort(c->spans, (size_t)nspans, sizeof *c->spans, by_lo);
  int merged = 0;
  for (int i = 0; i < nspans; i++) {
    if (merged > 0 && c->spans[i].lo <= c->spans[merged - 1].hi) {
      if (c->spans[i].hi > c->spans[merged - 1].hi)
        c->spans[merged - 1].hi = c->spans[i].hi;
    } else {
      c->spans[merged++] = c->spans[i];
    }
  }
  c->nspans = merged;

  /* Disjoint ranges of the address space: their sum cannot overflow. */
  size_t total = 0;
  for (int i = 0; i < c->nspans; i++)
    total += c->spans[i].hi - c->spans[i].lo;
  if (total > 0 && !(c->buffer = malloc(total))) {
    free(c);
    out_of_memory(fn, file, line);
    return NULL;
  }
  unsigned char *p = c->buffer;
  for (int i = 0; i < c->nspans; i++) {
    struct span *s = &c->spans[i];
    s->saved = p;
    memcpy(p, (const void *)s->lo, s->hi - s->lo);
    p += s->hi - s->lo;
  }
  for (int i = 0; i < count; i++) {
    struct region *rg = &c->regions[i];
    if (rg->bytes) {
      uintptr_t lo = (uintptr_t)rg->r.lo;
      struct span *s = span_of(c->spans, c->nspans, lo);
      rg->saved = s->saved + (lo - s->lo);
    }
  }
  return c;
}

/* Exchange n bytes of memory with their saved copy, leaving alone the
 * stretches that are equal (pages the serial loop did not touch stay
 * clean). */
static void swap_bytes(unsigned char *mem, unsigned char *saved, size_t n) {
  unsigned char tmp[CHUNK];
  for (size_t at = 0; at < n; at += CHUNK) {
    size_t k = n - at < CHUNK ? n - at : CHUNK;
    if (memcmp(mem + at, saved + at, k) == 0)
      continue;
    memcpy(tmp, mem + at, k);
    memcpy(mem + at, saved + at, k);
    memcpy(saved + at, tmp, k);
  }
}

/* The saved copy held the input; now it holds the serial results, and the
 * memory the input again, for the parallel loop. One buffer does both. */
PPAR_ABI void __ppar_rt_check_mid(struct __ppar_rt_check *c) {
  if (!c)
    return;
  if (c->stage != BEGUN)
    bad_call("check_mid called twice", c->fn, c->file, c->line);
  for (int i = 0; i < c->nspans; i++) {
    struct span *s = &c->spans[i];
    swap_bytes((unsigned char *)s->lo, s->saved, s->hi - s->lo);
  }
  c->stage = MIDDLE;
}

/* ---- Comparing and reporting --------------------------------------------- */

/* parallel and serial agree within rtol, relative to the larger magnitude;
 * NaN agrees with NaN, an infinity only with itself. */
static int close_enough(double parallel, double serial, double rtol) {
  if (parallel == serial ||
      (__builtin_isnan(parallel) && __builtin_isnan(serial)))
    return 1;
  if (!__builtin_isfinite(parallel) || !__builtin_isfinite(serial))
    return 0;
  double a = __builtin_fabs(parallel), b = __builtin_fabs(serial);
  return __builtin_fabs(parallel - serial) <= rtol * (a > b ? a : b);
}

/* The shortest text that reads back as v ("3.5", "0.1", "4.0000001"):
 * exact, and as readable as the number allows. */
static void format_double(char *buf, size_t size, double v) {
  if (__builtin_isnan(v) || __builtin_isinf(v)) {
    snprintf(buf, size, "%s",
             __builtin_isnan(v) ? "nan"
             : v > 0            ? "inf"
                                : "-inf");
    return;
  }
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(buf, size, "%.*g", digits, v);
    if (strtod(buf, NULL) == v)
      return;
  }
}

static void format_float(char *buf, size_t size, float v) {
  if (__builtin_isnan(v) || __builtin_isinf(v)) {
    format_double(buf, size, v);
    return;
  }
  for (int digits = 1; digits <= 9; digits++) {
    snprintf(buf, size, "%.*g", digits, (double)v);
    if (strtof(buf, NULL) == v)
      return;
  }
}

/* How a region's elements are compared: as doubles or floats with a
 * tolerance, or exactly (integers and everything else). */
enum element_type { EXACT, DOUBLE, FLOAT };

static enum element_type element_type(const struct __ppar_rt_region *r) {
  if (r->kind == 'f' && r->size == sizeof(double))
    return DOUBLE;
  if (r->kind == 'f' && r->size == sizeof(float))
    return FLOAT;
  return EXACT;
}

/* Whether the element at p (parallel) and s (serial), k bytes, differs. */
static int element_differs(enum element_type type, const unsigned char *p,
                           const unsigned char *s, size_t k) {
  if (memcmp(p, s, k) == 0)
    return 0;
  if (type == DOUBLE) {
    double x, y;
    memcpy(&x, p, sizeof x);
    memcpy(&y, s, sizeof y);
    return !close_enough(x, y, CHECK_RTOL_DOUBLE);
  }
  if (type == FLOAT) {
    float x, y;
    memcpy(&x, p, sizeof x);
    memcpy(&y, s, sizeof y);
    return !close_enough(x, y, CHECK_RTOL_FLOAT);
  }
  return 1;
}

/* The byte offset of the region's first differing element, or -1 if the
 * parallel results agree with the serial ones. A trailing piece smaller
 * than an element is compared as bytes. */
static long long first_difference(const struct region *rg) {
  const unsigned char *mem = rg->r.lo, *saved = rg->saved;
  size_t unit = rg->r.size, n = rg->bytes;
  size_t chunk = unit >= CHUNK ? unit : CHUNK / unit * unit;
  enum element_type type = element_type(&rg->r);
  for (size_t at = 0; at < n; at += chunk) {
    size_t k = n - at < chunk ? n - at : chunk;
    if (memcmp(mem + at, saved + at, k) == 0)
      continue;
    for (size_t e = at; e < at + k; e += unit) {
      size_t len = at + k - e < unit ? at + k - e : unit;
      if (element_differs(len == unit ? type : EXACT, mem + e, saved + e, len))
        return (long long)e;
    }
  }
  return -1;
}

/* Both values of the element at p (parallel) and s (serial), k bytes long,
 * as text; for elements shown as bytes, *where says which byte. */
static void format_element(const struct __ppar_rt_region *r,
                           const unsigned char *p, const unsigned char *s,
                           size_t k, char *pbuf, char *sbuf, size_t size,
                           char *where, size_t where_size) {
  where[0] = '\0';
  if (k == r->size && r->kind == 'f' && (k == 4 || k == 8)) {
    if (k == 8) {
      double x, y;
      memcpy(&x, p, 8);
      memcpy(&y, s, 8);
      format_double(pbuf, size, x);
      format_double(sbuf, size, y);
    } else {
      float x, y;
      memcpy(&x, p, 4);
      memcpy(&y, s, 4);
      format_float(pbuf, size, x);
      format_float(sbuf, size, y);
    }
    return;
  }
  if (k == r->size && (r->kind == 'i' || r->kind == 'u') &&
      (k == 1 || k == 2 || k == 4 || k == 8)) {
    const unsigned char *v[2] = {p, s};
    char *out[2] = {pbuf, sbuf};
    for (int j = 0; j < 2; j++) {
      if (r->kind == 'i') {
        long long x = 0;
        int8_t i8;
        int16_t i16;
        int32_t i32;
        int64_t i64;
        switch (k) {
        case 1:
          memcpy(&i8, v[j], 1);
          x = i8;
          break;
        case 2:
          memcpy(&i16, v[j], 2);
          x = i16;
          break;
        case 4:
          memcpy(&i32, v[j], 4);
          x = i32;
          break;
        default:
          memcpy(&i64, v[j], 8);
          x = i64;
          break;
        }
        snprintf(out[j], size, "%lld", x);
      } else {
        unsigned long long x = 0;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        switch (k) {
        case 1:
          memcpy(&u8, v[j], 1);
          x = u8;
          break;
        case 2:
          memcpy(&u16, v[j], 2);
          x = u16;
          break;
        case 4:
          memcpy(&u32, v[j], 4);
          x = u32;
          break;
        default:
          memcpy(&u64, v[j], 8);
          x = u64;
          break;
        }
        snprintf(out[j], size, "%llu", x);
      }
    }
    return;
  }
  /* Anything else: the first byte that differs. */
  size_t b = 0;
  while (b + 1 < k && p[b] == s[b])
    b++;
  if (r->size > 1)
    snprintf(where, where_size, " byte %zu", b);
  snprintf(pbuf, size, "0x%02x", p[b]);
  snprintf(sbuf, size, "0x%02x", s[b]);
}

static void report(const struct __ppar_rt_check *c, const char *index,
                   const char *name, const char *where, const char *parallel,
                   const char *serial, const char *tail) {
  fflush(stdout);
  __ppar_note("check: %s (%s:%u): %s%s%s is %s in parallel but %s serially%s",
              or_unknown(c->fn), or_unknown(c->file), c->line, or_unknown(name),
              index, where, parallel, serial, tail);
}

PPAR_ABI void __ppar_rt_check_scalar(struct __ppar_rt_check *c,
                                     const char *name, double parallel,
                                     double serial, int reduction) {
  if (!c)
    return;
  if (c->stage != MIDDLE)
    bad_call("check_scalar called before check_mid", c->fn, c->file, c->line);
  if (c->differed)
    return; /* the first difference of a run only */
  double rtol = reduction ? __ppar_config()->check_rtol : 0;
  if (reduction == 2 && rtol < 1e-5)
    rtol = 1e-5; /* single precision: rounding alone reaches 1e-7 */
  int same = reduction ? close_enough(parallel, serial, rtol)
                       : parallel == serial || (__builtin_isnan(parallel) &&
                                                __builtin_isnan(serial));
  if (same)
    return;
  char p[40], s[40], r[40], tail[80] = "";
  format_double(p, sizeof p, parallel);
  format_double(s, sizeof s, serial);
  if (reduction) {
    /* %g writes the usual "1e-08"; the shortest form if %g would round */
    snprintf(r, sizeof r, "%g", rtol);
    if (strtod(r, NULL) != rtol)
      format_double(r, sizeof r, rtol);
    snprintf(tail, sizeof tail, " (relative tolerance %s)", r);
  }
  report(c, "", name, "", p, s, tail);
  c->differed = 1;
}

PPAR_ABI void __ppar_rt_check_end(struct __ppar_rt_check *c) {
  if (!c)
    return;
  if (c->stage != MIDDLE)
    bad_call("check_end called before check_mid", c->fn, c->file, c->line);
  for (int i = 0; i < c->nregions && !c->differed; i++) {
    const struct region *rg = &c->regions[i];
    if (!rg->bytes)
      continue;
    long long at = first_difference(rg);
    if (at < 0)
      continue;
    size_t unit = rg->r.size, off = (size_t)at;
    size_t k = rg->bytes - off < unit ? rg->bytes - off : unit;
    char p[40], s[40], where[40], index[48];
    format_element(&rg->r, (const unsigned char *)rg->r.lo + off,
                   rg->saved + off, k, p, s, sizeof p, where, sizeof where);
    snprintf(index, sizeof index, "[%zu]", off / unit);
    report(c, index, rg->r.name, where, p, s, "");
    c->differed = 1;
  }
  __atomic_add_fetch(&runs_checked, 1, __ATOMIC_RELEASE);
  if (c->differed)
    __atomic_add_fetch(&runs_differed, 1, __ATOMIC_RELEASE);
  free(c->buffer);
  free(c);
}
