// The kernel cache key without NVRTC loaded: it names NVRTC by the library
// file the loader would pick (LD_LIBRARY_PATH first, as ld.so searches),
// and changes with the source, the options, that file (path, size, mtime),
// the architecture and the mode. Forming it must not load NVRTC: the first
// cache hit of a process used to load it only for its version (8 ms).
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: rm -rf %t.dir && mkdir -p %t.dir/a %t.dir/b
// RUN: env UBSAN_OPTIONS=halt_on_error=1 LD_LIBRARY_PATH=%t.dir/none:%t.dir/a:%t.dir/b %t %t.dir | FileCheck %s --match-full-lines -DDIR=%t.dir
// CHECK:      found in a: [[DIR]]/a/libppar-test-nvrtc.so.13
// CHECK-NEXT: identity: nvrtc file [[DIR]]/a/libppar-test-nvrtc.so.13 size 64 mtime 1000000000.000000000
// CHECK-NEXT: keys: 8 distinct, repeatable
// CHECK-NEXT: after removing a: [[DIR]]/b/libppar-test-nvrtc.so.12
// CHECK-NEXT: not an ELF64 file: skipped
// CHECK-NEXT: none of them: -6
// CHECK-NEXT: NVRTC loaded: no
#define _GNU_SOURCE
#include "ppar.h"

#include "kcache.h"
#include "nvrtc_find.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file that looks like a 64-bit ELF library: the magic, class 2. */
static void fake_lib(const char *path, size_t size, int elf64, long mtime) {
  char bytes[256] = {0x7f, 'E', 'L', 'F', elf64 ? 2 : 1};
  FILE *f = fopen(path, "wb");
  fwrite(bytes, 1, size, f);
  fclose(f);
  struct timespec ts[2] = {{mtime, 0}, {mtime, 0}};
  utimensat(AT_FDCWD, path, ts, 0);
}

static int loaded_nvrtc(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[1024];
  int found = 0;
  while (f && fgets(line, sizeof line, f))
    found |= strstr(line, "libnvrtc") != NULL;
  if (f)
    fclose(f);
  return found;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  const char *dir = argv[1];
  static const char *const sonames[] = {"libppar-test-nvrtc.so.13", "libppar-test-nvrtc.so.12"};
  char a13[512], b12[512], path[512], id[1024], id2[1024];
  snprintf(a13, sizeof a13, "%s/a/libppar-test-nvrtc.so.13", dir);
  snprintf(b12, sizeof b12, "%s/b/libppar-test-nvrtc.so.12", dir);
  fake_lib(a13, 64, 1, 1000000000L);
  fake_lib(b12, 64, 1, 1000000000L);
  /* The fallback directory is empty: only the search finds them. */
  int rc = __ppar_nvrtc_find(sonames, 2, "/nonexistent", path, sizeof path);
  printf("found in a: %s\n", rc == 0 ? path : "(none)");
  __ppar_nvrtc_file_identity(path, id, sizeof id);
  printf("identity: %s\n", id);

  /* Every input changes the key; the same inputs give the same key. */
  struct __ppar_kcache_key k[8], again;
  fake_lib(a13, 65, 1, 1000000000L); /* one byte longer */
  __ppar_nvrtc_file_identity(a13, id2, sizeof id2);
  char id3[1024];
  fake_lib(a13, 64, 1, 1000000001L); /* touched */
  __ppar_nvrtc_file_identity(a13, id3, sizeof id3);
  fake_lib(a13, 64, 1, 1000000000L);
  __ppar_kcache_key_make(&k[0], "src", "opts", id, 9, 0, 1);
  __ppar_kcache_key_make(&k[1], "src2", "opts", id, 9, 0, 1);
  __ppar_kcache_key_make(&k[2], "src", "opts2", id, 9, 0, 1);
  __ppar_kcache_key_make(&k[3], "src", "opts", id2, 9, 0, 1);
  __ppar_kcache_key_make(&k[4], "src", "opts", id3, 9, 0, 1);
  __ppar_kcache_key_make(&k[5], "src", "opts", id, 8, 0, 1);
  __ppar_kcache_key_make(&k[6], "src", "opts", id, 9, 0, 0);
  __ppar_kcache_key_make(&k[7], "src", "opts", id, 9, 0, 3);
  __ppar_kcache_key_make(&again, "src", "opts", id, 9, 0, 1);
  int distinct = 1;
  for (int i = 0; i < 8; i++)
    for (int j = i + 1; j < 8; j++)
      if (memcmp(k[i].digest, k[j].digest, sizeof k[i].digest) == 0)
        distinct = 0;
  printf("keys: %s, %s\n", distinct ? "8 distinct" : "COLLISION",
         memcmp(k[0].digest, again.digest, sizeof again.digest) == 0
             ? "repeatable"
             : "NOT REPEATABLE");

  /* The loader's order: a's .so.13 gone, the next soname is found in b. */
  unlink(a13);
  rc = __ppar_nvrtc_find(sonames, 2, "/nonexistent", path, sizeof path);
  printf("after removing a: %s\n", rc == 0 ? path : "(none)");
  fake_lib(b12, 64, 0, 1000000000L);
  rc = __ppar_nvrtc_find(sonames, 2, "/nonexistent", path, sizeof path);
  printf("not an ELF64 file: %s\n",
         rc != 0 || strcmp(path, b12) != 0 ? "skipped" : "USED");
  static const char *const none[] = {"libppar-no-such-nvrtc.so.1"};
  printf("none of them: %d\n",
         __ppar_nvrtc_find(none, 1, "/nonexistent", path, sizeof path));
  printf("NVRTC loaded: %s\n", loaded_nvrtc() ? "yes" : "no");
  return 0;
}
