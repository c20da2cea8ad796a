/*
 * config.c - read the PPAR_* environment variables once (SPEC section 4).
 */
#define _GNU_SOURCE /* sched_getaffinity and CPU_COUNT_S */
#include "config.h"
#include "message.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static struct __ppar_config config;
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

/* ---- Number of CPUs ----------------------------------------------------- */

/* CPUs in the calling thread's affinity mask (what taskset, cgroup cpusets
 * and `nproc` honour, as libomp does), else the online CPUs. */
static int count_cpus(void) {
  long conf = sysconf(_SC_NPROCESSORS_CONF);
  int max = conf > CPU_SETSIZE ? (int)conf : CPU_SETSIZE;
  int count = 0;
  cpu_set_t *set = CPU_ALLOC(max);
  if (set) {
    size_t size = CPU_ALLOC_SIZE(max);
    if (sched_getaffinity(0, size, set) == 0)
      count = CPU_COUNT_S(size, set);
    CPU_FREE(set);
  }
  if (count < 1) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    count = online > 0 ? (int)online : 1;
  }
  return count > __PPAR_MAX_THREADS ? __PPAR_MAX_THREADS : count;
}

/* Counted when the library is loaded, not when first asked: by then an
 * OpenMP runtime may have bound the initial thread to a single CPU
 * (OMP_PROC_BIND), and its mask would say 1. */
static int cpus_at_load;

static void read_config(void);

/* The settings are read when the library is loaded too: read by the first
 * call of an annotated function, on cold caches, they took 5 to 10 us of
 * it, as long as a whole small kernel (PolyBench's jacobi-1d at MEDIUM
 * runs in 17 us). */
__attribute__((constructor)) static void read_at_load(void) {
  cpus_at_load = count_cpus();
  pthread_once(&config_once, read_config);
}

/* ---- Parsing ------------------------------------------------------------ */

/* The variable's value; NULL when unset or empty (empty counts as unset). */
static const char *env(const char *name) {
  const char *value = getenv(name);
  return value && *value ? value : NULL;
}

/* Copy value for a message: control characters as \xNN and a cut with "..."
 * keep the error on one readable line. */
static const char *printable(const char *value, char *buf, size_t size) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
    if (n + 8 >= size) {
      memcpy(buf + n, "...", 4);
      return buf;
    }
    if (iscntrl(*p))
      n += (size_t)snprintf(buf + n, size - n, "\\x%02x", *p);
    else
      buf[n++] = (char)*p;
  }
  buf[n] = '\0';
  return buf;
}

/* Print "ppar: error: NAME='value' is not valid: expected ..." and count it. */
static void bad_value(int *bad, const char *name, const char *value,
                      const char *expected) {
  char shown[160];
  __ppar_print_error("%s='%s' is not valid: expected %s", name,
                     printable(value, shown, sizeof shown), expected);
  ++*bad;
}

/* 0 or 1, also false/true, no/yes, off/on (any case). -1 when neither. */
static int parse_bool(const char *s) {
  static const char *const no[] = {"0", "false", "no", "off"};
  static const char *const yes[] = {"1", "true", "yes", "on"};
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
    if (strcasecmp(s, no[i]) == 0)
      return 0;
    if (strcasecmp(s, yes[i]) == 0)
      return 1;
  }
  return -1;
}

/* A whole decimal number lo..hi and nothing else: no sign, no spaces, no
 * suffix. -1 when it is not one (lo is never negative). */
static long parse_whole(const char *s, long lo, long hi) {
  if (!isdigit((unsigned char)*s))
    return -1;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno != 0 || *end != '\0' || v < lo || v > hi)
    return -1;
  return v;
}

/* A relative tolerance 0..1 in decimal or exponent notation ("1e-6",
 * "0.001") and nothing else: no sign, no spaces, no suffix, no inf or nan.
 * -1 when it is not one. */
static double parse_rtol(const char *s) {
  if ((!isdigit((unsigned char)*s) && *s != '.') ||
      s[strspn(s, "0123456789.eE+-")] != '\0') /* not hex, inf or nan */
    return -1;
  char *end;
  double v = strtod(s, &end); /* an overflow is HUGE_VAL: refused */
  if (*end != '\0' || !isfinite(v) || v > 1)
    return -1;
  return v;
}

/* The first number of OMP_NUM_THREADS ("8" or "8,4,1", one per nesting
 * level; OpenMP allows spaces around the numbers), -1 when not valid. */
static long parse_omp_num_threads(const char *s) {
  char first[32];
  while (isspace((unsigned char)*s))
    s++;
  size_t n = strcspn(s, ",");
  while (n > 0 && isspace((unsigned char)s[n - 1]))
    n--;
  if (n == 0 || n >= sizeof first)
    return -1;
  memcpy(first, s, n);
  first[n] = '\0';
  return parse_whole(first, 1, __PPAR_MAX_THREADS);
}

/* base + suffix (which starts with '/') in new memory, without doubling the
 * slash when base ends in one. The settings live as long as the process, so
 * it is never freed. */
static char *join(const char *base, const char *suffix) {
  size_t n = strlen(base);
  while (n > 0 && base[n - 1] == '/')
    n--;
  char *path = malloc(n + strlen(suffix) + 1);
  if (!path)
    return NULL;
  memcpy(path, base, n);
  strcpy(path + n, suffix);
  return path;
}

/* The user's home directory from the password database, for when HOME is
 * not set (daemons, test harnesses). */
static char *home_from_passwd(void) {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  if (size <= 0)
    size = 16384;
  char *buf = malloc((size_t)size);
  if (!buf)
    return NULL;
  struct passwd pw, *found = NULL;
  char *home = NULL;
  if (getpwuid_r(getuid(), &pw, buf, (size_t)size, &found) == 0 && found &&
      found->pw_dir && found->pw_dir[0] == '/')
    home = join(found->pw_dir, "/.cache/ppar");
  free(buf);
  return home;
}

/* Default kernel cache: $XDG_CACHE_HOME/ppar, else $HOME/.cache/ppar. The XDG
 * base directory spec says a relative XDG_CACHE_HOME is invalid and must be
 * ignored. NULL when no home directory can be found. */
static char *default_cache_dir(void) {
  const char *xdg = env("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/')
    return join(xdg, "/ppar");
  const char *home = env("HOME");
  if (home)
    return join(home, "/.cache/ppar");
  return home_from_passwd();
}

/* A copy of a file-path variable (PPAR_GRAPH, PPAR_TRACE); the file is
 * written at exit, so a path that can never be a file is refused now rather
 * than after the run. */
static const char *parse_file_path(int *bad, const char *name,
                                   const char *value) {
  struct stat st;
  if (value[strlen(value) - 1] == '/' ||
      (stat(value, &st) == 0 && S_ISDIR(st.st_mode))) {
    bad_value(bad, name, value, "a file path (it names a directory)");
    return NULL;
  }
  return strdup(value);
}

/* ---- Reading the settings ----------------------------------------------- */

static void read_config(void) {
  struct __ppar_config *c = &config;
  int bad = 0;
  const char *v;
  long n;

  if ((v = env("PPAR_DISABLE_JIT")) && (c->disable_jit = parse_bool(v)) < 0)
    bad_value(&bad, "PPAR_DISABLE_JIT", v,
              "0 or 1 (or true/false, yes/no, on/off)");

  if ((v = env("PPAR_CHECK")) && (c->check = parse_bool(v)) < 0)
    bad_value(&bad, "PPAR_CHECK", v, "0 or 1 (or true/false, yes/no, on/off)");

  c->check_rtol = __PPAR_CHECK_RTOL_DEFAULT;
  if ((v = env("PPAR_CHECK_RTOL")) && (c->check_rtol = parse_rtol(v)) < 0)
    bad_value(&bad, "PPAR_CHECK_RTOL", v,
              "a relative tolerance from 0 to 1, such as 1e-6");

  c->target = __PPAR_TARGET_DEFAULT;
  if ((v = env("PPAR_TARGET"))) {
    if (strcasecmp(v, "cpu") == 0)
      c->target = __PPAR_TARGET_CPU;
    else if (strcasecmp(v, "cuda") == 0)
      c->target = __PPAR_TARGET_CUDA;
    else
      bad_value(&bad, "PPAR_TARGET", v, "cpu or cuda");
  }

  if ((v = env("PPAR_VERBOSE"))) {
    if ((n = parse_bool(v)) < 0 && (n = parse_whole(v, 0, 1000)) < 0)
      bad_value(&bad, "PPAR_VERBOSE", v,
                "a whole number from 0 to 1000 (0 = quiet, 1 = decisions, "
                "2 = detail) or true/false, yes/no, on/off");
    c->verbose = n < 0 ? 0 : (int)n;
  }

  c->num_threads = cpus_at_load > 0 ? cpus_at_load : count_cpus();
  c->threads_from = __PPAR_THREADS_FROM_CPUS;
  if ((v = env("PPAR_NUM_THREADS"))) {
    if ((n = parse_whole(v, 1, __PPAR_MAX_THREADS)) < 0) {
      bad_value(&bad, "PPAR_NUM_THREADS", v, "a whole number from 1 to 4096");
    } else {
      c->num_threads = (int)n;
      c->threads_from = __PPAR_THREADS_FROM_PPAR;
    }
  } else if ((v = env("OMP_NUM_THREADS"))) {
    /* Not ours to refuse: the OpenMP runtime reports its own variable. */
    if ((n = parse_omp_num_threads(v)) > 0) {
      c->num_threads = (int)n;
      c->threads_from = __PPAR_THREADS_FROM_OMP;
    } else if (c->verbose >= __PPAR_LOG_DECISIONS) {
      __ppar_note("ignoring OMP_NUM_THREADS='%s': its first number is not "
                  "a whole number from 1 to 4096",
                  v);
    }
  }

  if ((v = env("PPAR_CACHE_DIR"))) {
    struct stat st;
    if (stat(v, &st) == 0 && !S_ISDIR(st.st_mode))
      bad_value(&bad, "PPAR_CACHE_DIR", v,
                "a directory (it names an existing file)");
    else
      c->cache_dir = strdup(v);
  } else {
    c->cache_dir = default_cache_dir();
  }

  if ((v = env("PPAR_GRAPH")))
    c->graph = parse_file_path(&bad, "PPAR_GRAPH", v);
  if ((v = env("PPAR_TRACE")))
    c->trace = parse_file_path(&bad, "PPAR_TRACE", v);

  if ((v = env("PPAR_DIST"))) {
    if (strcmp(v, "off") == 0)
      c->dist = __PPAR_DIST_OFF;
    else if (strcmp(v, "mpi") == 0)
      c->dist = __PPAR_DIST_MPI;
    else
      bad_value(&bad, "PPAR_DIST", v,
                "off (each rank on its own) or mpi (tasks over the ranks)");
  }
  if ((v = env("PPAR_DIST_OUTPUT"))) {
    if (strcmp(v, "all") == 0)
      c->dist_output_all = 1;
    else if (strcmp(v, "0") != 0)
      bad_value(&bad, "PPAR_DIST_OUTPUT", v,
                "all (every rank's output) or 0 (rank 0's only)");
  }
  if ((v = env("PPAR_PROCESSES")) &&
      (c->processes = (int)parse_whole(v, 1, __PPAR_MAX_RANKS)) < 0) {
    c->processes = 0;
    bad_value(&bad, "PPAR_PROCESSES", v, "a whole number from 1 to 64");
  }

  if ((v = env("PPAR_GPU_PDL")) && (c->gpu_pdl = parse_bool(v)) < 0)
    bad_value(&bad, "PPAR_GPU_PDL", v, "0 or 1 (or true/false, yes/no, on/off)");

  if (bad)
    __ppar_exit_fatal();

  /* __ppar_log would re-enter this pthread_once and deadlock; print
   * directly. */
  if (c->verbose >= __PPAR_LOG_DECISIONS) {
    static const char *const from[] = {"PPAR_NUM_THREADS", "OMP_NUM_THREADS",
                                       "CPUs"};
    __ppar_note("settings: threads=%d (%s), target=%s, disable_jit=%d, "
                "check=%d, cache_dir=%s, graph=%s, trace=%s",
                c->num_threads, from[c->threads_from],
                __ppar_target_name(c->target), c->disable_jit, c->check,
                c->cache_dir ? c->cache_dir : "(none: no home directory)",
                c->graph ? c->graph : "(none)", c->trace ? c->trace : "(none)");
  }
}

const struct __ppar_config *__ppar_config(void) {
  pthread_once(&config_once, read_config);
  return &config;
}

const char *__ppar_target_name(enum __ppar_target target) {
  switch (target) {
  case __PPAR_TARGET_CPU:
    return "cpu";
  case __PPAR_TARGET_CUDA:
    return "cuda";
  case __PPAR_TARGET_DEFAULT:
    break;
  }
  return "unset";
}
