// The kernel cache's building blocks, with arbitrary bytes for images (no
// NVRTC needed): SHA-256 against the FIPS 180-4 examples, keys that change
// with every input, a store/load round trip (directory created 0700, entry
// 0600, header + payload, no temporary file left), replacing an entry, a
// miss, the configured directory (PPAR_CACHE_DIR, dir == NULL) and bad
// arguments.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// RUN: rm -rf %t.dir && env PPAR_CACHE_DIR=%t.dir/conf %{run} %t.dir/a/b/cache | FileCheck %s --match-full-lines --implicit-check-not=ppar:
// RUN: rm -rf %t.dir && env PPAR_CACHE_DIR=%t.dir/conf TSAN_OPTIONS=halt_on_error=1 %t.tsan %t.dir/a/b/cache | FileCheck %s --match-full-lines --implicit-check-not=ppar:
// CHECK:      sha256(""): e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
// CHECK-NEXT: sha256("abc"): ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
// CHECK-NEXT: sha256(448 bits): 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1
// CHECK-NEXT: sha256(a x 1000000): cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0
// CHECK-NEXT: sha256 in pieces: same
// CHECK-NEXT: keys: 7 distinct, repeatable
// CHECK-NEXT: missing dir: load=-6
// CHECK-NEXT: store=0 dir mode=0700 entry mode=0600 file size=88+100000
// CHECK-NEXT: load=0 size=100000 same=1
// CHECK-NEXT: replaced: store=0 load=0 size=16 same=1
// CHECK-NEXT: other key: load=-6 image=(nil) size=0
// CHECK-NEXT: files in dir: 1
// CHECK-NEXT: configured dir: store=0 load=0 same=1 path ok
// CHECK-NEXT: empty directory path: load=-6 store=-6
// CHECK-NEXT: bad arguments: -1 -1 -1 -1 -1
//
// PPAR_VERBOSE=2 tells each step; 1 is quiet for a plain miss, store, load.
// RUN: rm -rf %t.dir && env PPAR_VERBOSE=2 PPAR_CACHE_DIR=%t.dir/conf %{run} %t.dir/a/b/cache 2>&1 | FileCheck %s --check-prefix=V2 -DDIR=%t.dir
// V2:      ppar: kernel cache: no entry [[DIR]]/a/b/cache/{{[0-9a-f]+}}.ppk
// V2-NEXT: missing dir: load=-6
// V2-NEXT: ppar: kernel cache: stored [[DIR]]/a/b/cache/[[KEY:[0-9a-f]+]].ppk (100000 bytes)
// V2:      ppar: kernel cache: loaded [[DIR]]/a/b/cache/[[KEY]].ppk (100000 bytes)
// V2-NEXT: load=0 size=100000 same=1
// RUN: rm -rf %t.dir && env PPAR_VERBOSE=1 PPAR_CACHE_DIR=%t.dir/conf %{run} %t.dir/a/b/cache 2>&1 | FileCheck %s --check-prefix=V1 --implicit-check-not="kernel cache"
// V1: ppar: settings: {{.*}}
// V1: bad arguments: {{.*}}

#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include "kcache.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *hex(const unsigned char *d) {
  static char s[65];
  for (int i = 0; i < 32; i++)
    snprintf(s + 2 * i, 3, "%02x", d[i]);
  return s;
}

static void sha256_vectors(void) {
  unsigned char d[32], e[32];
  __ppar_sha256("", 0, d);
  printf("sha256(\"\"): %s\n", hex(d));
  __ppar_sha256("abc", 3, d);
  printf("sha256(\"abc\"): %s\n", hex(d));
  const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  __ppar_sha256(m, strlen(m), d);
  printf("sha256(448 bits): %s\n", hex(d));
  char *a = malloc(1000000);
  memset(a, 'a', 1000000);
  __ppar_sha256(a, 1000000, d);
  printf("sha256(a x 1000000): %s\n", hex(d));
  /* The same bytes fed in odd pieces that straddle the 64-byte blocks. */
  struct __ppar_sha256 s;
  __ppar_sha256_init(&s);
  for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 7 % 191 + 1)
    __ppar_sha256_update(&s, a + off, off + step > 1000000 ? 1000000 - off : step);
  __ppar_sha256_final(&s, e);
  printf("sha256 in pieces: %s\n", memcmp(d, e, 32) == 0 ? "same" : "DIFFERENT");
  free(a);
}

/* Every input of the key changes it; the same inputs give the same key. */
static void keys(void) {
  struct __ppar_kcache_key k[7], again;
  __ppar_kcache_key_init(&k[0], "src", "opts", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&k[1], "src2", "opts", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&k[2], "src", "opts2", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&k[3], "src", "opts", 12, 0, 9, 0, 1);
  __ppar_kcache_key_init(&k[4], "src", "opts", 13, 0, 8, 0, 1);
  __ppar_kcache_key_init(&k[5], "src", "opts", 13, 0, 9, 0, 0);
  /* Field boundaries count: "src"+"opts" is not "srco"+"pts". */
  __ppar_kcache_key_init(&k[6], "srco", "pts", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&again, "src", "opts", 13, 0, 9, 0, 1);
  int distinct = 0;
  for (int i = 0; i < 7; i++) {
    int unique = 1;
    for (int j = 0; j < 7; j++)
      if (i != j && memcmp(k[i].digest, k[j].digest, 32) == 0)
        unique = 0;
    distinct += unique && strlen(k[i].hex) == 64 &&
                strcmp(k[i].hex, hex(k[i].digest)) == 0;
  }
  printf("keys: %d distinct, %s\n", distinct,
         memcmp(again.digest, k[0].digest, 32) == 0 ? "repeatable" : "NOT REPEATABLE");
}

static int count_files(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
  if (d)
    closedir(d);
  return n;
}

static void round_trip(const char *dir) {
  struct __ppar_kcache_key key, other;
  __ppar_kcache_key_init(&key, "__global__ void k() {}", "o", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&other, "__global__ void k2() {}", "o", 13, 0, 9, 0, 1);
  enum { N = 100000 };
  unsigned char *bytes = malloc(N);
  for (int i = 0; i < N; i++)
    bytes[i] = (unsigned char)(i * 131 + 7);
  void *image;
  size_t size;

  printf("missing dir: load=%d\n", __ppar_kcache_load(dir, &key, &image, &size));
  int rc = __ppar_kcache_store(dir, &key, bytes, N);
  struct stat ds, fs;
  char *path = __ppar_kcache_entry_path(dir, &key);
  stat(dir, &ds);
  stat(path, &fs);
  printf("store=%d dir mode=%04o entry mode=%04o file size=88+%lld\n", rc,
         (unsigned)(ds.st_mode & 07777), (unsigned)(fs.st_mode & 07777),
         (long long)fs.st_size - 88);
  rc = __ppar_kcache_load(dir, &key, &image, &size);
  printf("load=%d size=%zu same=%d\n", rc, size, size == N && memcmp(image, bytes, N) == 0);
  free(image);

  rc = __ppar_kcache_store(dir, &key, "a shorter image", 16);
  int rc2 = __ppar_kcache_load(dir, &key, &image, &size);
  printf("replaced: store=%d load=%d size=%zu same=%d\n", rc, rc2, size,
         size == 16 && memcmp(image, "a shorter image", 16) == 0);
  free(image);

  image = (void *)1;
  size = 1;
  rc = __ppar_kcache_load(dir, &other, &image, &size);
  printf("other key: load=%d image=%s size=%zu\n", rc, image ? "set" : "(nil)", size);
  /* Temporary files start with '.', so they are counted too. */
  printf("files in dir: %d\n", count_files(dir));
  free(path);
  free(bytes);
}

/* dir == NULL: the directory of PPAR_CACHE_DIR. */
static void configured(void) {
  struct __ppar_kcache_key key;
  __ppar_kcache_key_init(&key, "conf", "o", 13, 0, 9, 0, 0);
  int rc = __ppar_kcache_store(NULL, &key, "ptx\0", 4);
  void *image;
  size_t size;
  int rc2 = __ppar_kcache_load(NULL, &key, &image, &size);
  char *path = __ppar_kcache_entry_path(NULL, &key);
  char want[4096];
  snprintf(want, sizeof want, "%s/%s.ppk", getenv("PPAR_CACHE_DIR"), key.hex);
  struct stat st;
  printf("configured dir: store=%d load=%d same=%d path %s\n", rc, rc2,
         size == 4 && memcmp(image, "ptx\0", 4) == 0,
         strcmp(path, want) == 0 && stat(path, &st) == 0 ? "ok" : "WRONG");
  free(image);
  free(path);
}

static void bad_arguments(const char *dir) {
  struct __ppar_kcache_key key;
  __ppar_kcache_key_init(&key, "x", "o", 13, 0, 9, 0, 0);
  void *image;
  size_t size;
  printf("empty directory path: load=%d store=%d\n",
         __ppar_kcache_load("", &key, &image, &size),
         __ppar_kcache_store("", &key, "x", 1));
  printf("bad arguments: %d %d %d %d %d\n",
         __ppar_kcache_load(dir, NULL, &image, &size),
         __ppar_kcache_load(dir, &key, NULL, &size),
         __ppar_kcache_store(dir, NULL, "x", 1),
         __ppar_kcache_store(dir, &key, NULL, 1),
         __ppar_kcache_store(dir, &key, "x", 0));
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  setvbuf(stdout, NULL, _IONBF, 0);
  sha256_vectors();
  keys();
  round_trip(argv[1]);
  configured();
  bad_arguments(argv[1]);
  return 0;
}
