/*
 * task.c - the task object (task.h): creating one, its references, and
 * program order, the order in which the serial program would run tasks.
 */
#include "task.h"

#include "message.h"
#include "task_mem.h"

#include <stdlib.h>
#include <string.h>

static uint64_t next_id; /* atomic */

_Thread_local struct __ppar_rt_task *__ppar_task_running;

struct __ppar_rt_task *__ppar_task_current(void) { return __ppar_task_running; }

struct __ppar_rt_task *
__ppar_task_new(const char *name, const char *file, unsigned line,
                void (*fn)(void *args, void *result), const void *args,
                size_t size, size_t result_size, unsigned flags,
                struct __ppar_rt_task *parent) {
  size_t args_size = (size + 15) & ~(size_t)15;
  size_t total = sizeof(struct __ppar_rt_task) + args_size + result_size;
  unsigned pooled;
  struct __ppar_rt_task *t = __ppar_task_alloc(total, &pooled);
  if (!t || !fn)
    __ppar_die(!t ? "out of memory creating a task of %s (%s:%u)"
                  : "internal error: task of %s (%s:%u) has no function; the "
                    "plugin generated bad code, please report it",
               name ? name : "?", file ? file : "?", line);
  memset(t, 0, sizeof *t);
  t->pooled = pooled;
  t->fn = fn;
  t->name = name ? name : "?";
  t->file = file ? file : "?";
  t->line = line;
  t->flags = flags;
  t->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
  t->parent = parent;
  t->depth = parent ? parent->depth + 1 : 1;
  if (parent)
    __ppar_task_ref(parent);
  t->refs = 3;  /* the future, the execution, the list of all tasks */
  t->count = 2; /* "not requested", and "being created" */
  t->succ = t->inline_succ;
  t->capsucc = 2;
  t->pred = t->inline_pred;
  t->cappred = 2;
  t->args = t->storage;
  t->result = t->storage + args_size;
  if (size)
    memcpy(t->args, args, size);
  if (result_size)
    memset(t->result, 0, result_size);
  return t;
}

void __ppar_task_ref(struct __ppar_rt_task *t) {
  __atomic_fetch_add(&t->refs, 1, __ATOMIC_RELAXED);
}

void __ppar_task_unref(struct __ppar_rt_task *t) {
  /* A loop, not recursion: freeing a task drops its parent's reference. */
  while (t && __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0) {
    struct __ppar_rt_task *parent = t->parent;
    if (t->succ != t->inline_succ)
      free(t->succ);
    if (t->pred != t->inline_pred)
      free(t->pred);
    free(t->dep_ids);
    free(t->dist);
    __ppar_task_free(t, t->pooled);
    t = parent;
  }
}

int __ppar_task_is_done(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->done, __ATOMIC_SEQ_CST);
}

int __ppar_task_is_requested(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->requested, __ATOMIC_ACQUIRE);
}

/* ---- program order --------------------------------------------------------
 *
 * The serial program runs each delayed call where it is made, so its order
 * is a preorder walk of the tree of tasks by creator: a task comes after
 * its creator's earlier tasks (and everything they created) and before its
 * creator's later ones. `__ppar_task_precedes(x, cur)` says whether x lies
 * before the point where running task cur now is in that order: x is a task cur
 * has created (at any depth), or, at the first place their chains of creators
 * part, x's side was created first. cur itself and the tasks that contain
 * it (its creators) do not precede it: they are still running it. A task
 * never waits for, nor gets an edge from, a task that does not precede it;
 * as every wait and edge then points back in one total order, no cycle of
 * waits can form (docs/tasks.md, "Program order"). */
int __ppar_task_precedes(const struct __ppar_rt_task *x,
                         const struct __ppar_rt_task *cur) {
  if (!cur)
    return 1; /* outside any task: every pending task came before */
  const struct __ppar_rt_task *a = x, *b = cur;
  while (a->depth > b->depth) {
    if (a->parent == b)
      return 1; /* created by cur, at some depth */
    a = a->parent;
  }
  while (b->depth > a->depth)
    b = b->parent;
  if (a == b)
    return 0; /* x is cur or contains it */
  while (a->parent != b->parent) {
    a = a->parent;
    b = b->parent;
  }
  return a->id < b->id;
}
