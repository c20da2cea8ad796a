/*
 * dist_mpi.h - the MPI library, loaded at run time (dist_mpi.c), as the
 * CUDA driver is: the runtime has no link-time dependence on MPI, so one
 * binary runs alone without MPI installed and under mpirun with it.
 *
 * Only Open MPI's ABI is handled (libmpi.so.40): its handles are pointers
 * and its constants (MPI_COMM_WORLD, MPI_BYTE, MPI_ERRORS_RETURN) are the
 * addresses of global objects found with dlsym. MPICH's handles are ints
 * with fixed values (docs/distributed.md says what it would need).
 */
#ifndef PPAR_RT_DIST_MPI_H
#define PPAR_RT_DIST_MPI_H

#include "visibility.h"

/* Open MPI's handles: pointers to its objects. */
typedef void *__ppar_mpi_handle;

struct __ppar_mpi {
  int (*Initialized)(int *flag);
  int (*Finalized)(int *flag);
  int (*Init_thread)(int *argc, char ***argv, int required, int *provided);
  int (*Query_thread)(int *provided);
  int (*Finalize)(void);
  int (*Abort)(__ppar_mpi_handle comm, int code);
  int (*Comm_rank)(__ppar_mpi_handle comm, int *rank);
  int (*Comm_size)(__ppar_mpi_handle comm, int *size);
  int (*Comm_dup)(__ppar_mpi_handle comm, __ppar_mpi_handle *out);
  int (*Comm_free)(__ppar_mpi_handle *comm);
  int (*Comm_get_attr)(__ppar_mpi_handle comm, int key, void *value,
                       int *flag);
  int (*Comm_set_errhandler)(__ppar_mpi_handle comm, __ppar_mpi_handle eh);
  int (*Isend)(const void *buf, int count, __ppar_mpi_handle type, int dest,
               int tag, __ppar_mpi_handle comm, __ppar_mpi_handle *req);
  int (*Irecv)(void *buf, int count, __ppar_mpi_handle type, int source,
               int tag, __ppar_mpi_handle comm, __ppar_mpi_handle *req);
  int (*Testsome)(int n, __ppar_mpi_handle *reqs, int *outcount,
                  int *indices, void *statuses);
  int (*Barrier)(__ppar_mpi_handle comm);
  int (*Error_string)(int code, char *text, int *len);
  __ppar_mpi_handle comm_world, byte, errors_return;
};

enum {
  __PPAR_MPI_THREAD_FUNNELED = 1, /* Open MPI's values (the standard's order) */
  __PPAR_MPI_THREAD_SERIALIZED = 2,
  __PPAR_MPI_THREAD_MULTIPLE = 3,
  __PPAR_MPI_TAG_UB = 0,          /* the attribute key                      */
  __PPAR_MPI_UNDEFINED = -32766   /* Testsome's outcount with no active one */
};

/* The library, loaded on the first call; NULL when it cannot be (why is
 * in *why, a static string). Thread-safe. */
PPAR_INTERNAL const struct __ppar_mpi *__ppar_mpi_load(const char **why);

#endif /* PPAR_RT_DIST_MPI_H */
