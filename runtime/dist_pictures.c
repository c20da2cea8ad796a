/*
 * dist_pictures.c - PPAR_GRAPH and PPAR_TRACE of an MPI run
 * (dist_pictures.h).
 *
 * Every rank plans every top-level task, so every rank knows, for each,
 * its number in creation order (the same on all ranks, unlike the task's
 * id, which counts the tasks that running tasks create too) and the rank
 * that runs it (dist_record.h). A rank draws the tasks it ran as its cluster, the
 * dependences into them, and the messages it received as edges from the
 * task that wrote the data on its sender's cluster. At exit each rank
 * prints its parts into memory and sends them to rank 0 (two rounds of
 * messages: sizes, then texts), which writes each file once.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "dist_pictures.h"

#include "dist.h"
#include "dist_record.h"
#include "dist_sched.h"
#include "graph_dot.h"
#include "message.h"
#include "trace.h"
#include "vec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- gathering ---------------------------------------------------------- */

/* Rank 0 gets every rank's text (parts[q], lens[q]; its own is mine). */
static void gather(char *mine, size_t len, char **parts, uint64_t *lens) {
  int rank = __ppar_dist_rank(), n = __ppar_dist_size();
  int tag_len = __ppar_dist_next_tag(), tag_text = __ppar_dist_next_tag();
  uint64_t my_len = len;
  struct __ppar_dist_job *j = __ppar_comm_job(rank ? 1 : n - 1, 0);
  for (int q = 1, k = 0; q < n; q++)
    if (!rank)
      j->msg[k++] = (struct __ppar_dist_msg){
          .buf = &lens[q], .len = sizeof *lens, .peer = q, .tag = tag_len};
  if (rank)
    j->msg[0] = (struct __ppar_dist_msg){.buf = &my_len, .len = sizeof my_len,
                                         .peer = 0, .tag = tag_len, .send = 1};
  __ppar_comm_run(j);
  free(j);
  j = __ppar_comm_job(rank ? 1 : n - 1, 0);
  for (int q = 1, k = 0; q < n; q++)
    if (!rank) {
      parts[q] = malloc(lens[q] + 1);
      if (!parts[q])
        __ppar_die("out of memory gathering the ranks' pictures");
      parts[q][lens[q]] = 0;
      j->msg[k++] = (struct __ppar_dist_msg){
          .buf = parts[q], .len = lens[q], .peer = q, .tag = tag_text};
    }
  if (rank)
    j->msg[0] = (struct __ppar_dist_msg){
        .buf = mine, .len = len, .peer = 0, .tag = tag_text, .send = 1};
  __ppar_comm_run(j);
  free(j);
  if (!rank) {
    parts[0] = mine;
    lens[0] = len;
  }
}

static FILE *memory(char **buf, size_t *len) {
  FILE *f = open_memstream(buf, len);
  if (!f)
    __ppar_die("out of memory printing the ranks' pictures");
  return f;
}

/* This rank's part of the DOT file: its cluster's body, a NUL, then its
 * edges. */
static char *dot_part(size_t *len) {
  int rank = __ppar_dist_rank();
  char *nodes, *edges;
  size_t nlen, elen;
  FILE *fn = memory(&nodes, &nlen), *fe = memory(&edges, &elen);
  __ppar_dot_rank_part(fn, fe);
  int program = 0;
  size_t nreceived;
  const struct __ppar_rec_message *received = __ppar_rec_messages(&nreceived);
  for (size_t i = 0; i < nreceived; i++) {
    const struct __ppar_rec_message *m = &received[i];
    fprintf(fe, "  r%dt%llu -> ", m->from, (unsigned long long)m->from_seq);
    if (m->to_seq)
      fprintf(fe, "r%dt%llu", rank, (unsigned long long)m->to_seq);
    else
      fprintf(fe, "r%dp", rank);
    fprintf(fe, " [color=blue, fontcolor=blue, %slabel=\"%s%zu B\"];\n",
            m->result ? "style=dashed, " : "", m->result ? "result " : "",
            m->bytes);
    program |= !m->to_seq;
  }
  if (program)
    fprintf(fn, "    r%dp [label=\"program\", shape=ellipse, "
                "fillcolor=white];\n",
            rank);
  fclose(fn);
  fclose(fe);
  char *part = malloc(nlen + elen + 2);
  if (!part)
    __ppar_die("out of memory printing the ranks' pictures");
  memcpy(part, nodes, nlen + 1);
  memcpy(part + nlen + 1, edges, elen + 1);
  *len = nlen + elen + 2;
  free(nodes);
  free(edges);
  return part;
}

static void write_dot(const char *path, char **parts, int n) {
  FILE *f = fopen(path, "w");
  if (!f) {
    __ppar_print_error("cannot write the task graph to PPAR_GRAPH='%s': %s",
                       path, strerror(errno));
    return;
  }
  fprintf(f, "digraph ppar {\n  node [shape=box, style=filled];\n");
  for (int q = 0; q < n; q++)
    fprintf(f, "  subgraph cluster_rank%d {\n    label=\"rank %d\";\n%s  }\n",
            q, q, parts[q]);
  for (int q = 0; q < n; q++)
    fputs(parts[q] + strlen(parts[q]) + 1, f);
  fprintf(f, "}\n");
  if (fclose(f))
    __ppar_print_error("cannot write the task graph to PPAR_GRAPH='%s': %s",
                       path, strerror(errno));
}

static void write_trace(const char *path, char **parts, uint64_t *lens,
                        int n) {
  FILE *f = fopen(path, "w");
  if (!f) {
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
    return;
  }
  fprintf(f, "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n");
  for (int q = 0; q < n; q++) {
    if (q)
      fputs(",\n", f);
    fwrite(parts[q], 1, lens[q], f);
  }
  fprintf(f, "\n]}\n");
  if (fclose(f))
    __ppar_print_error("cannot write the trace to PPAR_TRACE='%s': %s", path,
                       strerror(errno));
}

static void gather_and_write(char *mine, size_t len, int dot,
                             const char *path) {
  int n = __ppar_dist_size();
  char **parts = calloc((size_t)n, sizeof *parts);
  uint64_t *lens = calloc((size_t)n, sizeof *lens);
  if (!parts || !lens)
    __ppar_die("out of memory gathering the ranks' pictures");
  gather(mine, len, parts, lens);
  if (__ppar_dist_rank() == 0) {
    if (dot)
      write_dot(path, parts, n);
    else
      write_trace(path, parts, lens, n);
    for (int q = 1; q < n; q++)
      free(parts[q]);
  }
  free(mine);
  free(parts);
  free(lens);
}

void __ppar_dist_pictures(void) {
  if (!__ppar_dist_on())
    return;
  const char *dot = __ppar_dot_path(), *trace = __ppar_trace_path();
  if (trace)
    __ppar_comm_trace_off(); /* the pictures' own messages stay out */
  if (dot) {
    size_t len;
    char *part = dot_part(&len);
    gather_and_write(part, len, 1, dot);
  }
  if (trace) {
    char *part;
    size_t len;
    FILE *f = memory(&part, &len);
    __ppar_trace_rank_part(f, __ppar_dist_rank(), __ppar_rec_origin());
    fclose(f);
    gather_and_write(part, len, 0, trace);
  }
  __ppar_rec_free();
}
