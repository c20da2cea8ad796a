// Output once: under mpirun only rank 0's standard output is kept, also
// for what the program prints before its first task; PPAR_DIST_OUTPUT=all
// keeps every rank's; PPAR_DIST=off makes every rank an independent run
// (each prints); PPAR_DIST=mpi alone is a run of one rank. A task that writes nothing and returns nothing runs on
// every rank, so what it prints appears once too.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %mpirun -np 3 %t | FileCheck --check-prefix=ONCE %s
// RUN: env PPAR_DIST_OUTPUT=all %mpirun -np 3 %t | FileCheck --check-prefix=ALL %s
// RUN: env PPAR_DIST=off %mpirun -np 2 %t | FileCheck --check-prefix=OFF %s
// PPAR_DIST=mpi without mpirun: one rank (MPI's singleton start).
// RUN: env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 PPAR_DIST=mpi PPAR_VERBOSE=1 %t 2>&1 | FileCheck --check-prefix=SINGLE %s
// Under MPICH's launcher (PMI_RANK), and MPICH alone as a singleton.
// RUN: %if mpich %{ %mpiexec_mpich -n 3 %t | FileCheck --check-prefix=ONCE %s %}
// RUN: %if mpich %{ env PPAR_DIST_OUTPUT=all %mpiexec_mpich -n 3 %t | FileCheck --check-prefix=ALL %s %}
// RUN: %if mpich %{ env PPAR_MPI_LIB=libmpich.so.12 PPAR_DIST=mpi PPAR_VERBOSE=1 %t 2>&1 | FileCheck --check-prefix=SINGLE %s %}
// A library PPAR_MPI_LIB names that does not load: one line, status 2.
// RUN: not env PPAR_MPI_LIB=libnompi.so.7 PPAR_DIST=mpi %t 2>&1 | FileCheck --check-prefix=NOLIB %s
// NOLIB: ppar: error: distributed run (mpirun or PPAR_DIST=mpi): cannot load PPAR_MPI_LIB='libnompi.so.7': libnompi.so.7: cannot open shared object file
// ONCE: before any task
// ONCE-NOT: before any task
// ONCE: from a task 7
// ONCE-NOT: from a task
// ONCE: result 42
// ONCE-NOT: result
// ALL-COUNT-3: before any task
// SINGLE: rank 0 of 1
// SINGLE: result 42
// OFF-COUNT-2: before any task
#include <ppar.h>
#include <stdio.h>

PPAR_DELAYED() void say(int x) { printf("from a task %d\n", x); }
PPAR_DELAYED(nogil) int answer(int x) { return x * 6; }

int main(void) {
  printf("before any task\n");
  fflush(stdout);
  say(7);
  ppar_compute();
  int r = answer(7);
  printf("result %d\n", r);
  return 0;
}
