/*
 * dist_sched.c - the progress thread and the distributed scheduler
 * (dist_sched.h).
 *
 * The progress thread owns MPI: it starts it, posts every send and
 * receive, tests them with MPI_Testsome, and ends MPI at exit when it
 * started it. Other threads hand it jobs through a queue under a mutex.
 * While messages are in flight it polls, yielding the CPU, then sleeping
 * a little longer each round that completes nothing (ranks usually share
 * cores with other ranks); with none in flight it sleeps on a condition
 * variable. An MPI error prints one line and aborts every rank
 * (MPI_Abort), so no rank waits for a message that will never come.
 */
#include "dist_sched.h"

#include "dist_mpi.h"
#include "dist_record.h"
#include "error.h"
#include "message.h"
#include "pool.h"
#include "task.h"
#include "trace.h"
#include "vec.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct __ppar_mpi *mpi;
static __ppar_mpi_handle comm;
static int started_mpi; /* ppar called MPI_Init_thread (and so finalizes) */
static int my_rank, nranks;
static int tag_ub; /* the largest tag the library takes (0: unknown) */

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;      /* to the thread  */
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER; /* MPI started   */
static struct __ppar_dist_job **queue; /* under mu */
static size_t nqueue, capqueue;
static int stopping, ready; /* under mu */
static const char *start_error;

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
    if (mpi->Init_thread(NULL, NULL, __PPAR_MPI_THREAD_FUNNELED, &provided)) {
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

static void nap(int idle_rounds) {
  if (idle_rounds < 64) {
    sched_yield();
    return;
  }
  long ns = 2000L << (idle_rounds - 64 < 8 ? idle_rounds - 64 : 8);
  struct timespec ts = {0, ns}; /* 2 us, doubling up to 0.5 ms */
  nanosleep(&ts, NULL);
}

static void *progress(void *arg) {
  (void)arg;
  int ok = start_mpi() == 0;
  pthread_mutex_lock(&mu);
  ready = ok ? 1 : -1;
  pthread_cond_broadcast(&done_cv);
  pthread_mutex_unlock(&mu);
  if (!ok)
    return NULL;
  struct __ppar_dist_job **mine = NULL;
  size_t capmine = 0;
  int idle = 0;
  for (;;) {
    pthread_mutex_lock(&mu);
    while (!nqueue && !nreq && !stopping)
      pthread_cond_wait(&cv, &mu);
    int stop = stopping && !nqueue && !nreq;
    size_t n = nqueue;
    if (n) {
      __ppar_vec_reserve_or_die(&mine, &capmine, n, sizeof *mine, "MPI jobs");
      memcpy(mine, queue, n * sizeof *mine);
      nqueue = 0;
    }
    pthread_mutex_unlock(&mu);
    if (stop)
      break;
    for (size_t i = 0; i < n; i++)
      post(mine[i]);
    if (test() || n)
      idle = 0;
    else
      nap(idle++);
  }
  free(mine);
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
  pthread_mutex_lock(&mu);
  while (!ready)
    pthread_cond_wait(&done_cv, &mu);
  pthread_mutex_unlock(&mu);
  if (ready < 0)
    __ppar_die("distributed run (mpirun or PPAR_DIST=mpi): %s", start_error);
  *rank = my_rank;
  *size = nranks;
  *max_tag = tag_ub;
  __ppar_log(__PPAR_LOG_DECISIONS, "rank %d: %s (%s), %s", my_rank, mpi->name,
             mpi->lib, started_mpi ? "started by ppar" : "the program's");
}

void __ppar_comm_post(struct __ppar_dist_job *j) {
  if (!j->nmsg) {
    finish(j);
    return;
  }
  pthread_mutex_lock(&mu);
  __ppar_vec_reserve_or_die(&queue, &capqueue, nqueue + 1, sizeof *queue,
                            "MPI jobs");
  queue[nqueue++] = j;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
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
  pthread_mutex_lock(&mu);
  stopping = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
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
