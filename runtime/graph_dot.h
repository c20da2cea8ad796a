/*
 * graph_dot.h - PPAR_GRAPH=FILE.dot (graph_dot.c): the executed task graph
 * in Graphviz DOT, written at exit.
 */
#ifndef PPAR_RT_GRAPH_DOT_H
#define PPAR_RT_GRAPH_DOT_H

#include "visibility.h"

#include <stdio.h>

struct __ppar_rt_task;

PPAR_INTERNAL void __ppar_dot_init(void); /* once, at start-up */
/* Non-zero when PPAR_GRAPH is set: tasks then record their dependences'
 * ids (dep_ids). */
PPAR_INTERNAL int __ppar_dot_enabled(void);
/* Records t, which has run, and takes over its dep_ids. */
PPAR_INTERNAL void __ppar_dot_record(struct __ppar_rt_task *t);
/* PPAR_GRAPH's file (NULL when unset). */
PPAR_INTERNAL const char *__ppar_dot_path(void);
/* MPI runs, at exit: this rank's cluster body (the tasks it ran) to nodes
 * and the dependences into them to edges; the file is then no longer
 * written here (dist_pictures.c). */
PPAR_INTERNAL void __ppar_dot_rank_part(FILE *nodes, FILE *edges);
/* Writes the file (at exit). */
PPAR_INTERNAL void __ppar_dot_write(void);

#endif /* PPAR_RT_GRAPH_DOT_H */
