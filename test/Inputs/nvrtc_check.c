// nvrtc_check FILE.cu...: compiles each kernel module the plugin wrote
// (-fplugin-arg-ppar-emit) with the runtime's NVRTC path, to PTX for
// compute_90 and to CUBIN for sm_90, as the runtime does at a first call.
// Prints one line per file with the kernels found in the PTX; on failure the
// runtime's one-line error and NVRTC's log, and exits 1.
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "nvrtc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  rewind(f);
  char *s = malloc((size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  if (s)
    s[n] = 0;
  fclose(f);
  return s;
}

int main(int argc, char **argv) {
  int failed = 0;
  for (int i = 1; i < argc; i++) {
    char *source = slurp(argv[i]);
    if (!source) {
      printf("%s: cannot read\n", argv[i]);
      failed = 1;
      continue;
    }
    const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
    void *ptx = NULL, *cubin = NULL;
    size_t ptx_size = 0, cubin_size = 0;
    char *log = NULL;
    int rc = __ppar_nvrtc_compile(source, name, 9, 0, 0, &ptx, &ptx_size, &log);
    if (rc == PPAR_OK)
      rc = __ppar_nvrtc_compile(source, name, 9, 0, 1, &cubin, &cubin_size, &log);
    if (rc != PPAR_OK) {
      printf("%s: FAILED: %s\n%s\n", name, ppar_last_error(), log ? log : "");
      failed = 1;
    } else {
      printf("%s: ok, kernels:", name);
      for (const char *p = ptx; (p = strstr(p, ".entry ")); p += 7) {
        const char *end = strpbrk(p + 7, "( \n");
        printf(" %.*s", (int)(end - p - 7), p + 7);
      }
      printf("\n");
    }
    free(log);
    free(ptx);
    free(cubin);
    free(source);
  }
  return failed;
}
