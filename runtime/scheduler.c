/*
 * scheduler.c - the scheduler in use (scheduler.h), set once by the task
 * graph's start-up (tasks.c) and read by everything that hands it tasks.
 */
#include "scheduler.h"

const struct __ppar_sched *__ppar_sched;
