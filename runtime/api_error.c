/*
 * api_error.c - ppar_last_error() of ppar.h: this thread's last failure,
 * kept by error.c.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "error.h"
#include "visibility.h"

PPAR_API const char *ppar_last_error(void) { return __ppar_last_error(); }
