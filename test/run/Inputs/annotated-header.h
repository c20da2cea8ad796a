/* An annotated function defined in a header: ppar rewrites only the file
 * being compiled, so it warns and leaves this one serial. */
#pragma ppar jit(parallel)
static inline void fill_from_header(double *x, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] = 0.5 * i;
}
