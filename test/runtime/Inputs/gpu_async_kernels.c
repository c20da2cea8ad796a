/* Host versions of the kernels the plugin generates for test/run/gpu-async.c,
 * for the stand-in driver (fake_cuda.c): parameters as the generated launch
 * passes them (first iteration, trip count, serial flag, then the kernel's
 * own), a reduction's value stored where __ppar_rt_gpu_fetch reads it. */
int fake___ppar_k_relax_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *u = *(double **)p[3], w = *(double *)p[4];
  for (long long i = lo; i < lo + n; i++)
    u[i] = u[i] + w * (1.0 - u[i]);
  return 0;
}

int fake___ppar_k_total_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *red = *(double **)p[3], s = *(double *)p[4];
  const double *u = *(const double **)p[5];
  for (long long i = lo; i < lo + n; i++)
    s += u[i];
  red[0] = s;
  return 0;
}

int fake___ppar_k_twice_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *b = *(double **)p[3];
  const double *a = *(const double **)p[4];
  for (long long i = lo; i < lo + n; i++)
    b[i] = 2 * a[i];
  return 0;
}
