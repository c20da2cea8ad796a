// The shapes of a delayed call, in the rewritten text: a future in a slot,
// a task writing an lvalue, a dropped result, a future feeding a task, an
// element another task writes read by address when the task runs, a
// forced use; the scope at entry and at each return; a wait before a
// statement that reads what a task writes (printf, a library function
// that only reads its pointer arguments, needs none). Lines stay put.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t %s
// RUN: FileCheck %s --match-full-lines < %t/delayed.ppar.c
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

PPAR_DELAYED(nogil) double load(int part);
// CHECK-LABEL: PPAR_DELAYED(nogil) double load(int part); struct __ppar_args_load { void *__dst; int __kind; struct __ppar_rt_task *__d0; const void *__s0; int __a0; }; static void __ppar_task_load(void *, void *); {{.*}} return __ppar_rt_task_create("load", __ppar_file, __ppar_line, __ppar_task_load, &__a, sizeof __a, __ppar_dst ? 0 : __ppar_size, __acc, 2, __deps, 1, 0u | __PPAR_RT_TASK_NOGIL); }
PPAR_DELAYED() double combine(double a, double b);
PPAR_DELAYED() void fill(double *v, int n);

double run(int n) {
// CHECK-LABEL: double run(int n) { struct __ppar_rt_task *__ppar_f[4] = {0}; __ppar_rt_scope_enter();
  double a = load(0), b;
// CHECK: double a = (__ppar_rt_future_set(&__ppar_f[0], __ppar_spawn_load(__FILE__, [[#@LINE-1]]u, 0, sizeof(a), 0, 0, 0, 0)), (__typeof__(a)){0}), b;
  b = load(1);
// CHECK: __ppar_rt_future_set(&__ppar_f[1], __ppar_spawn_load(__FILE__, [[#@LINE-1]]u, 0, sizeof(b), 0, 0, 0, 1));
  double buf[8];
  fill(buf, 8);
// CHECK: __ppar_rt_task_release(__ppar_spawn_fill(__FILE__, [[#@LINE-1]]u, 0, 0, 0, buf, (const void *)&(buf), (const void *)(&(buf) + 1), 0, 0, 8));
  buf[0] = combine(a, load(2));
// CHECK: __ppar_rt_task_release(__ppar_spawn_combine(__FILE__, [[#@LINE-1]]u, 0, sizeof(double), &(buf[0] ), __ppar_f[0], 0, (__ppar_f[0] ? (__typeof__(a)){0} : a), __ppar_rt_future_set(&__ppar_f[2], __ppar_spawn_load(__FILE__, [[#@LINE-1]]u, 0, sizeof(double), 0, 0, 0, 2)), 0, (double){0}));
  buf[2] = combine(buf[0], 1.0);
// CHECK: __ppar_rt_task_release(__ppar_spawn_combine(__FILE__, [[#@LINE-1]]u, 0, sizeof(double), &(buf[2] ), 0, &(buf[0]), (double){0}, 0, 0, 1.0));
  if (n > 3)
    return buf[1];
// CHECK: __ppar_rt_wait_memory((const void *)&(buf), (const void *)(&(buf) + 1), __PPAR_RT_ACCESS_READ); if (n > 3)
// CHECK: { double __ppar_ret = buf[1]; __ppar_rt_scope_leave_release(__ppar_f, 4); return __ppar_ret; }
  printf("%g\n", load(3) + b);
// CHECK: printf("%g\n", (*(double *)__ppar_rt_future_force(&__ppar_f[3], __ppar_spawn_load(__FILE__, [[#@LINE-1]]u, 0, sizeof(double), 0, 0, 0, 3))) + (*(__typeof__(b) *)__ppar_rt_future_get(&__ppar_f[1], &b, sizeof(b))));
  return buf[0];
// CHECK: __ppar_rt_wait_memory((const void *)&(buf), (const void *)(&(buf) + 1), __PPAR_RT_ACCESS_READ); { double __ppar_ret = buf[0]; __ppar_rt_scope_leave_release(__ppar_f, 4); return __ppar_ret; }
}

// A local pointer given its block by malloc or calloc, never reassigned:
// tasks and waits use the block's bytes, not all of memory; the size is
// kept where the block is made.
double heap(int n) {
  double *p = malloc(n * sizeof *p), *q = calloc(n, sizeof *q);
// CHECK-LABEL: double heap(int n) { __ppar_rt_scope_enter();
// CHECK: __SIZE_TYPE__ [[P:__ppar_size_p_[0-9]+_[0-9]+]]; __SIZE_TYPE__ [[Q:__ppar_size_q_[0-9]+_[0-9]+]]; double *p = ([[P]] = (n * sizeof *p), malloc(n * sizeof *p)), *q = ([[Q]] = (n) * (sizeof *q), calloc(n, sizeof *q));
  fill(p, n);
// CHECK: __ppar_rt_task_release(__ppar_spawn_fill(__FILE__, [[#@LINE-1]]u, 0, 0, 0, p, (const void *)(p), (const void *)((const char *)(p) + [[P]]), 0, 0, n));
  fill(q, n);
  double first = p[0];
// CHECK: __ppar_rt_wait_memory((const void *)(p), (const void *)((const char *)(p) + [[P]]), __PPAR_RT_ACCESS_READ); double first = p[0];
  free(p);
  free(q);
  return first;
}
