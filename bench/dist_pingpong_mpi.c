/*
 * dist_pingpong_mpi.c - MPI's own ping-pong of the sizes of
 * bench/dist_pingpong.c, built with mpicc by bench/dist_run.sh:
 * MPI_Send/MPI_Recv between ranks 0 and 1; microseconds of one way (half a
 * round trip, best of 3 runs).
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int iters = argc > 1 ? atoi(argv[1]) : 1000;
  static const int sizes[] = {8, 1024, 65536, 1 << 20};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    int n = sizes[s], it = n >= 65536 ? iters / 10 : iters;
    char *buf = calloc(1, (size_t)n);
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t0 = MPI_Wtime();
      for (int i = 0; i < it; i++) {
        if (rank == 0) {
          MPI_Send(buf, n, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
          MPI_Recv(buf, n, MPI_BYTE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        } else if (rank == 1) {
          MPI_Recv(buf, n, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
          MPI_Send(buf, n, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
        }
      }
      double t = MPI_Wtime() - t0;
      best = t < best ? t : best;
    }
    if (rank == 0)
      printf("mpi bytes=%d one_way_us=%.2f\n", n, best / it / 2 * 1e6);
    free(buf);
  }
  MPI_Finalize();
  return 0;
}
