/*
 * graph_scope.c - scopes of delayed calls (graph_scope.h): a scope's exit
 * waits for the tasks created in it, as the serial program would have run
 * them by then.
 */
#include "graph_scope.h"

#include "graph_run.h"
#include "message.h"
#include "task.h"
#include "vec.h"

#include <stdlib.h>

/* One frame per open scope of this thread: the tasks created on it while
 * the frame is the innermost one, each with a reference. A scope's leave
 * takes its frame's list for itself before waiting (waiting runs tasks on
 * this thread, which open and close frames of their own above it and may
 * grow the stack of frames), so nothing it walks can move or be freed under
 * it. Frames are reached by index, never by a pointer held across a wait. */
struct scope_frame {
  struct __ppar_rt_task **v;
  size_t n, cap;
};

static _Thread_local struct {
  struct scope_frame *f;
  size_t n, cap;
} scopes;

/* Drops the tasks of v[0, n): first the finished ones (typically most,
 * after a ppar_compute: one look at each), then requests and waits for the
 * others. v belongs to the caller alone. */
static void finish_tasks(struct __ppar_rt_task **v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_is_done(v[i]))
      __ppar_task_unref(v[i]);
    else
      v[k++] = v[i];
  }
  __ppar_task_request_many(v, k);
  for (size_t i = 0; i < k; i++)
    __ppar_task_wait(v[i]);
  for (size_t i = 0; i < k; i++)
    __ppar_task_unref(v[i]);
}

void __ppar_scope_enter(void) {
  __ppar_vec_reserve_or_die(&scopes.f, &scopes.cap, scopes.n + 1,
                            sizeof *scopes.f, "scope stack");
  scopes.f[scopes.n++] = (struct scope_frame){NULL, 0, 0};
}

void __ppar_scope_leave(void) {
  if (!scopes.n)
    __ppar_die("internal error: __ppar_rt_scope_leave without "
               "__ppar_rt_scope_enter; the plugin generated bad code, please "
               "report it");
  size_t me = scopes.n - 1;
  /* The frame stays open while its tasks are waited for: tasks created
   * meanwhile on this thread outside any scope of their own (not generated
   * code) join it and are waited for in the next round. */
  for (;;) {
    struct scope_frame mine = scopes.f[me];
    if (!mine.n) {
      free(mine.v);
      break;
    }
    scopes.f[me] = (struct scope_frame){NULL, 0, 0};
    finish_tasks(mine.v, mine.n);
    free(mine.v);
  }
  if (scopes.n != me + 1)
    __ppar_die("internal error: scopes left out of order; the plugin "
               "generated bad code, please report it");
  scopes.n = me;
  if (!scopes.n) {
    free(scopes.f);
    scopes.f = NULL;
    scopes.cap = 0;
  }
}

void __ppar_scope_add(struct __ppar_rt_task *t) {
  if (!scopes.n)
    return;
  struct scope_frame *f = &scopes.f[scopes.n - 1];
  __ppar_vec_reserve_or_die(&f->v, &f->cap, f->n + 1, sizeof *f->v,
                            "scope's task list");
  __ppar_task_ref(t);
  f->v[f->n++] = t;
}
