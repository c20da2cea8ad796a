// Parses the annotation text of argv[1] and prints the canonical form, or
// each error: how a test sees what the parser accepts.
#include "annotations/Annotation.h"
#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  ppar::ParseResult R = ppar::parseAnnotation(argv[1]);
  for (const ppar::AnnotationDiag &D : R.Diags)
    std::printf("error: %s\n", D.Message.c_str());
  if (R.Value)
    std::printf("ok: %s\n", R.Value->str().c_str());
  return R.Value ? 0 : 1;
}
