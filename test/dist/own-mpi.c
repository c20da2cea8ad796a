// A program that starts MPI itself (MPI_THREAD_MULTIPLE) and makes its own
// MPI calls beside delayed tasks: the runtime joins the program's MPI
// instead of starting it, keeps its messages apart (its own communicator),
// and leaves MPI_Finalize to the program. Prints what the serial build
// prints, on 1, 2 and 4 ranks.
// REQUIRES: mpi-dev
// RUN: %cc_ppar -O2 %s -o %t %mpi_cflags %link_rt %mpi_libs
// RUN: %cc_plain -O2 %s -o %t.plain %mpi_cflags %mpi_libs
// RUN: %check_mpi %t.plain %t
// The same built against MPICH and run under its launcher: the runtime uses
// the library the program is linked with.
// RUN: %if mpich-dev %{ %cc_ppar -O2 %s -o %t.mpich %mpich_cflags %link_rt %mpich_libs %}
// RUN: %if mpich-dev %{ %cc_plain -O2 %s -o %t.mpich.plain %mpich_cflags %mpich_libs %}
// RUN: %if mpich-dev %{ %check_mpich %t.mpich.plain %t.mpich %}
#include <mpi.h>
#include <ppar.h>
#include <stdio.h>

#define N 4000
static double v[N];

PPAR_DELAYED(nogil, out(part[0:n])) void fill(double *part, int n, int k) {
  for (int i = 0; i < n; i++)
    part[i] = k + i * 0.5;
}

int main(int argc, char **argv) {
  int provided, rank, size;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  ppar_distribute(v, sizeof v, PPAR_BLOCK, sizeof v[0]);
  for (int k = 0; k < 8; k++)
    fill(v + k * (N / 8), N / 8, k);
  int one = 1, ranks = 0;
  MPI_Allreduce(&one, &ranks, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  ppar_compute();
  double s = 0;
  for (int i = 0; i < N; i++)
    s += v[i];
  if (rank == 0)
    printf("sum = %.3f, every rank counted: %s\n", s,
           ranks == size ? "yes" : "no");
  MPI_Finalize();
  return 0;
}
