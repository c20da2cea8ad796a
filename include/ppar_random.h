/*
 * ppar_random.h - counter-based random numbers, the same on the CPU and
 * the GPU (included by ppar.h).
 *
 * A draw is a pure function of (key, stream, n): Philox4x32-10 (Salmon et
 * al., "Parallel random numbers: as easy as 1, 2, 3", SC'11) of the 128-bit
 * counter (stream, n) under the 64-bit key. Nothing is kept between calls,
 * so a loop whose iteration i draws with stream i gives the same numbers in
 * any order, on any number of threads, and in a GPU kernel: a Monte-Carlo
 * or particle code parallelised by ppar matches its serial build.
 *
 *     x[i] += ppar_random_normal(seed, i, step);   // stream i, draw `step`
 *
 * ppar_random_normal calls log, sqrt and cos: link with -lm.
 */
#ifndef PPAR_RANDOM_H
#define PPAR_RANDOM_H

/* Functions the plugin may compile for the GPU, from this header. */
#ifdef __PPAR__
#define PPAR__DEVICE __attribute__((annotate("ppar_device")))
#else
#define PPAR__DEVICE
#endif

/* The four 32-bit words of Philox4x32-10 for counter (n, stream) and key,
 * low words first; Random123's known answers hold (test/run/random.c). */
PPAR__DEVICE static inline void ppar__philox4x32(unsigned long long key,
                                                 unsigned long long stream,
                                                 unsigned long long n,
                                                 unsigned int *w) {
  unsigned int c0 = (unsigned int)n, c1 = (unsigned int)(n >> 32);
  unsigned int c2 = (unsigned int)stream, c3 = (unsigned int)(stream >> 32);
  unsigned int k0 = (unsigned int)key, k1 = (unsigned int)(key >> 32);
  for (int round = 0; round < 10; round++) {
    unsigned long long p0 = 0xD2511F53ull * c0, p1 = 0xCD9E8D57ull * c2;
    unsigned int hi0 = (unsigned int)(p0 >> 32), lo0 = (unsigned int)p0;
    unsigned int hi1 = (unsigned int)(p1 >> 32), lo1 = (unsigned int)p1;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 += 0x9E3779B9u; /* the key schedule: Weyl sequences */
    k1 += 0xBB67AE85u;
  }
  w[0] = c0;
  w[1] = c1;
  w[2] = c2;
  w[3] = c3;
}

/* 64 random bits: words 0 and 1 of the block. */
PPAR__DEVICE static inline unsigned long long
ppar_random_u64(unsigned long long key, unsigned long long stream, unsigned long long n) {
  unsigned int w[4];
  ppar__philox4x32(key, stream, n, w);
  return (unsigned long long)w[0] | (unsigned long long)w[1] << 32;
}

/* Uniform in [0, 1), 53 random bits. */
PPAR__DEVICE static inline double
ppar_random_uniform(unsigned long long key, unsigned long long stream, unsigned long long n) {
  return (double)(ppar_random_u64(key, stream, n) >> 11) * 0x1p-53;
}

/* Standard normal (mean 0, deviation 1), by Box-Muller over the block's
 * two 53-bit halves; the first factor's uniform is in (0, 1], so its log
 * is finite. */
PPAR__DEVICE static inline double
ppar_random_normal(unsigned long long key, unsigned long long stream, unsigned long long n) {
  unsigned int w[4];
  ppar__philox4x32(key, stream, n, w);
  unsigned long long a = (unsigned long long)w[0] | (unsigned long long)w[1] << 32;
  unsigned long long b = (unsigned long long)w[2] | (unsigned long long)w[3] << 32;
  double u1 = (double)((a >> 11) + 1) * 0x1p-53;
  double u2 = (double)(b >> 11) * 0x1p-53;
  return __builtin_sqrt(-2.0 * __builtin_log(u1)) *
         __builtin_cos(6.283185307179586476925286766559 * u2);
}

#endif /* PPAR_RANDOM_H */
