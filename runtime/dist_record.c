/*
 * dist_record.c - the records of planning that the pictures of an MPI run
 * use (dist_record.h). Only the thread that makes top-level tasks adds to
 * them; they are read at exit.
 */
#include "dist_record.h"

#include "vec.h"

#include <stdlib.h>

struct planned {
  uint64_t id, seq;
  int runner; /* -1: every rank */
};
static struct planned *planned; /* by id */
static size_t nplanned, capplanned;
static struct __ppar_rec_message *received;
static size_t nreceived, capreceived;
static int my_rank;
static double origin;

void __ppar_rec_set_rank(int rank) { my_rank = rank; }

void __ppar_rec_task(uint64_t id, uint64_t seq, int runner) {
  __ppar_vec_reserve_or_die(&planned, &capplanned, nplanned + 1,
                            sizeof *planned, "the task graph (PPAR_GRAPH)");
  planned[nplanned++] = (struct planned){id, seq, runner};
}

void __ppar_rec_message(int from, uint64_t from_seq, uint64_t to_seq,
                        size_t bytes, int result) {
  __ppar_vec_reserve_or_die(&received, &capreceived, nreceived + 1,
                            sizeof *received, "the task graph (PPAR_GRAPH)");
  received[nreceived++] =
      (struct __ppar_rec_message){from, from_seq, to_seq, bytes, result};
}

const struct __ppar_rec_message *__ppar_rec_messages(size_t *n) {
  *n = nreceived;
  return received;
}

static const struct planned *find(uint64_t id) {
  size_t lo = 0, hi = nplanned;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (planned[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < nplanned && planned[lo].id == id ? &planned[lo] : NULL;
}

int __ppar_rec_ran_elsewhere(uint64_t id) {
  const struct planned *p = find(id);
  return p && p->runner >= 0 && p->runner != my_rank;
}

void __ppar_rec_node_name(FILE *f, uint64_t id) {
  const struct planned *p = find(id);
  if (p)
    fprintf(f, "r%dt%llu", p->runner >= 0 ? p->runner : my_rank,
            (unsigned long long)p->seq);
  else
    fprintf(f, "r%dc%llu", my_rank, (unsigned long long)id);
}

void __ppar_rec_set_origin(double t) { origin = t; }
double __ppar_rec_origin(void) { return origin; }

void __ppar_rec_free(void) {
  free(planned);
  free(received);
  planned = NULL;
  received = NULL;
  nplanned = nreceived = capplanned = capreceived = 0;
}
