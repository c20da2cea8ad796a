/*
 * nvrtc.c - compile generated CUDA C++ to PTX or CUBIN with NVRTC.
 *
 * libnvrtc is loaded with dlopen on first use, so a binary has no link-time
 * dependency on CUDA (SPEC principle 4); NVRTC needs no GPU, so kernels can
 * be compiled (and cached) on any machine with the toolkit.
 */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "nvrtc.h"
#include "nvrtc_find.h"

#include "error.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The few NVRTC types this file needs; nvrtc.h is not a build dependency.
 * nvrtcResult is an enum, passed as an int. */
typedef int nvrtc_result;
typedef struct nvrtc_program_ *nvrtc_program;
enum {
  NVRTC_SUCCESS = 0,
  NVRTC_ERROR_OUT_OF_MEMORY = 1,
  NVRTC_ERROR_COMPILATION = 6
};

struct nvrtc_api {
  const char *(*get_error_string)(nvrtc_result);
  nvrtc_result (*version)(int *, int *);
  nvrtc_result (*create_program)(nvrtc_program *, const char *, const char *,
                                 int, const char *const *,
                                 const char *const *);
  nvrtc_result (*destroy_program)(nvrtc_program *);
  nvrtc_result (*compile_program)(nvrtc_program, int, const char *const *);
  nvrtc_result (*get_ptx_size)(nvrtc_program, size_t *);
  nvrtc_result (*get_ptx)(nvrtc_program, char *);
  nvrtc_result (*get_cubin_size)(nvrtc_program, size_t *);
  nvrtc_result (*get_cubin)(nvrtc_program, char *);
  nvrtc_result (*get_log_size)(nvrtc_program, size_t *);
  nvrtc_result (*get_log)(nvrtc_program, char *);
  int major, minor;
};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct nvrtc_api api;
static int loaded;          /* api is complete; atomic           */
static char no_nvrtc[384];  /* why it is not, for messages        */

/* Newest first; the unversioned name last (it may be a development link to
 * any version). */
static const char *const sonames[] = {"libnvrtc.so.13", "libnvrtc.so.12",
                                      "libnvrtc.so"};
/* Where the toolkit usually is when its lib directory is not in the loader's
 * search path. */
static const char cuda_lib_dir[] = "/usr/local/cuda/lib64";

/* The options besides the architecture. Changing them means changing
 * this text, which is part of every kernel cache key. No contraction of
 * a * b + c into one fused multiply-add: kernels round as the serial C
 * program does on the host (SPEC principle 2, same answers). */
#define ARCH_OPTION "--gpu-architecture="
#define FMAD_OPTION "--fmad=false"
#define FAST_MATH_OPTION "--use_fast_math" /* `fastmath`: contraction too */

const char *__ppar_nvrtc_options_text(void) {
  return "ppar nvrtc options v2: " ARCH_OPTION
         "sm_XY (CUBIN) or compute_XY (PTX), " FMAD_OPTION
         " (fast math: " FAST_MATH_OPTION "); no headers";
}

/* ---- Loading ------------------------------------------------------------ */

static int bind_symbols(void *lib) {
#define BIND(field, symbol)                                                    \
  if (!(api.field = (__typeof__(api.field))dlsym(lib, symbol)))               \
    return -1;
  BIND(get_error_string, "nvrtcGetErrorString")
  BIND(version, "nvrtcVersion")
  BIND(create_program, "nvrtcCreateProgram")
  BIND(destroy_program, "nvrtcDestroyProgram")
  BIND(compile_program, "nvrtcCompileProgram")
  BIND(get_ptx_size, "nvrtcGetPTXSize")
  BIND(get_ptx, "nvrtcGetPTX")
  BIND(get_cubin_size, "nvrtcGetCUBINSize")
  BIND(get_cubin, "nvrtcGetCUBIN")
  BIND(get_log_size, "nvrtcGetProgramLogSize")
  BIND(get_log, "nvrtcGetProgramLog")
#undef BIND
  return 0;
}

/* libnvrtc opens libnvrtc-builtins.so.<major>.<minor> by soname when it
 * compiles. Opened from a directory outside the loader's search path, that
 * would fail; a copy loaded first (RTLD_GLOBAL) is found by its soname. */
static void preload_builtins(const char *dir) {
  char path[256];
  snprintf(path, sizeof path, "%s/libnvrtc-builtins.so.%d.%d", dir, api.major,
           api.minor);
  if (!dlopen(path, RTLD_NOW | RTLD_GLOBAL))
    __ppar_log(__PPAR_LOG_DECISIONS, "could not preload %s: %s", path,
               dlerror());
}

/* dlopen name (a soname, or a path when dir is set) and bind NVRTC in it.
 * 0 when NVRTC is ready. */
static int try_open(const char *dir, const char *name) {
  char path[256];
  if (dir)
    snprintf(path, sizeof path, "%s/%s", dir, name);
  void *lib = dlopen(dir ? path : name, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *why = dlerror();
    snprintf(no_nvrtc, sizeof no_nvrtc,
             "NVRTC could not be loaded (tried %s, %s and %s, also in %s): "
             "%s; install the CUDA toolkit's NVRTC or add its lib directory "
             "to LD_LIBRARY_PATH",
             sonames[0], sonames[1], sonames[2], cuda_lib_dir,
             why ? why : "unknown error");
    return -1;
  }
  if (bind_symbols(lib) != 0 || api.version(&api.major, &api.minor) != 0) {
    snprintf(no_nvrtc, sizeof no_nvrtc,
             "%s is not a usable NVRTC (a symbol or nvrtcVersion is missing)",
             dir ? path : name);
    dlclose(lib);
    return -1;
  }
  if (dir)
    preload_builtins(dir);
  __ppar_log(__PPAR_LOG_DECISIONS, "NVRTC %d.%d loaded from %s", api.major,
             api.minor, dir ? path : name);
  return 0; /* the handle stays open for the process lifetime */
}

static void load(void) {
  const size_t n = sizeof sonames / sizeof sonames[0];
  for (size_t i = 0; i < n; i++)
    if (try_open(NULL, sonames[i]) == 0)
      goto found;
  for (size_t i = 0; i < n; i++)
    if (try_open(cuda_lib_dir, sonames[i]) == 0)
      goto found;
  __ppar_log(__PPAR_LOG_DECISIONS, "no NVRTC: %s", no_nvrtc);
  return;
found:
  __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
}

static const struct nvrtc_api *nvrtc(void) {
  pthread_once(&load_once, load);
  return loaded ? &api : NULL;
}

int __ppar_nvrtc_version(int *major, int *minor) {
  if (!major || !minor)
    return __ppar_set_error(PPAR_EINVAL, "__ppar_nvrtc_version: NULL "
                                         "argument");
  const struct nvrtc_api *a = nvrtc();
  if (!a)
    return __ppar_set_error(PPAR_ENODEV, "%s", no_nvrtc);
  *major = a->major;
  *minor = a->minor;
  return PPAR_OK;
}

/* The identity of the loaded library file (after load). */
static int loaded_identity(char *out, size_t n) {
  Dl_info info;
  if (!dladdr((void *)api.version, &info) || !info.dli_fname)
    return PPAR_ENOENT;
  return __ppar_nvrtc_file_identity(info.dli_fname, out, n);
}

int __ppar_nvrtc_identity(char *out, size_t n, int loaded_only) {
  if (!out || n == 0)
    return __ppar_set_error(PPAR_EINVAL, "__ppar_nvrtc_identity: no buffer");
  if (__atomic_load_n(&loaded, __ATOMIC_ACQUIRE) &&
      loaded_identity(out, n) == PPAR_OK)
    return PPAR_OK;
  char path[4096];
  if (!loaded_only &&
      __ppar_nvrtc_find(sonames, (int)(sizeof sonames / sizeof sonames[0]),
                        cuda_lib_dir, path, sizeof path) == PPAR_OK &&
      __ppar_nvrtc_file_identity(path, out, n) == PPAR_OK)
    return PPAR_OK;
  /* Not found the way the loader looks (a RUNPATH, say): load it. */
  if (!nvrtc())
    return __ppar_set_error(PPAR_ENODEV, "%s", no_nvrtc);
  if (loaded_identity(out, n) == PPAR_OK)
    return PPAR_OK;
  snprintf(out, n, "nvrtc %d.%d", api.major, api.minor);
  return PPAR_OK;
}

/* ---- Logs --------------------------------------------------------------- */

/* The program's log, malloc'ed; NULL when there is none or it is empty. */
static char *program_log(const struct nvrtc_api *a, nvrtc_program prog) {
  size_t size = 0;
  if (a->get_log_size(prog, &size) != NVRTC_SUCCESS || size <= 1)
    return NULL;
  char *text = malloc(size);
  if (text && a->get_log(prog, text) != NVRTC_SUCCESS) {
    free(text);
    return NULL;
  }
  if (text)
    text[size - 1] = '\0';
  return text;
}

/* The line of the log that best says what went wrong, as one line cut to
 * fit buf: the first one with "error", else the first non-empty one. */
static const char *first_error(const char *log, char *buf, size_t size) {
  buf[0] = '\0';
  if (!log)
    return buf;
  const char *line = strstr(log, "error");
  if (line)
    while (line > log && line[-1] != '\n')
      line--;
  else
    for (line = log; *line == '\n'; line++)
      ;
  size_t n = strcspn(line, "\r\n");
  if (n >= size)
    n = size - 1;
  memcpy(buf, line, n);
  buf[n] = '\0';
  return buf;
}

/* Letters, digits, '_', '-' and '.' of name, cut to 64: safe in a file
 * name whatever the kernel is called. */
static void file_safe(const char *name, char *out, size_t size) {
  size_t n = 0;
  for (; *name && n + 1 < size && n < 64; name++) {
    char c = *name;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    out[n++] = ok ? c : '_';
  }
  out[n] = '\0';
}

/* Write the log to a new file in $TMPDIR (else /tmp), readable by this user
 * only. O_EXCL never follows a link planted in a shared /tmp and never
 * writes into someone else's file; a name in use gets a -2, -3, ... suffix.
 * 0 with the path in path, or -1 with the reason in path. */
static int write_log(const char *name, const char *log, char *path,
                     size_t size) {
  const char *dir = getenv("TMPDIR");
  if (!dir || dir[0] != '/')
    dir = "/tmp";
  char safe[72];
  file_safe(name, safe, sizeof safe);
  int fd = -1;
  for (int i = 1; i <= 100 && fd < 0; i++) {
    if (i == 1)
      snprintf(path, size, "%s/ppar-nvrtc-%s-%ld.log", dir, safe,
               (long)getpid());
    else
      snprintf(path, size, "%s/ppar-nvrtc-%s-%ld-%d.log", dir, safe,
               (long)getpid(), i);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0600);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0) {
    snprintf(path, size, "the log could not be written to %s: %s", dir,
             strerror(errno));
    return -1;
  }
  size_t n = strlen(log);
  int ok = write(fd, log, n) == (ssize_t)n;
  ok &= close(fd) == 0;
  if (!ok) {
    snprintf(path, size, "the log could not be written to %s", dir);
    return -1;
  }
  return 0;
}

/* ---- Compiling ---------------------------------------------------------- */

/* Record a compile error: the log goes to a file, the message names the
 * kernel, the first error and the file. */
static int compile_error(const char *name, const char *arch,
                         const char *log) {
  char first[200], where[320];
  first_error(log, first, sizeof first);
  if (!log)
    return __ppar_set_error(PPAR_EDRIVER,
                            "kernel %s: NVRTC could not compile its CUDA "
                            "source for %s and gave no log",
                            name, arch);
  if (write_log(name, log, where, sizeof where) != 0)
    return __ppar_set_error(PPAR_EDRIVER,
                            "kernel %s: NVRTC could not compile its CUDA "
                            "source for %s: %s (%s)",
                            name, arch, first, where);
  return __ppar_set_error(PPAR_EDRIVER,
                          "kernel %s: NVRTC could not compile its CUDA source "
                          "for %s: %s (full log: %s)",
                          name, arch, first, where);
}

/* Any other NVRTC failure: its error name and the log's first line. */
static int nvrtc_error(const struct nvrtc_api *a, nvrtc_result rc,
                       const char *name, const char *step, const char *log) {
  char first[200];
  first_error(log, first, sizeof first);
  return __ppar_set_error(rc == NVRTC_ERROR_OUT_OF_MEMORY ? PPAR_ENOMEM
                                                          : PPAR_EDRIVER,
                          "kernel %s: %s failed: %s (%d)%s%s", name, step,
                          a->get_error_string(rc), rc, first[0] ? ": " : "",
                          first);
}

/* Copy the compiled image out of prog. */
static int take_image(const struct nvrtc_api *a, nvrtc_program prog,
                      const char *name, int want_cubin, void **image,
                      size_t *size) {
  nvrtc_result (*get_size)(nvrtc_program, size_t *) =
      want_cubin ? a->get_cubin_size : a->get_ptx_size;
  nvrtc_result (*get)(nvrtc_program, char *) =
      want_cubin ? a->get_cubin : a->get_ptx;
  const char *what = want_cubin ? "nvrtcGetCUBIN" : "nvrtcGetPTX";
  size_t n = 0;
  nvrtc_result rc = get_size(prog, &n);
  if (rc != NVRTC_SUCCESS)
    return nvrtc_error(a, rc, name, what, NULL);
  if (n == 0)
    return __ppar_set_error(PPAR_EDRIVER, "kernel %s: %s returned nothing",
                            name, what);
  char *buf = malloc(n);
  if (!buf)
    return __ppar_set_error(PPAR_ENOMEM, "kernel %s: out of memory for its "
                                         "%zu-byte image",
                            name, n);
  if ((rc = get(prog, buf)) != NVRTC_SUCCESS) {
    free(buf);
    return nvrtc_error(a, rc, name, what, NULL);
  }
  *image = buf;
  *size = n;
  return PPAR_OK;
}

static int check_args(const char *source, const char *name, int sm_major,
                      int sm_minor, void **image, size_t *size) {
  if (!name || !*name)
    return __ppar_set_error(PPAR_EINVAL,
                            "__ppar_nvrtc_compile: no kernel name");
  if (!source || !image || !size)
    return __ppar_set_error(PPAR_EINVAL,
                            "kernel %s: NULL source or result pointer", name);
  if (sm_major < 1 || sm_major > 99 || sm_minor < 0 || sm_minor > 9)
    return __ppar_set_error(PPAR_EINVAL,
                            "kernel %s: %d.%d is not a compute capability",
                            name, sm_major, sm_minor);
  return PPAR_OK;
}

int __ppar_nvrtc_compile(const char *source, const char *name, int sm_major,
                         int sm_minor, int mode, void **image,
                         size_t *size, char **log) {
  int want_cubin = (mode & __PPAR_NVRTC_CUBIN) != 0;
  if (image)
    *image = NULL;
  if (size)
    *size = 0;
  if (log)
    *log = NULL;
  int rc = check_args(source, name, sm_major, sm_minor, image, size);
  if (rc != PPAR_OK)
    return rc;
  const struct nvrtc_api *a = nvrtc();
  if (!a)
    return __ppar_set_error(PPAR_ENODEV, "kernel %s: %s", name, no_nvrtc);

  char arch[32], option[64], file[96];
  snprintf(arch, sizeof arch, "%s_%d%d", want_cubin ? "sm" : "compute",
           sm_major, sm_minor);
  snprintf(option, sizeof option, ARCH_OPTION "%s", arch);
  snprintf(file, sizeof file, "%s.cu", name); /* what the log calls it */
  const char *const options[] = {
      option, mode & __PPAR_NVRTC_FAST_MATH ? FAST_MATH_OPTION : FMAD_OPTION};

  nvrtc_program prog = NULL;
  nvrtc_result nrc = a->create_program(&prog, source, file, 0, NULL, NULL);
  if (nrc != NVRTC_SUCCESS)
    return nvrtc_error(a, nrc, name, "nvrtcCreateProgram", NULL);
  nrc = a->compile_program(prog, 2, options);
  char *text = program_log(a, prog);
  if (nrc == NVRTC_SUCCESS)
    rc = take_image(a, prog, name, want_cubin, image, size);
  else if (nrc == NVRTC_ERROR_COMPILATION)
    rc = compile_error(name, arch, text);
  else
    rc = nvrtc_error(a, nrc, name, "nvrtcCompileProgram", text);
  a->destroy_program(&prog);

  if (rc == PPAR_OK) {
    __ppar_log(__PPAR_LOG_DETAIL, "kernel %s: compiled to %s for %s "
                                  "(%zu bytes)",
               name, want_cubin ? "CUBIN" : "PTX", arch, *size);
    free(text);
  } else if (log) {
    *log = text;
  } else {
    free(text);
  }
  return rc;
}
