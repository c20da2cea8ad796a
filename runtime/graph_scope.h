/*
 * graph_scope.h - scopes of delayed calls (graph_scope.c): the tasks
 * created on a thread between a scope's enter and leave are waited for at
 * its leave. Scopes nest, per thread.
 */
#ifndef PPAR_RT_GRAPH_SCOPE_H
#define PPAR_RT_GRAPH_SCOPE_H

#include "visibility.h"

struct __ppar_rt_task;

/* Opens a scope on the calling thread. */
PPAR_INTERNAL void __ppar_scope_enter(void);
/* Requests and waits for the tasks of the innermost scope (and those
 * created meanwhile on this thread outside any scope of their own), then
 * closes it; ends the program when no scope is open or scopes were left
 * out of order (the plugin generated bad code). */
PPAR_INTERNAL void __ppar_scope_leave(void);
/* Adds t, with a reference, to the innermost open scope; nothing outside
 * any scope. */
PPAR_INTERNAL void __ppar_scope_add(struct __ppar_rt_task *t);

#endif /* PPAR_RT_GRAPH_SCOPE_H */
