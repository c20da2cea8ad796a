/*
 * spin.h - one pause of a spin-wait loop (pool.c, xfer_pool.c,
 * dist_sched.c). Internal.
 */
#ifndef PPAR_RT_SPIN_H
#define PPAR_RT_SPIN_H

/* Tells the core this thread spins (x86 `pause`, Arm `yield`), so a
 * sibling hyperthread runs and the loop's exit costs no pipeline flush;
 * a compiler barrier elsewhere. */
static inline void __ppar_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield" ::: "memory");
#else
  __asm__ __volatile__("" ::: "memory");
#endif
}

#endif /* PPAR_RT_SPIN_H */
