/*
 * error.h - how the runtime reports: the per-thread last error behind
 * ppar_last_error(), verbose logging, and the one place that stops the
 * process.
 */
#ifndef PPAR_RT_ERROR_H
#define PPAR_RT_ERROR_H

#include "visibility.h"

#define PPAR__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/* Verbosity levels of __ppar_log; PPAR_VERBOSE=N shows levels <= N. */
enum {
  __PPAR_LOG_DECISIONS = 1, /* target chosen, devices found, settings      */
  __PPAR_LOG_DETAIL = 2     /* every failure recorded in ppar_last_error   */
};

/* Record "ppar: <message>" as this thread's last error and return code, so a
 * failing API function can end with `return __ppar_set_error(PPAR_E..., ...)`. */
PPAR_INTERNAL int __ppar_set_error(int code, const char *fmt, ...)
    PPAR__PRINTF(2, 3);

/* Print "ppar: <message>" on stderr, as one line, when PPAR_VERBOSE >= level. */
PPAR_INTERNAL void __ppar_log(int level, const char *fmt, ...)
    PPAR__PRINTF(2, 3);

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

#endif /* PPAR_RT_ERROR_H */
