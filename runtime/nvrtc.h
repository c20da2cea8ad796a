/*
 * nvrtc.h - compiling generated CUDA C++ with NVRTC at run time (nvrtc.c).
 * Internal: nothing here is exported. See docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_NVRTC_H
#define PPAR_RT_NVRTC_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* libnvrtc is dlopen'ed on first use (libnvrtc.so.13, .so.12, .so, then the
 * same names under /usr/local/cuda/lib64), never linked. */

/* The NVRTC version, e.g. 13 and 0. PPAR_ENODEV (with ppar_last_error set)
 * when NVRTC cannot be loaded. */
PPAR_INTERNAL int __ppar_nvrtc_version(int *major, int *minor);

/* What identifies the NVRTC library for the kernel cache key, in out
 * ("nvrtc file <resolved path> size <bytes> mtime <s.ns>"): the file NVRTC
 * was loaded from, or, when it is not loaded yet and loaded_only is 0, the
 * file the load would pick, found without loading it (nvrtc_find.c; a
 * cache hit then never loads NVRTC). When no file is found that way NVRTC
 * is loaded. PPAR_ENODEV (ppar_last_error set) when there is no NVRTC. */
PPAR_INTERNAL int __ppar_nvrtc_identity(char *out, size_t n, int loaded_only);

/* Text that describes every option __ppar_nvrtc_compile passes to NVRTC
 * besides the architecture; it changes whenever the options change, so a
 * kernel cache key that includes it never matches an image built with other
 * options. */
PPAR_INTERNAL const char *__ppar_nvrtc_options_text(void);

/* What __ppar_nvrtc_compile makes: a CUBIN (else PTX), with fast math
 * (`fastmath`: --use_fast_math; else --fmad=false, rounding as the host). */
enum { __PPAR_NVRTC_CUBIN = 1, __PPAR_NVRTC_FAST_MATH = 2 };

/* Compile the CUDA C++ source for sm_<major><minor>: a CUBIN for that
 * architecture when mode has __PPAR_NVRTC_CUBIN, else PTX for
 * compute_<major><minor> (NUL
 * terminated; *size counts the NUL, as cuModuleLoadData wants). name is the
 * kernel's name, for messages and the log file.
 * On success *image is malloc'ed (free it) and *log, when log is not NULL,
 * is set to NULL. On failure *image is NULL, ppar_last_error says what
 * happened in one line and, when NVRTC produced a log, *log is a malloc'ed
 * copy of it; a compile error also writes the log to
 * $TMPDIR/ppar-nvrtc-<name>-<pid>.log (TMPDIR unset or relative: /tmp),
 * named in the message. Codes: PPAR_EINVAL (bad arguments), PPAR_ENODEV (no
 * NVRTC), PPAR_ENOMEM, PPAR_EDRIVER (NVRTC failed: compile error,
 * unsupported architecture, ...). Thread-safe. */
PPAR_INTERNAL int __ppar_nvrtc_compile(const char *source, const char *name,
                                       int sm_major, int sm_minor,
                                       int mode, void **image,
                                       size_t *size, char **log);

#endif /* PPAR_RT_NVRTC_H */
