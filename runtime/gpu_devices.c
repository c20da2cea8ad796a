/*
 * gpu_devices.c - the device set of PPAR_DEVICES (gpu_devices.h), read
 * once: PPAR_DEVICES=0,1 (ordinals, in order), `all` or unset for every
 * device. A repeated ordinal is a virtual device: the same GPU used as
 * several by a split call (gpu_split.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "gpu_devices.h"

#include "cuda_driver.h"
#include "message.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int count = 1, devices[__PPAR_MAX_DEVICES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void read_devices(void) {
  int present = __ppar_cu_device_count();
  const char *v = getenv("PPAR_DEVICES");
  if (present <= 0)
    return; /* no GPU: every call runs on the CPU anyway */
  if (!v || !*v || strcmp(v, "all") == 0) {
    count = present < __PPAR_MAX_DEVICES ? present : __PPAR_MAX_DEVICES;
    for (int i = 0; i < count; i++)
      devices[i] = i;
    return;
  }
  int n = 0;
  for (const char *p = v;;) {
    char *end;
    long d = isdigit((unsigned char)*p) ? strtol(p, &end, 10) : -1;
    if (d < 0 || (*end != ',' && *end != '\0'))
      __ppar_die("PPAR_DEVICES='%s' is not valid: expected device ordinals "
                 "separated by commas (0,1; 0,0 uses device 0 twice) or "
                 "'all'",
                 v);
    if (d >= present)
      __ppar_die("PPAR_DEVICES='%s': device %ld does not exist: devices "
                 "are numbered 0 to %d",
                 v, d, present - 1);
    if (n == __PPAR_MAX_DEVICES)
      __ppar_die("PPAR_DEVICES='%s' names more than %d devices", v,
                 __PPAR_MAX_DEVICES);
    devices[n++] = (int)d;
    if (*end == '\0')
      break;
    p = end + 1;
  }
  count = n;
}

int __ppar_gpu_devices(const int **list) {
  pthread_once(&once, read_devices);
  *list = devices;
  return count;
}
