/*
 * nvrtc_find.h - which NVRTC library file the loader would open, found
 * without loading it, and a file's identity for the kernel cache key
 * (nvrtc_find.c). Internal: nothing here is exported. See
 * docs/gpu-runtime.md, "The cache key".
 */
#ifndef PPAR_RT_NVRTC_FIND_H
#define PPAR_RT_NVRTC_FIND_H

#include "visibility.h"

#include <stddef.h>

/* The first of the sonames that the dynamic loader would find
 * (LD_LIBRARY_PATH, /etc/ld.so.cache, the default directories), else the
 * first in fallback_dir, into out: PPAR_OK, or PPAR_ENOENT when none. */
PPAR_INTERNAL int __ppar_nvrtc_find(const char *const *sonames, int nsonames,
                                    const char *fallback_dir, char *out,
                                    size_t n);

/* "nvrtc file <resolved path> size <bytes> mtime <s.ns>" of path into out;
 * PPAR_OK, or PPAR_ENOENT when it cannot be resolved. */
PPAR_INTERNAL int __ppar_nvrtc_file_identity(const char *path, char *out,
                                             size_t n);

#endif /* PPAR_RT_NVRTC_FIND_H */
