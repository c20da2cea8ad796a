/*
 * dist_mpi.h - the MPI library, loaded at run time (dist_mpi.c), as the
 * CUDA driver is: the runtime has no link-time dependence on MPI, so one
 * binary runs alone without MPI installed and under mpirun with it.
 *
 * Two ABIs: Open MPI's (libmpi.so.40), whose handles are pointers to its
 * objects, found with dlsym; and MPICH's (libmpich.so.12 or libmpi.so.12,
 * also Intel MPI's and MVAPICH's), whose handles are ints of fixed values.
 * Callers see one interface: a handle travels in a pointer-sized integer
 * and is converted to the library's type at each call.
 */
#ifndef PPAR_RT_DIST_MPI_H
#define PPAR_RT_DIST_MPI_H

#include "visibility.h"

#include <stdint.h>

/* A communicator, datatype, error handler or request of either ABI. */
typedef uintptr_t __ppar_mpi_handle;

struct __ppar_mpi {
  const char *name; /* "Open MPI" or "MPICH", for messages */
  const char *lib;  /* the library's file, as dlopen was given it */
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
  /* The value of attribute MPI_TAG_UB of comm, in *ub (0 if unknown). */
  int (*Tag_ub)(__ppar_mpi_handle comm, int *ub);
  int (*Comm_set_errhandler)(__ppar_mpi_handle comm, __ppar_mpi_handle eh);
  /* Bytes, the datatype MPI_BYTE. */
  int (*Isend)(const void *buf, int count, int dest, int tag,
               __ppar_mpi_handle comm, __ppar_mpi_handle *req);
  int (*Irecv)(void *buf, int count, int source, int tag,
               __ppar_mpi_handle comm, __ppar_mpi_handle *req);
  /* Statuses ignored. */
  int (*Testsome)(int n, __ppar_mpi_handle *reqs, int *outcount,
                  int *indices);
  int (*Barrier)(__ppar_mpi_handle comm);
  int (*Error_string)(int code, char *text, int *len);
  __ppar_mpi_handle comm_world, errors_return;
};

enum {
  __PPAR_MPI_THREAD_FUNNELED = 1, /* the standard's order: both ABIs agree */
  __PPAR_MPI_THREAD_SERIALIZED = 2,
  __PPAR_MPI_THREAD_MULTIPLE = 3,
  __PPAR_MPI_UNDEFINED = -32766   /* Testsome's outcount with no active one:
                                     both ABIs agree                        */
};

/* The library, loaded on the first call; NULL when it cannot be (why is
 * in *why, a static string). Which one: PPAR_MPI_LIB's file; else the one
 * the program is linked with; else the launcher's (Open MPI's mpirun sets
 * OMPI_COMM_WORLD_SIZE, MPICH's Hydra PMI_SIZE); else whichever loads.
 * Thread-safe. */
PPAR_INTERNAL const struct __ppar_mpi *__ppar_mpi_load(const char **why);

/* Which kind of MPI a run would load, without loading it: 'o' (Open MPI)
 * or 'm' (MPICH), from PPAR_MPI_LIB's name, else from the libraries that
 * can be found (Open MPI first); 0 when neither. For PPAR_PROCESSES, which
 * must start the matching launcher. */
PPAR_INTERNAL int __ppar_mpi_kind(void);

#endif /* PPAR_RT_DIST_MPI_H */
