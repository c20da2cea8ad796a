/*
 * graph_dot.c - PPAR_GRAPH=FILE.dot: the executed task graph in Graphviz
 * DOT, written at exit. A node per task that ran, labelled with the
 * function and the line of the call; an edge per dependence (a future passed
 * in, or conflicting memory); red-filled nodes ran under the global lock,
 * green ones were nogil. Under MPI each rank draws a cluster of the tasks
 * it ran (dist_pictures.c gathers them to rank 0, with the messages).
 */
#include "graph_dot.h"

#include "ppar_rt_abi.h"

#include "config.h"
#include "dist_record.h"
#include "message.h"
#include "task.h"
#include "vec.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  uint64_t id;
  const char *name, *file;
  unsigned line;
  int nogil;
  uint64_t *deps;
  int ndeps;
};

static const char *path; /* set once at start-up */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct node *nodes;
static size_t nnodes, capnodes;

void __ppar_dot_init(void) { path = __ppar_config()->graph; }

int __ppar_dot_enabled(void) { return path != NULL; }

void __ppar_dot_record(struct __ppar_rt_task *t) {
  pthread_mutex_lock(&mu);
  if (__ppar_vec_reserve(&nodes, &capnodes, nnodes + 1, sizeof *nodes))
    __ppar_die("out of memory recording the task graph (PPAR_GRAPH)");
  nodes[nnodes++] = (struct node){t->id,   t->name,
                                  t->file, t->line,
                                  !!(t->flags & __PPAR_RT_TASK_NOGIL),
                                  t->dep_ids, t->ndep_ids};
  t->dep_ids = NULL; /* the record owns them now */
  t->ndep_ids = t->capdep_ids = 0;
  pthread_mutex_unlock(&mu);
}

static void put_escaped(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', f);
    fputc(*s, f);
  }
}

/* The attributes of n's node, after its name. */
static void put_node(FILE *f, const struct node *n) {
  const char *base = strrchr(n->file, '/');
  fputs(" [label=\"", f);
  put_escaped(f, n->name);
  fputs("\\n", f);
  put_escaped(f, base ? base + 1 : n->file);
  fprintf(f, ":%u\", fillcolor=%s, tooltip=\"%s\"];\n", n->line,
          n->nogil ? "palegreen" : "lightcoral",
          n->nogil ? "nogil" : "global lock");
}

static void drop_nodes(void) {
  for (size_t i = 0; i < nnodes; i++)
    free(nodes[i].deps);
  free(nodes);
  nodes = NULL;
  nnodes = capnodes = 0;
}

void __ppar_dot_write(void) {
  if (!path)
    return;
  pthread_mutex_lock(&mu);
  FILE *f = fopen(path, "w");
  if (!f) {
    __ppar_print_error("cannot write the task graph to PPAR_GRAPH='%s': %s",
                       path, strerror(errno));
    pthread_mutex_unlock(&mu);
    return;
  }
  fprintf(f, "digraph ppar {\n  node [shape=box, style=filled];\n");
  for (size_t i = 0; i < nnodes; i++) {
    fprintf(f, "  t%llu", (unsigned long long)nodes[i].id);
    put_node(f, &nodes[i]);
  }
  for (size_t i = 0; i < nnodes; i++)
    for (int k = 0; k < nodes[i].ndeps; k++)
      fprintf(f, "  t%llu -> t%llu;\n", (unsigned long long)nodes[i].deps[k],
              (unsigned long long)nodes[i].id);
  fprintf(f, "}\n");
  if (fclose(f))
    __ppar_print_error("cannot write the task graph to PPAR_GRAPH='%s': %s",
                       path, strerror(errno));
  drop_nodes();
  pthread_mutex_unlock(&mu);
}

const char *__ppar_dot_path(void) { return path; }

void __ppar_dot_rank_part(FILE *nodes_f, FILE *edges_f) {
  pthread_mutex_lock(&mu);
  for (size_t i = 0; i < nnodes; i++) {
    const struct node *n = &nodes[i];
    if (__ppar_rec_ran_elsewhere(n->id))
      continue; /* only its result came here, or nothing */
    fputs("    ", nodes_f);
    __ppar_rec_node_name(nodes_f, n->id);
    put_node(nodes_f, n);
    for (int k = 0; k < n->ndeps; k++) {
      fputs("  ", edges_f);
      __ppar_rec_node_name(edges_f, n->deps[k]);
      fputs(" -> ", edges_f);
      __ppar_rec_node_name(edges_f, n->id);
      fputs(";\n", edges_f);
    }
  }
  drop_nodes();
  path = NULL; /* rank 0 writes the whole picture */
  pthread_mutex_unlock(&mu);
}
