/*
 * abi_tasks.c - the task entry points of delayed calls (ppar_rt_abi.h,
 * "Tasks of delayed functions"): create, force, release, scopes and
 * waiting for memory, over tasks.c, graph_run.c and graph_scope.c.
 */
#include "ppar_rt_abi.h"

#include "graph_run.h"
#include "graph_scope.h"
#include "record.h"
#include "task.h"
#include "tasks.h"
#include "visibility.h"

PPAR_ABI struct __ppar_rt_task *
__ppar_rt_task_create(const char *name, const char *file, unsigned line,
                      void (*fn)(void *args, void *result), const void *args,
                      size_t size, size_t result_size,
                      const struct __ppar_rt_access *acc, int nacc,
                      struct __ppar_rt_task *const *deps, int ndeps,
                      unsigned flags) {
  /* A task's GPU calls run on its worker's stream, outside a recording's
   * capture: the recording stops capturing here (record.h). */
  if (__ppar_record_any())
    __ppar_record_interrupt(NULL, name, file, line, "creates a task");
  return __ppar_tasks_create(name, file, line, fn, args, size, result_size,
                             acc, nacc, deps, ndeps, flags);
}

PPAR_ABI void *__ppar_rt_task_force(struct __ppar_rt_task *t) {
  return __ppar_task_force(t);
}

/* NULL is fine: __ppar_task_unref does nothing with it. */
PPAR_ABI void __ppar_rt_task_release(struct __ppar_rt_task *t) {
  __ppar_task_unref(t);
}

PPAR_ABI void __ppar_rt_scope_enter(void) { __ppar_tasks_scope_enter(); }

PPAR_ABI void __ppar_rt_scope_leave(void) { __ppar_tasks_scope_leave(); }

PPAR_ABI void __ppar_rt_wait_memory(const void *lo, const void *hi, int mode) {
  __ppar_tasks_wait_memory(lo, hi, mode);
}
