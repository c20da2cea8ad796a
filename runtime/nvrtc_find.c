/*
 * nvrtc_find.c - which NVRTC library file nvrtc.c would load, found without
 * loading it, and the identity of such a file for the kernel cache key.
 *
 * Loading NVRTC costs 40-350 ms of dlopen on a cold page cache (8 ms warm
 * on the H100 machine), more than a whole cache hit should. The key only
 * needs to change whenever the compiler changes, so it names the file the
 * loader would pick: its resolved path, size and modification time. The
 * search mirrors nvrtc.c's order (each soname through the dynamic loader's
 * own search, then the same names under /usr/local/cuda/lib64), and the
 * loader's search is followed as ld.so does it for a library without
 * RUNPATH: LD_LIBRARY_PATH, /etc/ld.so.cache, then the default directories.
 */
#define _GNU_SOURCE /* realpath */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "nvrtc_find.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A 64-bit ELF file (the loader skips 32-bit copies in the cache). */
static int is_elf64(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  unsigned char h[5];
  int ok = read(fd, h, sizeof h) == (ssize_t)sizeof h && h[0] == 0x7f &&
           h[1] == 'E' && h[2] == 'L' && h[3] == 'F' && h[4] == 2;
  close(fd);
  return ok;
}

static int try_path(const char *dir, size_t dirlen, const char *name,
                    char *out, size_t n) {
  if (dirlen == 0) /* an empty LD_LIBRARY_PATH entry is the current dir */
    dir = ".", dirlen = 1;
  if ((size_t)snprintf(out, n, "%.*s/%s", (int)dirlen, dir, name) >= n)
    return 0;
  return is_elf64(out);
}

/* name in the directories of LD_LIBRARY_PATH (':' or ';' separated). */
static int in_library_path(const char *name, char *out, size_t n) {
  const char *p = getenv("LD_LIBRARY_PATH");
  if (!p || !*p || getuid() != geteuid()) /* ld.so ignores it when setuid */
    return 0;
  while (1) {
    size_t len = strcspn(p, ":;");
    if (try_path(p, len, name, out, n))
      return 1;
    if (!p[len])
      return 0;
    p += len + 1;
  }
}

/* The new format of /etc/ld.so.cache (glibc 2.32 writes only it): a header
 * of 48 bytes, then 24-byte entries whose key (the soname) and value (the
 * path) are offsets into the file. */
enum { CACHE_HEADER = 48, CACHE_ENTRY = 24 };
static const char cache_magic[] = "glibc-ld.so.cache1.1";

static int in_loader_cache(const char *name, char *out, size_t n) {
  int fd = open("/etc/ld.so.cache", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  struct stat st;
  int found = 0;
  if (fstat(fd, &st) == 0 && st.st_size > CACHE_HEADER) {
    size_t size = (size_t)st.st_size;
    const char *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      uint32_t nlibs;
      memcpy(&nlibs, m + 20, 4);
      if (memcmp(m, cache_magic, sizeof cache_magic - 1) == 0 &&
          nlibs <= (size - CACHE_HEADER) / CACHE_ENTRY)
        for (uint32_t i = 0; i < nlibs && !found; i++) {
          uint32_t key, value;
          memcpy(&key, m + CACHE_HEADER + (size_t)i * CACHE_ENTRY + 4, 4);
          memcpy(&value, m + CACHE_HEADER + (size_t)i * CACHE_ENTRY + 8, 4);
          if (key >= size || value >= size ||
              !memchr(m + key, '\0', size - key) ||
              !memchr(m + value, '\0', size - value) ||
              strcmp(m + key, name) != 0)
            continue;
          found = (size_t)snprintf(out, n, "%s", m + value) < n &&
                  is_elf64(out);
        }
      munmap((void *)m, size);
    }
  }
  close(fd);
  return found;
}

static int in_default_dirs(const char *name, char *out, size_t n) {
  static const char *const dirs[] = {"/lib64", "/usr/lib64", "/lib",
                                     "/usr/lib"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    if (try_path(dirs[i], strlen(dirs[i]), name, out, n))
      return 1;
  return 0;
}

int __ppar_nvrtc_find(const char *const *sonames, int nsonames,
                      const char *fallback_dir, char *out, size_t n) {
  for (int i = 0; i < nsonames; i++)
    if (in_library_path(sonames[i], out, n) ||
        in_loader_cache(sonames[i], out, n) ||
        in_default_dirs(sonames[i], out, n))
      return PPAR_OK;
  for (int i = 0; i < nsonames; i++)
    if (try_path(fallback_dir, strlen(fallback_dir), sonames[i], out, n))
      return PPAR_OK;
  return PPAR_ENOENT;
}

int __ppar_nvrtc_file_identity(const char *path, char *out, size_t n) {
  char real[4096];
  struct stat st;
  if (!realpath(path, real) || stat(real, &st) != 0)
    return PPAR_ENOENT;
  snprintf(out, n, "nvrtc file %s size %lld mtime %lld.%09ld", real,
           (long long)st.st_size, (long long)st.st_mtim.tv_sec,
           (long)st.st_mtim.tv_nsec);
  return PPAR_OK;
}
