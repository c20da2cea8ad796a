/*
 * api_tasks.c - ppar_compute() of ppar.h: run every pending task of
 * delayed calls (tasks.c).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "tasks.h"
#include "visibility.h"

PPAR_API void ppar_compute(void) { __ppar_tasks_compute(); }
