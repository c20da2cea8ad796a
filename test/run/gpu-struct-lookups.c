// A lookup-table kernel in the style of XSBench, with target=cuda: the data
// lives in a struct of grids and tables passed by value (SimulationData SD),
// each lookup draws a random energy and material from ppar.h's generator,
// finds the energy on each nuclide's grid by binary search and accumulates
// the macroscopic cross-sections of the material. The kernel follows the
// struct's pointer members (SD.nuclide_grid[k], SD.mats[k], ...): each is a
// kernel parameter of its own, copied to the GPU with the extent its data
// clause gives, while the struct itself goes by value. A second version
// takes a pointer to the struct (SD->concs[k]). The answers are the serial
// build's, on the GPU and on the CPU fallback alike. (The lookup loops are
// `prange`: ppar.h's generator counts as a call that writes memory.)
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/gpu-struct-lookups.lookups.cu
// RUN: FileCheck %s --check-prefix=KPTR < %t.d/gpu-struct-lookups.lookups_ptr.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-struct-lookups.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT-NOT: runs on the CPU
// REPORT-DAG: remark: 'lookups' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: note: 'SD.nuclide_grid' is copied to the GPU before line {{[0-9]+}}: SD.nuclide_grid[0:SD.n_isotopes * SD.n_gridpoints] (from the data clause)
// REPORT-DAG: remark: 'lookups_ptr' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: note: 'SD->concs' is copied to the GPU before line {{[0-9]+}}: SD->concs[0:SD->n_mats * SD->max_num_nucs] (from the data clause)
// REPORT-DAG: note: 'SD' is copied to the GPU before line {{[0-9]+}}: SD[0 .. 0] (from the loops' subscripts)
// KERNEL: __global__ void __ppar_k_lookups_0(
// KERNEL-SAME: SimulationData SD
// KERNEL-SAME: const GridPoint *__ppar_m_SD_nuclide_grid
// KERNEL: __ppar_m_SD_nuclide_grid[base + mid].energy
// KPTR: __global__ void __ppar_k_lookups_ptr_0(
// KPTR-SAME: const SimulationData *SD
// KPTR: __ppar_m_SD_nuclide_grid[base + mid].energy
// NVRTC: gpu-struct-lookups.lookups.cu: ok
// NVRTC: gpu-struct-lookups.lookups_ptr.cu: ok
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

#define NXS 5 /* total, elastic, absorption, fission, nu-fission */

typedef struct {
  double energy;
  double xs[NXS];
} GridPoint;

typedef struct {
  int n_isotopes;
  int n_gridpoints;
  int n_mats;
  int max_num_nucs;
  const GridPoint *nuclide_grid; /* n_isotopes rows of n_gridpoints, by energy */
  const int *num_nucs;           /* per material */
  const int *mats;               /* n_mats rows of max_num_nucs isotopes */
  const double *concs;           /* their concentrations */
} SimulationData;

/* The index of the last grid point of row `base` at or below energy e. */
static long grid_search(const GridPoint *grid, long base, long n, double e) {
  long lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    long mid = lo + (hi - lo) / 2;
    if (grid[base + mid].energy > e)
      hi = mid;
    else
      lo = mid;
  }
  return lo;
}

PPAR_JIT(parallel, target=cuda,
         in(SD.nuclide_grid[0:SD.n_isotopes * SD.n_gridpoints]),
         in(SD.num_nucs[0:SD.n_mats]), in(SD.mats[0:SD.n_mats * SD.max_num_nucs]),
         in(SD.concs[0:SD.n_mats * SD.max_num_nucs]))
void lookups(SimulationData SD, long n_lookups, unsigned long long seed,
             double *restrict out) {
  PPAR_PRANGE
  for (long i = 0; i < n_lookups; i++) {
    double e = ppar_random_uniform(seed, i, 0);
    int mat = (int)(ppar_random_uniform(seed, i, 1) * SD.n_mats);
    double macro[NXS];
    for (int k = 0; k < NXS; k++)
      macro[k] = 0.0;
    for (int j = 0; j < SD.num_nucs[mat]; j++) {
      int nuc = SD.mats[mat * SD.max_num_nucs + j];
      double conc = SD.concs[mat * SD.max_num_nucs + j];
      long base = (long)nuc * SD.n_gridpoints;
      long lo = 0, hi = SD.n_gridpoints - 1;
      while (hi - lo > 1) { /* the binary search, written in the loop */
        long mid = lo + (hi - lo) / 2;
        if (SD.nuclide_grid[base + mid].energy > e)
          hi = mid;
        else
          lo = mid;
      }
      GridPoint low = SD.nuclide_grid[base + lo], high = SD.nuclide_grid[base + lo + 1];
      double f = (high.energy - e) / (high.energy - low.energy);
      for (int k = 0; k < NXS; k++)
        macro[k] += conc * (high.xs[k] - f * (high.xs[k] - low.xs[k]));
    }
    double sum = 0.0;
    for (int k = 0; k < NXS; k++)
      sum += macro[k];
    out[i] = sum;
  }
}

/* The same through a pointer to the struct, the search in a helper. */
PPAR_JIT(parallel, target=cuda,
         in(SD->nuclide_grid[0:SD->n_isotopes * SD->n_gridpoints]),
         in(SD->num_nucs[0:SD->n_mats]), in(SD->mats[0:SD->n_mats * SD->max_num_nucs]),
         in(SD->concs[0:SD->n_mats * SD->max_num_nucs]))
void lookups_ptr(const SimulationData *SD, long n_lookups, unsigned long long seed,
                 double *restrict out) {
  PPAR_PRANGE
  for (long i = 0; i < n_lookups; i++) {
    double e = ppar_random_uniform(seed, i, 0);
    int mat = (int)(ppar_random_uniform(seed, i, 1) * SD->n_mats);
    double total = 0.0;
    for (int j = 0; j < SD->num_nucs[mat]; j++) {
      int nuc = SD->mats[mat * SD->max_num_nucs + j];
      long base = (long)nuc * SD->n_gridpoints;
      long lo = grid_search(SD->nuclide_grid, base, SD->n_gridpoints, e);
      long mid = lo;
      double f = (SD->nuclide_grid[base + mid + 1].energy - e) /
                 (SD->nuclide_grid[base + mid + 1].energy - SD->nuclide_grid[base + mid].energy);
      total += SD->concs[mat * SD->max_num_nucs + j] *
               (SD->nuclide_grid[base + mid + 1].xs[0] -
                f * (SD->nuclide_grid[base + mid + 1].xs[0] - SD->nuclide_grid[base + mid].xs[0]));
    }
    out[i] = total;
  }
}

int main(void) {
  enum { ISOTOPES = 68, POINTS = 1000, MATS = 12, MAXNUCS = 32, LOOKUPS = 20000 };
  GridPoint *grid = malloc(sizeof *grid * ISOTOPES * POINTS);
  int *num_nucs = malloc(sizeof *num_nucs * MATS);
  int *mats = malloc(sizeof *mats * MATS * MAXNUCS);
  double *concs = malloc(sizeof *concs * MATS * MAXNUCS);
  double *out = malloc(sizeof *out * LOOKUPS), *out2 = malloc(sizeof *out2 * LOOKUPS);
  for (int n = 0; n < ISOTOPES; n++)
    for (int p = 0; p < POINTS; p++) {
      GridPoint *g = &grid[n * POINTS + p];
      /* energies rise along each row, from 0 to 1 */
      g->energy = (p + 0.5 * ppar_random_uniform(7, n, p)) / (POINTS - 0.5);
      for (int k = 0; k < NXS; k++)
        g->xs[k] = ppar_random_uniform(11, n * NXS + k, p);
    }
  grid[0].energy = 0.0;
  for (int m = 0; m < MATS; m++) {
    num_nucs[m] = 1 + (m * 7) % MAXNUCS;
    for (int j = 0; j < MAXNUCS; j++) {
      mats[m * MAXNUCS + j] = (m * 13 + j * 5) % ISOTOPES;
      concs[m * MAXNUCS + j] = ppar_random_uniform(3, m, j);
    }
  }
  SimulationData SD = {ISOTOPES, POINTS, MATS, MAXNUCS, grid, num_nucs, mats, concs};
  lookups(SD, LOOKUPS, 42, out);
  lookups_ptr(&SD, LOOKUPS, 42, out2);
  double sum = 0, sum2 = 0;
  for (int i = 0; i < LOOKUPS; i++) {
    sum += out[i];
    sum2 += out2[i];
  }
  printf("%.12e %.12e %.12e %.12e\n", sum, sum2, out[17], out2[LOOKUPS - 1]);
  free(grid);
  free(num_nucs);
  free(mats);
  free(concs);
  free(out);
  free(out2);
  return 0;
}
