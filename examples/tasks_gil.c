/* Why tasks of a function without nogil hold the runtime's global lock.
 *
 * deposit() changes a shared balance with a plain read-modify-write. Run as
 * threads with no lock, deposits would be lost; as ppar tasks they run one
 * at a time under the global lock (Python's GIL lesson), so the total is
 * exact. deposit_atomic() is declared nogil: its tasks run at the same
 * time, and it makes its own update safe with an atomic, as a C programmer
 * would with a mutex. Both totals are exact on any number of threads. */
#include <ppar.h>
#include <stdio.h>

static long balance;
static long atomic_balance;

PPAR_DELAYED() void deposit(int times) {
  for (int i = 0; i < times; i++)
    balance = balance + 1; /* a race without the lock */
}

PPAR_DELAYED(nogil) void deposit_atomic(int times) {
  for (int i = 0; i < times; i++)
    __atomic_fetch_add(&atomic_balance, 1, __ATOMIC_RELAXED);
}

int main(void) {
  for (int t = 0; t < 8; t++)
    deposit(250000);
  for (int t = 0; t < 8; t++)
    deposit_atomic(250000);
  ppar_compute();
  printf("balance under the global lock: %ld (expected %d)\n", balance, 8 * 250000);
  printf("balance with nogil and an atomic: %ld (expected %d)\n", atomic_balance,
         8 * 250000);
  return 0;
}
