/*
 * api_tasks.c - ppar_compute() of ppar.h: run every pending task of
 * delayed calls (tasks.c); ppar_distribute() and ppar_distribute_2d(), where tasks run under MPI
 * (dist.c).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "dist.h"
#include "tasks.h"
#include "visibility.h"

PPAR_API void ppar_compute(void) { __ppar_tasks_compute(); }

PPAR_API int ppar_distribute(const void *p, size_t bytes, int how,
                             size_t unit) {
  return __ppar_dist_distribute(p, bytes, how, unit);
}

PPAR_API int ppar_distribute_2d(const void *p, size_t tile_bytes, int tiles_r,
                                int tiles_c, int how) {
  return __ppar_dist_distribute_2d(p, tile_bytes, tiles_r, tiles_c, how);
}
