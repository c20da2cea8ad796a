// ppar_record / ppar_replay of a time step of target=cuda calls on resident
// data: the step recorded once and replayed 50 times gives the serial
// build's answers (where ppar.h's fallback runs the step again), on 1, 2
// and 4 threads, with PPAR_DISABLE_JIT=1 and PPAR_CHECK=1, and on a GPU,
// where the replays launch a CUDA graph (scripts/gpu-suite.sh).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: %if nvrtc %{ %nvrtc_check %t.d/*.cu | FileCheck %s --check-prefix=NVRTC %}
// NVRTC: gpu-record-replay.relax.cu: ok
#include <ppar.h>
#include <stdio.h>

#define N 4096

PPAR_JIT(parallel, target=cuda)
void relax(size_t n, const double *restrict u, double *restrict v) {
  for (size_t i = 1; i < n - 1; i++)
    v[i] = 0.5 * u[i] + 0.25 * (u[i - 1] + u[i + 1]);
}

struct state {
  size_t n;
  double *u, *v;
};

/* One time step: two sweeps, u -> v -> u. */
static void step(void *arg) {
  struct state *s = arg;
  relax(s->n, s->u, s->v);
  relax(s->n, s->v, s->u);
}

static double u[N], v[N];

static double checksum(const double *a) {
  double s = 0;
  for (int i = 0; i < N; i++)
    s += a[i] * (1 + i % 5);
  return s;
}

int main(void) {
  for (int i = 0; i < N; i++)
    u[i] = v[i] = (double)((i * 7919) % 1000) / 1000;
  int dev = ppar_to_device(u, sizeof u) == 0 && ppar_to_device(v, sizeof v) == 0;
  struct state st = {N, u, v};
  ppar_recording *rec = NULL;
  int rc = ppar_record(&rec, step, &st);
  for (int t = 0; t < 50 && rc == 0; t++)
    rc = ppar_replay(rec);
  ppar_record_free(rec);
  if (dev) {
    ppar_to_host(u);
    ppar_to_host(v);
    ppar_device_free(u);
    ppar_device_free(v);
  }
  printf("rc %d, after 51 steps: %.12g %.12g\n", rc, checksum(u), checksum(v));
  return 0;
}
