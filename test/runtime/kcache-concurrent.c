// Concurrent writers and readers of one kernel cache entry never see a torn
// entry. Each worker stores its own image (its own size and bytes, so that
// a mix of two writes could not pass for either) under the same key, and
// loads after every store and between them; every load must succeed (a torn
// entry would be ignored, i.e. a miss) and return exactly one worker's
// image. At the end only the entry is left: no temporary file.
// Forked processes (8 x 200) with the plain optimised runtime and under
// ASan/UBSan; threads (8 x 100, 8 x 50) under ASan/UBSan and TSan.
//
// RUN: %clang -std=c11 -O2 -I%include -I%rt_src %s %libdir/libppar_rt.a -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar: --implicit-check-not=WARNING --implicit-check-not=ERROR
// DEFINE: %{asan} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t.asan
//
// RUN: rm -rf %t.dir && env PPAR_VERBOSE=1 %t fork 8 200 %t.dir 2>&1 | %{fc} --check-prefix=F200 --implicit-check-not="kernel cache"
// F200: ppar: settings: {{.*}}
// F200: fork: 8 workers x 200: loads=1600 bad=0 files=1
// RUN: rm -rf %t.dir && %{asan} fork 8 100 %t.dir 2>&1 | %{fc} --check-prefix=F100
// F100: fork: 8 workers x 100: loads=800 bad=0 files=1
// RUN: rm -rf %t.dir && %{asan} threads 8 100 %t.dir 2>&1 | %{fc} --check-prefix=T100
// T100: threads: 8 workers x 100: loads=800 bad=0 files=1
// RUN: rm -rf %t.dir && env TSAN_OPTIONS=halt_on_error=1 %t.tsan threads 8 50 %t.dir 2>&1 | %{fc} --check-prefix=T50
// T50: threads: 8 workers x 50: loads=400 bad=0 files=1

#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include "kcache.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_WORKERS = 64 };
static struct __ppar_kcache_key key;
static const char *dir;
static int iterations;
static pthread_barrier_t start;

/* Worker w's image: its own size, its number in the first byte. */
static size_t image_size(int w) { return 20000 + (size_t)w * 4099; }

static unsigned char *make_image(int w) {
  size_t n = image_size(w);
  unsigned char *p = malloc(n);
  p[0] = (unsigned char)w;
  for (size_t i = 1; i < n; i++)
    p[i] = (unsigned char)(i * (2 * (size_t)w + 3) + (size_t)w);
  return p;
}

/* A load must return exactly some worker's image. */
static int valid(const unsigned char *p, size_t n, int workers) {
  if (n == 0 || p[0] >= workers || n != image_size(p[0]))
    return 0;
  unsigned char *want = make_image(p[0]);
  int ok = memcmp(p, want, n) == 0;
  free(want);
  return ok;
}

/* Number of bad loads or failed stores. */
static int work(int w, int workers) {
  unsigned char *mine = make_image(w);
  int bad = 0;
  for (int i = 0; i < iterations; i++) {
    if (i % 2 == 0 && __ppar_kcache_store(dir, &key, mine, image_size(w)) != 0)
      bad++;
    void *image;
    size_t size;
    if (__ppar_kcache_load(dir, &key, &image, &size) != 0 ||
        !valid(image, size, workers))
      bad++;
    free(image);
  }
  free(mine);
  return bad;
}

static int workers_n;
static int bad_total; /* atomic */

static void *thread_main(void *arg) {
  int w = (int)(intptr_t)arg;
  pthread_barrier_wait(&start);
  __atomic_fetch_add(&bad_total, work(w, workers_n), __ATOMIC_RELAXED);
  return NULL;
}

static void run_threads(int workers) {
  pthread_t t[MAX_WORKERS];
  pthread_barrier_init(&start, NULL, (unsigned)workers);
  for (int w = 0; w < workers; w++)
    pthread_create(&t[w], NULL, thread_main, (void *)(intptr_t)w);
  for (int w = 0; w < workers; w++)
    pthread_join(t[w], NULL);
  pthread_barrier_destroy(&start);
}

/* Children wait on a pipe that the parent closes once all exist, so that
 * they start together; each exits with its count of bad loads (cut to 255). */
static void run_forks(int workers) {
  int go[2];
  if (pipe(go) != 0)
    exit(3);
  pid_t pid[MAX_WORKERS];
  for (int w = 0; w < workers; w++) {
    if ((pid[w] = fork()) == 0) {
      char c;
      close(go[1]);
      if (read(go[0], &c, 1) != 0)
        _exit(255);
      int bad = work(w, workers);
      _exit(bad > 254 ? 254 : bad);
    }
  }
  close(go[0]);
  close(go[1]);
  for (int w = 0; w < workers; w++) {
    int status;
    waitpid(pid[w], &status, 0);
    bad_total += WIFEXITED(status) ? WEXITSTATUS(status) : 255;
  }
}

static int count_files(void) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  if (d)
    closedir(d);
  return n;
}

int main(int argc, char **argv) {
  if (argc != 5)
    return 2;
  int threads = strcmp(argv[1], "threads") == 0;
  workers_n = atoi(argv[2]);
  iterations = atoi(argv[3]);
  dir = argv[4];
  if (workers_n < 1 || workers_n > MAX_WORKERS || iterations < 1)
    return 2;
  __ppar_kcache_key_init(&key, "__global__ void k() {}", "o", 13, 0, 9, 0, 1);
  /* Read the settings before forking, so every child starts from them. */
  void *image;
  size_t size;
  __ppar_kcache_load(dir, &key, &image, &size);
  if (threads)
    run_threads(workers_n);
  else
    run_forks(workers_n);
  printf("%s: %d workers x %d: loads=%d bad=%d files=%d\n", argv[1],
         workers_n, iterations, workers_n * iterations, bad_total,
         count_files());
  return bad_total != 0;
}
