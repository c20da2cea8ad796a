/*
 * trace.c - PPAR_TRACE=FILE.json: a Chrome/Perfetto trace ("Trace Event
 * Format") of the tasks, one row per thread that ran them, and of the GPU
 * work (compiles, cache hits, copies, kernels), one row per thread that
 * called a GPU variant, written at exit. Each thread appends to its own
 * buffers; only registering a buffer and writing the file take the lock.
 * Under MPI each rank is a process of the timeline and its progress thread
 * a row of sends and receives, joined by flow events (dist_pictures.c
 * gathers the ranks' parts to rank 0, which writes the file).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "trace.h"

#include "ppar_rt_abi.h"

#include "config.h"
#include "message.h"
#include "scheduler.h"
#include "task.h"
#include "vec.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct event {
  const char *name, *file;
  unsigned line;
  int device; /* a placed task's (task_place.h), else -1 */
  uint64_t id;
  double start, end;
};

/* GPU work (trace.h, __ppar_trace_gpu); strings live as long as the
 * process. */
struct gpu_event {
  const char *cat, *name, *fn, *detail;
  int device;
  double start, end, bytes;
};

/* A message between MPI ranks, from its post to its completion. */
struct msg_event {
  int send, peer, me, tag;
  size_t len;
  double start, end;
};

enum { TASKS, GPU, MESSAGES };

struct buffer {
  int tid, worker;
  int kind; /* which of ev, gev and mev this thread's events are in */
  struct event *ev;
  struct gpu_event *gev;
  struct msg_event *mev;
  size_t n, cap;
  struct buffer *next;
};

static const char *path; /* set once at start-up */
static struct timespec t0;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct buffer *buffers; /* under mu */
static int nbuffers;
static _Thread_local struct buffer *mine, *mine_gpu;
/* One row of messages per rank: any thread that calls MPI records them,
 * one at a time (the caller serializes, dist_sched.c). */
static struct buffer *all_msg;
static int merged; /* an MPI rank has handed over its part: no file here */
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
/* Events recorded (atomic) and how many the file written last held: the
 * file is written by the task graph's exit handler and by our own (a
 * program may use the GPU and no task); the second write only when
 * something was added since. */
static unsigned long recorded, written = (unsigned long)-1;

static void write_at_exit(void) { __ppar_trace_write(); }

static void init(void) {
  path = __ppar_config()->trace;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  /* Registered before the task graph's handler (which calls init first),
   * so it runs after it and sees every event. */
  if (path && atexit(write_at_exit))
    __ppar_die("cannot register the trace's exit handler (PPAR_TRACE)");
}

void __ppar_trace_init(void) { pthread_once(&init_once, init); }

int __ppar_trace_enabled(void) { return path != NULL; }

int __ppar_trace_gpu_on(void) {
  pthread_once(&init_once, init);
  return path != NULL;
}

double __ppar_trace_clock(void) { return __ppar_trace_now(); }

double __ppar_trace_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0.tv_sec) * 1e6 +
         (double)(t.tv_nsec - t0.tv_nsec) / 1e3;
}

/* This thread's buffer of events of kind, with room for one more. */
static struct buffer *buffer(struct buffer **slot, int kind) {
  struct buffer *b = *slot;
  if (!b) {
    b = calloc(1, sizeof *b);
    if (!b)
      __ppar_die("out of memory recording the trace (PPAR_TRACE)");
    /* MPI message rows belong to the progress thread, not a worker. */
    b->worker =
        kind == MESSAGES || !__ppar_sched ? -1 : __ppar_sched->worker_index();
    b->kind = kind;
    pthread_mutex_lock(&mu);
    b->tid = ++nbuffers;
    b->next = buffers;
    buffers = b;
    pthread_mutex_unlock(&mu);
    *slot = b;
  }
  int failed =
      kind == GPU ? __ppar_vec_reserve(&b->gev, &b->cap, b->n + 1,
                                       sizeof *b->gev)
      : kind == MESSAGES
          ? __ppar_vec_reserve(&b->mev, &b->cap, b->n + 1, sizeof *b->mev)
          : __ppar_vec_reserve(&b->ev, &b->cap, b->n + 1, sizeof *b->ev);
  if (failed)
    __ppar_die("out of memory recording the trace (PPAR_TRACE)");
  __atomic_fetch_add(&recorded, 1, __ATOMIC_RELAXED);
  return b;
}

void __ppar_trace_task(const struct __ppar_rt_task *t, double start,
                       double end) {
  struct buffer *b = buffer(&mine, TASKS);
  b->ev[b->n++] =
      (struct event){t->name, t->file, t->line,
                     t->flags & __PPAR_RT_TASK_GPU ? t->device : -1, t->id,
                     start, end};
}

void __ppar_trace_gpu(const char *cat, const char *name, const char *fn,
                      const char *detail, int device, double start,
                      double end, double bytes) {
  if (!__ppar_trace_gpu_on())
    return;
  struct buffer *b = buffer(&mine_gpu, GPU);
  b->gev[b->n++] = (struct gpu_event){cat,    name,  fn ? fn : "",
                                      detail, device, start,
                                      end,    bytes};
}

void __ppar_trace_message(int send, int peer, int me, int tag, size_t len,
                          double start, double end) {
  struct buffer *b = buffer(&all_msg, MESSAGES);
  b->mev[b->n++] = (struct msg_event){send, peer, me, tag, len, start, end};
}

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void write_gpu_events(FILE *f, const struct buffer *b, int pid,
                             double origin) {
  for (size_t i = 0; i < b->n; i++) {
    const struct gpu_event *e = &b->gev[i];
    double dur = e->end > e->start ? e->end - e->start : 0;
    fprintf(f, ",\n{\"name\": ");
    put_string(f, e->name);
    fprintf(f, ", \"cat\": ");
    put_string(f, e->cat);
    fprintf(f, ", \"ph\": \"X\", \"pid\": %d, \"tid\": %d, \"ts\": %.3f, "
               "\"dur\": %.3f, \"args\": {\"function\": ",
            pid, b->tid, e->start - origin, dur);
    put_string(f, e->fn);
    fprintf(f, ", \"device\": %d", e->device);
    if (e->detail) {
      fprintf(f, ", \"kernels\": ");
      put_string(f, e->detail);
    }
    if (e->bytes >= 0)
      /* bytes per microsecond is 1e-3 GB/s */
      fprintf(f, ", \"bytes\": %.0f, \"GB/s\": %.3f", e->bytes,
              dur > 0 ? e->bytes / dur * 1e-3 : 0.0);
    fprintf(f, "}}");
  }
}

/* A message: a slice on the progress thread's row, and the end of a flow
 * event from the send to the receive. Both sides know the tag and the
 * receiver, which name the flow (a result goes to every rank with one tag). */
static void write_msg_events(FILE *f, const struct buffer *b, int pid,
                             double origin) {
  for (size_t i = 0; i < b->n; i++) {
    const struct msg_event *e = &b->mev[i];
    double start = e->start - origin, dur = e->end - e->start;
    if (dur < 0.002)
      dur = 0.002;
    int receiver = e->send ? e->peer : e->me;
    unsigned long long flow = (unsigned long long)e->tag << 8 | (unsigned)receiver;
    fprintf(f, ",\n{\"name\": \"%s %zu B %s rank %d\", \"cat\": \"message\", "
               "\"ph\": \"X\", \"pid\": %d, \"tid\": %d, \"ts\": %.3f, "
               "\"dur\": %.3f, \"args\": {\"bytes\": %zu, \"peer\": %d, "
               "\"tag\": %d}}",
            e->send ? "send" : "receive", e->len, e->send ? "to" : "from",
            e->peer, pid, b->tid, start, dur, e->len, e->peer, e->tag);
    /* The flow starts at the send's post and ends inside the receive's
     * slice, at its completion. */
    fprintf(f, ",\n{\"name\": \"message\", \"cat\": \"message\", "
               "\"ph\": \"%s\", %s\"id\": %llu, \"pid\": %d, \"tid\": %d, "
               "\"ts\": %.3f}",
            e->send ? "s" : "f", e->send ? "" : "\"bp\": \"e\", ", flow, pid,
            b->tid, e->send ? start : start + dur - 0.001);
  }
}

/* One process of the timeline: its name, then every buffer's events. */
static void write_process(FILE *f, int pid, const char *pname, double origin) {
  fprintf(f, "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": %d, "
             "\"tid\": 0, \"args\": {\"name\": ",
          pid);
  put_string(f, pname);
  fprintf(f, "}}");
  for (struct buffer *b = buffers; b; b = b->next) {
    char name[48];
    /* Each host thread has its own stream (gpu_xfer.c): one row per
     * stream, so that the overlap of tasks' GPU work shows. */
    if (b->kind == GPU && b->worker >= 0)
      snprintf(name, sizeof name, "GPU stream of worker %d", b->worker + 1);
    else if (b->kind == GPU)
      snprintf(name, sizeof name, "GPU stream of thread %d", b->tid);
    else if (b->kind == MESSAGES)
      snprintf(name, sizeof name, "MPI progress thread");
    else if (b->worker >= 0)
      snprintf(name, sizeof name, "worker %d", b->worker + 1);
    else
      snprintf(name, sizeof name, "waiting thread %d", b->tid);
    fprintf(f, ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": %d, "
               "\"tid\": %d, \"args\": {\"name\": \"%s\"}}",
            pid, b->tid, name);
    if (b->kind == GPU) {
      write_gpu_events(f, b, pid, origin);
      continue;
    }
    if (b->kind == MESSAGES) {
      write_msg_events(f, b, pid, origin);
      continue;
    }
    for (size_t i = 0; i < b->n; i++) {
      const struct event *e = &b->ev[i];
      fprintf(f, ",\n{\"name\": ");
      put_string(f, e->name);
      fprintf(f, ", \"cat\": \"task\", \"ph\": \"X\", \"pid\": %d, "
                 "\"tid\": %d, \"ts\": %.3f, \"dur\": %.3f, "
                 "\"args\": {\"file\": ",
              pid, b->tid, e->start - origin, e->end - e->start);
      put_string(f, e->file);
      fprintf(f, ", \"line\": %u, \"task\": %llu", e->line,
              (unsigned long long)e->id);
      if (e->device >= 0)
        fprintf(f, ", \"device\": %d", e->device);
      fprintf(f, "}}");
    }
  }
}

const char *__ppar_trace_path(void) { return merged ? NULL : path; }

void __ppar_trace_rank_part(FILE *f, int rank, double origin) {
  pthread_mutex_lock(&mu);
  char pname[32];
  snprintf(pname, sizeof pname, "rank %d", rank);
  write_process(f, rank + 1, pname, origin);
  merged = 1;
  pthread_mutex_unlock(&mu);
}

/* At exit, after the workers have stopped. */
void __ppar_trace_write(void) {
  if (!path || merged)
    return;
  pthread_mutex_lock(&mu);
  unsigned long now = __atomic_load_n(&recorded, __ATOMIC_RELAXED);
  if (now == written) {
    pthread_mutex_unlock(&mu);
    return;
  }
  written = now;
  FILE *f = fopen(path, "w");
  if (!f) {
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
    pthread_mutex_unlock(&mu);
    return;
  }
  fprintf(f, "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n");
  write_process(f, 1, "ppar tasks", 0);
  fprintf(f, "\n]}\n");
  if (fclose(f))
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
  pthread_mutex_unlock(&mu);
}
