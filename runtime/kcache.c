/*
 * kcache.c - the on-disk kernel cache (SPEC sections 3 `cache`, 4 and 6).
 *
 * One file per compiled image, named by the SHA-256 key of its inputs. An
 * entry is trusted only when the directory and the file belong to this user
 * and nobody else can write them, and the file is exactly what a store
 * wrote for this key; anything else is ignored (the caller recompiles).
 * Stores write a private temporary file and rename it over the entry, so an
 * entry is always whole. Format and rules: docs/gpu-runtime.md.
 */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC, O_DIRECTORY, *at() */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "kcache.h"

#include "config.h"
#include "error.h"
#include "nvrtc.h"
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- Keys --------------------------------------------------------------- */

/* Each field goes in as an 8-byte length and its bytes, so that no two
 * different field lists hash the same text ("ab"+"c" vs "a"+"bc"). */
static void hash_field(struct __ppar_sha256 *s, const char *text) {
  uint64_t n = strlen(text);
  unsigned char len[8];
  for (int i = 0; i < 8; i++)
    len[i] = (unsigned char)(n >> (8 * i));
  __ppar_sha256_update(s, len, sizeof len);
  __ppar_sha256_update(s, text, (size_t)n);
}

void __ppar_kcache_key_make(struct __ppar_kcache_key *key, const char *source,
                            const char *options_text, const char *nvrtc_id,
                            int sm_major, int sm_minor, int mode) {
  int want_cubin = (mode & __PPAR_NVRTC_CUBIN) != 0;
  char arch[64];
  snprintf(arch, sizeof arch, "%s_%d%d", want_cubin ? "sm" : "compute",
           sm_major, sm_minor);
  struct __ppar_sha256 s;
  __ppar_sha256_init(&s);
  hash_field(&s, "ppar kernel cache key v2");
  hash_field(&s, source ? source : "");
  hash_field(&s, options_text ? options_text : "");
  hash_field(&s, nvrtc_id ? nvrtc_id : "");
  hash_field(&s, arch);
  hash_field(&s, want_cubin ? "cubin" : "ptx");
  if (mode & __PPAR_NVRTC_FAST_MATH) /* absent before fast math existed */
    hash_field(&s, "fast math");
  __ppar_sha256_final(&s, key->digest);
  for (int i = 0; i < __PPAR_SHA256_SIZE; i++)
    snprintf(key->hex + 2 * i, 3, "%02x", key->digest[i]);
}

void __ppar_kcache_key_init(struct __ppar_kcache_key *key, const char *source,
                            const char *options_text, int nvrtc_major,
                            int nvrtc_minor, int sm_major, int sm_minor,
                            int mode) {
  char version[64];
  snprintf(version, sizeof version, "nvrtc %d.%d", nvrtc_major, nvrtc_minor);
  __ppar_kcache_key_make(key, source, options_text, version, sm_major,
                         sm_minor, mode);
}

/* ---- Entry header --------------------------------------------------------
 * All integers little-endian:
 *   0  8  magic "PPARKC\r\n" (the \r\n catches text-mode mangling)
 *   8  4  format version (1)
 *  12  4  reserved, 0
 *  16 32  key digest
 *  48  8  payload size
 *  56 32  SHA-256 of the payload
 *  88     payload */

enum { HEADER_SIZE = 88, FORMAT_VERSION = 1 };
static const char magic[8] = {'P', 'P', 'A', 'R', 'K', 'C', '\r', '\n'};

/* Entries larger than this are refused unread: no kernel image is near it. */
#define MAX_PAYLOAD ((uint64_t)1 << 30)

static void put_le(unsigned char *p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

static void encode_header(unsigned char h[HEADER_SIZE],
                          const struct __ppar_kcache_key *key,
                          const void *payload, size_t size) {
  memset(h, 0, HEADER_SIZE);
  memcpy(h, magic, sizeof magic);
  put_le(h + 8, FORMAT_VERSION, 4);
  memcpy(h + 16, key->digest, __PPAR_SHA256_SIZE);
  put_le(h + 48, size, 8);
  __ppar_sha256(payload, size, h + 56);
}

/* NULL when the header is valid for key and a file of file_size bytes, else
 * why not (written into why). */
static const char *check_header(const unsigned char h[HEADER_SIZE],
                                const struct __ppar_kcache_key *key,
                                uint64_t file_size, char *why, size_t n) {
  if (memcmp(h, magic, sizeof magic) != 0)
    return "it is not a ppar kernel cache entry (bad magic)";
  uint64_t version = get_le(h + 8, 4);
  if (version != FORMAT_VERSION) {
    snprintf(why, n, "it has format version %llu, expected %d",
             (unsigned long long)version, FORMAT_VERSION);
    return why;
  }
  if (memcmp(h + 16, key->digest, __PPAR_SHA256_SIZE) != 0)
    return "its header is for another key";
  uint64_t payload = get_le(h + 48, 8);
  if (payload == 0 || payload != file_size - HEADER_SIZE) {
    snprintf(why, n,
             "its header says %llu payload bytes but the file has %llu "
             "(truncated or damaged)",
             (unsigned long long)payload,
             (unsigned long long)(file_size - HEADER_SIZE));
    return why;
  }
  return NULL;
}

/* ---- Files -------------------------------------------------------------- */

/* The configured directory when dir is NULL; NULL when none is known (an
 * empty path names no directory). */
static const char *cache_dir(const char *dir) {
  if (!dir)
    dir = __ppar_config()->cache_dir;
  return dir && *dir ? dir : NULL;
}

char *__ppar_kcache_entry_path(const char *dir,
                               const struct __ppar_kcache_key *key) {
  dir = cache_dir(dir);
  if (!dir || !key)
    return NULL;
  size_t n = strlen(dir) + sizeof key->hex + 8;
  char *path = malloc(n);
  if (path)
    snprintf(path, n, "%s/%s.ppk", dir, key->hex);
  return path;
}

/* NULL when st (a directory or an entry) belongs to this user and only the
 * user may write it, else why not. The owner check also rules out root
 * reading a cache that another user planted for it. */
static const char *check_owner_mode(const struct stat *st, char *why,
                                    size_t n) {
  if (st->st_uid != geteuid()) {
    snprintf(why, n, "it is owned by uid %lu, not by this user (uid %lu)",
             (unsigned long)st->st_uid, (unsigned long)geteuid());
    return why;
  }
  if (st->st_mode & (S_IWGRP | S_IWOTH)) {
    snprintf(why, n, "it is writable by group or others (mode %04o)",
             (unsigned)(st->st_mode & 07777));
    return why;
  }
  return NULL;
}

/* Open the cache directory dir and check it: a
 * directory (a symbolic link to one is followed, and its target checked),
 * this user's, writable by nobody else. Checked on the open descriptor, so a
 * rename of the path after the check changes nothing. -1 when unusable;
 * *why says why (NULL when it just does not exist). */
static int open_dir(const char *dir, const char **why, char *buf, size_t n) {
  *why = NULL;
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) {
      snprintf(buf, n, "it cannot be opened: %s", strerror(errno));
      *why = buf;
    }
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    snprintf(buf, n, "fstat failed: %s", strerror(errno));
    *why = buf;
  } else {
    *why = check_owner_mode(&st, buf, n);
  }
  if (*why) {
    close(fd);
    return -1;
  }
  return fd;
}

/* mkdir -p with mode 0700 for every directory it creates (XDG asks 0700 for
 * the cache; an existing directory keeps its mode and is checked later). */
static int make_dirs(const char *dir) {
  char *path = strdup(dir);
  if (!path)
    return -1;
  int rc = 0;
  for (char *p = path + 1; rc == 0; p++) {
    if (*p != '/' && *p != '\0')
      continue;
    char c = *p;
    *p = '\0';
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
      rc = -1;
    *p = c;
    if (c == '\0')
      break;
  }
  free(path);
  return rc;
}

static int read_all(int fd, void *buf, size_t size) {
  unsigned char *p = buf;
  while (size > 0) {
    ssize_t n = read(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    p += n, size -= (size_t)n;
  }
  return 0;
}

static int write_all(int fd, const void *buf, size_t size) {
  const unsigned char *p = buf;
  while (size > 0) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    p += n, size -= (size_t)n;
  }
  return 0;
}

/* ---- Load --------------------------------------------------------------- */

/* What a load found: the payload, or why the entry is not used. */
struct loaded {
  void *image;
  size_t size;
  const char *why; /* NULL on success or when there is no entry */
  int rc;
  char buf[160];
};

/* Fill out from the open entry fd, whose status is st. */
static void read_entry(int fd, const struct stat *st,
                       const struct __ppar_kcache_key *key,
                       struct loaded *out) {
  unsigned char h[HEADER_SIZE];
  uint64_t file_size = (uint64_t)st->st_size;
  if (file_size <= HEADER_SIZE || file_size - HEADER_SIZE > MAX_PAYLOAD) {
    snprintf(out->buf, sizeof out->buf,
             "its size (%llu bytes) cannot be an entry's (truncated or "
             "damaged)",
             (unsigned long long)file_size);
    out->why = out->buf;
    return;
  }
  if (read_all(fd, h, sizeof h) != 0) {
    out->why = "reading its header failed";
    return;
  }
  if ((out->why = check_header(h, key, file_size, out->buf, sizeof out->buf)))
    return;
  size_t size = (size_t)(file_size - HEADER_SIZE);
  unsigned char *image = malloc(size);
  if (!image) {
    out->rc = PPAR_ENOMEM;
    out->why = "out of memory";
    return;
  }
  unsigned char hash[__PPAR_SHA256_SIZE];
  if (read_all(fd, image, size) != 0)
    out->why = "reading its payload failed";
  else if (__ppar_sha256(image, size, hash),
           memcmp(hash, h + 56, sizeof hash) != 0)
    out->why = "its payload does not match its hash (damaged or tampered)";
  if (out->why) {
    free(image);
    return;
  }
  out->image = image;
  out->size = size;
  out->rc = PPAR_OK;
}

/* Open the entry name in the directory dirfd without following a symbolic
 * link, check it on the descriptor, and read it into out. */
static void load_entry(int dirfd, const char *name,
                       const struct __ppar_kcache_key *key,
                       struct loaded *out) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return; /* no entry: a plain miss */
  if (S_ISLNK(st.st_mode)) {
    out->why = "it is a symbolic link";
    return;
  }
  /* O_NONBLOCK: a FIFO put there must not hang the open. */
  int fd =
      openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    snprintf(out->buf, sizeof out->buf, "it cannot be opened: %s",
             strerror(errno));
    out->why = out->buf;
    return;
  }
  if (fstat(fd, &st) != 0) {
    snprintf(out->buf, sizeof out->buf, "fstat failed: %s", strerror(errno));
    out->why = out->buf;
  } else if (!S_ISREG(st.st_mode)) {
    out->why = "it is not a regular file";
  } else if (!(out->why = check_owner_mode(&st, out->buf, sizeof out->buf))) {
    read_entry(fd, &st, key, out);
  }
  close(fd);
}

int __ppar_kcache_load(const char *dir, const struct __ppar_kcache_key *key,
                       void **image, size_t *size) {
  if (!key || !image || !size)
    return PPAR_EINVAL;
  *image = NULL;
  *size = 0;
  if (!(dir = cache_dir(dir)))
    return PPAR_ENOENT;
  char name[sizeof key->hex + 8];
  snprintf(name, sizeof name, "%s.ppk", key->hex);
  struct loaded out = {.rc = PPAR_ENOENT};
  int dirfd = open_dir(dir, &out.why, out.buf, sizeof out.buf);
  if (dirfd < 0 && out.why) {
    __ppar_log(__PPAR_LOG_DECISIONS,
               "kernel cache: ignoring directory %s: %s; use a directory "
               "only you can write (chmod 700), or set PPAR_CACHE_DIR",
               dir, out.why);
    return PPAR_ENOENT;
  }
  if (dirfd >= 0) {
    load_entry(dirfd, name, key, &out);
    close(dirfd);
  }
  if (out.why)
    __ppar_log(__PPAR_LOG_DECISIONS, "kernel cache: ignoring %s/%s: %s", dir,
               name, out.why);
  else if (out.rc == PPAR_OK)
    __ppar_log(__PPAR_LOG_DETAIL, "kernel cache: loaded %s/%s (%zu bytes)",
               dir, name, out.size);
  else
    __ppar_log(__PPAR_LOG_DETAIL, "kernel cache: no entry %s/%s", dir, name);
  *image = out.image;
  *size = out.size;
  return out.rc;
}

/* ---- Store -------------------------------------------------------------- */

/* Create a temporary file next to the entry, with a name no other writer
 * uses: pid, a per-process counter and the clock (two containers sharing the
 * directory can have the same pid), and O_EXCL to be sure. */
static int create_temp(int dirfd, const char *name, char *tmp, size_t n) {
  static unsigned long counter; /* atomic */
  for (int attempt = 0; attempt < 100; attempt++) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long c = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
    snprintf(tmp, n, ".%s.%ld.%lu.%lx.tmp", name, (long)getpid(), c,
             (unsigned long)ts.tv_nsec);
    int fd = openat(dirfd, tmp,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    0600);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  errno = EEXIST;
  return -1;
}

/* Write header and payload to a new temporary file, make it durable, and
 * rename it over the entry: rename replaces the name in one step, so every
 * reader opens the old file or the new one, whole. NULL or why not. */
static const char *write_entry(int dirfd, const char *name,
                               const unsigned char *h, const void *image,
                               size_t size, char *why, size_t n) {
  char tmp[sizeof(((struct __ppar_kcache_key *)0)->hex) + 96];
  int fd = create_temp(dirfd, name, tmp, sizeof tmp);
  if (fd < 0) {
    snprintf(why, n, "creating a temporary file failed: %s", strerror(errno));
    return why;
  }
  const char *what = NULL;
  if (write_all(fd, h, HEADER_SIZE) != 0 || write_all(fd, image, size) != 0)
    what = "writing";
  else if (fsync(fd) != 0)
    what = "fsync";
  int err = errno;
  if (close(fd) != 0 && !what)
    what = "closing", err = errno;
  if (!what && renameat(dirfd, tmp, dirfd, name) != 0)
    what = "renaming", err = errno;
  if (what) {
    unlinkat(dirfd, tmp, 0);
    snprintf(why, n, "%s failed: %s", what, strerror(err));
    return why;
  }
  fsync(dirfd); /* the rename itself survives a crash; best effort */
  return NULL;
}

int __ppar_kcache_store(const char *dir, const struct __ppar_kcache_key *key,
                        const void *image, size_t size) {
  if (!key || !image || size == 0 || size > MAX_PAYLOAD)
    return PPAR_EINVAL;
  if (!(dir = cache_dir(dir)))
    return PPAR_ENOENT;
  char buf[160];
  const char *why = NULL;
  int dirfd = -1;
  if (make_dirs(dir) != 0) {
    snprintf(buf, sizeof buf, "the directory cannot be created: %s",
             strerror(errno));
    why = buf;
  } else if ((dirfd = open_dir(dir, &why, buf, sizeof buf)) < 0 && !why) {
    why = "the directory vanished";
  }
  if (why) {
    __ppar_log(__PPAR_LOG_DECISIONS,
               "kernel cache: not storing in %s: %s", dir, why);
    return PPAR_ENOENT;
  }
  unsigned char h[HEADER_SIZE];
  encode_header(h, key, image, size);
  char name[sizeof key->hex + 8];
  snprintf(name, sizeof name, "%s.ppk", key->hex);
  why = write_entry(dirfd, name, h, image, size, buf, sizeof buf);
  close(dirfd);
  if (why) {
    __ppar_log(__PPAR_LOG_DECISIONS, "kernel cache: not storing %s/%s: %s",
               dir, name, why);
    return PPAR_ENOENT;
  }
  __ppar_log(__PPAR_LOG_DETAIL, "kernel cache: stored %s/%s (%zu bytes)", dir,
             name, size);
  return PPAR_OK;
}
