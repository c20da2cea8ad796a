// PPAR_GRAPH and PPAR_TRACE of a run on 2 ranks: one DOT file with a
// cluster per rank holding the tasks that rank ran, and the messages as
// blue edges from the task that wrote the data on the sender to the task
// (or the program's wait) that reads it on the receiver; one timeline with
// a process per rank, a row of its MPI messages, and each message a flow
// event from the send to the receive. A message's edge starts at the task
// that wrote last in the data it carries (the directory joins rows 0-1,
// both rank 0's). Rows 0-1 of v are rank 0's, rows
// 2-3 rank 1's: shift(v[2], v[1]) runs on rank 1 with row 1 from rank 0,
// total(v[3]) on rank 1, its result going to rank 0.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
// RUN: rm -f %t.dot %t.json
// RUN: env PPAR_GRAPH=%t.dot PPAR_TRACE=%t.json %mpirun -np 2 %t | FileCheck --check-prefix=OUT %s
// RUN: FileCheck --check-prefix=DOT %s < %t.dot
// RUN: %python %S/Inputs/check_trace.py %t.json 2
// RUN: FileCheck --check-prefix=JSON %s < %t.json
// JSON: {"displayTimeUnit": "ns", "traceEvents": [
// JSON-NEXT: {"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": "rank 0"}}
// JSON-DAG: "name": "MPI progress thread"
// JSON-DAG: {"name": "send 2048 B to rank 1", "cat": "message", "ph": "X", "pid": 1,
// JSON-DAG: {"name": "message", "cat": "message", "ph": "s", "id": {{[0-9]+}}, "pid": 1,
// JSON-DAG: {"name": "receive 8 B from rank 1", "cat": "message", "ph": "X", "pid": 1,
// JSON: {"name": "process_name", "ph": "M", "pid": 2, "tid": 0, "args": {"name": "rank 1"}}
// JSON-DAG: {"name": "receive 2048 B from rank 0", "cat": "message", "ph": "X", "pid": 2,
// JSON-DAG: {"name": "message", "cat": "message", "ph": "f", "bp": "e", "id": {{[0-9]+}}, "pid": 2,
// JSON-DAG: {"name": "total", "cat": "task", "ph": "X", "pid": 2,
// JSON: ]}
// OUT: total = 1350.40
// DOT: digraph ppar {
// DOT: subgraph cluster_rank0 {
// DOT-NEXT: label="rank 0";
// DOT-DAG: r0t1 [label="fill\n{{.*}}pictures.c:{{[0-9]+}}"
// DOT-DAG: r0t2 [label="fill
// DOT-DAG: r0t5 [label="shift
// DOT-DAG: r0p [label="program"
// DOT: subgraph cluster_rank1 {
// DOT-NEXT: label="rank 1";
// DOT-DAG: r1t3 [label="fill
// DOT-DAG: r1t4 [label="fill
// DOT-DAG: r1t6 [label="shift
// DOT-DAG: r1t7 [label="total
// DOT-DAG: r1p [label="program"
// DOT: }
// DOT-DAG: r0t1 -> r0t5;
// DOT-DAG: r0t5 -> r1t6;
// DOT-DAG: r1t6 -> r0p [color=blue, fontcolor=blue, label="4096 B"];
// DOT-DAG: r0t5 -> r1t6 [color=blue, fontcolor=blue, label="2048 B"];
// DOT-DAG: r1t7 -> r0p [color=blue, fontcolor=blue, style=dashed, label="result 8 B"];
// DOT-DAG: r0t5 -> r1p [color=blue, fontcolor=blue, label="2048 B"];
#include <ppar.h>
#include <stdio.h>

#define N 256
static double v[4][N];

PPAR_DELAYED(nogil, out(p[0:n])) void fill(double *p, int n, double x) {
  for (int i = 0; i < n; i++)
    p[i] = x + i * 0.01;
}

PPAR_DELAYED(nogil, in(a[0:n]), out(b[0:n]))
void shift(double *b, const double *a, int n) {
  for (int i = 0; i < n; i++)
    b[i] = a[(i + 1) % n] * 0.5;
}

PPAR_DELAYED(nogil, in(p[0:n])) double total(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += p[i];
  return s;
}

int main(void) {
  ppar_distribute(v, sizeof v, PPAR_BLOCK, sizeof v[0]);
  for (int r = 0; r < 4; r++)
    fill(v[r], N, r + 1.0);
  shift(v[1], v[0], N);
  shift(v[2], v[1], N);
  double t = total(v[3], N);
  printf("total = %.2f\n", t);
  ppar_compute();
  printf("v: %.4f %.4f %.4f\n", v[0][3], v[1][7], v[2][11]);
  return 0;
}
