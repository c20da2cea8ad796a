/*
 * dist.c - the replicated task flow over MPI (dist.h, docs/distributed.md).
 *
 * Every rank plans every top-level task the same way, from the same
 * directory (dist_dir.h) in the same order, so all agree, with no message,
 * on the rank that runs each task, on who sends what to whom, and on the
 * tag of each message (a counter every rank advances alike). A task runs
 * on one rank when its accesses say everything it does: it writes bounded
 * ranges or returns a value. Then the runner receives the parts of its
 * read ranges it lacks from their holders, runs the function, and sends
 * its result to every other rank, which receives it as its own "run" of
 * the task; ranks that neither send, receive nor run it only mark it done.
 * A task that touches all memory, or that writes nothing and returns
 * nothing (it is called for what it does, printing, say, or atomics the
 * plugin leaves out of its accesses), runs on every rank, after every
 * rank has the latest version of what it touches.
 */
#include "dist.h"

#include "ppar_rt_abi.h"

#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "config.h"
#include "dist_dir.h"
#include "dist_processes.h"
#include "dist_record.h"
#include "dist_sched.h"
#include "error.h"
#include "graph_dot.h"
#include "graph_edges.h"
#include "graph_run.h"
#include "message.h"
#include "task.h"
#include "trace.h"
#include "vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_RANKS = __PPAR_MAX_RANKS, TAG_SPAN = 1 << 30 };
/* oids of the objects of ppar_distribute: above those of other ranges. */
#define OBJECT_OID ((uint64_t)1 << 63)

static int wanted = -1; /* -1: not read yet */
static int on, rank, nranks = 1;
static uint64_t all_ranks; /* a bit per rank */
static uint64_t seq;       /* top-level tasks planned so far              */
static uint64_t tags;      /* messages planned so far, by every rank      */
static uint64_t round_robin;
/* Tags go round 0 .. tag_span - 1: MPI_TAG_UB + 1 of the library, at most
 * TAG_SPAN. */
static uint64_t tag_span = TAG_SPAN;
/* The grid of ranks of 2-D objects: grid_r x grid_c = nranks, grid_r the
 * largest divisor not above the square root (set at start). */
static int grid_r = 1, grid_c = 1;
/* The task whose messages are being planned (0: the program's wait), and
 * whether PPAR_GRAPH wants tasks and messages recorded. */
static uint64_t planning;
static int picturing;
/* PPAR_TRACE wants every task on the timeline, skipped ones too. */
static int tracing;
/* What this rank did, for PPAR_VERBOSE=1 at exit. */
static uint64_t ran_here, ran_everywhere, sent, received, bytes_moved;

/* Objects given to ppar_distribute, in the order they were given. */
struct object {
  uintptr_t lo, hi;
  int how;
  size_t unit;      /* a unit, or a tile of a 2-D object                */
  int tiles_c;      /* 2-D: tiles per row of tiles                      */
  int tiles_r;      /* 2-D: rows of tiles                               */
  uint64_t per;     /* units per rank (1-D block), or tiles per rank's
                       row and column of the grid (2-D block, per_c):
                       0 until the first task, when the ranks are known */
  uint64_t per_c;
};
static struct object *objects;
static size_t nobjects, capobjects;

/* Start of each open scope: the first task number it made. */
static uint64_t *scopes;
static size_t nscopes, capscopes;

static const char *env(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

/* Set by a launcher: Open MPI's mpirun, or MPICH's and others' PMI. */
static int launched(void) {
  return env("OMPI_COMM_WORLD_SIZE") || env("PMI_SIZE");
}

int __ppar_dist_wanted(void) {
  if (wanted < 0) {
    const struct __ppar_config *c = __ppar_config();
    wanted = c->dist == __PPAR_DIST_MPI ||
             (c->dist == __PPAR_DIST_AUTO && launched());
  }
  return wanted;
}

/* Before main: PPAR_PROCESSES=N starts the program as N processes
 * (dist_processes.c); then, output once: every rank but 0 sends its
 * standard output to /dev/null (PPAR_DIST_OUTPUT=all keeps it). The rank
 * comes from the launcher's environment: MPI itself starts later, or
 * never. The settings are read here only where they matter, so that a
 * program that never runs distributed reports a bad PPAR_* variable where
 * it always did, on first use. */
__attribute__((constructor)) static void output_once(void) {
  if (!launched() && !env("PPAR_DIST") && !env("PPAR_PROCESSES"))
    return;
  const struct __ppar_config *c = __ppar_config();
  if (c->processes && !launched())
    __ppar_dist_processes(c->processes); /* returns only for 1 process */
  if (!__ppar_dist_wanted())
    return;
  const char *r = env("OMPI_COMM_WORLD_RANK");
  if (!r)
    r = env("PMI_RANK");
  if (!r || !strcmp(r, "0") || c->dist_output_all)
    return;
  fflush(stdout);
  if (!freopen("/dev/null", "w", stdout))
    __ppar_note("rank %s: cannot send its output to /dev/null", r);
}

void __ppar_dist_start(void) {
  int max_tag = 0;
  __ppar_comm_start(&rank, &nranks, &max_tag);
  if (max_tag > 0 && (uint64_t)max_tag + 1 < tag_span)
    tag_span = (uint64_t)max_tag + 1; /* MPICH's may be below Open MPI's */
  if (nranks > MAX_RANKS)
    __ppar_die("distributed run on %d ranks: at most %d are supported yet",
               nranks, MAX_RANKS);
  all_ranks = nranks == 64 ? ~(uint64_t)0 : ((uint64_t)1 << nranks) - 1;
  for (int d = 1; d * d <= nranks; d++)
    if (nranks % d == 0)
      grid_r = d;
  grid_c = nranks / grid_r;
  picturing = __ppar_dot_path() != NULL;
  tracing = __ppar_trace_path() != NULL;
  __ppar_rec_set_rank(rank);
  on = 1;
}

int __ppar_dist_on(void) { return on; }
int __ppar_dist_rank(void) { return rank; }
int __ppar_dist_size(void) { return on ? nranks : 1; }

static int next_tag(void) { return (int)(tags++ % tag_span); }
int __ppar_dist_next_tag(void) { return next_tag(); }

/* ---- messages this rank takes part in ----------------------------------- */

static struct __ppar_dist_msg *msgs;
static size_t nmsgs, capmsgs;

/* from sends [lo, hi), written last by task wseq, to `to`; only this
 * rank's side is kept. */
static void plan_message(uintptr_t lo, uintptr_t hi, int from, int to,
                         uint64_t wseq) {
  int tag = next_tag();
  if (from != rank && to != rank)
    return;
  if (picturing && to == rank)
    __ppar_rec_message(from, wseq, planning, hi - lo, 0);
  __ppar_vec_reserve_or_die(&msgs, &capmsgs, nmsgs + 1, sizeof *msgs,
                            "messages of a task");
  msgs[nmsgs++] = (struct __ppar_dist_msg){
      .buf = (void *)lo, .len = hi - lo, .peer = from == rank ? to : from,
      .tag = tag, .send = from == rank};
  *(from == rank ? &sent : &received) += 1;
  bytes_moved += hi - lo;
}

static struct __ppar_dist_job *take_job(size_t extra) {
  struct __ppar_dist_job *j = __ppar_comm_job((int)nmsgs, extra);
  if (nmsgs)
    memcpy(j->msg, msgs, nmsgs * sizeof *msgs);
  nmsgs = 0;
  return j;
}

/* Entries i and k (k after i) may go in one message: next to each other,
 * with the same holder and the same ranks lacking them. */
static int same_run(const struct __ppar_dir_entry *a,
                    const struct __ppar_dir_entry *b) {
  return a->hi == b->lo && a->holder == b->holder && a->valid == b->valid;
}

/* Every rank lacking the latest version of entries v[0..n) (a run, see
 * same_run) gets it from their holder in one message. */
static void spread_run(struct __ppar_dir_entry **v, size_t n) {
  for (int q = 0; q < nranks; q++)
    if (!(v[0]->valid >> q & 1))
      plan_message(v[0]->lo, v[n - 1]->hi, v[0]->holder, q, v[0]->wseq);
  for (size_t i = 0; i < n; i++)
    v[i]->valid = all_ranks;
}

/* Spreads v[0..n), in that order, a message per run. across says v may
 * hold entries of several objects, whose addresses lie in another order
 * on other ranks: a run then keeps to one oid. */
static int spread_list(struct __ppar_dir_entry **v, size_t n, int across) {
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && same_run(v[j - 1], v[j]) &&
           (!across || v[j]->oid == v[i]->oid))
      j++;
    spread_run(v + i, j - i);
    i = j;
  }
  return n > 0;
}

/* Entry pointers in the order every rank agrees on: (oid, offset). */
static int by_origin(const void *a, const void *b) {
  const struct __ppar_dir_entry *x = *(const struct __ppar_dir_entry *const *)a;
  const struct __ppar_dir_entry *y = *(const struct __ppar_dir_entry *const *)b;
  if (x->oid != y->oid)
    return x->oid < y->oid ? -1 : 1;
  uintptr_t ox = x->lo - x->base, oy = y->lo - y->base;
  return ox < oy ? -1 : ox > oy;
}

static struct __ppar_dir_entry **list;
static size_t caplist;

/* Spreads every entry not everywhere with wseq >= from. Addresses differ
 * between ranks, so the entries are sorted by origin first. */
static int spread_all(uint64_t from) {
  size_t n = __ppar_dir_count(), k = 0;
  __ppar_vec_reserve_or_die(&list, &caplist, n, sizeof *list,
                            "list of distributed data");
  for (size_t i = 0; i < n; i++) {
    struct __ppar_dir_entry *e = __ppar_dir_at(i);
    if (e->valid != all_ranks && e->wseq >= from)
      list[k++] = e;
  }
  qsort(list, k, sizeof *list, by_origin);
  return spread_list(list, k, 1);
}

/* Entries of one range lie in the same order on every rank. */
static int spread_range(uintptr_t lo, uintptr_t hi) {
  size_t end, i = __ppar_dir_range(lo, hi, &end), k = 0;
  __ppar_vec_reserve_or_die(&list, &caplist, end - i, sizeof *list,
                            "list of distributed data");
  for (; i < end; i++)
    if (__ppar_dir_at(i)->valid != all_ranks)
      list[k++] = __ppar_dir_at(i);
  return spread_list(list, k, 0);
}

static int is_anywhere(const struct __ppar_rt_access *a) {
  return a->lo == __PPAR_RT_ANYWHERE_LO && a->hi == __PPAR_RT_ANYWHERE_HI;
}

/* ---- who runs a task ---------------------------------------------------- */

/* The object given to ppar_distribute that holds a, NULL if none (the
 * latest, when several do). */
static struct object *object_at(uintptr_t a) {
  for (size_t i = nobjects; i-- > 0;)
    if (a >= objects[i].lo && a < objects[i].hi)
      return &objects[i];
  return NULL;
}

static int tile_owner(struct object *o, uint64_t tile) {
  uint64_t i = tile / (uint64_t)o->tiles_c, j = tile % (uint64_t)o->tiles_c;
  if (o->how == PPAR_CYCLIC_2D)
    return (int)(i % (uint64_t)grid_r) * grid_c + (int)(j % (uint64_t)grid_c);
  if (!o->per) {
    o->per = ((uint64_t)o->tiles_r + (uint64_t)grid_r - 1) / (uint64_t)grid_r;
    o->per_c = ((uint64_t)o->tiles_c + (uint64_t)grid_c - 1) / (uint64_t)grid_c;
  }
  return (int)(i / o->per) * grid_c + (int)(j / o->per_c);
}

static int object_owner(uintptr_t a) {
  struct object *o = object_at(a);
  if (!o)
    return -1;
  uint64_t unit = (a - o->lo) / o->unit;
  if (o->how == PPAR_BLOCK_2D || o->how == PPAR_CYCLIC_2D)
    return tile_owner(o, unit);
  if (o->how == PPAR_CYCLIC)
    return (int)(unit % (uint64_t)nranks);
  if (!o->per) {
    uint64_t units = (o->hi - o->lo + o->unit - 1) / o->unit;
    o->per = (units + (uint64_t)nranks - 1) / (uint64_t)nranks;
  }
  return (int)(unit / o->per);
}

/* The owner of what it writes first: the object's distribution, else the
 * rank that wrote that range last; a value-only task goes to the holder of
 * what it reads first. Else the next rank in turn. */
static int choose_runner(const struct __ppar_rt_access *acc, int nacc,
                         int writes) {
  for (int i = 0; i < nacc; i++) {
    if (acc[i].lo >= acc[i].hi || !(acc[i].mode & (writes ? 2 : 1)))
      continue;
    uintptr_t a = (uintptr_t)acc[i].lo;
    int owner = object_owner(a);
    if (owner >= 0)
      return owner;
    struct __ppar_dir_entry *e = __ppar_dir_find(a);
    if (e && e->holder >= 0)
      return e->holder;
    break;
  }
  return (int)(round_robin++ % (uint64_t)nranks);
}

/* ---- the roles of a task on this rank ----------------------------------- */

static void skip_here(void *args, void *result) {
  (void)args;
  (void)result;
}

int __ppar_dist_elsewhere(const struct __ppar_rt_task *t) {
  return t->fn == skip_here && !t->dist && !picturing && !tracing;
}

/* The runner: the function, then its result to every other rank. */
static void run_here(void *args, void *result) {
  struct __ppar_rt_task *t = __ppar_task_current();
  struct __ppar_dist_job *d = t->dist;
  d->fn(args, result);
  if (!d->result_size || nranks == 1)
    return;
  struct __ppar_dist_job *j = __ppar_comm_job(nranks - 1, d->result_size);
  void *copy = __ppar_comm_extra(j);
  memcpy(copy, result, d->result_size);
  for (int q = 0, k = 0; q < nranks; q++)
    if (q != rank)
      j->msg[k++] = (struct __ppar_dist_msg){.buf = copy,
                                             .len = d->result_size,
                                             .peer = q,
                                             .tag = d->result_tag,
                                             .send = 1};
  j->owned = 1;
  __ppar_comm_post(j);
}

/* Read ranges that some rank receives become read-write in what orders
 * the task (see dist.h). */
static void upgrade(const struct __ppar_rt_access **acc,
                    struct __ppar_rt_access *buf, int nacc, int i) {
  if (*acc != buf) {
    memcpy(buf, *acc, (size_t)nacc * sizeof *buf);
    *acc = buf;
  }
  buf[i].mode = __PPAR_RT_ACCESS_READWRITE;
}

const struct __ppar_rt_access *
__ppar_dist_plan(struct __ppar_rt_task *t, size_t result_size,
                 const struct __ppar_rt_access *acc, int nacc,
                 struct __ppar_rt_access *buf) {
  const struct __ppar_rt_access *out = acc;
  uint64_t me = ++seq;
  planning = me;
  int anywhere = 0, writes = 0;
  for (int i = 0; i < nacc; i++) {
    anywhere |= is_anywhere(&acc[i]);
    writes |= acc[i].lo < acc[i].hi && (acc[i].mode & 2);
  }
  struct __ppar_dist_job *j;
  if (anywhere || (!writes && !result_size)) {
    /* Replicated: every rank gets what it touches, then runs it. */
    if (anywhere) {
      if (spread_all(0))
        for (int i = 0; i < nacc; i++)
          upgrade(&out, buf, nacc, i);
    } else {
      for (int i = 0; i < nacc; i++)
        if (acc[i].lo < acc[i].hi &&
            spread_range((uintptr_t)acc[i].lo, (uintptr_t)acc[i].hi))
          upgrade(&out, buf, nacc, i);
    }
    ran_everywhere++;
    if (picturing)
      __ppar_rec_task(t->id, me, -1);
    if (!nmsgs)
      return out;
    j = take_job(0);
    j->fn = t->fn;
  } else {
    int runner = choose_runner(acc, nacc, writes);
    uint64_t bit = (uint64_t)1 << runner;
    for (int i = 0; i < nacc; i++) {
      if (acc[i].lo >= acc[i].hi || !(acc[i].mode & 1))
        continue;
      uintptr_t lo = (uintptr_t)acc[i].lo, hi = (uintptr_t)acc[i].hi;
      /* Most reads: within one entry the runner holds, or no task wrote
       * them; then nothing moves and nothing need be split. */
      struct __ppar_dir_entry *f = __ppar_dir_first_above(lo);
      if (!f || f->lo >= hi || (f->lo <= lo && hi <= f->hi && (f->valid & bit)))
        continue;
      /* What the runner lacks, a message per run of one holder. */
      size_t end, k = __ppar_dir_range(lo, hi, &end);
      int moved = 0;
      while (k < end) {
        struct __ppar_dir_entry *e = __ppar_dir_at(k), *last = e;
        if (e->valid & bit) {
          k++;
          continue;
        }
        size_t m = k + 1;
        while (m < end && !(__ppar_dir_at(m)->valid & bit) &&
               __ppar_dir_at(m)->lo == last->hi &&
               __ppar_dir_at(m)->holder == e->holder)
          last = __ppar_dir_at(m++);
        plan_message(e->lo, last->hi, e->holder, runner, e->wseq);
        for (; k < m; k++)
          __ppar_dir_at(k)->valid |= bit;
        moved = 1;
      }
      if (moved)
        upgrade(&out, buf, nacc, i);
    }
    for (int i = 0; i < nacc; i++) {
      if (acc[i].lo >= acc[i].hi || !(acc[i].mode & 2))
        continue;
      /* Most writes of a task per element: within one entry that already
       * says "the runner holds the only latest version"; splitting,
       * marking and joining would give it back with wseq = me. */
      uintptr_t lo = (uintptr_t)acc[i].lo, hi = (uintptr_t)acc[i].hi;
      struct __ppar_dir_entry *f = __ppar_dir_first_above(lo);
      if (f && f->lo <= lo && hi <= f->hi && f->holder == runner &&
          f->valid == bit) {
        f->wseq = me;
        continue;
      }
      /* Ranges inside an object of ppar_distribute take its oid, so that
       * neighbours may travel in one message (spread_list). */
      struct object *o = object_at(lo);
      uint64_t oid = o ? OBJECT_OID | (uint64_t)(o - objects) : 0;
      uintptr_t base = o ? o->lo : 0;
      if (__ppar_dir_extend(lo, hi, runner, bit, oid, base, me))
        continue;
      size_t end, first = __ppar_dir_cover(lo, hi, oid, base, &end);
      for (size_t k = first; k < end; k++) {
        struct __ppar_dir_entry *e = __ppar_dir_at(k);
        e->valid = bit;
        e->holder = runner;
        e->wseq = me;
      }
      __ppar_dir_join(first, end);
    }
    int result_tag = result_size ? next_tag() : 0;
    if (runner != rank && result_size && nranks > 1) {
      __ppar_vec_reserve_or_die(&msgs, &capmsgs, nmsgs + 1, sizeof *msgs,
                                "messages of a task");
      msgs[nmsgs++] = (struct __ppar_dist_msg){.buf = t->result,
                                               .len = result_size,
                                               .peer = runner,
                                               .tag = result_tag};
    }
    ran_here += runner == rank;
    if (picturing) {
      __ppar_rec_task(t->id, me, runner);
      if (result_size && runner != rank)
        __ppar_rec_message(runner, me, 0, result_size, 1);
    }
    if (!nmsgs && (!result_size || nranks == 1)) {
      /* Nothing to send or receive here (most tasks): no job. */
      if (runner != rank)
        t->fn = skip_here;
      return out;
    }
    j = take_job(0);
    j->fn = t->fn;
    j->result_tag = result_tag;
    j->result_size = result_size;
    t->fn = runner == rank ? run_here : skip_here;
  }
  j->task = t;
  t->dist = j;
  t->dist_messages = j->nmsg > 0;
  return out;
}

/* ---- the program's waits ------------------------------------------------ */

/* The program's messages. Tasks of this rank that the graph would have
 * ordered around them may still be pending, lazy ones never requested:
 * tasks that run elsewhere have no node here (__ppar_dist_elsewhere), and
 * a scope's end sends joined entries, parts of which earlier tasks wrote.
 * So what is sent waits for its local writers, what is received for every
 * local task that touches it. */
static void exchange(void) {
  if (!nmsgs)
    return;
  for (size_t i = 0; i < nmsgs; i++) {
    const char *lo = msgs[i].buf;
    __ppar_graph_wait_conflicts(lo, lo + msgs[i].len,
                                msgs[i].send ? __PPAR_RT_ACCESS_READ
                                             : __PPAR_RT_ACCESS_READWRITE);
  }
  struct __ppar_dist_job *j = take_job(0);
  __ppar_comm_run(j);
  free(j);
}

void __ppar_dist_report(void) {
  if (on)
    __ppar_log(__PPAR_LOG_DECISIONS,
               "rank %d of %d: %llu of %llu tasks run here only, %llu on every "
               "rank; %llu messages sent, %llu received (%llu bytes), result "
               "messages not counted",
               rank, nranks, (unsigned long long)ran_here,
               (unsigned long long)seq, (unsigned long long)ran_everywhere,
               (unsigned long long)sent, (unsigned long long)received,
               (unsigned long long)bytes_moved);
}

void __ppar_dist_sync(const void *lo, const void *hi) {
  planning = 0;
  if (lo == __PPAR_RT_ANYWHERE_LO && hi == __PPAR_RT_ANYWHERE_HI)
    spread_all(0);
  else if (lo < hi)
    spread_range((uintptr_t)lo, (uintptr_t)hi);
  exchange();
}

void __ppar_dist_sync_all(void) {
  planning = 0;
  spread_all(0);
  exchange();
}

void __ppar_dist_scope_enter(void) {
  __ppar_vec_reserve_or_die(&scopes, &capscopes, nscopes + 1, sizeof *scopes,
                            "scopes of distributed tasks");
  scopes[nscopes++] = seq + 1;
}

void __ppar_dist_scope_leave(void) {
  if (!nscopes)
    return;
  uint64_t from = scopes[--nscopes];
  if (!on)
    return; /* no task yet, so nothing to send */
  planning = 0;
  spread_all(from);
  exchange();
}

int __ppar_dist_distribute(const void *p, size_t bytes, int how,
                           size_t unit) {
  if (!p || !bytes || !unit || (how != PPAR_BLOCK && how != PPAR_CYCLIC))
    return PPAR_EINVAL;
  __ppar_vec_reserve_or_die(&objects, &capobjects, nobjects + 1,
                            sizeof *objects, "distributed objects");
  objects[nobjects++] = (struct object){(uintptr_t)p, (uintptr_t)p + bytes,
                                        how, unit, 0, 0, 0, 0};
  return PPAR_OK;
}

int __ppar_dist_distribute_2d(const void *p, size_t tile_bytes, int tiles_r,
                              int tiles_c, int how) {
  if (!p || !tile_bytes || tiles_r <= 0 || tiles_c <= 0 ||
      (how != PPAR_BLOCK_2D && how != PPAR_CYCLIC_2D))
    return PPAR_EINVAL;
  size_t tiles = (size_t)tiles_r * (size_t)tiles_c;
  if (tile_bytes > SIZE_MAX / tiles)
    return PPAR_EINVAL;
  __ppar_vec_reserve_or_die(&objects, &capobjects, nobjects + 1,
                            sizeof *objects, "distributed objects");
  objects[nobjects++] =
      (struct object){(uintptr_t)p, (uintptr_t)p + tiles * tile_bytes, how,
                      tile_bytes, tiles_c, tiles_r, 0, 0};
  return PPAR_OK;
}
