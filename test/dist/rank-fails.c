// A rank that stops in the middle of a distributed run ends the whole run
// with a non-zero status and a line from mpirun naming it, instead of
// leaving the other ranks waiting for a message that never comes: a task
// that runs on rank 1 only traps while rank 0 waits for the half of the
// array it writes; a task that runs on every rank (it calls exit, which
// its accesses cannot describe) exits on rank 1 only.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: not %timeout 60 %mpirun -np 2 %t trap 2> %t.err
// RUN: FileCheck %s < %t.err
// RUN: not %timeout 60 %mpirun -np 2 %t exit 2> %t.err
// RUN: FileCheck %s < %t.err
// CHECK: {{exited on signal|non-zero status}}
// Under MPICH's launcher: a non-zero status too, and for a crash a line
// naming the failing process in Hydra's words.
// RUN: %if mpich %{ not %timeout 60 %mpiexec_mpich -n 2 %t trap > %t.mpich.err 2>&1 %}
// RUN: %if mpich %{ FileCheck --check-prefix=HYDRA %s < %t.mpich.err %}
// RUN: %if mpich %{ not %timeout 60 %mpiexec_mpich -n 2 %t exit > %t.mpich.out 2>&1 %}
// HYDRA: {{BAD TERMINATION|EXIT CODE}}
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000
static double v[N];

PPAR_DELAYED(nogil, out(part[0:n])) void fill(double *part, int n, int trap) {
  if (trap)
    __builtin_trap();
  for (int i = 0; i < n; i++)
    part[i] = i;
}

PPAR_DELAYED() void stop(int code) {
  if (code)
    exit(code);
}

int main(int argc, char **argv) {
  const char *r = getenv("OMPI_COMM_WORLD_RANK");
  if (!r)
    r = getenv("PMI_RANK"); /* MPICH's launcher */
  int here = r && !strcmp(r, "1"); /* this rank fails */
  int trap = argc > 1 && !strcmp(argv[1], "trap");
  ppar_distribute(v, sizeof v, PPAR_BLOCK, sizeof v[0]);
  stop(!trap && here ? 3 : 0);
  fill(v, N / 2, 0);
  fill(v + N / 2, N / 2, trap && here);
  double s = 0;
  for (int i = 0; i < N; i++)
    s += v[i];
  printf("%g\n", s);
  return 0;
}
