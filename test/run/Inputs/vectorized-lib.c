/* The translation unit that defines a vectorize function, for
 * vectorize-across-files.c. */
#include <ppar.h>

PPAR_VECTORIZE(target=parallel)
double hypot2(double a, double b) { return a * a + b * b; }
PPAR_VECTORIZE_DECL(hypot2, double, double, double)
