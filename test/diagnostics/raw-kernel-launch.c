// Wrong arguments of a launch are C's errors at the ppar_launch, checked
// against the prototype of f_launch (the grid, then f's parameters), also
// when the file has other errors and is not rewritten, and for every
// spelling of the annotation. A function that is not jit(kernel) has no
// f_launch. Without the plugin the same mistakes are errors against f.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: %cc_plain -fsyntax-only -Xclang -verify=plain %s
#include <ppar.h>
// plain-note@ppar_kernel.h:* {{passing argument to parameter 'g' here}}

PPAR_JIT(kernel, target=auto, inout(a[0:n]))
void inc(float *a, int n) { // expected-note 2 {{'inc_launch' declared here}} expected-note {{passing argument to parameter here}} plain-note 2 {{'inc' declared here}}
  long long i = ppar_thread_index();
  if (i < n)
    a[i] += 1;
}

#pragma ppar jit(kernel, inout(a[0:n]))
void dec(float *a, int n) { // expected-note {{'dec_launch' declared here}} plain-note {{'dec' declared here}}
  long long i = ppar_thread_index();
  if (i < n)
    a[i] -= 1;
}

void plain(float *a, int n) { (void)a, (void)n; }

int main(void) {
  float a[4] = {0};
  ppar_launch(inc, ppar_grid(4), a);       // expected-error {{too few arguments to function call, expected 3, have 2}} plain-error {{too few arguments to function call, expected 2, have 1}}
  ppar_launch(inc, 4, a, 4);               // expected-error {{passing 'int' to parameter of incompatible type 'ppar_grid_t'}} plain-error {{passing 'int' to parameter of incompatible type 'ppar_grid_t'}}
  ppar_launch(inc, ppar_grid(4), a, 4, 5); // expected-error {{too many arguments to function call, expected 3, have 4}} plain-error {{too many arguments to function call, expected 2, have 3}}
  ppar_launch(dec, ppar_grid(4), a);       // expected-error {{too few arguments to function call, expected 3, have 2}} plain-error {{too few arguments to function call, expected 2, have 1}}
  ppar_launch(plain, ppar_grid(4), a, 4);  // expected-error {{call to undeclared function 'plain_launch'}}
  return 0;
}
