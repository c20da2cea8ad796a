/*
 * trace.c - PPAR_TRACE=FILE.json: a Chrome/Perfetto trace ("Trace Event
 * Format") of the tasks, one row per thread that ran them, written at exit.
 * Each thread appends to its own buffer; only registering a buffer and
 * writing the file take the lock.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "config.h"
#include "error.h"
#include "scheduler.h"
#include "task.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct event {
  const char *name, *file;
  unsigned line;
  uint64_t id;
  double start, end;
};

struct buffer {
  int tid, worker;
  struct event *ev;
  size_t n, cap;
  struct buffer *next;
};

static const char *path; /* set once at start-up */
static struct timespec t0;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct buffer *buffers; /* under mu */
static int nbuffers;
static _Thread_local struct buffer *mine;

void __ppar_trace_init(void) {
  path = __ppar_config()->trace;
  clock_gettime(CLOCK_MONOTONIC, &t0);
}

int __ppar_trace_enabled(void) { return path != NULL; }

double __ppar_trace_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0.tv_sec) * 1e6 +
         (double)(t.tv_nsec - t0.tv_nsec) / 1e3;
}

void __ppar_trace_task(const struct __ppar_rt_task *t, double start,
                       double end) {
  struct buffer *b = mine;
  if (!b) {
    b = calloc(1, sizeof *b);
    if (!b)
      __ppar_die("out of memory recording the trace (PPAR_TRACE)");
    b->worker = __ppar_pool_worker_index();
    pthread_mutex_lock(&mu);
    b->tid = ++nbuffers;
    b->next = buffers;
    buffers = b;
    pthread_mutex_unlock(&mu);
    mine = b;
  }
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 1024;
    struct event *e = realloc(b->ev, cap * sizeof *e);
    if (!e)
      __ppar_die("out of memory recording the trace (PPAR_TRACE)");
    b->ev = e;
    b->cap = cap;
  }
  b->ev[b->n++] =
      (struct event){t->name, t->file, t->line, t->id, start, end};
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

/* At exit, after the workers have stopped. */
void __ppar_trace_write(void) {
  if (!path)
    return;
  pthread_mutex_lock(&mu);
  FILE *f = fopen(path, "w");
  if (!f) {
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
    pthread_mutex_unlock(&mu);
    return;
  }
  fprintf(f, "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n");
  fprintf(f, "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, "
             "\"tid\": 0, \"args\": {\"name\": \"ppar tasks\"}}");
  for (struct buffer *b = buffers; b; b = b->next) {
    char name[48];
    if (b->worker >= 0)
      snprintf(name, sizeof name, "worker %d", b->worker + 1);
    else
      snprintf(name, sizeof name, "waiting thread %d", b->tid);
    fprintf(f, ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, "
               "\"tid\": %d, \"args\": {\"name\": \"%s\"}}",
            b->tid, name);
    for (size_t i = 0; i < b->n; i++) {
      const struct event *e = &b->ev[i];
      fprintf(f, ",\n{\"name\": ");
      put_string(f, e->name);
      fprintf(f, ", \"cat\": \"task\", \"ph\": \"X\", \"pid\": 1, \"tid\": %d, "
                 "\"ts\": %.3f, \"dur\": %.3f, \"args\": {\"file\": ",
              b->tid, e->start, e->end - e->start);
      put_string(f, e->file);
      fprintf(f, ", \"line\": %u, \"task\": %llu}}", e->line,
              (unsigned long long)e->id);
    }
  }
  fprintf(f, "\n]}\n");
  if (fclose(f))
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
  pthread_mutex_unlock(&mu);
}
