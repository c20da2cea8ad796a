//===- PragmaTable.cpp ----------------------------------------------------===//

#include "annotations/PragmaTable.h"
#include <map>
#include <memory>
#include <mutex>

namespace ppar {

namespace {
std::mutex TablesLock;
std::map<const clang::Preprocessor *, std::unique_ptr<PragmaTable>> &tables() {
  static std::map<const clang::Preprocessor *, std::unique_ptr<PragmaTable>> T;
  return T;
}
} // namespace

PragmaTable &PragmaTable::of(const clang::Preprocessor &PP) {
  std::lock_guard<std::mutex> G(TablesLock);
  auto &Slot = tables()[&PP];
  if (!Slot)
    Slot = std::make_unique<PragmaTable>();
  return *Slot;
}

void PragmaTable::forget(const clang::Preprocessor &PP) {
  std::lock_guard<std::mutex> G(TablesLock);
  tables().erase(&PP);
}

} // namespace ppar
