/*
 * sha256.h - SHA-256 (FIPS 180-4, sha256.c), the kernel cache's keys and
 * payload checks. Internal: nothing here is exported.
 */
#ifndef PPAR_RT_SHA256_H
#define PPAR_RT_SHA256_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

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

#endif /* PPAR_RT_SHA256_H */
