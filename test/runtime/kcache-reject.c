// A kernel cache entry is used only if it is this user's, nobody else can
// write it or its directory, and it is exactly what a store wrote for the
// key (SPEC section 6). Each case damages a good entry (or its directory),
// checks that the load ignores it and PPAR_VERBOSE=1 says why in one line,
// then stores again (the "recompile") and checks that the new entry replaced
// the bad one and loads. A directory nobody else may trust is never written.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env PPAR_VERBOSE=1 %{run} %t.dir 2>&1 | FileCheck %s --match-full-lines -DD=%t.dir
// Without PPAR_VERBOSE the same run is silent on stderr.
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %{run} %t.dir 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=ppar:
// QUIET: all cases done
//
// CHECK:      ppar: kernel cache: ignoring [[D]]/g/[[K:[0-9a-f]+]].ppk: it is writable by group or others (mode 0620)
// CHECK-NEXT: group-writable entry: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/o/[[K]].ppk: it is writable by group or others (mode 0602)
// CHECK-NEXT: other-writable entry: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring directory [[D]]/gd: it is writable by group or others (mode 0770); use a directory only you can write (chmod 700), or set PPAR_CACHE_DIR
// CHECK-NEXT: ppar: kernel cache: not storing in [[D]]/gd: it is writable by group or others (mode 0770)
// CHECK-NEXT: group-writable directory: load=-6 store=-6 entry unchanged=1; after chmod 700: load=0
// CHECK-NEXT: ppar: kernel cache: ignoring directory [[D]]/od: it is writable by group or others (mode 1777); use a directory only you can write (chmod 700), or set PPAR_CACHE_DIR
// CHECK-NEXT: ppar: kernel cache: not storing in [[D]]/od: it is writable by group or others (mode 1777)
// CHECK-NEXT: sticky world-writable directory: load=-6 store=-6 entry unchanged=1; after chmod 700: load=0
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/s/[[K]].ppk: it is a symbolic link
// CHECK-NEXT: symlinked entry: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: symlink target untouched: 1, now a regular file: 1
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/t/[[K]].ppk: its payload does not match its hash (damaged or tampered)
// CHECK-NEXT: tampered payload: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/h/[[K]].ppk: its payload does not match its hash (damaged or tampered)
// CHECK-NEXT: tampered payload hash: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/m/[[K]].ppk: it is not a ppar kernel cache entry (bad magic)
// CHECK-NEXT: bad magic: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/v/[[K]].ppk: it has format version 2, expected 1
// CHECK-NEXT: other format version: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/w/[[K]].ppk: its header is for another key
// CHECK-NEXT: wrong key in header: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/tr1/[[K]].ppk: its header says 4096 payload bytes but the file has 4095 (truncated or damaged)
// CHECK-NEXT: truncated by one byte: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/tr2/[[K]].ppk: its size (88 bytes) cannot be an entry's (truncated or damaged)
// CHECK-NEXT: truncated to the header: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/tr3/[[K]].ppk: its size (0 bytes) cannot be an entry's (truncated or damaged)
// CHECK-NEXT: empty file: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/ap/[[K]].ppk: its header says 4096 payload bytes but the file has 4097 (truncated or damaged)
// CHECK-NEXT: appended byte: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/ps/[[K]].ppk: its header says 4095 payload bytes but the file has 4096 (truncated or damaged)
// CHECK-NEXT: wrong payload size in header: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/fifo/[[K]].ppk: it is not a regular file
// CHECK-NEXT: fifo entry: load=-6 store=0 reload=0 same=1 mode=0600
// CHECK-NEXT: ppar: kernel cache: ignoring [[D]]/dir/[[K]].ppk: it is not a regular file
// CHECK-NEXT: ppar: kernel cache: not storing [[D]]/dir/[[K]].ppk: renaming failed: Is a directory
// CHECK-NEXT: directory entry: load=-6 store=-6 files=1
// CHECK-NEXT: ppar: kernel cache: ignoring directory [[D]]/file: it cannot be opened: Not a directory; use a directory only you can write (chmod 700), or set PPAR_CACHE_DIR
// CHECK-NEXT: cache directory is a file: load=-6
// CHECK-NEXT: symlinked cache directory: load=0
// CHECK-NEXT: ppar: kernel cache: ignoring directory {{.+}}: it is owned by uid {{[0-9]+}}, not by this user (uid {{[0-9]+}}); use a directory only you can write (chmod 700), or set PPAR_CACHE_DIR
// CHECK-NEXT: directory of another user: load=-6
// Only root can give an entry to another user (chown); others skip it.
// CHECK-NEXT: {{ppar: kernel cache: ignoring .+/[0-9a-f]+\.ppk: it is owned by uid 65534, not by this user \(uid 0\)|entry of another user: not tested \(needs root\)}}
// CHECK:      all cases done

#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include "kcache.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { N = 4096, HEADER = 88 };
static unsigned char bytes[N];
static struct __ppar_kcache_key key, key2;
static const char *root;
static int failures;

static char *dir_of(const char *sub) {
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s/%s", root, sub);
  return buf;
}

/* A fresh directory sub with a good entry for key; the entry's path. */
static char *fresh(const char *sub) {
  char *dir = dir_of(sub);
  mkdir(dir, 0700);
  if (__ppar_kcache_store(dir, &key, bytes, N) != 0)
    printf("%s: setup store failed\n", sub), failures++;
  return __ppar_kcache_entry_path(dir, &key);
}

static void flip(const char *path, off_t at) {
  int fd = open(path, O_RDWR);
  unsigned char c;
  if (pread(fd, &c, 1, at) != 1)
    failures++;
  c ^= 0x20;
  if (pwrite(fd, &c, 1, at) != 1)
    failures++;
  close(fd);
}

static int load_ok(const char *dir) {
  void *image;
  size_t size;
  int rc = __ppar_kcache_load(dir, &key, &image, &size);
  if (rc == 0 && (size != N || memcmp(image, bytes, N) != 0))
    rc = 99; /* a wrong image: never acceptable */
  free(image);
  return rc;
}

/* The entry in sub is bad: the load ignores it, a store replaces it. */
static void expect_recovery(const char *label, const char *sub) {
  char *dir = dir_of(sub);
  void *image;
  size_t size;
  int load = __ppar_kcache_load(dir, &key, &image, &size);
  free(image);
  int store = __ppar_kcache_store(dir, &key, bytes, N);
  int reload = __ppar_kcache_load(dir, &key, &image, &size);
  int same = reload == 0 && size == N && memcmp(image, bytes, N) == 0;
  free(image);
  char *path = __ppar_kcache_entry_path(dir, &key);
  struct stat st;
  lstat(path, &st);
  printf("%s: load=%d store=%d reload=%d same=%d mode=%04o\n", label, load,
         store, reload, same, (unsigned)(st.st_mode & 07777));
  failures += load != PPAR_ENOENT || !same;
  free(path);
}

static void writable_entries(void) {
  char *p = fresh("g");
  chmod(p, 0620);
  expect_recovery("group-writable entry", "g");
  free(p);
  p = fresh("o");
  chmod(p, 0602);
  expect_recovery("other-writable entry", "o");
  free(p);
}

/* Nothing in a directory others can write is trusted or written. */
static void writable_dir(const char *label, const char *sub, mode_t mode) {
  char *p = fresh(sub), *dir = dir_of(sub);
  struct stat before, after;
  stat(p, &before);
  chmod(dir, mode);
  int load = load_ok(dir);
  unsigned char other[N] = {1};
  int store = __ppar_kcache_store(dir, &key, other, N);
  stat(p, &after);
  int unchanged = before.st_ino == after.st_ino;
  chmod(dir, 0700);
  int again = load_ok(dir);
  printf("%s: load=%d store=%d entry unchanged=%d; after chmod 700: "
         "load=%d\n",
         label, load, store, unchanged, again);
  failures += load != PPAR_ENOENT || store != PPAR_ENOENT || !unchanged ||
              again != 0;
  free(p);
}

/* A symbolic link is never followed and a store replaces the link, not its
 * target. */
static void symlinked_entry(void) {
  char *target = fresh("s-target");
  char *dir = dir_of("s");
  mkdir(dir, 0700);
  char *p = __ppar_kcache_entry_path(dir, &key);
  symlink(target, p);
  expect_recovery("symlinked entry", "s");
  struct stat st;
  lstat(p, &st);
  printf("symlink target untouched: %d, now a regular file: %d\n",
         load_ok(dir_of("s-target")) == 0, S_ISREG(st.st_mode));
  free(p);
  free(target);
}

static void damaged(const char *label, const char *sub, off_t at) {
  char *p = fresh(sub);
  flip(p, at);
  expect_recovery(label, sub);
  free(p);
}

static void truncated(const char *label, const char *sub, off_t size) {
  char *p = fresh(sub);
  if (truncate(p, size) != 0)
    failures++;
  expect_recovery(label, sub);
  free(p);
}

static void appended(void) {
  char *p = fresh("ap");
  int fd = open(p, O_WRONLY | O_APPEND);
  if (write(fd, "x", 1) != 1)
    failures++;
  close(fd);
  expect_recovery("appended byte", "ap");
  free(p);
}

/* A whole, valid entry of another key, renamed to this key's name. */
static void wrong_key(void) {
  char *p = fresh("w"), *dir = dir_of("w");
  __ppar_kcache_store(dir, &key2, bytes, N);
  char *p2 = __ppar_kcache_entry_path(dir, &key2);
  rename(p2, p);
  expect_recovery("wrong key in header", "w");
  free(p);
  free(p2);
}

/* The payload size field (offset 48) says one byte less than the file
 * holds: refused before the payload is even read. */
static void wrong_payload_size(void) {
  char *p = fresh("ps");
  unsigned char le[8] = {(N - 1) & 0xff, (N - 1) >> 8};
  int fd = open(p, O_RDWR);
  if (pwrite(fd, le, 8, 48) != 8)
    failures++;
  close(fd);
  expect_recovery("wrong payload size in header", "ps");
  free(p);
}

static int count_files(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  if (d)
    closedir(d);
  return n;
}

static void not_regular(void) {
  char *dir = dir_of("fifo");
  mkdir(dir, 0700);
  char *p = __ppar_kcache_entry_path(dir, &key);
  mkfifo(p, 0600); /* a load must not hang on it */
  expect_recovery("fifo entry", "fifo");
  free(p);

  dir = dir_of("dir");
  mkdir(dir, 0700);
  p = __ppar_kcache_entry_path(dir, &key);
  mkdir(p, 0700);
  int load = load_ok(dir);
  int store = __ppar_kcache_store(dir, &key, bytes, N);
  /* The failed store left no temporary file behind. */
  printf("directory entry: load=%d store=%d files=%d\n", load, store,
         count_files(dir));
  failures += load != PPAR_ENOENT || store != PPAR_ENOENT;
  free(p);
}

static void odd_directories(void) {
  char *dir = dir_of("file");
  close(open(dir, O_WRONLY | O_CREAT, 0600));
  int load = load_ok(dir);
  printf("cache directory is a file: load=%d\n", load);
  failures += load != PPAR_ENOENT;

  /* A link to a good directory is followed; the directory is checked. */
  free(fresh("real"));
  char target[4096];
  snprintf(target, sizeof target, "%s", dir_of("real"));
  symlink(target, dir_of("link"));
  load = load_ok(dir_of("link"));
  printf("symlinked cache directory: load=%d\n", load);
  failures += load != 0;
}

/* Root gives the directory and then an entry to nobody (65534); others
 * use "/", which is root's. */
static void other_users(void) {
  char *dir = geteuid() == 0 ? dir_of("nobody") : "/";
  if (geteuid() == 0) {
    free(fresh("nobody"));
    if (chown(dir, 65534, 65534) != 0)
      failures++;
  }
  int load = load_ok(dir);
  printf("directory of another user: load=%d\n", load);
  failures += load != PPAR_ENOENT;
  if (geteuid() != 0) {
    printf("entry of another user: not tested (needs root)\n");
    return;
  }
  char *p = fresh("nobody-entry");
  if (chown(p, 65534, 65534) != 0)
    failures++;
  expect_recovery("entry of another user", "nobody-entry");
  free(p);
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  setvbuf(stdout, NULL, _IONBF, 0);
  root = argv[1];
  umask(022);
  for (int i = 0; i < N; i++)
    bytes[i] = (unsigned char)(i * 37 + 11);
  __ppar_kcache_key_init(&key, "__global__ void k() {}", "o", 13, 0, 9, 0, 1);
  __ppar_kcache_key_init(&key2, "__global__ void k2() {}", "o", 13, 0, 9, 0, 1);

  writable_entries();
  writable_dir("group-writable directory", "gd", 0770);
  writable_dir("sticky world-writable directory", "od", 01777);
  symlinked_entry();
  damaged("tampered payload", "t", HEADER + 1000);
  damaged("tampered payload hash", "h", 56 + 5);
  damaged("bad magic", "m", 0);
  {
    char *p = fresh("v");
    unsigned char two = 2;
    int fd = open(p, O_RDWR);
    if (pwrite(fd, &two, 1, 8) != 1)
      failures++;
    close(fd);
    expect_recovery("other format version", "v");
    free(p);
  }
  wrong_key();
  truncated("truncated by one byte", "tr1", HEADER + N - 1);
  truncated("truncated to the header", "tr2", HEADER);
  truncated("empty file", "tr3", 0);
  appended();
  wrong_payload_size();
  not_regular();
  odd_directories();
  other_users();
  printf("all cases done\n");
  return failures != 0;
}
