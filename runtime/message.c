/*
 * message.c - one-line messages on stderr, and dying with one (message.h).
 */
#include "message.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void __ppar_vformat(char *buf, size_t size, const char *prefix,
                    const char *fmt, va_list ap) {
  size_t n = strlen(prefix);
  if (n >= size)
    n = size - 1;
  memcpy(buf, prefix, n);
  buf[n] = '\0';
  vsnprintf(buf + n, size - n, fmt, ap);
}

void __ppar_vprint_line(const char *prefix, const char *fmt, va_list ap) {
  char line[__PPAR_MESSAGE_MAX + 2];
  __ppar_vformat(line, __PPAR_MESSAGE_MAX, prefix, fmt, ap);
  strcat(line, "\n");
  fputs(line, stderr);
}

void __ppar_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  __ppar_vprint_line("ppar: ", fmt, ap);
  va_end(ap);
}

/* Errors flush stdout first, so that what the program printed before the
 * error comes before it when both go to one terminal or file. */
void __ppar_print_error(const char *fmt, ...) {
  fflush(stdout);
  va_list ap;
  va_start(ap, fmt);
  __ppar_vprint_line("ppar: error: ", fmt, ap);
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
  __ppar_vprint_line("ppar: error: ", fmt, ap);
  va_end(ap);
  __ppar_exit_fatal();
}
