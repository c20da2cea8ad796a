/*
 * error.h - how the runtime reports failures and decisions: the per-thread
 * last error behind ppar_last_error() (api_error.c) and verbose logging.
 * Dying with a message is message.h's, included here for every user.
 */
#ifndef PPAR_RT_ERROR_H
#define PPAR_RT_ERROR_H

#include "config.h" /* the levels of __ppar_log */
#include "message.h"
#include "visibility.h"

/* Record "ppar: <message>" as this thread's last error and return code, so a
 * failing API function can end with `return __ppar_set_error(PPAR_E..., ...)`. */
PPAR_INTERNAL int __ppar_set_error(int code, const char *fmt, ...)
    PPAR__PRINTF(2, 3);

/* This thread's last error, "ppar: <function>: <cause>", or "" (what
 * ppar_last_error returns). */
PPAR_INTERNAL const char *__ppar_last_error(void);

/* __ppar_last_error() without its "ppar: " prefix: the cause of the last
 * failure, to quote inside another message. */
PPAR_INTERNAL const char *__ppar_last_cause(void);

/* Print "ppar: <message>" on stderr, as one line, when PPAR_VERBOSE >= level. */
PPAR_INTERNAL void __ppar_log(int level, const char *fmt, ...)
    PPAR__PRINTF(2, 3);

#endif /* PPAR_RT_ERROR_H */
