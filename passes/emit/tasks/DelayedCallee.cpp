//===- DelayedCallee.cpp --------------------------------------------------===//

#include "emit/tasks/DelayedCallee.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ppar {

ParamClass DelayedCallee::classify(QualType T) {
  T = T.getCanonicalType();
  if (T->isFunctionPointerType() || T->isBlockPointerType())
    return ParamClass::Other;
  if (T->isPointerType())
    return ParamClass::Pointer;
  return ParamClass::Value;
}

int storeKind(QualType T) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (const auto *E = T->getAs<EnumType>())
    T = E->getDecl()->getIntegerType().getCanonicalType();
  const auto *B = T->getAs<BuiltinType>();
  if (!B)
    return -1;
  switch (B->getKind()) {
  case BuiltinType::Bool: return 1;
  case BuiltinType::Char_S:
  case BuiltinType::Char_U: return 2;
  case BuiltinType::SChar: return 3;
  case BuiltinType::UChar: return 4;
  case BuiltinType::Short: return 5;
  case BuiltinType::UShort: return 6;
  case BuiltinType::Int: return 7;
  case BuiltinType::UInt: return 8;
  case BuiltinType::Long: return 9;
  case BuiltinType::ULong: return 10;
  case BuiltinType::LongLong: return 11;
  case BuiltinType::ULongLong: return 12;
  case BuiltinType::Float: return 13;
  case BuiltinType::Double: return 14;
  case BuiltinType::LongDouble: return 15;
  default: return -1;
  }
}

int resultKind(QualType From, QualType To) {
  QualType F = From.getCanonicalType().getUnqualifiedType();
  QualType T = To.getCanonicalType().getUnqualifiedType();
  if (F->isVoidType() || T->isVoidType() || T->isArrayType())
    return -1;
  if (F == T || (F->isPointerType() && T->isPointerType()))
    return 0;
  if (storeKind(F) > 0 && storeKind(T) > 0)
    return storeKind(T);
  return -1;
}

static std::string declare(QualType T, const std::string &Name,
                           const PrintingPolicy &P) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  T.print(OS, P, Name);
  return S;
}

static std::string paramName(const ParmVarDecl *PV, unsigned I) {
  return PV->getName().empty() ? "__ppar_p" + std::to_string(I)
                               : PV->getNameAsString();
}

std::string DelayedCallee::prototypes(const PrintingPolicy &P) const {
  std::string Fields, Params;
  for (unsigned I = 0; I < Classes.size(); ++I) {
    const ParmVarDecl *PV = FD->getParamDecl(I);
    std::string A = "__a" + std::to_string(I);
    QualType T = PV->getType().getUnqualifiedType();
    switch (Classes[I]) {
    case ParamClass::Value:
      Fields += " struct __ppar_rt_task *__d" + std::to_string(I) +
                "; const void *__s" + std::to_string(I) + "; " + declare(T, A, P) + ";";
      Params += ", struct __ppar_rt_task *, const void *, " +
                declare(PV->getType(), "", P);
      break;
    case ParamClass::Pointer:
      Fields += " void *" + A + ";";
      Params += ", " + declare(PV->getType(), "", P);
      if (!HasClause[I])
        Params += ", const void *, const void *";
      break;
    case ParamClass::Other:
      Fields += " " + declare(T, A, P) + ";";
      Params += ", " + declare(PV->getType(), "", P);
      break;
    }
  }
  std::string Globs;
  if (!AnywhereMode && !Globals.empty())
    Globs = " static void " + globalsName() + "(struct __ppar_rt_access *);";
  return "struct __ppar_args_" + Name + " { void *__dst; int __kind;" + Fields +
         " };" + Globs + " static void __ppar_task_" + Name +
         "(void *, void *); static struct __ppar_rt_task *" + spawnName() +
         "(const char *, unsigned, int, __SIZE_TYPE__, void *" + Params + ");";
}

/// [lo, hi) of a data clause item over the launcher's parameters.
static std::string clauseExtent(const DataClause &C) {
  std::string Lo, Hi;
  clauseBounds(C, Lo, Hi);
  int Mode = C.Direction == DataDirection::In    ? 1
             : C.Direction == DataDirection::Out ? 2
                                                 : 3;
  // Lengths of 0 give hi <= lo: an empty range, which the runtime ignores.
  return "{" + Lo + ", " + Hi + ", " + std::to_string(Mode) + "}";
}

std::string DelayedCallee::definitions(const PrintingPolicy &P) const {
  std::string Args, Params, Inits, Accesses, Deps;
  unsigned NAcc = 1, NDeps = 0; // access 0: the destination
  for (unsigned I = 0; I < Classes.size(); ++I) {
    const ParmVarDecl *PV = FD->getParamDecl(I);
    std::string N = paramName(PV, I), Idx = std::to_string(I);
    std::string Field = "__p->__a" + Idx;
    Args += I ? ", " : "";
    switch (Classes[I]) {
    case ParamClass::Value: {
      std::string T = declare(PV->getType().getUnqualifiedType(), "", P);
      std::string Src = "__ppar_s" + Idx;
      Args += "__p->__d" + Idx + " ? *(" + T + " *)__ppar_rt_task_force(__p->__d" +
              Idx + ") : __p->__s" + Idx + " ? *(const " + T + " *)__p->__s" + Idx +
              " : " + Field;
      Params += ", struct __ppar_rt_task *__ppar_d" + Idx + ", const void *" + Src +
                ", " + declare(PV->getType(), N, P);
      Inits += ", __ppar_d" + Idx + ", " + Src + ", " + N;
      Deps += (NDeps++ ? ", " : "") + std::string("__ppar_d") + Idx;
      Accesses += ", {" + Src + ", " + Src + " ? (const char *)" + Src + " + sizeof(" +
                  T + ") : 0, 1}";
      ++NAcc;
      break;
    }
    case ParamClass::Pointer: {
      Args += Field;
      Params += ", " + declare(PV->getType(), N, P);
      Inits += ", (void *)" + N;
      if (HasClause[I]) {
        for (const DataClause &C : Ann.Data)
          if (C.Name == N) {
            Accesses += ", " + clauseExtent(C);
            ++NAcc;
          }
        break;
      }
      QualType Pointee = PV->getType()->getPointeeType();
      Params += ", const void *__ppar_lo" + Idx + ", const void *__ppar_hi" + Idx;
      Accesses += ", {__ppar_lo" + Idx + ", __ppar_hi" + Idx + ", " +
                  (Pointee.isConstQualified() ? "1" : "3") + "}";
      ++NAcc;
      break;
    }
    case ParamClass::Other:
      Args += Field;
      Params += ", " + declare(PV->getType(), N, P);
      Inits += ", " + N;
      break;
    }
  }

  // What the function touches besides its pointer arguments.
  std::string FillGlobals;
  if (AnywhereMode) {
    Accesses += ", {__PPAR_RT_ANYWHERE_LO, __PPAR_RT_ANYWHERE_HI, " +
                std::to_string(AnywhereMode) + "}";
    ++NAcc;
  } else if (!Globals.empty()) {
    FillGlobals = globalsName() + "(__acc + " + std::to_string(NAcc) + "); ";
    NAcc += Globals.size();
  }

  QualType R = FD->getReturnType();
  std::string Call = Name + "(" + Args + ")";
  std::string Body;
  if (R->isVoidType())
    Body = Call + ";";
  else
    Body = "__auto_type __v = " + Call +
           "; void *__o = __p->__dst ? __p->__dst : __ppar_res; " +
           (storeKind(R) > 0 ? "__PPAR_RT_STORE(__o, __p->__kind, __v);"
                             : "__builtin_memcpy(__o, &__v, sizeof __v);");
  std::string Flags;
  if (Ann.Nogil)
    Flags += " | __PPAR_RT_TASK_NOGIL";
  if (Ann.Eager)
    Flags += " | __PPAR_RT_TASK_EAGER";

  return "static void __ppar_task_" + Name +
         "(void *__ppar_args, void *__ppar_res) { struct __ppar_args_" + Name +
         " *__p = __ppar_args; (void)__ppar_res; " + Body +
         " } static struct __ppar_rt_task *" + spawnName() +
         "(const char *__ppar_file, unsigned __ppar_line, int __ppar_kind, "
         "__SIZE_TYPE__ __ppar_size, void *__ppar_dst" + Params +
         ") { struct __ppar_args_" + Name + " __a = {__ppar_dst, __ppar_kind" +
         Inits + "}; struct __ppar_rt_access __acc[" + std::to_string(NAcc) +
         "] = {{__ppar_dst, __ppar_dst ? (const char *)__ppar_dst + __ppar_size "
         ": 0, 2}" + Accesses + "}; " + FillGlobals +
         (NDeps ? "struct __ppar_rt_task *__deps[" + std::to_string(NDeps) +
                      "] = {" + Deps + "}; "
                : "") +
         "return __ppar_rt_task_create(" + quoted(Name) +
         ", __ppar_file, __ppar_line, __ppar_task_" + Name +
         ", &__a, sizeof __a, __ppar_dst ? 0 : __ppar_size, __acc, " +
         std::to_string(NAcc) + ", " + (NDeps ? "__deps" : "0") + ", " +
         std::to_string(NDeps) + ", 0u" + Flags + "); }";
}

std::string DelayedCallee::globalsText() const {
  if (AnywhereMode || Globals.empty())
    return "";
  std::string Body;
  unsigned I = 0;
  for (const auto &[V, Mode] : Globals) {
    std::string N = V->getNameAsString();
    Body += " __acc[" + std::to_string(I++) + "] = (struct __ppar_rt_access){(const void *)&(" +
            N + "), (const void *)(&(" + N + ") + 1), " + std::to_string(Mode) + "};";
  }
  return "static void " + globalsName() + "(struct __ppar_rt_access *__acc) {" + Body + " }";
}

} // namespace ppar
