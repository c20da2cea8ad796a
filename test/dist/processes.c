// Process workers: PPAR_PROCESSES=N runs the program as N local processes
// (mpirun started by the runtime before main), the way to run tasks that
// are not nogil on several cores: each process has its own global lock.
// The tasks here hold the lock (no nogil), each partition is filled and
// summed on the process that owns it, and the output is the serial
// build's, printed once, for 1, 2 and 4 processes; every process reports
// its rank. Bad values of PPAR_PROCESSES and PPAR_DIST* get one line.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %t.plain > %t.want
// RUN: env PPAR_PROCESSES=1 %t > %t.1 && diff %t.want %t.1
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 PPAR_PROCESSES=2 %t > %t.2 && diff %t.want %t.2
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 PPAR_PROCESSES=4 PPAR_VERBOSE=1 %t 2> %t.err > %t.4 && diff %t.want %t.4
// RUN: FileCheck --check-prefix=RANKS %s < %t.err
// RUN: FileCheck --check-prefix=OMPI %s < %t.err
// OMPI: rank 0: Open MPI (libmpi.so.40)
// Under MPICH (PPAR_MPI_LIB names it) the runtime starts MPICH's launcher.
// RUN: %if mpich %{ env PPAR_MPI_LIB=libmpich.so.12 PPAR_PROCESSES=4 PPAR_VERBOSE=1 %t 2> %t.mpich.err > %t.mpich.4 %}
// RUN: %if mpich %{ diff %t.want %t.mpich.4 %}
// RUN: %if mpich %{ FileCheck --check-prefix=RANKS %s < %t.mpich.err %}
// RUN: %if mpich %{ FileCheck --check-prefix=MPICH %s < %t.mpich.err %}
// MPICH: rank 0: MPICH (libmpich.so.12)
// RANKS-DAG: rank 0 of 4
// RANKS-DAG: rank 1 of 4
// RANKS-DAG: rank 2 of 4
// RANKS-DAG: rank 3 of 4
// RUN: not env PPAR_PROCESSES=0 %t 2>&1 | FileCheck --check-prefix=BADP %s
// BADP: ppar: error: PPAR_PROCESSES='0' is not valid: expected a whole number from 1 to 64
// RUN: not env PPAR_PROCESSES=65 %t 2>&1 | FileCheck --check-prefix=BADP65 %s
// BADP65: PPAR_PROCESSES='65' is not valid
// RUN: not env PPAR_DIST=yes %t 2>&1 | FileCheck --check-prefix=BADD %s
// BADD: ppar: error: PPAR_DIST='yes' is not valid: expected off (each rank on its own) or mpi (tasks over the ranks)
// RUN: not env PPAR_DIST_OUTPUT=everyone %mpirun -np 2 %t 2>&1 | FileCheck --check-prefix=BADO %s
// BADO: ppar: error: PPAR_DIST_OUTPUT='everyone' is not valid: expected all (every rank's output) or 0 (rank 0's only)
// Without mpirun on PATH: one line, and the program does not run.
// RUN: not env PATH=/nonexistent PPAR_PROCESSES=2 %t > %t.none 2>&1
// RUN: FileCheck --check-prefix=NOLAUNCHER %s < %t.none
// NOLAUNCHER: ppar: error: PPAR_PROCESSES=2: cannot start mpirun (Open MPI's launcher, which runs the processes): No such file or directory
// NOLAUNCHER-NOT: part 0
#include <ppar.h>
#include <stdio.h>

#define PARTS 8
#define N 20000

static double data[PARTS][N];

/* Not nogil: runs under the process's global lock. */
PPAR_DELAYED(out(p[0:n])) void fill(double *p, int n, int seed) {
  unsigned s = (unsigned)seed * 2654435761u + 1;
  for (int i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    p[i] = (double)(s >> 9) / (1u << 23);
  }
}

PPAR_DELAYED(in(p[0:n])) double sum_sq(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += p[i] * p[i];
  return s;
}

int main(void) {
  ppar_distribute(data, sizeof data, PPAR_BLOCK, sizeof data[0]);
  double part[PARTS];
  for (int k = 0; k < PARTS; k++)
    fill(data[k], N, k);
  for (int k = 0; k < PARTS; k++)
    part[k] = sum_sq(data[k], N);
  double total = 0;
  for (int k = 0; k < PARTS; k++) {
    printf("part %d: %.9f\n", k, part[k]);
    total += part[k];
  }
  printf("total %.9f\n", total);
  ppar_compute();
  printf("data[5][77] = %.9f\n", data[5][77]);
  return 0;
}
