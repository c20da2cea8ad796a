// PPAR_CHECK=1 on hand-written "generated" loops whose parallel version is
// deliberately wrong at one element, for each kind of region: the first
// difference is reported on one line (function, loop line, element index,
// both values), the parallel results stay in memory, the program goes on,
// and at exit it says how many runs differed and exits with status 3.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env PPAR_CHECK=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar:
//
// RUN: %{status} %{run} double | %{fc} --check-prefix=DOUBLE
// DOUBLE:      ppar: check: scale_double (kinds.c:10): a[1234] is 1235 in parallel but 1234.75 serially
// DOUBLE-NEXT: a[1233]=1233.75 a[1234]=1235 a[1235]=1235.75
// DOUBLE-NEXT: ppar: check: 1 of 1 checked loop runs differed
// DOUBLE-NEXT: exit status 3
//
// A difference far below the last digits a vectorised loop may change is
// not one; 1e-10 relative is.
// RUN: %{status} %{run} double-close | %{fc} --check-prefix=DOUBLE-CLOSE
// DOUBLE-CLOSE:      a[1233]=1233.75 a[1234]=1234.7500000000123 a[1235]=1235.75
// DOUBLE-CLOSE-NEXT: exit status 0
// RUN: %{status} %{run} double-far | %{fc} --check-prefix=DOUBLE-FAR
// DOUBLE-FAR:      ppar: check: scale_double_far (kinds.c:12): a[1234] is 1234.750000123475 in parallel but 1234.75 serially
// DOUBLE-FAR:      ppar: check: 1 of 1 checked loop runs differed
// DOUBLE-FAR-NEXT: exit status 3
// RUN: %{status} %{run} double-nan | %{fc} --check-prefix=DOUBLE-NAN
// DOUBLE-NAN:      a[1]=nan a[2]=inf
// DOUBLE-NAN-NEXT: exit status 0
// RUN: %{status} %{run} double-inf | %{fc} --check-prefixes=DOUBLE-INF,DIFF1
// DOUBLE-INF:      ppar: check: inf_double (kinds.c:14): a[2] is -inf in parallel but inf serially
//
// RUN: %{status} %{run} float | %{fc} --check-prefix=FLOAT
// FLOAT:      ppar: check: scale_float (kinds.c:20): a[77] is 0.1001 in parallel but 0.1 serially
// FLOAT-NEXT: a[77]=0.100100003
// FLOAT-NEXT: ppar: check: 1 of 1 checked loop runs differed
// FLOAT-NEXT: exit status 3
// RUN: %{status} %{run} float-close | %{fc} --check-prefix=FLOAT-CLOSE
// FLOAT-CLOSE:      a[77]=0.100000009
// FLOAT-CLOSE-NEXT: exit status 0
//
// RUN: %{status} %{run} int32 | %{fc} --check-prefix=INT32
// INT32:      ppar: check: scale_int32 (kinds.c:30): a[100] is -120 in parallel but -121 serially
// INT32-NEXT: a[100]=-120
// INT32-NEXT: ppar: check: 1 of 1 checked loop runs differed
// INT32-NEXT: exit status 3
// RUN: %{status} %{run} int64 | %{fc} --check-prefixes=INT64,DIFF1
// INT64: ppar: check: shift_int64 (kinds.c:31): a[7] is -60129542143 in parallel but -60129542144 serially
// RUN: %{status} %{run} uint8 | %{fc} --check-prefixes=UINT8,DIFF1
// UINT8: ppar: check: mul_uint8 (kinds.c:32): a[300] is 53 in parallel but 52 serially
// RUN: %{status} %{run} int8 | %{fc} --check-prefixes=INT8,DIFF1
// INT8: ppar: check: neg_int8 (kinds.c:33): a[3] is -2 in parallel but -3 serially
// RUN: %{status} %{run} int16 | %{fc} --check-prefixes=INT16,DIFF1
// INT16: ppar: check: neg_int16 (kinds.c:34): a[1000] is -999 in parallel but -1000 serially
// RUN: %{status} %{run} uint16 | %{fc} --check-prefixes=UINT16,DIFF1
// UINT16: ppar: check: max_uint16 (kinds.c:35): a[9] is 0 in parallel but 65535 serially
// RUN: %{status} %{run} uint32 | %{fc} --check-prefixes=UINT32,DIFF1
// UINT32: ppar: check: max_uint32 (kinds.c:36): a[9] is 0 in parallel but 4294967295 serially
// RUN: %{status} %{run} uint64 | %{fc} --check-prefixes=UINT64,DIFF1
// UINT64: ppar: check: max_uint64 (kinds.c:37): a[9] is 0 in parallel but 18446744073709551615 serially
//
// Other element types are compared as bytes, the element size as the unit.
// RUN: %{status} %{run} bytes | %{fc} --check-prefix=BYTES
// BYTES:      ppar: check: move_points (kinds.c:40): a[4] byte 6 is 0x40 in parallel but 0x00 serially
// BYTES-NEXT: p[4].y=3
// BYTES-NEXT: ppar: check: 1 of 1 checked loop runs differed
// BYTES-NEXT: exit status 3
// RUN: %{status} %{run} char | %{fc} --check-prefixes=CHAR,DIFF1
// CHAR: ppar: check: upper (kinds.c:41): a[4] is 0x6f in parallel but 0x4f serially
// A region that ends inside an element: the last piece is compared as bytes.
// RUN: %{status} %{run} tail | %{fc} --check-prefixes=TAIL,DIFF1
// TAIL: ppar: check: tail (kinds.c:42): a[2] byte 1 is 0x07 in parallel but 0x00 serially
//
// Only the first difference of a loop run is reported, in region order;
// every run is reported, and counted.
// RUN: %{status} %{run} many | %{fc} --check-prefix=MANY
// MANY:      ppar: check: two_arrays (kinds.c:50): x[10] is 1 in parallel but 0 serially
// MANY-NEXT: ppar: check: two_arrays (kinds.c:50): x[10] is 1 in parallel but 0 serially
// MANY-NEXT: ppar: check: 2 of 5 checked loop runs differed
// MANY-NEXT: exit status 3
// RUN: %{status} %{run} second | %{fc} --check-prefix=SECOND
// SECOND:      ppar: check: two_arrays (kinds.c:50): y[3] is 1 in parallel but 0 serially
// SECOND-NEXT: ppar: check: 1 of 1 checked loop runs differed
//
// A correct loop: nothing to say, status 0; PPAR_VERBOSE says they agreed.
// RUN: %{status} %{run} ok | %{fc} --check-prefix=OK
// OK:      a[1233]=2157.9375 a[1234]=2159.6875 a[1235]=2161.4375
// OK-NEXT: exit status 0
// RUN: %{status} env PPAR_VERBOSE=1 %{run} ok | FileCheck %s --match-full-lines --check-prefix=OK-V
// OK-V:      ppar: settings: {{.*}} check=1, {{.*}}
// OK-V-NEXT: a[1233]=2157.9375 a[1234]=2159.6875 a[1235]=2161.4375
// OK-V-NEXT: ppar: check: all 3 checked loop runs agreed
// OK-V-NEXT: exit status 0
//
// The status is 3 even when main returns another one; the program's own
// atexit handlers run first.
// RUN: %{status} %{run} double exit-1 | FileCheck %s --check-prefix=EXIT1
// EXIT1: exit status 3
// RUN: %{status} %{run} double atexit | %{fc} --check-prefix=ATEXIT
// ATEXIT:      ppar: check: scale_double (kinds.c:10): a[1234] is 1235 in parallel but 1234.75 serially
// ATEXIT-NEXT: a[1233]=1233.75 a[1234]=1235 a[1235]=1235.75
// ATEXIT-NEXT: the program's atexit handler ran
// ATEXIT-NEXT: ppar: check: 1 of 1 checked loop runs differed
// ATEXIT-NEXT: exit status 3
//
// Without PPAR_CHECK the same program runs the parallel version only.
// RUN: %{status} env PPAR_CHECK= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t double | %{fc} --check-prefix=NOCHECK
// NOCHECK:      a[1233]=1233.75 a[1234]=1235 a[1235]=1235.75
// NOCHECK-NEXT: exit status 0
//
// The end of every run above with one difference.
// DIFF1:      ppar: check: 1 of 1 checked loop runs differed
// DIFF1-NEXT: exit status 3

#include "ppar_rt_abi.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the plugin generates around a parallel loop that writes a[0..n),
 * here with a "parallel" version that differs at index `bad`:
 *   serial:   a[i] = SERIAL
 *   parallel: a[i] = i == bad ? WRONG : SERIAL
 * SERIAL may read a[i]: the input is restored before the parallel loop. */
#define GENERATED(fn, line, T, kind, SERIAL, WRONG)                           \
  static void fn(long n, T *a, long bad) {                                   \
    struct __ppar_rt_check *c = 0;                                            \
    if (__ppar_rt_checking() &&                                               \
        (c = __ppar_rt_check_begin(                                           \
             #fn, "kinds.c", line,                                            \
             (struct __ppar_rt_region[]){{&a[0], &a[n - 1] + 1, kind,         \
                                          sizeof(T), "a"}},                   \
             1))) {                                                           \
      for (long i = 0; i < n; i++)                                            \
        a[i] = SERIAL;                                                        \
      __ppar_rt_check_mid(c);                                                 \
    }                                                                         \
    for (long i = 0; i < n; i++)                                              \
      a[i] = i == bad ? (WRONG) : (SERIAL);                                   \
    if (c)                                                                    \
      __ppar_rt_check_end(c);                                                 \
  }

GENERATED(scale_double, 10, double, 'f', a[i] * 0.5 + (double)i, a[i] * 0.5 + (double)i + 0.25)
GENERATED(scale_double_close, 11, double, 'f', a[i] * 0.5 + (double)i, (a[i] * 0.5 + (double)i) * (1 + 1e-14))
GENERATED(scale_double_far, 12, double, 'f', a[i] * 0.5 + (double)i, (a[i] * 0.5 + (double)i) * (1 + 1e-10))
GENERATED(nan_double, 13, double, 'f', i == 1 ? NAN : i == 2 ? INFINITY : 0.0, NAN)
GENERATED(inf_double, 14, double, 'f', i == 2 ? INFINITY : 0.0, -INFINITY)
GENERATED(scale_float, 20, float, 'f', a[i] * 0.1f, 0.1001f)
GENERATED(scale_float_close, 21, float, 'f', a[i] * 0.1f, nextafterf(a[i] * 0.1f, 1.0f))
GENERATED(scale_int32, 30, int32_t, 'i', a[i] * 3 - (int32_t)i, a[i] * 3 - (int32_t)i + 1)
GENERATED(shift_int64, 31, int64_t, 'i', -((int64_t)i << 33), -((int64_t)i << 33) + 1)
GENERATED(mul_uint8, 32, uint8_t, 'u', (uint8_t)(i * 7), (uint8_t)(i * 7 + 1))
GENERATED(neg_int8, 33, int8_t, 'i', (int8_t)-i, (int8_t)(1 - i))
GENERATED(neg_int16, 34, int16_t, 'i', (int16_t)-i, (int16_t)(1 - i))
GENERATED(max_uint16, 35, uint16_t, 'u', UINT16_MAX, 0)
GENERATED(max_uint32, 36, uint32_t, 'u', UINT32_MAX, 0)
GENERATED(max_uint64, 37, uint64_t, 'u', UINT64_MAX, 0)

struct point {
  float x, y, z;
};
GENERATED(move_points, 40, struct point, 'b', ((struct point){a[i].x, 2.0f, 0}), ((struct point){a[i].x, 3.0f, 0}))
GENERATED(upper, 41, char, 'b', (char)(a[i] - 32), a[i])

/* A region of 10 bytes over int32 elements: two whole ones and a piece. */
static void tail(unsigned char *a) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "tail", "kinds.c", 42,
           (struct __ppar_rt_region[]){{a, a + 10, 'i', 4, "a"}}, 1))) {
    memset(a, 0, 10);
    __ppar_rt_check_mid(c);
  }
  memset(a, 0, 10);
  a[9] = 7;
  if (c)
    __ppar_rt_check_end(c);
}

/* Two arrays; the parallel version sets x[bad_x] and y[bad_y]. */
static void two_arrays(int n, int *x, int *y, int bad_x, int bad_y) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin("two_arrays", "kinds.c", 50,
                                 (struct __ppar_rt_region[]){
                                     {x, x + n, 'i', sizeof *x, "x"},
                                     {y, y + n, 'i', sizeof *y, "y"}},
                                 2))) {
    for (int i = 0; i < n; i++)
      x[i] = y[i] = 0;
    __ppar_rt_check_mid(c);
  }
  for (int i = 0; i < n; i++) {
    x[i] = i == bad_x || i == bad_x + 1;
    y[i] = i == bad_y;
  }
  if (c)
    __ppar_rt_check_end(c);
}

#define ARRAY(T, name, n, init)                                               \
  T *name = malloc((n) * sizeof(T));                                          \
  if (!name)                                                                  \
    return 1;                                                                 \
  for (long i = 0; i < (n); i++)                                              \
    name[i] = init;

static void at_exit(void) { printf("the program's atexit handler ran\n"); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc < 2)
    return 1;
  const char *what = argv[1];
  int status = argc > 2 && strcmp(argv[2], "exit-1") == 0;
  if (argc > 2 && strcmp(argv[2], "atexit") == 0)
    atexit(at_exit);
  long n = 5000;

  if (strncmp(what, "double", 6) == 0 || strcmp(what, "ok") == 0) {
    ARRAY(double, a, n, 1.5)
    if (strcmp(what, "double") == 0)
      scale_double(n, a, 1234);
    else if (strcmp(what, "double-close") == 0)
      scale_double_close(n, a, 1234);
    else if (strcmp(what, "double-far") == 0)
      scale_double_far(n, a, 1234);
    else if (strcmp(what, "ok") == 0) {
      /* three runs, each starting from the results of the one before */
      scale_double(n, a, -1);
      scale_double(n, a, -1);
      scale_double(n, a, -1);
    } else if (strcmp(what, "double-nan") == 0) {
      nan_double(n, a, 1);
      printf("a[1]=%g a[2]=%g\n", a[1], a[2]);
      free(a);
      return status;
    } else if (strcmp(what, "double-inf") == 0) {
      inf_double(n, a, 2);
      free(a);
      return status;
    }
    printf("a[1233]=%.17g a[1234]=%.17g a[1235]=%.17g\n", a[1233], a[1234],
           a[1235]);
    free(a);
  } else if (strcmp(what, "float") == 0) {
    ARRAY(float, a, n, 1.0f)
    scale_float(n, a, 77);
    printf("a[77]=%.9g\n", a[77]);
    free(a);
  } else if (strcmp(what, "float-close") == 0) {
    ARRAY(float, a, n, 1.0f)
    scale_float_close(n, a, 77);
    printf("a[77]=%.9g\n", a[77]);
    free(a);
  } else if (strcmp(what, "int32") == 0) {
    ARRAY(int32_t, a, n, -7)
    scale_int32(n, a, 100);
    printf("a[100]=%d\n", a[100]);
    free(a);
  } else if (strcmp(what, "int64") == 0) {
    ARRAY(int64_t, a, n, 0)
    shift_int64(n, a, 7);
    free(a);
  } else if (strcmp(what, "uint8") == 0) {
    ARRAY(uint8_t, a, n, 0)
    mul_uint8(n, a, 300);
    free(a);
  } else if (strcmp(what, "int8") == 0) {
    ARRAY(int8_t, a, 100, 0)
    neg_int8(100, a, 3);
    free(a);
  } else if (strcmp(what, "int16") == 0) {
    ARRAY(int16_t, a, n, 0)
    neg_int16(n, a, 1000);
    free(a);
  } else if (strcmp(what, "uint16") == 0) {
    ARRAY(uint16_t, a, 10, 0)
    max_uint16(10, a, 9);
    free(a);
  } else if (strcmp(what, "uint32") == 0) {
    ARRAY(uint32_t, a, 10, 0)
    max_uint32(10, a, 9);
    free(a);
  } else if (strcmp(what, "uint64") == 0) {
    ARRAY(uint64_t, a, 10, 0)
    max_uint64(10, a, 9);
    free(a);
  } else if (strcmp(what, "bytes") == 0) {
    ARRAY(struct point, p, 10, ((struct point){(float)i, 0, 0}))
    move_points(10, p, 4);
    printf("p[4].y=%g\n", p[4].y);
    free(p);
  } else if (strcmp(what, "char") == 0) {
    char s[] = "hello world";
    upper((long)strlen(s), s, 4);
  } else if (strcmp(what, "tail") == 0) {
    int32_t a[3] = {0, 0, 0};
    tail((unsigned char *)a);
  } else if (strcmp(what, "many") == 0 || strcmp(what, "second") == 0) {
    int x[20], y[20];
    if (strcmp(what, "second") == 0) {
      two_arrays(20, x, y, -5, 3);
    } else {
      two_arrays(20, x, y, 10, 3);
      two_arrays(20, x, y, -5, -5);
      two_arrays(20, x, y, -5, -5);
      two_arrays(20, x, y, 10, -5);
      two_arrays(20, x, y, -5, -5);
    }
  } else {
    return 1;
  }
  return status;
}
