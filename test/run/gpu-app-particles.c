// A bootstrap particle filter tracking a 1-D random walk, as the tutorials
// write it: per observation, the particles move with Gaussian noise from
// ppar_random.h (stream = particle, counter = step), are weighted by the
// observation's likelihood, the weights are normalised and give the
// estimate, their running sum is taken on the host (a scan, serial), and
// each particle picks its ancestor by a binary search in it (systematic
// resampling). With target=cuda every parallel loop runs as a kernel; the
// host scan between them gets its data copied back and forth (a remark
// says what and how much). The particles are read at their ancestors'
// index (`x[lo]`) and the observations at the time step (`obs[t]`, t of
// the loop around the kernels): both extents are clauses, as the warnings
// ask. ppar_random_normal counts as pure although it fills a local block
// through a helper. Answers are the serial build's.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT: remark: 'track' runs its 5 parallel loops as CUDA kernels
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#pragma ppar jit(parallel, target=cuda, inout(x[0:np]), in(obs[0:steps]))
static double track(int np, int steps, const double *obs, double *est, double *x,
                    unsigned long long seed) {
  double *w = malloc(np * sizeof *w);
  double *cdf = malloc(np * sizeof *cdf);
  double *next = malloc(np * sizeof *next);
  double loglik = 0;
  for (int t = 0; t < steps; t++) {
    /* move: the random walk's step and its noise */
    for (int i = 0; i < np; i++)
      x[i] += 1.0 + 0.5 * ppar_random_normal(seed, i, 2 * (unsigned long long)t);
    /* weigh by the observation's likelihood */
    double wsum = 0;
    for (int i = 0; i < np; i++) {
      double d = x[i] - obs[t];
      w[i] = exp(-0.5 * d * d);
      wsum += w[i];
    }
    loglik += log(wsum / np);
    double e = 0;
    for (int i = 0; i < np; i++) {
      w[i] /= wsum;
      e += w[i] * x[i];
    }
    est[t] = e;
    /* the running sum of the weights, on the host */
    cdf[0] = w[0];
    for (int i = 1; i < np; i++)
      cdf[i] = cdf[i - 1] + w[i];
    /* systematic resampling: one offset, then a binary search per particle */
    double u0 = (double)(t % 7) / (7.0 * np);
    for (int i = 0; i < np; i++) {
      double u = u0 + (double)i / np;
      int lo = 0, hi = np - 1;
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cdf[mid] < u)
          lo = mid + 1;
        else
          hi = mid;
      }
      next[i] = x[lo];
    }
    for (int i = 0; i < np; i++)
      x[i] = next[i];
  }
  free(w);
  free(cdf);
  free(next);
  return loglik;
}

/* Sizes: the test's by default; bench/gpu_apps.sh builds larger ones. */
#ifndef PARTICLES
#define PARTICLES 4096
#endif

int main(void) {
  enum { NP = PARTICLES, STEPS = 12 };
  double obs[STEPS], est[STEPS];
  double *x = calloc(NP, sizeof *x);
  for (int t = 0; t < STEPS; t++)
    obs[t] = 1.0 * (t + 1) + 0.3 * sin(t);
  double ll = track(NP, STEPS, obs, est, x, 42);
  printf("log-likelihood %.6f\n", ll);
  for (int t = 0; t < STEPS; t += 3)
    printf("step %d: observed %.4f estimated %.4f\n", t, obs[t], est[t]);
  free(x);
  return 0;
}
