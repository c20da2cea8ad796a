// PPAR_GRAPH writes the executed graph in DOT (a node per task: function and
// call line, filled red under the global lock, green for nogil; an edge per
// dependence, through a future or through memory); PPAR_TRACE writes a
// Chrome/Perfetto trace that is valid JSON with one complete event per task.
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// RUN: rm -f %t.*.dot %t.*.json
// RUN: env PPAR_NUM_THREADS=1 PPAR_GRAPH=%t.1.dot PPAR_TRACE=%t.1.json TSAN_OPTIONS=halt_on_error=1 %t.tsan
// RUN: env PPAR_NUM_THREADS=2 PPAR_GRAPH=%t.2.dot PPAR_TRACE=%t.2.json TSAN_OPTIONS=halt_on_error=1 %t.tsan
// RUN: env PPAR_NUM_THREADS=8 PPAR_GRAPH=%t.8.dot PPAR_TRACE=%t.8.json ASAN_OPTIONS=detect_leaks=1 %t.asan
// RUN: FileCheck %s --input-file=%t.1.dot
// RUN: FileCheck %s --input-file=%t.2.dot
// RUN: FileCheck %s --input-file=%t.8.dot
// RUN: %python -c "import json,sys; [print(len([e for e in json.load(open(f))['traceEvents'] if e['ph'] == 'X'])) for f in sys.argv[1:]]" %t.1.json %t.2.json %t.8.json | FileCheck %s --check-prefix=TRACE
// CHECK:     digraph ppar {
// CHECK-DAG: t1 [label="inc\ntasks-graph.c:[[#LINE_X:]]", fillcolor=lightcoral, {{.*}}];
// CHECK-DAG: t2 [label="inc\ntasks-graph.c:[[#LINE_X+1]]", fillcolor=lightcoral, {{.*}}];
// CHECK-DAG: t3 [label="add\ntasks-graph.c:[[#LINE_X+2]]", fillcolor=palegreen, {{.*}}];
// CHECK-DAG: t4 [label="fill\ntasks-graph.c:[[#LINE_X+3]]", fillcolor=palegreen, {{.*}}];
// CHECK-DAG: t5 [label="fill\ntasks-graph.c:[[#LINE_X+4]]", fillcolor=palegreen, {{.*}}];
// CHECK-DAG: t1 -> t3;
// CHECK-DAG: t2 -> t3;
// CHECK-DAG: t4 -> t5;
// CHECK-NOT: ->
// CHECK:     }
// TRACE-COUNT-3: 5

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

static void inc_task(void *a, void *r) { *(int *)r = *(int *)a + 1; }
struct add_args { struct __ppar_rt_task *x, *y; };
static void add_task(void *a, void *r) {
  struct add_args *p = a;
  *(int *)r = *(int *)__ppar_rt_task_force(p->x) + *(int *)__ppar_rt_task_force(p->y);
}
static void fill_task(void *a, void *r) { (void)r; **(int **)a = 1; }

static int buf[4];

int main(void) {
  int one = 1, two = 2;
  int *p = buf;
  struct __ppar_rt_access acc = {buf, buf + 4, __PPAR_RT_ACCESS_WRITE};
  __ppar_rt_scope_enter();
  struct __ppar_rt_task *x = __ppar_rt_task_create("inc", __FILE__, __LINE__, inc_task, &one, sizeof one, sizeof(int), 0, 0, 0, 0, 0);
  struct __ppar_rt_task *y = __ppar_rt_task_create("inc", __FILE__, __LINE__, inc_task, &two, sizeof two, sizeof(int), 0, 0, 0, 0, 0);
  struct __ppar_rt_task *z = __ppar_rt_task_create("add", __FILE__, __LINE__, add_task, &(struct add_args){x, y}, sizeof(struct add_args), sizeof(int), 0, 0, (struct __ppar_rt_task *[]){x, y}, 2, __PPAR_RT_TASK_NOGIL);
  __ppar_rt_task_release(__ppar_rt_task_create("fill", __FILE__, __LINE__, fill_task, &p, sizeof p, 0, &acc, 1, 0, 0, __PPAR_RT_TASK_NOGIL));
  __ppar_rt_task_release(__ppar_rt_task_create("fill", __FILE__, __LINE__, fill_task, &p, sizeof p, 0, &acc, 1, 0, 0, __PPAR_RT_TASK_NOGIL));
  __ppar_rt_task_release(x);
  __ppar_rt_task_release(y);
  __ppar_rt_task_release(z);
  __ppar_rt_scope_leave();
  return 0;
}
