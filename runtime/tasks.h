/*
 * tasks.h - the task graph of delayed functions as a whole (tasks.c): what
 * the entry points of api_tasks.c and abi_tasks.c do.
 */
#ifndef PPAR_RT_TASKS_H
#define PPAR_RT_TASKS_H

#include "ppar_rt_abi.h"
#include "visibility.h"

#include <stddef.h>

/* Starts the scheduler and the exit handler once. */
PPAR_INTERNAL void __ppar_tasks_init(void);

/* __ppar_rt_task_create (ppar_rt_abi.h): a new task with its dependences,
 * in the innermost scope; run at once under PPAR_DISABLE_JIT, requested
 * at once when eager. */
PPAR_INTERNAL struct __ppar_rt_task *
__ppar_tasks_create(const char *name, const char *file, unsigned line,
                    void (*fn)(void *args, void *result), const void *args,
                    size_t size, size_t result_size,
                    const struct __ppar_rt_access *acc, int nacc,
                    struct __ppar_rt_task *const *deps, int ndeps,
                    unsigned flags);

/* ppar_compute (ppar.h): runs every task created so far, and those they
 * create; inside a task, waits only for the tasks before it in program
 * order. */
PPAR_INTERNAL void __ppar_tasks_compute(void);

/* __ppar_rt_wait_memory (ppar_rt_abi.h): returns when the unfinished tasks
 * before this point that access [lo, hi) in a way that conflicts with mode
 * have run. */
PPAR_INTERNAL void __ppar_tasks_wait_memory(const void *lo, const void *hi,
                                            int mode);

/* __ppar_rt_scope_enter/leave (ppar_rt_abi.h): graph_scope.c's scopes;
 * under MPI a top-level scope's end also gives every rank what its tasks
 * wrote (dist.h). */
PPAR_INTERNAL void __ppar_tasks_scope_enter(void);
PPAR_INTERNAL void __ppar_tasks_scope_leave(void);

#endif /* PPAR_RT_TASKS_H */
