// The checks of the unit tests: each failed check prints its file, line and
// what was expected; finish() prints the counts and gives the exit status.
#ifndef PPAR_TEST_UNIT_CHECK_H
#define PPAR_TEST_UNIT_CHECK_H

#include <cstdio>
#include <string>

namespace unit {

inline unsigned Passed = 0, Failed = 0;

inline void check(bool Ok, const char *File, int Line, const std::string &What) {
  if (Ok) {
    ++Passed;
    return;
  }
  ++Failed;
  std::printf("%s:%d: %s\n", File, Line, What.c_str());
}

inline void checkEq(const std::string &Got, const std::string &Want, const char *File,
                    int Line, const char *What) {
  check(Got == Want, File, Line,
        std::string(What) + " is '" + Got + "', expected '" + Want + "'");
}

inline int finish() {
  std::printf("%u passed, %u failed\n", Passed, Failed);
  return Failed ? 1 : 0;
}

} // namespace unit

#define CHECK(A) unit::check((A), __FILE__, __LINE__, #A)
#define CHECK_EQ(A, B) unit::checkEq((A), (B), __FILE__, __LINE__, #A)

#endif
