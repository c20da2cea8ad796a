//===- Nogil.h - nogil functions must not race on globals ----------------===//
//
// A `nogil` function runs at the same time as itself and other code. A write
// to a global or static variable there, or in a function of this file it
// calls, without an atomic type or a lock taken in that function, is a race:
// warn, naming the variable and the line.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_NOGIL_H
#define PPAR_PASSES_NOGIL_H

#include "annotations/Binding.h"
#include "support/DiagSink.h"

namespace ppar {

void checkNogil(const AnnotatedFunction &F, DiagSink &Sink);

} // namespace ppar

#endif
