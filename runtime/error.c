/*
 * error.c - the per-thread last error and verbose logging (error.h).
 */
#include "error.h"

#include "config.h"
#include "message.h"

#include <stdarg.h>
#include <string.h>

/* Per thread, like errno: one thread's failure never shows up as another's.
 * Empty until the first failure on the thread; successes do not clear it. */
static _Thread_local char last_error[__PPAR_MESSAGE_MAX];

static const char prefix[] = "ppar: ";

const char *__ppar_last_error(void) { return last_error; }

const char *__ppar_last_cause(void) {
  return strncmp(last_error, prefix, strlen(prefix)) == 0
             ? last_error + strlen(prefix)
             : last_error;
}

int __ppar_set_error(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  __ppar_vformat(last_error, sizeof last_error, prefix, fmt, ap);
  va_end(ap);
  /* Logged without the stored prefix: __ppar_log adds its own. */
  __ppar_log(__PPAR_LOG_DETAIL, "%s", last_error + strlen(prefix));
  return code;
}

void __ppar_log(int level, const char *fmt, ...) {
  if (__ppar_config()->verbose < level)
    return;
  va_list ap;
  va_start(ap, fmt);
  __ppar_vprint_line(prefix, fmt, ap);
  va_end(ap);
}
