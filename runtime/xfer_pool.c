/*
 * xfer_pool.c - one memcpy split over several threads, for the pinned
 * staging of large GPU transfers (gpu_xfer.c; docs/gpu-runtime.md).
 *
 * Why a pool of its own rather than the task pool: a transfer runs on any
 * user thread, often one that is itself a task worker, and must not wait
 * behind (or be stolen by) user tasks; and it needs nothing but memcpy.
 *
 * A copy is a job: the bytes cut into pieces that threads claim with one
 * atomic counter. The caller claims pieces too, so it finishes the job alone
 * when no helper is free, none could be started, or the pool is stopped:
 * helpers only ever make a copy faster. A caller waits for the helpers that
 * joined its job (job->active under the pool's mutex), never for other
 * callers' jobs, so concurrent copies from several user threads do not mix.
 * Helpers are started on first need, up to what the largest job asked for,
 * and joined at exit (no thread outlives the program's exit handlers).
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1

#include "xfer_pool.h"

#include "spin.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_HELPERS = __PPAR_XFER_MAX_THREADS - 1 };

/* Pieces: about four per thread, so that a slow thread does not hold the
 * job up, and at least MIN_PIECE, so that a piece costs far more than its
 * claim. Copies under two pieces are one plain memcpy. */
#define MIN_PIECE ((size_t)128 << 10)
enum { PIECES_PER_THREAD = 4 };

/* A helper that finds no work spins this long before it sleeps: a staged
 * transfer posts one job per chunk, a few hundred microseconds apart, and
 * waking a sleeping thread costs tens of microseconds on a VM. */
#define SPIN_NS 300000L

struct job {
  unsigned char *dst;
  const unsigned char *src;
  size_t n, piece, npieces;
  atomic_size_t next; /* the next unclaimed piece */
  int want;           /* helpers it may use                   (under mu) */
  int active;         /* helpers working on it now            (under mu) */
  struct job *link;   /* jobs with work left, oldest first    (under mu) */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cv = PTHREAD_COND_INITIALIZER; /* a job posted */
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER; /* a job's helper left */
static struct job *jobs;                                  /* under mu */
static pthread_t helpers[MAX_HELPERS];                    /* under mu */
static int nhelpers;                                      /* under mu */
static int closed;          /* under mu: exit began, start nothing  */
static atomic_int stopping; /* written under mu: helpers must leave */
static atomic_uint posted;  /* bumped per job: spinning helpers watch it */
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

/* Three quarters of the cores, at most 12: on the H100 machine (16 cores)
 * the staged copies gained up to 12 threads (docs/gpu-runtime.md), and a
 * quarter stays for the driver's threads and the rest of the program. */
int __ppar_xfer_default_threads(void) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long t = cores * 3 / 4;
  if (t > 12)
    t = 12;
  return t < 1 ? 1 : (int)t;
}

int __ppar_xfer_pool_size(void) {
  pthread_mutex_lock(&mu);
  int n = nhelpers;
  pthread_mutex_unlock(&mu);
  return n;
}

/* A piece is copied with non-temporal (streaming) stores where the
 * processor has them: the bytes are far larger than the caches and are
 * next read by the DMA engine or much later by the program, and streaming
 * stores skip reading each destination line before writing it (a third of
 * the memory traffic of a plain copy; glibc's memcpy streams only above a
 * threshold larger than a piece). PPAR_XFER_PLAIN_MEMCPY (a build option,
 * for measurements) turns it off. */
#if (defined(__x86_64__) || defined(__SSE2__)) && !defined(PPAR_XFER_PLAIN_MEMCPY)
#include <emmintrin.h>
static void copy_stream(unsigned char *dst, const unsigned char *src,
                        size_t n) {
  size_t head = (16 - ((uintptr_t)dst & 15)) & 15;
  if (n < head + 64) {
    memcpy(dst, src, n);
    return;
  }
  memcpy(dst, src, head);
  dst += head, src += head, n -= head;
  for (; n >= 64; dst += 64, src += 64, n -= 64) {
    __m128i a = _mm_loadu_si128((const __m128i *)src);
    __m128i b = _mm_loadu_si128((const __m128i *)(src + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(src + 32));
    __m128i d = _mm_loadu_si128((const __m128i *)(src + 48));
    _mm_stream_si128((__m128i *)dst, a);
    _mm_stream_si128((__m128i *)(dst + 16), b);
    _mm_stream_si128((__m128i *)(dst + 32), c);
    _mm_stream_si128((__m128i *)(dst + 48), d);
  }
  memcpy(dst, src, n);
  /* Streaming stores are weakly ordered: make them visible before the
   * piece counts as done (to the caller, then the DMA engine). */
  _mm_sfence();
}
#else
static void copy_stream(unsigned char *dst, const unsigned char *src,
                        size_t n) {
  memcpy(dst, src, n);
}
#endif

static void copy_pieces(struct job *j) {
  size_t k;
  while ((k = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) <
         j->npieces) {
    size_t off = k * j->piece;
    size_t len = j->n - off < j->piece ? j->n - off : j->piece;
    copy_stream(j->dst + off, j->src + off, len);
  }
}

/* The oldest job with pieces left and room for one more helper (under mu). */
static struct job *pick_job(void) {
  for (struct job *j = jobs; j; j = j->link)
    if (j->active < j->want &&
        atomic_load_explicit(&j->next, memory_order_relaxed) < j->npieces)
      return j;
  return NULL;
}

static long elapsed_ns(const struct timespec *since) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - since->tv_sec) * 1000000000L +
         (now.tv_nsec - since->tv_nsec);
}

/* Called without mu: 1 when a job was posted (or a stop asked) since
 * `seen`, 0 after SPIN_NS without one. */
static int spin_for_work(unsigned seen) {
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (unsigned i = 1;; i++) {
    if (atomic_load_explicit(&posted, memory_order_acquire) != seen ||
        atomic_load_explicit(&stopping, memory_order_relaxed))
      return 1;
    __ppar_cpu_relax();
    if (i % 256 == 0 && elapsed_ns(&start) > SPIN_NS)
      return 0;
  }
}

static void *helper_main(void *arg) {
  (void)arg;
  int spun = 0;
  pthread_mutex_lock(&mu);
  for (;;) {
    struct job *j = pick_job();
    if (!j) {
      if (atomic_load_explicit(&stopping, memory_order_relaxed))
        break;
      if (!spun) {
        unsigned seen = atomic_load_explicit(&posted, memory_order_relaxed);
        pthread_mutex_unlock(&mu);
        spin_for_work(seen);
        pthread_mutex_lock(&mu);
        spun = 1;
      } else {
        pthread_cond_wait(&work_cv, &mu); /* rechecked under mu: no lost wake-up */
        spun = 0;
      }
      continue;
    }
    j->active++;
    pthread_mutex_unlock(&mu);
    copy_pieces(j);
    pthread_mutex_lock(&mu);
    if (--j->active == 0)
      pthread_cond_broadcast(&done_cv); /* its caller may be waiting */
    spun = 0;
  }
  pthread_mutex_unlock(&mu);
  return NULL;
}

static void at_exit(void) {
  pthread_mutex_lock(&mu);
  closed = 1;
  pthread_mutex_unlock(&mu);
  __ppar_xfer_pool_stop();
}

static void register_exit(void) { atexit(at_exit); }

void __ppar_xfer_pool_stop(void) {
  pthread_t ids[MAX_HELPERS];
  pthread_mutex_lock(&mu);
  int n = nhelpers;
  if (n == 0) {
    pthread_mutex_unlock(&mu);
    return;
  }
  memcpy(ids, helpers, (size_t)n * sizeof ids[0]);
  nhelpers = 0;
  atomic_store_explicit(&stopping, 1, memory_order_relaxed);
  pthread_cond_broadcast(&work_cv);
  pthread_mutex_unlock(&mu);
  /* A helper inside a job finishes the pieces it claims; its caller waits
   * for it as usual. */
  for (int i = 0; i < n; i++)
    pthread_join(ids[i], NULL);
  pthread_mutex_lock(&mu);
  atomic_store_explicit(&stopping, 0, memory_order_relaxed);
  pthread_mutex_unlock(&mu);
}

/* Start helpers until there are `want` (under mu); a failure leaves fewer,
 * which only makes copies slower. */
static void grow_locked(int want) {
  while (nhelpers < want) {
    if (pthread_create(&helpers[nhelpers], NULL, helper_main, NULL) != 0)
      return;
    nhelpers++;
  }
}

/* Make j visible to the helpers; 0 when the pool takes no work (exit has
 * begun, or a stop is under way), and the caller copies alone. */
static int post(struct job *j) {
  pthread_once(&exit_once, register_exit);
  pthread_mutex_lock(&mu);
  if (closed || atomic_load_explicit(&stopping, memory_order_relaxed)) {
    pthread_mutex_unlock(&mu);
    return 0;
  }
  grow_locked(j->want);
  j->link = NULL;
  struct job **p = &jobs;
  while (*p)
    p = &(*p)->link;
  *p = j;
  atomic_fetch_add_explicit(&posted, 1, memory_order_release);
  pthread_cond_broadcast(&work_cv);
  pthread_mutex_unlock(&mu);
  return 1;
}

/* Unlink j and wait until no helper is inside it: then every piece is
 * copied (each claimed one was copied by whoever claimed it). */
static void finish(struct job *j) {
  pthread_mutex_lock(&mu);
  for (struct job **p = &jobs; *p; p = &(*p)->link)
    if (*p == j) {
      *p = j->link;
      break;
    }
  while (j->active)
    pthread_cond_wait(&done_cv, &mu);
  pthread_mutex_unlock(&mu);
}

void __ppar_xfer_copy(void *dst, const void *src, size_t n, int threads) {
  if (threads > __PPAR_XFER_MAX_THREADS)
    threads = __PPAR_XFER_MAX_THREADS;
  size_t piece = threads > 1 ? n / ((size_t)threads * PIECES_PER_THREAD) : n;
  if (piece < MIN_PIECE)
    piece = MIN_PIECE;
  piece = (piece + 4095) & ~(size_t)4095; /* whole pages per piece */
  if (threads < 2 || n < 2 * piece) {
    memcpy(dst, src, n);
    return;
  }
  struct job j = {.dst = dst,
                  .src = src,
                  .n = n,
                  .piece = piece,
                  .npieces = (n + piece - 1) / piece,
                  .want = threads - 1};
  atomic_init(&j.next, 0);
  if (!post(&j)) {
    memcpy(dst, src, n);
    return;
  }
  copy_pieces(&j);
  finish(&j);
}
