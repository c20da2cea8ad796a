// Raw kernels (jit(kernel)): what a launch cannot mean is an error at the
// construct. A kernel is one thread and returns nothing; it is not also
// 'parallel'; its clauses name its parameters. A block barrier and block
// shared memory have no CPU version: an error unless target=cuda, named
// where written, also in a function the kernel calls. The GPU version follows the "nopython" rule
// of every kernel, and atomics CUDA has no version of are errors.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <stdatomic.h>
#include <stdio.h>
#include <ppar.h>

PPAR_JIT(kernel)
int returns(int *a) { // expected-error {{a jit(kernel) function is one thread of a launch and returns nothing, but 'returns' returns 'int'; write its results through a pointer parameter}}
  a[ppar_thread_index()] = 1;
  return 0;
}

#pragma ppar jit(kernel, parallel) // expected-error {{'kernel' and 'parallel' do not go together: a jit(kernel) function is already one thread of a parallel launch}}
void both(int *a) { a[ppar_thread_index()] = 1; }

#pragma ppar jit(kernel, inout(t[0:4])) // expected-error {{'t' in a data clause of the kernel 'local_clause' is not one of its parameters; a kernel's clauses give the extents of its pointer parameters}}
void local_clause(int *a) {
  int *t = a;
  t[ppar_thread_index()] = 1;
}

PPAR_JIT(kernel, target=auto, inout(a[0:n]))
void barrier_auto(int *a, int n) {
  long long i = ppar_thread_index();
  a[i] = 1;
  ppar_syncthreads(); // expected-error {{'ppar_syncthreads' waits for the threads of a GPU block, which the CPU version of the kernel 'barrier_auto' cannot do; add target=cuda to 'barrier_auto' to run it on a GPU only}}
  a[i ^ 1] += 1;
}

static void wait_block(void) {
  ppar_syncthreads(); // expected-error {{'ppar_syncthreads' waits for the threads of a GPU block, which the CPU version of the kernel 'barrier_cpu' cannot do; add target=cuda to 'barrier_cpu' to run it on a GPU only}}
}
PPAR_JIT(kernel)
void barrier_cpu(int *a) {
  a[ppar_thread_index()] = 1;
  wait_block();
}

PPAR_JIT(kernel, target=auto, inout(a[0:n]))
void shared_auto(int *a, int n) {
  PPAR_SHARED(int, tile, 64); // expected-error {{'tile' is GPU block shared memory (PPAR_SHARED), which the CPU version of the kernel 'shared_auto' cannot have; add target=cuda to 'shared_auto' to run it on a GPU only}}
  long long i = ppar_thread_index();
  tile[ppar_thread_in_block()] = a[i];
  a[i] = tile[0] + n;
}

/* target=cuda: a barrier is fine. */
PPAR_JIT(kernel, target=cuda, inout(a[0:n]))
void barrier_cuda(int *a, int n) {
  long long i = ppar_thread_index();
  a[i] = 1;
  ppar_syncthreads();
  a[i ^ 1] += 1;
}

static int counter;
PPAR_JIT(kernel, target=cuda, inout(a[0:n]))
void nopython(int *a, int n) {
  long long i = ppar_thread_index();
  printf("%lld\n", i); // expected-error {{'printf' cannot be called from GPU code: kernels may call functions defined in this file or its headers, and C math functions}} expected-error {{a string literal cannot be used in GPU code}}
  a[i] = counter; // expected-error {{the kernel 'nopython' reads the variable 'counter', which GPU code cannot reach; pass it as an argument}}
}

PPAR_JIT(kernel, target=cuda, inout(c[0:1]), inout(d[0:1]), inout(s[0:1]))
void bad_atomics(_Atomic int *c, double *d, short *s) {
  *c *= 2; // expected-error {{only ++, --, +=, -= and = update an _Atomic object in GPU code; use atomic_fetch_and, atomic_fetch_or, ... for the others}}
  ppar_atomic_max(d, 1.0); // expected-error {{an atomic max of floating point has no CUDA version (CUDA's atomicMin and atomicMax take integers)}}
  ppar_atomic_add(s, (short)1); // expected-error {{an atomic on the type 'short' has no CUDA version: use a 4- or 8-byte integer, float or double}}
}
