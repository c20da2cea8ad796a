/*
 * tasks.c - the task graph of delayed functions (SPEC section 3, delayed).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "visibility.h"

PPAR_API void ppar_compute(void) {
  /* No task graph exists yet (delayed calls are a later issue), so nothing is
   * ever pending and there is nothing to wait for. */
}
