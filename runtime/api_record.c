/*
 * api_record.c - record and replay of ppar.h (ppar_record, ppar_replay,
 * ppar_record_free): record.c does the work.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "record.h"
#include "visibility.h"

PPAR_API int ppar_record(ppar_recording **rec, void (*step)(void *arg),
                         void *arg) {
  return __ppar_record(rec, step, arg);
}

PPAR_API int ppar_replay(ppar_recording *rec) { return __ppar_replay(rec); }

PPAR_API void ppar_record_free(ppar_recording *rec) { __ppar_record_free(rec); }
