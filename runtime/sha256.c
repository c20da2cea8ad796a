/*
 * sha256.c - SHA-256 as FIPS 180-4 defines it (sha256.h), for the kernel
 * cache's keys and payload checks. Written here rather than taken from a
 * library: the runtime links only libc (docs/runtime.md, "Layers").
 */
#include "sha256.h"

#include <string.h>

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t state[8], const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
           (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
                  ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
    uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
                  ((a & b) ^ (a & c) ^ (b & c));
    h = g, g = f, f = e, e = d + t1;
    d = c, c = b, b = a, a = t1 + t2;
  }
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
  state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

void __ppar_sha256_init(struct __ppar_sha256 *s) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                 0xa54ff53a, 0x510e527f, 0x9b05688c,
                                 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->state, iv, sizeof iv);
  s->bytes = 0;
  s->used = 0;
}

void __ppar_sha256_update(struct __ppar_sha256 *s, const void *data,
                          size_t size) {
  const unsigned char *p = data;
  s->bytes += size;
  while (size > 0) {
    size_t n = 64 - s->used < size ? 64 - s->used : size;
    memcpy(s->block + s->used, p, n);
    s->used += n, p += n, size -= n;
    if (s->used == 64) {
      sha256_block(s->state, s->block);
      s->used = 0;
    }
  }
}

void __ppar_sha256_final(struct __ppar_sha256 *s,
                         unsigned char out[__PPAR_SHA256_SIZE]) {
  uint64_t bits = s->bytes * 8;
  unsigned char pad[72] = {0x80};
  /* 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
  size_t n = (s->used < 56 ? 56 : 120) - s->used;
  for (int i = 0; i < 8; i++)
    pad[n + i] = (unsigned char)(bits >> (56 - 8 * i));
  __ppar_sha256_update(s, pad, n + 8);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++)
      out[4 * i + j] = (unsigned char)(s->state[i] >> (24 - 8 * j));
}

void __ppar_sha256(const void *data, size_t size,
                   unsigned char out[__PPAR_SHA256_SIZE]) {
  struct __ppar_sha256 s;
  __ppar_sha256_init(&s);
  __ppar_sha256_update(&s, data, size);
  __ppar_sha256_final(&s, out);
}

