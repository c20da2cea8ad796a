// Tasks made by a function that returns before its caller reads their
// data (the function's end must give every rank what they wrote, as the
// caller has no wait of its own), tasks that make tasks (run where their
// creator runs), a value task reading a malloc block written on another
// rank, and a pointer the plugin cannot bound (the task runs on every rank
// after all of them have all the data). Prints what the serial build prints.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

PPAR_DELAYED(nogil, out(p[0:n])) void ramp(long *p, long n, long k) {
  for (long i = 0; i < n; i++)
    p[i] = k * 1000 + i;
}

PPAR_DELAYED(nogil, in(p[0:n])) long total(const long *p, long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s += p[i];
  return s;
}

PPAR_DELAYED(nogil) long twice(long x) { return 2 * x; }

/* A task whose body makes tasks of its own. */
PPAR_DELAYED(nogil, in(p[0:n])) long nested(const long *p, long n) {
  long a = twice(p[0]), b = twice(p[n - 1]);
  return a + b;
}

static long *shuffle_target;
/* Writes through a pointer loaded from memory: all of memory. */
PPAR_DELAYED() void scale_all(long n) {
  for (long i = 0; i < n; i++)
    shuffle_target[i] *= 3;
}

/* Its tasks have run on some rank when it returns. */
static void produce(long *a, long parts, long per) {
  for (long k = 0; k < parts; k++)
    ramp(a + k * per, per, k);
}

int main(void) {
  long parts = 6, per = 500, n = parts * per;
  long *a = malloc(n * sizeof *a);
  produce(a, parts, per);
  long direct = 0;
  for (long i = 0; i < n; i += 7)
    direct += a[i];
  printf("read after return: %ld\n", direct);

  long t = total(a + per, per);
  long u = nested(a + 2 * per, per);
  printf("total of part 1: %ld, nested: %ld\n", t, u);

  produce(a, parts, per);
  shuffle_target = a;
  scale_all(n);
  ppar_compute();
  printf("after scale_all: %ld %ld %ld\n", a[0], a[n / 2], a[n - 1]);
  free(a);
  return 0;
}
