/* Futures with delayed(eager): like Dask's client.submit, the task starts at
 * once and the program goes on; reading the result waits for it. A lazy
 * delayed call, by contrast, starts only when its value is needed. */
#include <ppar.h>
#include <stdio.h>

PPAR_DELAYED(nogil, eager) long count_primes(long lo, long hi) {
  long count = 0;
  for (long n = lo; n < hi; n++) {
    int prime = n > 1;
    for (long d = 2; d * d <= n && prime; d++)
      prime = n % d != 0;
    count += prime;
  }
  return count;
}

PPAR_DELAYED(nogil) long square(long x) { return x * x; }

int main(void) {
  /* Four eager futures: all four are running while main goes on. */
  long a = count_primes(0, 50000), b = count_primes(50000, 100000);
  long c = count_primes(100000, 150000), d = count_primes(150000, 200000);
  long lazy = square(12); /* nothing runs for it yet */
  printf("local work while the futures run: %ld\n", lazy + 1);
  printf("primes below 200000: %ld\n", a + b + c + d);
  return 0;
}
