/* Data that stays on the GPU, as Numba's cuda.to_device and
 * copy_to_host: ppar_to_device copies an array to the current device once
 * (host to device), kernels then use it in place, with no copy per call;
 * a kernel copies one resident array into another (device to device);
 * ppar_to_host copies it back (device to host). With several GPUs each
 * device gets its own copy (ppar_set_device). Without a GPU the device
 * copy is kept in host memory and the kernels' loops run on it, so the
 * program sees the same separate copy; without the plugin there is no
 * copy (ppar_to_device fails) and everything runs on the host arrays,
 * which this program only reads after ppar_to_host: all print the same. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_JIT(parallel, target=cuda)
void step(size_t n, double *u, double dt) {
  for (size_t i = 0; i < n; i++)
    u[i] = u[i] + dt * (1.0 - u[i]);
}

PPAR_JIT(parallel, target=cuda)
void copy(size_t n, const double *restrict src, double *restrict dst) {
  for (size_t i = 0; i < n; i++)
    dst[i] = src[i];
}

static void resident(const void *p, size_t bytes, const char *what) {
  if (ppar_to_device(p, bytes) != 0)
    fprintf(stderr, "%s stays on the host: %s\n", what, ppar_last_error());
}

int main(void) {
  size_t n = 1 << 22, bytes = n * sizeof(double);
  double *u = malloc(bytes), *v = malloc(bytes);
  for (size_t i = 0; i < n; i++)
    u[i] = (double)(i % 100) / 100.0, v[i] = 0;

  /* Every device computes the same answer; stdout shows it once, so it
   * matches the serial program's on any machine. */
  int devices = ppar_device_count(), agree = 1;
  double first[3] = {0, 0, 0};
  fprintf(stderr, "%d CUDA device(s)\n", devices);
  for (int d = 0; d < (devices > 0 ? devices : 1); d++) {
    if (devices > 0)
      ppar_set_device(d);
    for (size_t i = 0; i < n; i++)
      u[i] = (double)(i % 100) / 100.0, v[i] = 0;
    resident(u, bytes, "u"); /* host to device, once */
    resident(v, bytes, "v");
    for (int t = 0; t < 100; t++) /* no transfers: u lives on the device */
      step(n, u, 0.01);
    copy(n, u, v);   /* device to device */
    ppar_to_host(v); /* device to host */
    ppar_to_host(u);
    ppar_device_free(u);
    ppar_device_free(v);
    fprintf(stderr, "device %d: v[99] = %.15f\n", d, v[99]);
    if (d == 0)
      first[0] = u[1], first[1] = v[99], first[2] = v[n - 1];
    else
      agree &= first[0] == u[1] && first[1] == v[99] && first[2] == v[n - 1];
  }
  printf("u[1] = %.15f, v[99] = %.15f, v[n-1] = %.15f, devices agree: %s\n", first[0],
         first[1], first[2], agree ? "yes" : "no");
  free(u);
  free(v);
  return 0;
}
