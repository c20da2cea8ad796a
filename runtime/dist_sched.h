/*
 * dist_sched.h - the scheduler of the distributed runtime (dist_sched.c), a
 * scheduler.h: the pool runs tasks on this rank's threads, and one
 * progress thread makes every MPI call (MPI_THREAD_FUNNELED when ppar
 * starts MPI itself). A task that must receive data or its result before
 * it can run here, or send data another rank needs, carries a job; its
 * messages are posted when the task is ready, and the task goes to the
 * pool when they have completed: a rank that sends a range goes on only
 * when the receiver has it, so no later task here overwrites it meanwhile
 * (later writers depend on the sending task, which reads the range).
 */
#ifndef PPAR_RT_DIST_SCHED_H
#define PPAR_RT_DIST_SCHED_H

#include "scheduler.h"
#include "visibility.h"

#include <stddef.h>

struct __ppar_rt_task;

/* One point-to-point message of a job: len bytes at buf, to or from peer. */
struct __ppar_dist_msg {
  void *buf;
  size_t len;
  int peer, tag, send;
  double posted; /* PPAR_TRACE: when the progress thread posted it */
};

/* A task's job is its field dist (freed with the task); it also keeps
 * what runs the task here: fn, the generated function when this rank
 * runs it (NULL: another rank does), and where its result goes. */
struct __ppar_dist_job {
  struct __ppar_rt_task *task; /* to the pool when the messages are done  */
  int *flag;                   /* else set to 1 then (__ppar_comm_run)    */
  int owned;                   /* freed by the progress thread when done  */
  void (*fn)(void *args, void *result);
  int result_tag;              /* the runner sends its result to all      */
  __SIZE_TYPE__ result_size;
  int nmsg, pending;
  struct __ppar_dist_job *next; /* in the inbox of jobs to post           */
  struct __ppar_dist_msg msg[];
};

/* A job of n messages (zeroed), followed by extra bytes at
 * __ppar_comm_extra(j); ends the program when memory runs out. */
PPAR_INTERNAL struct __ppar_dist_job *__ppar_comm_job(int n, size_t extra);
static inline void *__ppar_comm_extra(struct __ppar_dist_job *j) {
  return &j->msg[j->nmsg];
}

/* Starts the progress thread, which starts MPI (or joins the program's
 * MPI, which must then provide MPI_THREAD_MULTIPLE) on a private copy of
 * MPI_COMM_WORLD; sets this rank, the number of ranks and the largest tag
 * the library takes (MPI_TAG_UB: at least 32767; 0 if unknown). Ends the program
 * with one line when MPI cannot be loaded or started. */
PPAR_INTERNAL void __ppar_comm_start(int *rank, int *size, int *max_tag);

/* Hands job j to the progress thread: its sends and receives
 * are posted, and when all have completed its task is submitted to the
 * pool or its flag set. */
PPAR_INTERNAL void __ppar_comm_post(struct __ppar_dist_job *j);

/* Posts j (with flag set) and returns when its messages have completed,
 * running this rank's ready tasks meanwhile. */
PPAR_INTERNAL void __ppar_comm_run(struct __ppar_dist_job *j);

/* PPAR_TRACE: the progress thread records no more messages (it may be
 * recording one: this waits for it). */
PPAR_INTERNAL void __ppar_comm_trace_off(void);

/* The pool, where tasks with a job go through the progress thread first. */
PPAR_INTERNAL extern const struct __ppar_sched __ppar_sched_dist;

#endif /* PPAR_RT_DIST_SCHED_H */
