/*
 * graph_dot.h - PPAR_GRAPH=FILE.dot (graph_dot.c): the executed task graph
 * in Graphviz DOT, written at exit.
 */
#ifndef PPAR_RT_GRAPH_DOT_H
#define PPAR_RT_GRAPH_DOT_H

#include "visibility.h"

struct __ppar_rt_task;

PPAR_INTERNAL void __ppar_dot_init(void); /* once, at start-up */
/* Non-zero when PPAR_GRAPH is set: tasks then record their dependences'
 * ids (dep_ids). */
PPAR_INTERNAL int __ppar_dot_enabled(void);
/* Records t, which has run, and takes over its dep_ids. */
PPAR_INTERNAL void __ppar_dot_record(struct __ppar_rt_task *t);
/* Writes the file (at exit). */
PPAR_INTERNAL void __ppar_dot_write(void);

#endif /* PPAR_RT_GRAPH_DOT_H */
