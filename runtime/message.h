/*
 * message.h - one-line messages on stderr, and the one place that stops
 * the process. The lowest layer of the runtime: it asks no setting, so the
 * code that reads the settings can report with it too.
 */
#ifndef PPAR_RT_MESSAGE_H
#define PPAR_RT_MESSAGE_H

#include "visibility.h"

#include <stdarg.h>
#include <stddef.h>

#define PPAR__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/* Long enough for a message naming a function, a file and a driver error;
 * longer ones are cut, never overflowed. */
#define __PPAR_MESSAGE_MAX 512

/* prefix + the formatted message into buf (size > 0), cut to fit. */
PPAR_INTERNAL void __ppar_vformat(char *buf, size_t size, const char *prefix,
                                  const char *fmt, va_list ap);

/* prefix + the formatted message + a newline on stderr, with a single stdio
 * call, so that lines printed by several threads at once never
 * interleave. */
PPAR_INTERNAL void __ppar_vprint_line(const char *prefix, const char *fmt,
                                      va_list ap);

/* Print "ppar: <message>" on stderr as one line, unconditionally. For code
 * that runs while the settings are being read and so cannot ask them. */
PPAR_INTERNAL void __ppar_note(const char *fmt, ...) PPAR__PRINTF(1, 2);

/* Print "ppar: error: <message>" on stderr as one line, and go on (so that
 * several problems can be reported before __ppar_exit_fatal). */
PPAR_INTERNAL void __ppar_print_error(const char *fmt, ...) PPAR__PRINTF(1, 2);

/* Stop the process with exit status 2 after the errors were printed. The one
 * place the runtime ends a program. */
PPAR_INTERNAL _Noreturn void __ppar_exit_fatal(void);

/* __ppar_print_error, then __ppar_exit_fatal. */
PPAR_INTERNAL _Noreturn void __ppar_die(const char *fmt, ...) PPAR__PRINTF(1, 2);

#endif /* PPAR_RT_MESSAGE_H */
