/*
 * trace.h - PPAR_TRACE=FILE.json (trace.c): a Chrome/Perfetto trace of the
 * tasks that ran and of the GPU work, written at exit. Events are recorded
 * only when tracing; their strings must live as long as the process.
 * Internal: nothing here is exported.
 */
#ifndef PPAR_RT_TRACE_H
#define PPAR_RT_TRACE_H

#include "visibility.h"

#include <stddef.h>
#include <stdio.h>

struct __ppar_rt_task; /* task.h */

/* ---- Tasks -------------------------------------------------------------- */

PPAR_INTERNAL void __ppar_trace_init(void); /* once, at start-up */
PPAR_INTERNAL int __ppar_trace_enabled(void);
PPAR_INTERNAL double __ppar_trace_now(void); /* microseconds */
/* One task's run, on the row of the thread that ran it. */
PPAR_INTERNAL void __ppar_trace_task(const struct __ppar_rt_task *t,
                                     double start, double end);
/* Writes the file (at exit); again only when events came since. */
PPAR_INTERNAL void __ppar_trace_write(void);

/* ---- MPI runs (dist_pictures.c) ----------------------------------------- */

/* A message this rank (me) sent to or received from peer, on the rank's
 * row of messages: posted at start, completed at end. Callers take turns
 * (whichever thread calls MPI records under dist_sched.c's lock). */
PPAR_INTERNAL void __ppar_trace_message(int send, int peer, int me, int tag,
                                        size_t len, double start,
                                        double end);
/* PPAR_TRACE's file, NULL when unset or already handed over. */
PPAR_INTERNAL const char *__ppar_trace_path(void);
/* Writes this rank's events as process rank + 1 of the timeline, times
 * from origin; the file is then no longer written here. */
PPAR_INTERNAL void __ppar_trace_rank_part(FILE *f, int rank,
                                          double origin);

/* ---- GPU work ----------------------------------------------------------- */

/* Non-zero when PPAR_TRACE is set (initialises the trace on first use). */
PPAR_INTERNAL int __ppar_trace_gpu_on(void);
/* The trace clock, microseconds. */
PPAR_INTERNAL double __ppar_trace_clock(void);
/* One event on this thread's GPU row: cat "compile", "cache", "copy" or
 * "kernel"; name the event's title; fn the user's function; detail an
 * optional text argument (NULL: none); bytes >= 0 adds bytes and GB/s. */
PPAR_INTERNAL void __ppar_trace_gpu(const char *cat, const char *name,
                                    const char *fn, const char *detail,
                                    int device, double start, double end,
                                    double bytes);

#endif /* PPAR_RT_TRACE_H */
