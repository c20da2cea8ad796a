/*
 * abi_futures.c - futures kept in a function's slots (ppar_rt_abi.h,
 * "Futures in a function's slots"): a slot holds the future of the last delayed
 * call that assigned a variable, released when replaced, resolved or at
 * the scope's end.
 */
#include "ppar_rt_abi.h"

#include "graph_run.h"
#include "graph_scope.h"
#include "task.h"
#include "tasks.h"
#include "visibility.h"

#include <string.h>

/* Releases the slot's future and keeps t there instead. */
static struct __ppar_rt_task *set(struct __ppar_rt_task **slot,
                                  struct __ppar_rt_task *t) {
  __ppar_task_unref(*slot);
  *slot = t;
  return t;
}

PPAR_ABI struct __ppar_rt_task *
__ppar_rt_future_set(struct __ppar_rt_task **slot, struct __ppar_rt_task *t) {
  return set(slot, t);
}

PPAR_ABI void __ppar_rt_future_resolve(struct __ppar_rt_task **slot, void *var,
                                       size_t size) {
  struct __ppar_rt_task *t = *slot;
  memcpy(var, __ppar_task_force(t), size);
  *slot = NULL;
  __ppar_task_unref(t);
}

PPAR_ABI void *__ppar_rt_future_force(struct __ppar_rt_task **slot,
                                      struct __ppar_rt_task *t) {
  return __ppar_task_force(set(slot, t));
}

PPAR_ABI void __ppar_rt_scope_leave_release(struct __ppar_rt_task **slots,
                                            int n) {
  __ppar_tasks_scope_leave();
  for (int i = 0; i < n; i++) {
    __ppar_task_unref(slots[i]);
    slots[i] = NULL;
  }
}
