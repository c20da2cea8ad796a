//===- AtomicText.cpp -----------------------------------------------------===//

#include "emit/cuda/AtomicText.h"
#include "clang/AST/Type.h"
#include <cstring>

using namespace clang;

namespace ppar {

namespace {

/// What an atomic builtin does: the helper it maps to, and whether it
/// returns the new value (`__atomic_add_fetch`) rather than the old one.
struct AtomicOp {
  const char *Helper; ///< __ppar_atomic_<Helper>, or null: not supported
  bool NewValue = false;
};

AtomicOp opOf(AtomicExpr::AtomicOp Op) {
  switch (Op) {
  case AtomicExpr::AO__c11_atomic_fetch_add:
  case AtomicExpr::AO__atomic_fetch_add:
    return {"add"};
  case AtomicExpr::AO__atomic_add_fetch:
    return {"add", true};
  case AtomicExpr::AO__c11_atomic_fetch_sub:
  case AtomicExpr::AO__atomic_fetch_sub:
    return {"sub"};
  case AtomicExpr::AO__atomic_sub_fetch:
    return {"sub", true};
  case AtomicExpr::AO__c11_atomic_fetch_min:
  case AtomicExpr::AO__atomic_fetch_min:
    return {"min"};
  case AtomicExpr::AO__c11_atomic_fetch_max:
  case AtomicExpr::AO__atomic_fetch_max:
    return {"max"};
  case AtomicExpr::AO__c11_atomic_fetch_and:
  case AtomicExpr::AO__atomic_fetch_and:
    return {"and"};
  case AtomicExpr::AO__c11_atomic_fetch_or:
  case AtomicExpr::AO__atomic_fetch_or:
    return {"or"};
  case AtomicExpr::AO__c11_atomic_fetch_xor:
  case AtomicExpr::AO__atomic_fetch_xor:
    return {"xor"};
  case AtomicExpr::AO__c11_atomic_exchange:
  case AtomicExpr::AO__atomic_exchange_n:
    return {"exch"};
  case AtomicExpr::AO__c11_atomic_load:
  case AtomicExpr::AO__atomic_load_n:
    return {"load"};
  case AtomicExpr::AO__c11_atomic_store:
  case AtomicExpr::AO__atomic_store_n:
  case AtomicExpr::AO__c11_atomic_init:
    return {"store"};
  default:
    return {nullptr};
  }
}

bool fitsCudaAtomic(QualType T, const char *Helper, std::string &Error) {
  bool Narrow = T->isEnumeralType();
  if (const auto *B = T->getAs<BuiltinType>())
    Narrow |= B->getKind() == BuiltinType::Bool || B->getKind() == BuiltinType::Char_S ||
              B->getKind() == BuiltinType::Char_U || B->getKind() == BuiltinType::SChar ||
              B->getKind() == BuiltinType::UChar || B->getKind() == BuiltinType::Short ||
              B->getKind() == BuiltinType::UShort || B->getKind() == BuiltinType::LongDouble;
  if (Narrow || (!T->isIntegerType() && !T->isRealFloatingType())) {
    Error = "an atomic on the type '" + T.getAsString() +
            "' has no CUDA version: use a 4- or 8-byte integer, float or double";
    return false;
  }
  if (T->isRealFloatingType() && (!strcmp(Helper, "and") || !strcmp(Helper, "or") ||
                                  !strcmp(Helper, "xor") || !strcmp(Helper, "min") ||
                                  !strcmp(Helper, "max"))) {
    Error = std::string("an atomic ") + Helper +
            " of floating point has no CUDA version (CUDA's atomicMin and atomicMax "
            "take integers)";
    return false;
  }
  return true;
}

} // namespace

bool atomicText(const Stmt *S, const AtomicPrinters &P, std::string &Out,
                std::string &Error) {
  if (const auto *A = dyn_cast<AtomicExpr>(S)) {
    AtomicOp Op = opOf(A->getOp());
    QualType T = A->getValueType();
    if (const auto *AT = T->getAs<AtomicType>())
      T = AT->getValueType();
    if (!Op.Helper) {
      Error = "this atomic operation has no CUDA version in ppar yet (use fetch-and-op, "
              "exchange, load or store)";
      return true;
    }
    if (!fitsCudaAtomic(T, Op.Helper, Error))
      return true;
    std::string Ptr = "((" + P.Type(T) + " *)(" + P.Expr(A->getPtr()) + "))";
    std::string Type = P.Type(T);
    if (!strcmp(Op.Helper, "load")) {
      Out = "(*(volatile " + Type + " *)" + Ptr + ")";
      return true;
    }
    std::string Val = "(" + Type + ")(" + P.Expr(A->getVal1()) + ")";
    std::string Call = std::string("__ppar_atomic_") + Op.Helper + "(" + Ptr + ", " + Val + ")";
    if (!strcmp(Op.Helper, "store"))
      Out = "((void)__ppar_atomic_exch(" + Ptr + ", " + Val + "))";
    else if (Op.NewValue)
      Out = std::string("__ppar_atomic_") + Op.Helper + "_fetch(" + Ptr + ", " + Val + ")";
    else
      Out = Call;
    return true;
  }
  // ++, --, +=, -= and = on an _Atomic lvalue are atomic in C.
  const Expr *Target = nullptr;
  std::string Helper, Value;
  bool NewValue = true;
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp()) {
    Target = U->getSubExpr();
    Helper = U->isIncrementOp() ? "add" : "sub";
    Value = "1";
    NewValue = U->isPrefix();
  } else if (const auto *B = dyn_cast<BinaryOperator>(S);
             B && (B->isAssignmentOp())) {
    Target = B->getLHS();
    if (Target->getType()->isAtomicType())
      Value = P.Expr(B->getRHS());
    if (B->getOpcode() == BO_AddAssign)
      Helper = "add";
    else if (B->getOpcode() == BO_SubAssign)
      Helper = "sub";
    else if (B->getOpcode() == BO_Assign)
      Helper = "exch";
    else
      Helper = "other";
  }
  if (!Target || !Target->getType()->isAtomicType())
    return false;
  QualType T = Target->getType()->getAs<AtomicType>()->getValueType();
  if (Helper == "other") {
    Error = "only ++, --, +=, -= and = update an _Atomic object in GPU code; use "
            "atomic_fetch_and, atomic_fetch_or, ... for the others";
    return true;
  }
  if (!fitsCudaAtomic(T, Helper.c_str(), Error))
    return true;
  if (T->isPointerType()) {
    Error = "an _Atomic pointer cannot be updated in GPU code";
    return true;
  }
  std::string Type = P.Type(T);
  std::string Ptr = "((" + Type + " *)&(" + P.Expr(Target) + "))";
  std::string Val = "(" + Type + ")(" + Value + ")";
  if (Helper == "exch")
    Out = "(__ppar_atomic_exch(" + Ptr + ", " + Val + "), " + Val + ")";
  else
    Out = "__ppar_atomic_" + Helper + (NewValue ? "_fetch(" : "(") + Ptr + ", " + Val + ")";
  return true;
}

const char *atomicHelpers() {
  return R"(// Atomics of raw kernels: C's atomic builtins and _Atomic updates
// become these, which return the old value (the _fetch forms the new one).
#define _Atomic(T) T
#define __PPAR_ATOMIC(op, T, U, cuda) \
  __ppar_inline T __ppar_atomic_##op(T *p, T v) { return (T)cuda((U *)p, (U)v); }
#define __PPAR_ATOMIC_INTS(op, cuda) \
  __PPAR_ATOMIC(op, int, int, cuda) __PPAR_ATOMIC(op, unsigned, unsigned, cuda) \
  __PPAR_ATOMIC(op, long long, unsigned long long, cuda) \
  __PPAR_ATOMIC(op, unsigned long long, unsigned long long, cuda) \
  __PPAR_ATOMIC(op, long, unsigned long long, cuda) \
  __PPAR_ATOMIC(op, unsigned long, unsigned long long, cuda)
__PPAR_ATOMIC_INTS(add, atomicAdd)
__PPAR_ATOMIC(add, float, float, atomicAdd)
__PPAR_ATOMIC(add, double, double, atomicAdd)
__PPAR_ATOMIC_INTS(and, atomicAnd)
__PPAR_ATOMIC_INTS(or, atomicOr)
__PPAR_ATOMIC_INTS(xor, atomicXor)
__PPAR_ATOMIC_INTS(exch, atomicExch)
__PPAR_ATOMIC(exch, float, float, atomicExch)
__ppar_inline double __ppar_atomic_exch(double *p, double v) {
  return __longlong_as_double((long long)atomicExch((unsigned long long *)p, (unsigned long long)__double_as_longlong(v)));
}
__PPAR_ATOMIC(min, int, int, atomicMin) __PPAR_ATOMIC(min, unsigned, unsigned, atomicMin)
__PPAR_ATOMIC(min, long long, long long, atomicMin) __PPAR_ATOMIC(min, long, long long, atomicMin)
__PPAR_ATOMIC(min, unsigned long long, unsigned long long, atomicMin)
__PPAR_ATOMIC(min, unsigned long, unsigned long long, atomicMin)
__PPAR_ATOMIC(max, int, int, atomicMax) __PPAR_ATOMIC(max, unsigned, unsigned, atomicMax)
__PPAR_ATOMIC(max, long long, long long, atomicMax) __PPAR_ATOMIC(max, long, long long, atomicMax)
__PPAR_ATOMIC(max, unsigned long long, unsigned long long, atomicMax)
__PPAR_ATOMIC(max, unsigned long, unsigned long long, atomicMax)
// Subtraction adds the negation (two's complement wraps as C's unsigned
// arithmetic does).
template <typename T> __ppar_inline T __ppar_atomic_sub(T *p, T v) { return __ppar_atomic_add(p, (T)(0 - v)); }
__ppar_inline float __ppar_atomic_sub(float *p, float v) { return atomicAdd(p, -v); }
__ppar_inline double __ppar_atomic_sub(double *p, double v) { return atomicAdd(p, -v); }
template <typename T> __ppar_inline T __ppar_atomic_add_fetch(T *p, T v) { return __ppar_atomic_add(p, v) + v; }
template <typename T> __ppar_inline T __ppar_atomic_sub_fetch(T *p, T v) { return __ppar_atomic_sub(p, v) - v; }
)";
}

} // namespace ppar
