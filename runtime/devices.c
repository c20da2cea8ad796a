/*
 * devices.c - the device set (devices.h): PPAR_DEVICES=0,1 (ordinals, in
 * slot order), `all` or unset for every device, read once. A repeated
 * ordinal is a virtual device: split calls run each slot's part on a host
 * thread of its own and resident data keeps one copy per slot, so `0,0`
 * tests on one GPU what two GPUs do.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "devices.h"

#include "cuda_driver.h"
#include "error.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int nslots = 1, ordinals[__PPAR_MAX_SLOTS];
static int repeated; /* some ordinal appears twice */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void read_devices(void) {
  int count = __ppar_cu_device_count();
  const char *v = getenv("PPAR_DEVICES");
  if (count <= 0)
    return; /* no GPU: every call runs on the CPU anyway */
  if (!v || !*v || strcmp(v, "all") == 0) {
    nslots = count < __PPAR_MAX_SLOTS ? count : __PPAR_MAX_SLOTS;
    for (int i = 0; i < nslots; i++)
      ordinals[i] = i;
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
    if (d >= count)
      __ppar_die("PPAR_DEVICES='%s': device %ld does not exist: devices "
                 "are numbered 0 to %d",
                 v, d, count - 1);
    if (n == __PPAR_MAX_SLOTS)
      __ppar_die("PPAR_DEVICES='%s' names more than %d devices", v,
                 __PPAR_MAX_SLOTS);
    ordinals[n++] = (int)d;
    if (*end == '\0')
      break;
    p = end + 1;
  }
  nslots = n;
  for (int a = 0; a < n; a++)
    for (int b = a + 1; b < n; b++)
      repeated |= ordinals[a] == ordinals[b];
}

int __ppar_devices_count(void) {
  pthread_once(&once, read_devices);
  return nslots;
}

int __ppar_devices_ordinal(int slot) {
  pthread_once(&once, read_devices);
  return ordinals[slot];
}

int __ppar_devices_virtual(void) {
  pthread_once(&once, read_devices);
  return repeated;
}
