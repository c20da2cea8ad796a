/*
 * dist_mpi.c - the MPI library loaded with dlopen (dist_mpi.h).
 *
 * RTLD_GLOBAL: Open MPI loads its own components with dlopen, and they
 * find libmpi's symbols in the global scope. A program linked with MPI
 * already has the library loaded; dlopen then returns the same one.
 */
#include "dist_mpi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

static struct __ppar_mpi mpi;
static const char *failure;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *sym(void *lib, const char *name) {
  void *p = dlsym(lib, name);
  if (!p && !failure)
    failure = "the MPI library lacks a function ppar needs (is it Open MPI?)";
  return p;
}

#define FN(field, name) *(void **)&mpi.field = sym(lib, name)

static void load(void) {
  void *lib = dlopen("libmpi.so.40", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {
    failure = "cannot load libmpi.so.40 (Open MPI 3 or later): is Open MPI "
              "installed?";
    return;
  }
  FN(Initialized, "MPI_Initialized");
  FN(Finalized, "MPI_Finalized");
  FN(Init_thread, "MPI_Init_thread");
  FN(Query_thread, "MPI_Query_thread");
  FN(Finalize, "MPI_Finalize");
  FN(Abort, "MPI_Abort");
  FN(Comm_rank, "MPI_Comm_rank");
  FN(Comm_size, "MPI_Comm_size");
  FN(Comm_dup, "MPI_Comm_dup");
  FN(Comm_free, "MPI_Comm_free");
  FN(Comm_get_attr, "MPI_Comm_get_attr");
  FN(Comm_set_errhandler, "MPI_Comm_set_errhandler");
  FN(Isend, "MPI_Isend");
  FN(Irecv, "MPI_Irecv");
  FN(Testsome, "MPI_Testsome");
  FN(Barrier, "MPI_Barrier");
  FN(Error_string, "MPI_Error_string");
  /* Open MPI's predefined handles are the addresses of these objects. */
  mpi.comm_world = sym(lib, "ompi_mpi_comm_world");
  mpi.byte = sym(lib, "ompi_mpi_byte");
  mpi.errors_return = sym(lib, "ompi_mpi_errors_return");
}

const struct __ppar_mpi *__ppar_mpi_load(const char **why) {
  pthread_once(&once, load);
  *why = failure;
  return failure ? NULL : &mpi;
}
