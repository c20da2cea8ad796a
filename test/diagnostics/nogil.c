// A nogil function, or a function of this file it calls, that writes a
// global or static without an atomic or a lock gets a warning naming the
// variable and the line.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <pthread.h>
#include <stdatomic.h>

int hits;
static double total;
atomic_long safe_hits;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void bump(void) {
  hits++; // expected-warning {{'nogil' function 'work' writes the global 'hits' without an atomic or a lock; calls running at once race on it}}
}

#pragma ppar jit(nogil) // expected-warning {{'jit' without 'parallel' is not implemented yet}}
double work(double x) {
  static int calls;
  calls = calls + 1; // expected-warning {{'nogil' function 'work' writes the static 'calls' without an atomic or a lock}}
  bump(); // expected-note {{reached through this call of 'bump'}}
  atomic_fetch_add(&safe_hits, 1);
  return x * 2;
}

static void locked_add(double v) {
  pthread_mutex_lock(&lock);
  total += v;
  pthread_mutex_unlock(&lock);
}

#pragma ppar delayed(nogil)
double careful(double x) {
  locked_add(x);
  atomic_fetch_add(&safe_hits, 1);
  return x;
}

// Without nogil, the same writes are the global lock's business: no warning.
#pragma ppar jit
void plain(void) { hits = 0; } // expected-warning@-1 {{'jit' without 'parallel' is not implemented yet}}
