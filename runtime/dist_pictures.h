/*
 * dist_pictures.h - PPAR_GRAPH and PPAR_TRACE of an MPI run
 * (dist_pictures.c): one DOT file with a cluster per rank (the tasks it
 * ran) and the messages as edges between clusters, and one timeline with
 * a process per rank and its messages as flow events; every rank's part
 * is gathered to rank 0 at exit, which writes each file once.
 */
#ifndef PPAR_RT_DIST_PICTURES_H
#define PPAR_RT_DIST_PICTURES_H

#include "visibility.h"

/* At exit, on every rank, once the requested tasks have finished and while
 * MPI still runs: gathers every rank's parts to rank 0, which writes the
 * files; the ranks then write none of their own. Nothing when the run is
 * not distributed or neither variable is set. */
PPAR_INTERNAL void __ppar_dist_pictures(void);

#endif /* PPAR_RT_DIST_PICTURES_H */
