/*
 * error.c - the per-thread last error, logging, and dying with a message.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "config.h"
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Long enough for a message naming a function, a file and a driver error;
 * longer ones are cut, never overflowed. */
#define PPAR_MESSAGE_MAX 512

/* Per thread, like errno: one thread's failure never shows up as another's.
 * Empty until the first failure on the thread; successes do not clear it. */
static _Thread_local char last_error[PPAR_MESSAGE_MAX];

PPAR_API const char *ppar_last_error(void) { return last_error; }

/* Format prefix + message into buf, cut to fit. */
static void format(char *buf, size_t size, const char *prefix, const char *fmt,
                   va_list ap) {
  size_t n = strlen(prefix);
  if (n >= size)
    n = size - 1;
  memcpy(buf, prefix, n);
  buf[n] = '\0';
  vsnprintf(buf + n, size - n, fmt, ap);
}

/* Write one line with a single stdio call, so that lines printed by several
 * threads at once never interleave. */
static void print_line(const char *prefix, const char *fmt, va_list ap) {
  char line[PPAR_MESSAGE_MAX + 2];
  format(line, PPAR_MESSAGE_MAX, prefix, fmt, ap);
  strcat(line, "\n");
  fputs(line, stderr);
}

int __ppar_set_error(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  format(last_error, sizeof last_error, "ppar: ", fmt, ap);
  va_end(ap);
  /* Logged without the stored prefix: __ppar_log adds its own. */
  __ppar_log(__PPAR_LOG_DETAIL, "%s", last_error + strlen("ppar: "));
  return code;
}

void __ppar_log(int level, const char *fmt, ...) {
  if (__ppar_config()->verbose < level)
    return;
  va_list ap;
  va_start(ap, fmt);
  print_line("ppar: ", fmt, ap);
  va_end(ap);
}

void __ppar_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_line("ppar: ", fmt, ap);
  va_end(ap);
}

/* Errors flush stdout first, so that what the program printed before the
 * error comes before it when both go to one terminal or file. */
void __ppar_print_error(const char *fmt, ...) {
  fflush(stdout);
  va_list ap;
  va_start(ap, fmt);
  print_line("ppar: error: ", fmt, ap);
  va_end(ap);
}

/* _exit, not exit: atexit handlers (the runtime's own ones included, which may
 * read the settings) could re-enter the pthread_once that is failing right
 * now and deadlock, or race with other threads still running. The user's
 * buffered output is flushed first so that nothing printed before the error
 * is lost. */
void __ppar_exit_fatal(void) {
  fflush(NULL);
  _exit(2);
}

void __ppar_die(const char *fmt, ...) {
  fflush(stdout);
  va_list ap;
  va_start(ap, fmt);
  print_line("ppar: error: ", fmt, ap);
  va_end(ap);
  __ppar_exit_fatal();
}
