/*
 * dist_processes.c - PPAR_PROCESSES=N (dist_processes.h,
 * docs/distributed.md): the
 * program runs as N local processes, the "multiprocessing" of ppar: the
 * same replicated task flow as under mpirun, with no MPI in the user's
 * command. Before main, the process replaces itself (execvp) with
 *   mpirun -np N --oversubscribe --bind-to none EXE ARGS...   (Open MPI)
 *   mpiexec.hydra -n N EXE ARGS...                            (MPICH)
 * the launcher of the MPI the ranks will load (dist_mpi.h), whose N
 * copies find its variables and so run as ranks; its exit status is the
 * program's. Each process has its own memory and its
 * own global lock, so tasks that are not nogil run on N cores at once.
 */
#define _GNU_SOURCE
#include "dist_processes.h"

#include "dist_mpi.h"
#include "message.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The program's own arguments, from /proc/self/cmdline (a constructor
 * gets no argv): NUL-separated, into a NULL-ended array after `first`
 * leading slots; *n gets the count. */
static char **own_args(int first, int *n) {
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len + 4096 > cap) {
      cap = 2 * cap + 4096;
      char *b = realloc(buf, cap + 1);
      if (!b) {
        free(buf);
        close(fd);
        return NULL;
      }
      buf = b;
    }
    ssize_t got = read(fd, buf + len, cap - len);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break;
    len += (size_t)got;
  }
  close(fd);
  buf[len] = 0;
  int count = 0;
  for (size_t i = 0; i < len; i++)
    count += buf[i] == 0;
  char **args = calloc((size_t)(first + count + 1), sizeof *args);
  if (!args)
    return NULL;
  int k = first;
  for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
    args[k++] = buf + i;
  *n = k;
  return args;
}

/* The launchers of each kind of MPI, tried in turn (Debian names them
 * after their MPI; `mpirun` or `mpiexec` may be either, so the generic
 * name comes last), and the options before the program. */
static const char *const ompi_launchers[] = {"mpirun.openmpi", "orterun",
                                             "mpirun", NULL};
static const char *const mpich_launchers[] = {"mpiexec.hydra",
                                              "mpiexec.mpich", "mpiexec",
                                              NULL};

void __ppar_dist_processes(int n) {
  if (n <= 1)
    return; /* one process: the program as it is */
  static char exe[PATH_MAX], np[16];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  /* Open MPI: L -np N --oversubscribe --bind-to none EXE; MPICH's Hydra
   * (which neither binds nor limits ranks to cores by default):
   * L -n N EXE. */
  enum { LEAD = 7 };
  int count = 0;
  char **args = own_args(LEAD, &count);
  if (len <= 0 || !args || count <= LEAD)
    __ppar_die("PPAR_PROCESSES=%d: cannot read this program's path or "
               "arguments from /proc/self",
               n);
  exe[len] = 0;
  snprintf(np, sizeof np, "%d", n);
  int mpich = __ppar_mpi_kind() == 'm';
  const char *const *launchers = mpich ? mpich_launchers : ompi_launchers;
  char *ompi_lead[LEAD] = {NULL, "-np", np, "--oversubscribe", "--bind-to",
                           "none", exe};
  char *mpich_lead[] = {NULL, "-n", np, exe};
  size_t nlead = mpich ? 4 : LEAD;
  /* args[LEAD] is argv[0], replaced by the executable's path; the lead
   * goes right before it. */
  char **start = args + LEAD - nlead;
  memcpy(start, mpich ? mpich_lead : ompi_lead, nlead * sizeof *args);
  memmove(args + LEAD, args + LEAD + 1,
          (size_t)(count - LEAD) * sizeof *args);
  fflush(NULL);
  int err = ENOENT;
  for (const char *const *l = launchers; *l; l++) {
    start[0] = (char *)*l;
    execvp(*l, start);
    if (errno != ENOENT)
      err = errno;
  }
  __ppar_die("PPAR_PROCESSES=%d: cannot start %s (%s launcher, which runs "
             "the processes): %s",
             n, mpich ? "mpiexec.hydra" : "mpirun",
             mpich ? "MPICH's" : "Open MPI's", strerror(err));
}
