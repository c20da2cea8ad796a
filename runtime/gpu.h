/*
 * gpu.h - building blocks of the GPU engine: NVRTC (nvrtc.c) and the
 * on-disk kernel cache (kcache.c). Internal: nothing here is exported.
 * See docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h.
 */
#ifndef PPAR_RT_GPU_H
#define PPAR_RT_GPU_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* ---- NVRTC (nvrtc.c) ----------------------------------------------------
 * libnvrtc is dlopen'ed on first use (libnvrtc.so.13, .so.12, .so, then the
 * same names under /usr/local/cuda/lib64), never linked. */

/* The NVRTC version, e.g. 13 and 0. PPAR_ENODEV (with ppar_last_error set)
 * when NVRTC cannot be loaded. */
PPAR_INTERNAL int __ppar_nvrtc_version(int *major, int *minor);

/* Text that describes every option __ppar_nvrtc_compile passes to NVRTC
 * besides the architecture; it changes whenever the options change, so a
 * kernel cache key that includes it never matches an image built with other
 * options. */
PPAR_INTERNAL const char *__ppar_nvrtc_options_text(void);

/* Compile the CUDA C++ source for sm_<major><minor>: a CUBIN for that
 * architecture when want_cubin, else PTX for compute_<major><minor> (NUL
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
                                       int want_cubin, void **image,
                                       size_t *size, char **log);

/* ---- SHA-256 (kcache.c) ------------------------------------------------- */

#define __PPAR_SHA256_SIZE 32

struct __ppar_sha256 {
  uint32_t state[8];
  uint64_t bytes;          /* bytes hashed so far */
  unsigned char block[64]; /* the partial block   */
  size_t used;             /* bytes in block      */
};

PPAR_INTERNAL void __ppar_sha256_init(struct __ppar_sha256 *s);
PPAR_INTERNAL void __ppar_sha256_update(struct __ppar_sha256 *s,
                                        const void *data, size_t size);
PPAR_INTERNAL void __ppar_sha256_final(struct __ppar_sha256 *s,
                                       unsigned char out[__PPAR_SHA256_SIZE]);
/* One call: out = SHA-256(data[0..size)). */
PPAR_INTERNAL void __ppar_sha256(const void *data, size_t size,
                                 unsigned char out[__PPAR_SHA256_SIZE]);

/* ---- Kernel cache (kcache.c) --------------------------------------------
 * One file per compiled image, <dir>/<64 hex digits of the key>.ppk; see
 * docs/gpu-runtime.md for the format and the rules that decide whether an
 * entry is used. */

/* The identity of a compiled image: SHA-256 of its inputs. */
struct __ppar_kcache_key {
  unsigned char digest[__PPAR_SHA256_SIZE];
  char hex[2 * __PPAR_SHA256_SIZE + 1]; /* digest in hex, the file name stem */
};

/* Derive the key from everything that decides the image: the kernel
 * source, the NVRTC options text (__ppar_nvrtc_options_text), the NVRTC
 * version, the architecture and the image kind (CUBIN or PTX). */
PPAR_INTERNAL void __ppar_kcache_key_init(struct __ppar_kcache_key *key,
                                          const char *source,
                                          const char *options_text,
                                          int nvrtc_major, int nvrtc_minor,
                                          int sm_major, int sm_minor,
                                          int want_cubin);

/* Load the image stored under key from the cache directory dir (NULL: the
 * configured one, PPAR_CACHE_DIR or its default). PPAR_OK with a malloc'ed
 * *image of *size bytes; PPAR_ENOENT when there is no usable entry (none, or
 * one that breaks a rule: it is ignored and PPAR_VERBOSE=1 says why in one
 * line); PPAR_EINVAL, PPAR_ENOMEM. ppar_last_error is left alone: a miss is
 * not a failure. Thread- and process-safe. */
PPAR_INTERNAL int __ppar_kcache_load(const char *dir,
                                     const struct __ppar_kcache_key *key,
                                     void **image, size_t *size);

/* Store image under key in dir (NULL: the configured one), creating the
 * directory (mode 0700) when missing and replacing any entry atomically:
 * readers and concurrent writers see the old entry or the new one, never a
 * mix. PPAR_OK; PPAR_ENOENT when it could not be stored (no or unsafe cache
 * directory, I/O error; PPAR_VERBOSE=1 says why); PPAR_EINVAL (also for an
 * empty image), PPAR_ENOMEM. ppar_last_error is left alone: the kernel still
 * runs without a cache. */
PPAR_INTERNAL int __ppar_kcache_store(const char *dir,
                                      const struct __ppar_kcache_key *key,
                                      const void *image, size_t size);

/* The path of key's entry in dir (NULL: the configured one), malloc'ed; NULL
 * when no cache directory is known or memory runs out. For messages and
 * tests. */
PPAR_INTERNAL char *__ppar_kcache_entry_path(
    const char *dir, const struct __ppar_kcache_key *key);

#endif /* PPAR_RT_GPU_H */
