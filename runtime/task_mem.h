/*
 * task_mem.h - memory of task objects (task_mem.c): small objects are kept
 * for reuse per thread (Bonwick's magazines) instead of going back to
 * malloc. Thread-safe.
 */
#ifndef PPAR_RT_TASK_MEM_H
#define PPAR_RT_TASK_MEM_H

#include "visibility.h"

#include <stddef.h>

/* size bytes for a task object; sets *pooled, which __ppar_task_free needs
 * back. NULL when out of memory. */
PPAR_INTERNAL void *__ppar_task_alloc(size_t size, unsigned *pooled);
PPAR_INTERNAL void __ppar_task_free(void *p, unsigned pooled);

#endif /* PPAR_RT_TASK_MEM_H */
