/*
 * kcache.h - the on-disk kernel cache (kcache.c): compiled images kept
 * between runs. Internal: nothing here is exported. See
 * docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_KCACHE_H
#define PPAR_RT_KCACHE_H

#include "sha256.h"
#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* One file per compiled image, <dir>/<64 hex digits of the key>.ppk; see
 * docs/gpu-runtime.md for the format and the rules that decide whether an
 * entry is used. */

/* The identity of a compiled image: SHA-256 of its inputs. */
struct __ppar_kcache_key {
  unsigned char digest[__PPAR_SHA256_SIZE];
  char hex[2 * __PPAR_SHA256_SIZE + 1]; /* digest in hex, the file name stem */
};

/* Derive the key from everything that decides the image: the kernel
 * source, the NVRTC options text (__ppar_nvrtc_options_text), the identity
 * of the NVRTC library (__ppar_nvrtc_identity: its file, so that forming a
 * key never needs NVRTC loaded), the architecture and the mode of
 * __ppar_nvrtc_compile (CUBIN or PTX, fast math). */
PPAR_INTERNAL void __ppar_kcache_key_make(struct __ppar_kcache_key *key,
                                          const char *source,
                                          const char *options_text,
                                          const char *nvrtc_id, int sm_major,
                                          int sm_minor, int mode);
/* __ppar_kcache_key_make with "nvrtc <major>.<minor>" as the identity. */
PPAR_INTERNAL void __ppar_kcache_key_init(struct __ppar_kcache_key *key,
                                          const char *source,
                                          const char *options_text,
                                          int nvrtc_major, int nvrtc_minor,
                                          int sm_major, int sm_minor,
                                          int mode);

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

#endif /* PPAR_RT_KCACHE_H */
