/*
 * dist_record.h - what the pictures of an MPI run need to know of the
 * planning (dist_record.c), kept while PPAR_GRAPH is set: the top-level
 * tasks (their number in creation order, the same on every rank, and
 * their runner) and the messages this rank received; and PPAR_TRACE's
 * origin. A leaf: the planner (dist.c), the progress thread
 * (dist_sched.c) and graph_dot.c write here, dist_pictures.c reads.
 */
#ifndef PPAR_RT_DIST_RECORD_H
#define PPAR_RT_DIST_RECORD_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A message this rank received: bytes written last by task from_seq on
 * rank from, for task to_seq here (0: the program's wait); result: the
 * value of task from_seq. */
struct __ppar_rec_message {
  int from;
  uint64_t from_seq, to_seq;
  size_t bytes;
  int result;
};

/* This rank, for the names of tasks (at MPI's start). */
PPAR_INTERNAL void __ppar_rec_set_rank(int rank);

/* Top-level task number seq, local id, planned to run on runner (-1:
 * every rank). Ids grow with seq: one thread makes top-level tasks. */
PPAR_INTERNAL void __ppar_rec_task(uint64_t id, uint64_t seq, int runner);

PPAR_INTERNAL void __ppar_rec_message(int from, uint64_t from_seq,
                                      uint64_t to_seq, size_t bytes,
                                      int result);

/* The messages recorded so far (n of them). */
PPAR_INTERNAL const struct __ppar_rec_message *
__ppar_rec_messages(size_t *n);

/* Did another rank run the task of local id (a top-level task planned on
 * one other rank)? */
PPAR_INTERNAL int __ppar_rec_ran_elsewhere(uint64_t id);

/* Prints the DOT name of the task of local id: r<R>t<seq> for a top-level
 * task, R the rank that ran it (this one when it ran on every rank),
 * r<R>c<id> for a task another task created, R this rank. */
PPAR_INTERNAL void __ppar_rec_node_name(FILE *f, uint64_t id);

/* PPAR_TRACE: when this rank left the barrier every rank passes at MPI's
 * start, so that the ranks' timelines line up. */
PPAR_INTERNAL void __ppar_rec_set_origin(double t);
PPAR_INTERNAL double __ppar_rec_origin(void);

/* Frees the records (at exit, once the pictures are written). */
PPAR_INTERNAL void __ppar_rec_free(void);

#endif /* PPAR_RT_DIST_RECORD_H */
