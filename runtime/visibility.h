/*
 * visibility.h - which runtime symbols other code may see.
 *
 * The runtime is compiled with -fvisibility=hidden and linked with
 * exports.map, so a symbol leaves libppar_rt only when it is marked here and
 * has one of the two exported prefixes. The marks say who calls a function:
 *   PPAR_API       ppar_*       users (include/ppar.h)
 *   PPAR_ABI       __ppar_rt_*  plugin-generated code (runtime/ppar_rt_abi.h)
 *   PPAR_INTERNAL  __ppar_*     the runtime itself; hidden even when the
 *                               static library is linked into a user's .so
 */
#ifndef PPAR_RT_VISIBILITY_H
#define PPAR_RT_VISIBILITY_H

#define PPAR_API __attribute__((visibility("default")))
#define PPAR_ABI __attribute__((visibility("default")))
#define PPAR_INTERNAL __attribute__((visibility("hidden")))

#endif /* PPAR_RT_VISIBILITY_H */
