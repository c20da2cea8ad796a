/*
 * dist_mpi.c - the MPI library loaded with dlopen (dist_mpi.h), Open MPI's
 * ABI or MPICH's.
 *
 * RTLD_GLOBAL: Open MPI loads its own components with dlopen, and they
 * find libmpi's symbols in the global scope. A program linked with MPI
 * already has the library loaded; that one is used (dlopen of its file
 * returns it again), whatever the launcher.
 *
 * The two ABIs differ in the type of a handle (Open MPI: a pointer to an
 * object, MPICH: an int) and in the values of the predefined ones, so each
 * call is written once per ABI by ABI_CALLS below, converting the
 * pointer-sized handles of dist_mpi.h to the library's type.
 */
#define _GNU_SOURCE
#include "dist_mpi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct __ppar_mpi mpi;
static const char *failure;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *lib;

/* Where MPICH's ABI puts what Open MPI's finds with dlsym. */
enum {
  MPICH_COMM_WORLD = 0x44000000,
  MPICH_BYTE = 0x4c00010d,
  MPICH_ERRORS_RETURN = 0x54000001,
  MPICH_TAG_UB = 0x64400001,
  OMPI_TAG_UB = 0 /* an enum in Open MPI's mpi.h */
};

static void *sym(const char *name) {
  void *p = dlsym(lib, name);
  if (!p && !failure)
    failure = "the MPI library lacks a function ppar needs (Open MPI or "
              "an MPICH-compatible MPI is needed)";
  return p;
}

/* Functions that take no handle are the same in both ABIs. */
#define FN(field, name) *(void **)&mpi.field = sym(name)

/* The calls that take handles, for an ABI whose handle type is H, datatype
 * MPI_BYTE `byte`, MPI_STATUSES_IGNORE `ignore` and MPI_TAG_UB key `ub`:
 * the library's functions in P##fn, and wrappers P##... of dist_mpi.h's
 * types. A request array is passed as it is where H is pointer-sized,
 * else through a copy. */
#define ABI_CALLS(P, H, byte, ignore, ub)                                     \
  static struct {                                                             \
    int (*Abort)(H, int);                                                     \
    int (*Comm_rank)(H, int *);                                               \
    int (*Comm_size)(H, int *);                                               \
    int (*Comm_dup)(H, H *);                                                  \
    int (*Comm_free)(H *);                                                    \
    int (*Comm_get_attr)(H, int, void *, int *);                              \
    int (*Comm_set_errhandler)(H, H);                                         \
    int (*Isend)(const void *, int, H, int, int, H, H *);                     \
    int (*Irecv)(void *, int, H, int, int, H, H *);                           \
    int (*Testsome)(int, H *, int *, int *, void *);                          \
    int (*Barrier)(H);                                                        \
  } P##fn;                                                                    \
  static H P##h(__ppar_mpi_handle x) { return (H)x; }                         \
  static int P##Abort(__ppar_mpi_handle c, int code) {                        \
    return P##fn.Abort(P##h(c), code);                                        \
  }                                                                           \
  static int P##Comm_rank(__ppar_mpi_handle c, int *r) {                      \
    return P##fn.Comm_rank(P##h(c), r);                                       \
  }                                                                           \
  static int P##Comm_size(__ppar_mpi_handle c, int *s) {                      \
    return P##fn.Comm_size(P##h(c), s);                                       \
  }                                                                           \
  static int P##Comm_dup(__ppar_mpi_handle c, __ppar_mpi_handle *out) {      \
    H x;                                                                      \
    int rc = P##fn.Comm_dup(P##h(c), &x);                                     \
    *out = (__ppar_mpi_handle)x;                                              \
    return rc;                                                                \
  }                                                                           \
  static int P##Comm_free(__ppar_mpi_handle *c) {                             \
    H x = P##h(*c);                                                           \
    int rc = P##fn.Comm_free(&x);                                             \
    *c = (__ppar_mpi_handle)x;                                                \
    return rc;                                                                \
  }                                                                           \
  static int P##Tag_ub(__ppar_mpi_handle c, int *value) {                     \
    int *v = NULL, flag = 0;                                                  \
    int rc = P##fn.Comm_get_attr(P##h(c), ub, &v, &flag);                     \
    *value = rc == 0 && flag && v ? *v : 0;                                   \
    return rc;                                                                \
  }                                                                           \
  static int P##Comm_set_errhandler(__ppar_mpi_handle c,                      \
                                    __ppar_mpi_handle e) {                    \
    return P##fn.Comm_set_errhandler(P##h(c), P##h(e));                       \
  }                                                                           \
  static int P##Isend(const void *buf, int n, int dest, int tag,              \
                      __ppar_mpi_handle c, __ppar_mpi_handle *req) {          \
    H r;                                                                      \
    int rc = P##fn.Isend(buf, n, (H)(byte), dest, tag, P##h(c), &r);          \
    *req = (__ppar_mpi_handle)r;                                              \
    return rc;                                                                \
  }                                                                           \
  static int P##Irecv(void *buf, int n, int source, int tag,                  \
                      __ppar_mpi_handle c, __ppar_mpi_handle *req) {          \
    H r;                                                                      \
    int rc = P##fn.Irecv(buf, n, (H)(byte), source, tag, P##h(c), &r);        \
    *req = (__ppar_mpi_handle)r;                                              \
    return rc;                                                                \
  }                                                                           \
  static int P##Testsome(int n, __ppar_mpi_handle *reqs, int *outcount,       \
                         int *indices) {                                      \
    if (sizeof(H) == sizeof *reqs)                                            \
      return P##fn.Testsome(n, (H *)(void *)reqs, outcount, indices,          \
                            (void *)(uintptr_t)(ignore));                                \
    static H *copy; /* the progress thread's alone */                         \
    static int capcopy;                                                       \
    if (n > capcopy) {                                                        \
      H *c = realloc(copy, (size_t)n * sizeof *c);                            \
      if (!c)                                                                 \
        return -1;                                                            \
      copy = c;                                                               \
      capcopy = n;                                                            \
    }                                                                         \
    for (int i = 0; i < n; i++)                                               \
      copy[i] = P##h(reqs[i]);                                                \
    int rc = P##fn.Testsome(n, copy, outcount, indices, (void *)(uintptr_t)(ignore));    \
    for (int i = 0; i < n; i++)                                               \
      reqs[i] = (__ppar_mpi_handle)copy[i];                                   \
    return rc;                                                                \
  }                                                                           \
  static int P##Barrier(__ppar_mpi_handle c) {                                \
    return P##fn.Barrier(P##h(c));                                            \
  }                                                                           \
  static void P##load(void) {                                                 \
    *(void **)&P##fn.Abort = sym("MPI_Abort");                                \
    *(void **)&P##fn.Comm_rank = sym("MPI_Comm_rank");                        \
    *(void **)&P##fn.Comm_size = sym("MPI_Comm_size");                        \
    *(void **)&P##fn.Comm_dup = sym("MPI_Comm_dup");                          \
    *(void **)&P##fn.Comm_free = sym("MPI_Comm_free");                        \
    *(void **)&P##fn.Comm_get_attr = sym("MPI_Comm_get_attr");                \
    *(void **)&P##fn.Comm_set_errhandler = sym("MPI_Comm_set_errhandler");    \
    *(void **)&P##fn.Isend = sym("MPI_Isend");                                \
    *(void **)&P##fn.Irecv = sym("MPI_Irecv");                                \
    *(void **)&P##fn.Testsome = sym("MPI_Testsome");                          \
    *(void **)&P##fn.Barrier = sym("MPI_Barrier");                            \
    mpi.Abort = P##Abort;                                                     \
    mpi.Comm_rank = P##Comm_rank;                                             \
    mpi.Comm_size = P##Comm_size;                                             \
    mpi.Comm_dup = P##Comm_dup;                                               \
    mpi.Comm_free = P##Comm_free;                                             \
    mpi.Tag_ub = P##Tag_ub;                                                   \
    mpi.Comm_set_errhandler = P##Comm_set_errhandler;                         \
    mpi.Isend = P##Isend;                                                     \
    mpi.Irecv = P##Irecv;                                                     \
    mpi.Testsome = P##Testsome;                                               \
    mpi.Barrier = P##Barrier;                                                 \
  }                                                                           \
  static void P##load(void) /* the invocation's semicolon ends this */

/* Open MPI: handles are pointers, MPI_BYTE the address of ompi_mpi_byte
 * (set at load), MPI_STATUSES_IGNORE NULL. */
static void *ompi_byte;
ABI_CALLS(ompi_, void *, ompi_byte, NULL, OMPI_TAG_UB);
/* MPICH: handles are ints, MPI_STATUSES_IGNORE (MPI_Status *)1. */
ABI_CALLS(mpich_, int, MPICH_BYTE, 1, MPICH_TAG_UB);

static const char *env(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

/* Sonames, by kind: Open MPI 3 and later; MPICH 3 and later (Debian's
 * libmpich.so.12; libmpi.so.12 elsewhere, and Intel MPI's). */
static const char *const ompi_libs[] = {"libmpi.so.40", NULL};
static const char *const mpich_libs[] = {"libmpich.so.12", "libmpi.so.12",
                                         NULL};

static void *open_first(const char *const *names, const char **which) {
  for (; *names; names++) {
    void *h = dlopen(*names, RTLD_NOW | RTLD_GLOBAL);
    if (h) {
      *which = *names;
      return h;
    }
  }
  return NULL;
}

/* The library the program is linked with, if any (its MPI_Init_thread is
 * already in the global scope). */
static void *linked(const char **which) {
  void *f = dlsym(RTLD_DEFAULT, "MPI_Init_thread");
  Dl_info info;
  if (!f || !dladdr(f, &info) || !info.dli_fname)
    return NULL;
  void *h = dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL);
  if (h)
    *which = info.dli_fname;
  return h;
}

/* The library to use, by the order of dist_mpi.h. */
static void *open_library(const char **which) {
  const char *named = env("PPAR_MPI_LIB");
  if (named) {
    *which = named;
    return dlopen(named, RTLD_NOW | RTLD_GLOBAL);
  }
  void *h = linked(which);
  if (h)
    return h;
  int mpich_first = !env("OMPI_COMM_WORLD_SIZE") && env("PMI_SIZE");
  if (mpich_first && (h = open_first(mpich_libs, which)))
    return h;
  if ((h = open_first(ompi_libs, which)))
    return h;
  return open_first(mpich_libs, which);
}

static void load(void) {
  lib = open_library(&mpi.lib);
  if (!lib) {
    static char text[512];
    if (env("PPAR_MPI_LIB")) {
      snprintf(text, sizeof text, "cannot load PPAR_MPI_LIB='%s': %s",
               env("PPAR_MPI_LIB"), dlerror());
      failure = text;
    } else {
      failure = "cannot load libmpi.so.40 (Open MPI 3 or later), "
                "libmpich.so.12 or libmpi.so.12 (MPICH 3 or later): is MPI "
                "installed?";
    }
    return;
  }
  FN(Initialized, "MPI_Initialized");
  FN(Finalized, "MPI_Finalized");
  FN(Init_thread, "MPI_Init_thread");
  FN(Query_thread, "MPI_Query_thread");
  FN(Finalize, "MPI_Finalize");
  FN(Error_string, "MPI_Error_string");
  /* Open MPI's predefined handles are the addresses of these objects. */
  void *world = dlsym(lib, "ompi_mpi_comm_world");
  if (world) {
    mpi.name = "Open MPI";
    ompi_byte = sym("ompi_mpi_byte");
    mpi.comm_world = (__ppar_mpi_handle)world;
    mpi.errors_return = (__ppar_mpi_handle)sym("ompi_mpi_errors_return");
    ompi_load();
  } else {
    mpi.name = "MPICH";
    mpi.comm_world = MPICH_COMM_WORLD;
    mpi.errors_return = MPICH_ERRORS_RETURN;
    mpich_load();
  }
}

const struct __ppar_mpi *__ppar_mpi_load(const char **why) {
  pthread_once(&once, load);
  *why = failure;
  return failure ? NULL : &mpi;
}

int __ppar_mpi_kind(void) {
  const char *which;
  void *h = open_library(&which);
  if (!h)
    return 0;
  return dlsym(h, "ompi_mpi_comm_world") ? 'o' : 'm';
}
