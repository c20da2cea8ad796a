/*
 * dist_sched.c - the progress thread and the distributed scheduler
 * (dist_sched.h).
 *
 * The progress thread starts MPI and ends it at exit when it started it.
 * Every MPI call after that is made by whichever thread holds `turn`, a
 * mutex taken with trylock only: ppar asks for MPI_THREAD_SERIALIZED, so
 * a thread of the pool that has nothing to run while messages are in
 * flight posts and tests them itself (the pool calls poll_messages): a
 * message that completes there runs its task on that thread, and a task
 * that becomes ready there posts its messages at once, with no hand-over
 * to another thread. Jobs reach whoever holds the turn through a
 * lock-free stack (inbox). The progress thread keeps things moving when no
 * other thread polls (the workers compute, or sleep): it naps on a futex,
 * a little longer each round that completes nothing (ranks usually share
 * cores with other ranks), and with nothing in flight blocks until a job
 * comes. Under MPI_THREAD_FUNNELED only (a library that offers no more) it
 * is the only thread that calls MPI, every job wakes it, and it spins a
 * few tens of microseconds before each nap. An
 * MPI error prints one line and aborts every rank (MPI_Abort), so no rank
 * waits for a message that will never come.
 */
#include "dist_sched.h"

#include "dist_mpi.h"
#include "dist_record.h"
#include "error.h"
#include "message.h"
#include "pool.h"
#include "spin.h"
#include "task.h"
#include "trace.h"
#include "vec.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __linux__
#include <linux/futex.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

static const struct __ppar_mpi *mpi;
static __ppar_mpi_handle comm;
static int started_mpi; /* ppar called MPI_Init_thread (and so finalizes) */
static int my_rank, nranks;
static int tag_ub; /* the largest tag the library takes (0: unknown) */

static pthread_t thread;
static pthread_mutex_t start_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cv = PTHREAD_COND_INITIALIZER; /* MPI started */
static int ready; /* under start_mu */
static const char *start_error;

/* Whoever holds turn may call MPI and owns the requests below; taken with
 * trylock only. any_thread: the library gave MPI_THREAD_SERIALIZED or
 * more, so the pool's threads may take it too. */
static pthread_mutex_t turn = PTHREAD_MUTEX_INITIALIZER;
static int any_thread;

/* Jobs not posted yet, newest first (atomic; linked by next). */
static struct __ppar_dist_job *inbox;
/* Atomic: requests in flight (nreq, as of the last turn), stop asked. */
static int inflight, stopping;
/* The progress thread's futex: bumped to wake it. sleeping says how it
 * sleeps: 0 awake, NAP for a while, BLOCKED until woken. */
static unsigned bell;
static int sleeping;
enum { NAP = 1, BLOCKED = 2 };
/* Atomic: turns taken by the pool's threads (the progress thread need not
 * spin while they poll); handed: a thread of the pool stopped polling
 * while requests are in flight (the progress thread's naps start short
 * again). */
static unsigned helped;
static int handed;
/* Atomic: the progress thread's current nap; a thread that stops polling
 * wakes it when it naps longer than HANDOVER_NAP_NS. */
static long nap_ns;
enum { HANDOVER_NAP_NS = 16000 };

/* In flight: request i belongs to req_job[i], message req_msg[i]. */
static __ppar_mpi_handle *req;
static struct __ppar_dist_job **req_job;
static struct __ppar_dist_msg **req_msg;
static size_t nreq, capreq, capjob, capmsg;

/* PPAR_TRACE: the progress thread records each message, under trace_mu,
 * until __ppar_comm_trace_off. */
static int tracing;
static pthread_mutex_t trace_mu = PTHREAD_MUTEX_INITIALIZER;

struct __ppar_dist_job *__ppar_comm_job(int n, size_t extra) {
  struct __ppar_dist_job *j =
      calloc(1, sizeof *j + (size_t)n * sizeof(struct __ppar_dist_msg) + extra);
  if (!j)
    __ppar_die("out of memory planning the messages of a task");
  j->nmsg = n;
  return j;
}

static _Noreturn void mpi_fail(const char *what, int rc) {
  char text[512];
  int len = 0;
  if (mpi->Error_string(rc, text, &len) != 0 || len <= 0)
    strcpy(text, "unknown error");
  __ppar_print_error("rank %d: %s failed: %s", my_rank, what, text);
  fflush(NULL);
  mpi->Abort(mpi->comm_world, 2);
  __ppar_exit_fatal();
}

#define CHECK(what, call)                                                     \
  do {                                                                        \
    int rc_ = (call);                                                         \
    if (rc_ != 0)                                                             \
      mpi_fail(what, rc_);                                                    \
  } while (0)

static int start_mpi(void) {
  const char *why;
  if (!(mpi = __ppar_mpi_load(&why))) {
    start_error = why;
    return -1;
  }
  int inited = 0, provided = 0;
  mpi->Initialized(&inited);
  if (!inited) {
    /* SERIALIZED: the pool's threads call MPI too, one at a time (turn);
     * a library that gives only FUNNELED leaves it to this thread. */
    if (mpi->Init_thread(NULL, NULL, __PPAR_MPI_THREAD_SERIALIZED,
                         &provided)) {
      start_error = "MPI_Init_thread failed";
      return -1;
    }
    started_mpi = 1;
  } else {
    /* The program's threads call MPI too, at the same time as this one. */
    mpi->Query_thread(&provided);
    if (provided < __PPAR_MPI_THREAD_MULTIPLE) {
      start_error = "the program started MPI without MPI_THREAD_MULTIPLE, "
                    "which ppar's progress thread needs beside the program's "
                    "own MPI calls";
      return -1;
    }
  }
  any_thread = provided >= __PPAR_MPI_THREAD_SERIALIZED;
  /* A private communicator: the program's own messages never match ours. */
  mpi->Comm_dup(mpi->comm_world, &comm);
  mpi->Comm_set_errhandler(comm, mpi->errors_return);
  mpi->Comm_rank(comm, &my_rank);
  mpi->Comm_size(comm, &nranks);
  mpi->Tag_ub(comm, &tag_ub);
  if (__ppar_trace_path()) {
    /* The ranks' timelines start together (to a barrier's skew). */
    mpi->Barrier(comm);
    __ppar_rec_set_origin(__ppar_trace_now());
    __atomic_store_n(&tracing, 1, __ATOMIC_RELAXED);
  }
  return 0;
}

static void post(struct __ppar_dist_job *j) {
  j->pending = j->nmsg;
  __ppar_vec_reserve_or_die(&req, &capreq, nreq + (size_t)j->nmsg, sizeof *req,
                            "MPI requests");
  __ppar_vec_reserve_or_die(&req_job, &capjob, capreq, sizeof *req_job,
                            "MPI requests");
  __ppar_vec_reserve_or_die(&req_msg, &capmsg, capreq, sizeof *req_msg,
                            "MPI requests");
  double now =
      __atomic_load_n(&tracing, __ATOMIC_RELAXED) ? __ppar_trace_now() : 0;
  for (int i = 0; i < j->nmsg; i++) {
    struct __ppar_dist_msg *m = &j->msg[i];
    if (m->len > 0x7fffffff)
      __ppar_die("a range of %zu bytes to send between ranks: ranges over "
                 "2 GiB are not supported yet", m->len);
    if (m->send) {
      CHECK("MPI_Isend", mpi->Isend(m->buf, (int)m->len, m->peer,
                                    m->tag, comm, &req[nreq]));
    } else {
      CHECK("MPI_Irecv", mpi->Irecv(m->buf, (int)m->len, m->peer,
                                    m->tag, comm, &req[nreq]));
    }
    m->posted = now;
    req_job[nreq] = j;
    req_msg[nreq] = m;
    nreq++;
  }
}

/* j may be freed as soon as its task runs or its flag is seen: read it
 * first. */
static void finish(struct __ppar_dist_job *j) {
  struct __ppar_rt_task *t = j->task;
  int *flag = j->flag;
  if (j->owned)
    free(j);
  if (t) {
    __ppar_sched_pool.submit(t);
  } else if (flag) {
    __atomic_store_n(flag, 1, __ATOMIC_SEQ_CST);
    __ppar_sched_pool.wake(); /* __ppar_comm_run waits in the pool */
  }
}

/* Tests the requests in flight; returns how many completed. */
static int test(void) {
  if (!nreq)
    return 0;
  static int *idx;
  static size_t capidx;
  __ppar_vec_reserve_or_die(&idx, &capidx, nreq, sizeof *idx, "MPI requests");
  int outcount = 0;
  CHECK("MPI_Testsome",
        mpi->Testsome((int)nreq, req, &outcount, idx));
  if (outcount <= 0 || outcount == __PPAR_MPI_UNDEFINED)
    return 0;
  if (__atomic_load_n(&tracing, __ATOMIC_RELAXED)) {
    pthread_mutex_lock(&trace_mu);
    if (tracing) {
      double now = __ppar_trace_now();
      for (int k = 0; k < outcount; k++) {
        const struct __ppar_dist_msg *m = req_msg[idx[k]];
        __ppar_trace_message(m->send, m->peer, my_rank, m->tag, m->len,
                             m->posted, now);
      }
    }
    pthread_mutex_unlock(&trace_mu);
  }
  for (int k = 0; k < outcount; k++) {
    size_t i = (size_t)idx[k];
    struct __ppar_dist_job *j = req_job[i];
    req_job[i] = NULL;
    if (--j->pending == 0)
      finish(j);
  }
  /* Drop the completed ones, keeping the order of the rest. */
  size_t w = 0;
  for (size_t i = 0; i < nreq; i++) {
    if (!req_job[i])
      continue;
    req[w] = req[i];
    req_job[w] = req_job[i];
    req_msg[w] = req_msg[i];
    w++;
  }
  nreq = w;
  return outcount;
}

/* ---- waking and sleeping ------------------------------------------------ */

#ifdef __linux__
static void futex_wait(unsigned *word, unsigned seen, long ns) {
  struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
  syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, seen, ns ? &ts : NULL, NULL, 0);
}
static void futex_wake(unsigned *word) {
  syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
#else
/* Elsewhere the progress thread naps instead of blocking: a job is seen
 * within the longest nap. */
static void futex_wait(unsigned *word, unsigned seen, long ns) {
  (void)word;
  (void)seen;
  struct timespec ts = {0, ns ? ns : 256000L};
  nanosleep(&ts, NULL);
}
static void futex_wake(unsigned *word) { (void)word; }
#endif

static void ring(void) {
  __atomic_fetch_add(&bell, 1, __ATOMIC_SEQ_CST);
  futex_wake(&bell);
}

/* Whether the progress thread has something to do: requests in flight or
 * jobs to post. */
static int busy(void) {
  return __atomic_load_n(&inflight, __ATOMIC_SEQ_CST) > 0 ||
         __atomic_load_n(&inbox, __ATOMIC_SEQ_CST) != NULL;
}

/* ---- taking turns at MPI ------------------------------------------------- */

static void push(struct __ppar_dist_job *j) {
  struct __ppar_dist_job *head = __atomic_load_n(&inbox, __ATOMIC_RELAXED);
  do
    j->next = head;
  while (!__atomic_compare_exchange_n(&inbox, &head, j, 1, __ATOMIC_SEQ_CST,
                                      __ATOMIC_RELAXED));
}

/* Under turn: posts the jobs of the inbox, oldest first, and tests what is
 * in flight; returns how many requests completed. */
static int take_turn(void) {
  struct __ppar_dist_job *j = __atomic_exchange_n(&inbox, NULL,
                                                  __ATOMIC_SEQ_CST),
                         *oldest = NULL;
  while (j) { /* reverse: the stack holds the newest first */
    struct __ppar_dist_job *next = j->next;
    j->next = oldest;
    oldest = j;
    j = next;
  }
  for (j = oldest; j;) {
    struct __ppar_dist_job *next = j->next; /* j may be freed once done */
    post(j);
    j = next;
  }
  int done = test();
  __atomic_store_n(&inflight, (int)nreq, __ATOMIC_SEQ_CST);
  return done;
}

/* Takes turns while the turn is free and jobs wait: a job pushed while
 * another thread held the turn is posted by that thread, after it lets go
 * (it looks at the inbox again). Returns how many requests completed, -1
 * when another thread held the turn. */
static int try_turns(void) {
  int done = -1;
  while (pthread_mutex_trylock(&turn) == 0) {
    done = (done < 0 ? 0 : done) + take_turn();
    pthread_mutex_unlock(&turn);
    __atomic_thread_fence(__ATOMIC_SEQ_CST); /* against push's CAS */
    if (!__atomic_load_n(&inbox, __ATOMIC_SEQ_CST))
      break;
  }
  return done;
}

/* The pool's hook (__ppar_pool_set_poll): a thread with nothing to run
 * polls the messages itself. When it stops (last) with requests in
 * flight, the progress thread, which naps meanwhile, starts again from
 * its shortest naps (woken if it naps longer). */
static int poll_messages(int last) {
  if (!busy())
    return -1;
  if (last) {
    __atomic_store_n(&handed, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&sleeping, __ATOMIC_SEQ_CST) &&
        __atomic_load_n(&nap_ns, __ATOMIC_RELAXED) > HANDOVER_NAP_NS)
      ring();
    return 0;
  }
  __atomic_fetch_add(&helped, 1, __ATOMIC_RELAXED);
  int done = try_turns();
  return done > 0 ? done : 0;
}

/* Rounds of the progress thread while requests are in flight: when it
 * alone calls MPI, spinning first (a few tens of us in all), then naps of
 * 2 us doubling up to 256 us, from the start again whenever something
 * completes. When the pool's threads may call MPI it does not spin: an
 * idle thread of the pool polls the messages itself, and busy ones may
 * share this thread's core (mpirun --bind-to core), which every wake-up
 * takes from them. When a thread of the pool stops polling (handed), its
 * naps start again at 2 us, double to 32 us, stay there up to round
 * HANDED_ROUNDS (about 0.4 ms: what that thread waits for is often about
 * to come), then double up to 1 ms, where they stay while nothing
 * completes: a long wait (for another rank's task of a millisecond) then
 * costs a wake-up per millisecond, not thirty, which a loaded machine
 * would take from the rank's own work. The kernel lengthens naps by the
 * thread's timer slack, 50 us by default, 1 us here when the pool's
 * threads poll (with 50 us, a ping-pong whose waiting threads had gone to
 * sleep stayed at 130 us one way). With nothing in flight it blocks until
 * a job comes (the thread that posts it wakes it: a system call), at once
 * when the pool's threads poll (each nap while they compute is a wake-up
 * taken from them), else after LINGER rounds (a job usually follows
 * soon). */
enum {
  SPIN_ROUNDS = 32,
  SPIN_PAUSES = 64,
  NAP_MAX_SHIFT = 7,        /* 256 us */
  NAP_MAX_SHIFT_POLLED = 9, /* 1 ms   */
  NAP_SHIFT_HANDED = 4,     /* 32 us  */
  HANDED_ROUNDS = 16,
  LINGER = 48
};

/* The nap of round idle, as a shift of 2 us. */
static int nap_shift(int idle) {
  if (!any_thread) {
    int k = idle - SPIN_ROUNDS;
    return k < 0 ? 0 : k > NAP_MAX_SHIFT ? NAP_MAX_SHIFT : k;
  }
  if (idle < NAP_SHIFT_HANDED)
    return idle;
  if (idle < HANDED_ROUNDS)
    return NAP_SHIFT_HANDED;
  int k = NAP_SHIFT_HANDED + idle - HANDED_ROUNDS + 1;
  return k > NAP_MAX_SHIFT_POLLED ? NAP_MAX_SHIFT_POLLED : k;
}

static void pause_or_sleep(int idle, int was_helped) {
  int work = busy();
  if (work && idle < SPIN_ROUNDS && !was_helped && !any_thread) {
    for (int i = 0; i < SPIN_PAUSES; i++)
      __ppar_cpu_relax();
    if (idle % 8 == 7)
      sched_yield(); /* ranks may share this core */
    return;
  }
  int how = work || (!any_thread && idle < LINGER) ? NAP : BLOCKED;
  int k = nap_shift(idle);
  __atomic_store_n(&nap_ns, how == BLOCKED ? 1000000000L : 2000L << k,
                   __ATOMIC_RELAXED);
  unsigned seen = __atomic_load_n(&bell, __ATOMIC_SEQ_CST);
  __atomic_store_n(&sleeping, how, __ATOMIC_SEQ_CST);
  /* Against the fence in wake_progress: either it sees sleeping set, or
   * this sees its job. */
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  int job = __atomic_load_n(&inbox, __ATOMIC_SEQ_CST) != NULL;
  if (how == BLOCKED ? !busy() && !__atomic_load_n(&stopping, __ATOMIC_SEQ_CST)
                     : !(job && !any_thread))
    futex_wait(&bell, seen, how == BLOCKED ? 0 : 2000L << k);
  __atomic_store_n(&sleeping, 0, __ATOMIC_SEQ_CST);
}

/* After a job was pushed (and maybe posted): the progress thread must run
 * when only it may post the job, or when it blocks while requests are in
 * flight now. */
static void wake_progress(void) {
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  int s = __atomic_load_n(&sleeping, __ATOMIC_SEQ_CST);
  if (s == BLOCKED || (s == NAP && !any_thread &&
                       __atomic_load_n(&inbox, __ATOMIC_SEQ_CST)))
    ring();
}

static void *progress(void *arg) {
  (void)arg;
  int ok = start_mpi() == 0;
  pthread_mutex_lock(&start_mu);
  ready = ok ? 1 : -1;
  pthread_cond_broadcast(&start_cv);
  pthread_mutex_unlock(&start_mu);
  if (!ok)
    return NULL;
#ifdef __linux__
  /* Short naps stay short (see pause_or_sleep). */
  if (any_thread)
    prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
#endif
  int idle = 0;
  for (;;) {
    unsigned h = __atomic_load_n(&helped, __ATOMIC_RELAXED);
    int done = try_turns();
    if (__atomic_exchange_n(&handed, 0, __ATOMIC_SEQ_CST))
      idle = 0; /* a thread of the pool stopped polling: look often again */
    else if (done > 0 && !any_thread)
      idle = 0;
    else
      idle += idle < 1 << 20;
    if (!busy() && __atomic_load_n(&stopping, __ATOMIC_SEQ_CST))
      break;
    pause_or_sleep(idle, done < 0 ||
                             __atomic_load_n(&helped, __ATOMIC_RELAXED) != h);
  }
  int finalized = 0;
  mpi->Finalized(&finalized);
  if (finalized)
    return NULL; /* the program ended its MPI itself */
  mpi->Comm_free(&comm);
  if (started_mpi) {
    mpi->Barrier(mpi->comm_world);
    mpi->Finalize();
  }
  return NULL;
}

void __ppar_comm_start(int *rank, int *size, int *max_tag) {
  if (pthread_create(&thread, NULL, progress, NULL))
    __ppar_die("cannot start the MPI progress thread");
  pthread_mutex_lock(&start_mu);
  while (!ready)
    pthread_cond_wait(&start_cv, &start_mu);
  pthread_mutex_unlock(&start_mu);
  if (ready < 0)
    __ppar_die("distributed run (mpirun or PPAR_DIST=mpi): %s", start_error);
  *rank = my_rank;
  *size = nranks;
  *max_tag = tag_ub;
  if (any_thread)
    __ppar_pool_set_poll(poll_messages);
  __ppar_log(__PPAR_LOG_DECISIONS, "rank %d: %s (%s), %s; %s", my_rank,
             mpi->name, mpi->lib,
             started_mpi ? "started by ppar" : "the program's",
             any_thread ? "idle threads poll messages (MPI_THREAD_SERIALIZED)"
                        : "the progress thread alone calls MPI");
}

/* Posts j at once when this thread may call MPI and the turn is free;
 * else whoever holds the turn, or the progress thread, does. */
void __ppar_comm_post(struct __ppar_dist_job *j) {
  if (!j->nmsg) {
    finish(j);
    return;
  }
  push(j);
  if (any_thread)
    try_turns();
  wake_progress();
}

void __ppar_comm_trace_off(void) {
  pthread_mutex_lock(&trace_mu);
  __atomic_store_n(&tracing, 0, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&trace_mu);
}

static int flag_set(void *flag) {
  return __atomic_load_n((int *)flag, __ATOMIC_SEQ_CST);
}

/* The waiting thread runs ready tasks meanwhile: another rank may need
 * the messages of this rank's tasks before it sends what j receives, and
 * with one thread per rank no other thread would run them. */
void __ppar_comm_run(struct __ppar_dist_job *j) {
  int flag = 0;
  j->flag = &flag;
  j->task = NULL;
  j->owned = 0;
  __ppar_comm_post(j);
  __ppar_sched_pool.wait(flag_set, &flag);
}

/* ---- the scheduler ------------------------------------------------------ */

static void dist_start(int nthreads) { __ppar_sched_pool.start(nthreads); }

static void dist_submit(struct __ppar_rt_task *t) {
  if (t->dist_messages)
    __ppar_comm_post(t->dist);
  else
    __ppar_sched_pool.submit(t);
}

static void dist_submit_many(struct __ppar_rt_task *const *ts, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t k = i;
    while (k < n && !ts[k]->dist_messages)
      k++;
    if (k > i)
      __ppar_sched_pool.submit_many(ts + i, k - i);
    if (k < n)
      __ppar_comm_post(ts[k]->dist);
    i = k + 1;
  }
}

/* The pool stops first (its last tasks may post sends), then the progress
 * thread, once everything in flight has completed. */
static void dist_shutdown(void) {
  __ppar_sched_pool.shutdown();
  __atomic_store_n(&stopping, 1, __ATOMIC_SEQ_CST);
  ring();
  pthread_join(thread, NULL);
}

static void dist_wait(int (*done)(void *), void *arg) {
  __ppar_sched_pool.wait(done, arg);
}
static void dist_wake(void) { __ppar_sched_pool.wake(); }
static int dist_on_worker(void) { return __ppar_sched_pool.on_worker(); }
static int dist_workers(void) { return __ppar_sched_pool.workers(); }
static int dist_worker_index(void) { return __ppar_sched_pool.worker_index(); }

const struct __ppar_sched __ppar_sched_dist = {
    .name = "distributed (MPI) threads",
    .start = dist_start,
    .submit = dist_submit,
    .submit_many = dist_submit_many,
    .wait = dist_wait,
    .wake = dist_wake,
    .shutdown = dist_shutdown,
    .on_worker = dist_on_worker,
    .workers = dist_workers,
    .worker_index = dist_worker_index,
};
