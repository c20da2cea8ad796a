// ppar.h's counter-based random numbers: Philox4x32-10 gives the known
// answers of its reference implementation (Random123's test vectors), the
// uniform draws stay in [0, 1), the normal draws have mean ~0 and variance
// ~1, and a parallel loop drawing with stream i gives the serial build's
// numbers (a draw depends on (key, stream, counter) only). gcc builds the
// same file without the plugin (ppar.h's functions are plain C).
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %gcc -O2 -std=c99 -Wall -Wextra -Werror %s -o %t.gcc -lm
// RUN: %check_run %t.plain %t
// RUN: %t.gcc | FileCheck %s
// RUN: %t | FileCheck %s
//
// CHECK: 6627e8d5 e169c58d bc57ac4c 9b00dbd8
// CHECK: 408f276d 41c83b0e a20bc7c6 6d5451fd
// CHECK: d16cfe09 94fdcceb 5001e420 24126ea1
// CHECK: uniform in range: 1
// CHECK: normal moments ok: 1
#include <stdio.h>
#include <ppar.h>

#define N 200000

static void block(unsigned long long key, unsigned long long stream, unsigned long long n) {
  unsigned int w[4];
  ppar__philox4x32(key, stream, n, w);
  printf("%08x %08x %08x %08x\n", w[0], w[1], w[2], w[3]);
}

PPAR_JIT(parallel)
void draw(double *u, double *z, int n, unsigned long long key) {
  for (int i = 0; i < n; i++) {
    u[i] = ppar_random_uniform(key, (unsigned long long)i, 0);
    z[i] = ppar_random_normal(key, (unsigned long long)i, 1);
  }
}

int main(void) {
  block(0, 0, 0);
  block(~0ull, ~0ull, ~0ull);
  /* key, counter words 3..2 and 1..0, as in the reference's vectors */
  block(0x299f31d0a4093822ull, 0x0370734413198a2eull, 0x85a308d3243f6a88ull);
  static double u[N], z[N];
  draw(u, z, N, 2024);
  int in = 1;
  double s = 0, s2 = 0, su = 0;
  for (int i = 0; i < N; i++) {
    in &= u[i] >= 0 && u[i] < 1;
    su += u[i];
    s += z[i];
    s2 += z[i] * z[i];
  }
  double mean = s / N, var = s2 / N - mean * mean;
  printf("uniform in range: %d\n", in);
  printf("normal moments ok: %d\n", mean > -0.01 && mean < 0.01 && var > 0.98 && var < 1.02);
  printf("%.12f %.12f %.12f\n", su, s, s2);
  return 0;
}
