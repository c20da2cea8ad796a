/*
 * dist_processes.h - PPAR_PROCESSES=N (dist_processes.c): the program run
 * as N local processes through Open MPI's launcher (docs/distributed.md,
 * "Process workers").
 */
#ifndef PPAR_RT_DIST_PROCESSES_H
#define PPAR_RT_DIST_PROCESSES_H

#include "visibility.h"

/* Outside a launcher, before main: replaces this process with mpirun
 * starting n copies of the program; returns only when n is 1 (the program
 * runs as it is). Ends the program with one line when mpirun cannot be
 * started. */
PPAR_INTERNAL void __ppar_dist_processes(int n);

#endif /* PPAR_RT_DIST_PROCESSES_H */
