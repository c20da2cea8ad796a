//===- DelayedCallee.cpp --------------------------------------------------===//

#include "emit/tasks/DelayedCallee.h"
#include "emit/BlockSize.h"
#include "emit/abi/Tasks.h"
#include "support/CText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ppar {

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

PrintingPolicy taskPolicy(const ASTContext &Ctx) {
  PrintingPolicy P = Ctx.getPrintingPolicy();
  P.SuppressTagKeyword = false;
  P.Bool = true;
  return P;
}

static std::string globalsName(const DelayedCallee &F) {
  return "__ppar_globals_" + F.Name;
}

std::string spawnName(const DelayedCallee &F) { return "__ppar_spawn_" + F.Name; }

std::string calleePrototypes(const DelayedCallee &F, const PrintingPolicy &P) {
  const std::string Task = abi::taskType() + " *";
  std::string Fields, Params;
  for (unsigned I = 0; I < F.Classes.size(); ++I) {
    const ParmVarDecl *PV = F.FD->getParamDecl(I);
    std::string A = "__a" + std::to_string(I);
    QualType T = PV->getType().getUnqualifiedType();
    switch (F.Classes[I]) {
    case ParamClass::Value:
      Fields += " " + Task + "__d" + std::to_string(I) + "; const void *__s" +
                std::to_string(I) + "; " + declare(T, A, P) + ";";
      Params += ", " + Task + ", const void *, " + declare(PV->getType(), "", P);
      break;
    case ParamClass::Pointer:
      Fields += " void *" + A + ";";
      Params += ", " + declare(PV->getType(), "", P);
      if (!F.HasClause[I])
        Params += ", const void *, const void *";
      break;
    case ParamClass::Other:
      Fields += " " + declare(T, A, P) + ";";
      Params += ", " + declare(PV->getType(), "", P);
      break;
    }
  }
  std::string Globs;
  if (!F.AnywhereMode && !F.Globals.empty())
    Globs = " static void " + globalsName(F) + "(" + abi::accessType() + " *);";
  return "struct __ppar_args_" + F.Name + " { void *__dst; int __kind;" + Fields + " };" +
         Globs + " static void __ppar_task_" + F.Name + "(void *, void *); static " + Task +
         spawnName(F) + "(const char *, unsigned, int, __SIZE_TYPE__, void *" + Params + ");";
}

/// [lo, hi) of a data clause item over the launcher's parameters.
static std::string clauseExtent(const DataClause &C) {
  std::string Lo, Hi;
  clauseBounds(C, Lo, Hi);
  int Mode = C.Direction == DataDirection::In    ? 1
             : C.Direction == DataDirection::Out ? 2
                                                 : 3;
  // Lengths of 0 give hi <= lo: an empty range, which the runtime ignores.
  return abi::access(Lo, Hi, abi::accessMode(Mode));
}

std::string calleeDefinitions(const DelayedCallee &F, const PrintingPolicy &P) {
  const std::string Task = abi::taskType() + " *";
  std::string Args, Params, Inits, Accesses, Deps;
  unsigned NAcc = 1, NDeps = 0; // access 0: the destination
  for (unsigned I = 0; I < F.Classes.size(); ++I) {
    const ParmVarDecl *PV = F.FD->getParamDecl(I);
    std::string N = paramName(PV, I), Idx = std::to_string(I);
    std::string Field = "__p->__a" + Idx;
    Args += I ? ", " : "";
    switch (F.Classes[I]) {
    case ParamClass::Value: {
      std::string T = declare(PV->getType().getUnqualifiedType(), "", P);
      std::string Src = "__ppar_s" + Idx;
      Args += "__p->__d" + Idx + " ? *(" + T + " *)" + abi::taskForce("__p->__d" + Idx) +
              " : __p->__s" + Idx + " ? *(const " + T + " *)__p->__s" + Idx + " : " + Field;
      Params += ", " + Task + "__ppar_d" + Idx + ", const void *" + Src + ", " +
                declare(PV->getType(), N, P);
      Inits += ", __ppar_d" + Idx + ", " + Src + ", " + N;
      Deps += (NDeps++ ? ", " : "") + std::string("__ppar_d") + Idx;
      Accesses += ", " + abi::access(Src, Src + " ? (const char *)" + Src + " + sizeof(" +
                                              T + ") : 0",
                                     abi::AccessMode::Read);
      ++NAcc;
      break;
    }
    case ParamClass::Pointer: {
      Args += Field;
      Params += ", " + declare(PV->getType(), N, P);
      Inits += ", (void *)" + N;
      if (F.HasClause[I]) {
        for (const DataClause &C : F.Ann.Data)
          if (C.Name == N) {
            Accesses += ", " + clauseExtent(C);
            ++NAcc;
          }
        break;
      }
      QualType Pointee = PV->getType()->getPointeeType();
      Params += ", const void *__ppar_lo" + Idx + ", const void *__ppar_hi" + Idx;
      Accesses += ", " + abi::access("__ppar_lo" + Idx, "__ppar_hi" + Idx,
                                     Pointee.isConstQualified() ? abi::AccessMode::Read
                                                                : abi::AccessMode::ReadWrite);
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
  if (F.AnywhereMode) {
    Accesses += ", " + abi::access(abi::anywhereLo(), abi::anywhereHi(),
                                   abi::accessMode(F.AnywhereMode));
    ++NAcc;
  } else if (!F.Globals.empty()) {
    FillGlobals = globalsName(F) + "(__acc + " + std::to_string(NAcc) + "); ";
    NAcc += F.Globals.size();
  }

  QualType R = F.FD->getReturnType();
  std::string Call = F.Name + "(" + Args + ")";
  std::string Body;
  if (R->isVoidType())
    Body = Call + ";";
  else
    Body = "__auto_type __v = " + Call +
           "; void *__o = __p->__dst ? __p->__dst : __ppar_res; " +
           (storeKind(R) > 0 ? abi::store("__o", "__p->__kind", "__v") + ";"
                             : "__builtin_memcpy(__o, &__v, sizeof __v);");
  unsigned Flags = (F.Ann.Nogil ? abi::TaskNogil : 0) | (F.Ann.Eager ? abi::TaskEager : 0) |
                   (F.CallsGpu ? abi::TaskGpu : 0);
  std::string Create = abi::taskCreate(
      quoted(F.Name), "__ppar_file", "__ppar_line", "__ppar_task_" + F.Name, "&__a",
      "sizeof __a", "__ppar_dst ? 0 : __ppar_size", "__acc", NAcc, NDeps ? "__deps" : "0",
      NDeps, Flags);
  std::string Dst = abi::access("__ppar_dst", "__ppar_dst ? (const char *)__ppar_dst + "
                                              "__ppar_size : 0",
                                abi::AccessMode::Write);
  return "static void __ppar_task_" + F.Name +
         "(void *__ppar_args, void *__ppar_res) { struct __ppar_args_" + F.Name +
         " *__p = __ppar_args; (void)__ppar_res; " + Body + " } static " + Task +
         spawnName(F) +
         "(const char *__ppar_file, unsigned __ppar_line, int __ppar_kind, "
         "__SIZE_TYPE__ __ppar_size, void *__ppar_dst" + Params +
         ") { struct __ppar_args_" + F.Name + " __a = {__ppar_dst, __ppar_kind" + Inits +
         "}; " + abi::accessType() + " __acc[" + std::to_string(NAcc) + "] = {" + Dst +
         Accesses + "}; " + FillGlobals +
         (NDeps ? Task + "__deps[" + std::to_string(NDeps) + "] = {" + Deps + "}; " : "") +
         "return " + Create + "; }";
}

std::string calleeGlobals(const DelayedCallee &F) {
  if (F.AnywhereMode || F.Globals.empty())
    return "";
  std::string Body;
  unsigned I = 0;
  for (const auto &[V, Mode] : F.Globals) {
    auto [Lo, Hi] = extentBounds({MemRoot::Var, V});
    Body += " __acc[" + std::to_string(I++) + "] = " +
            abi::accessLiteral(Lo, Hi, abi::accessMode(Mode)) + ";";
  }
  return "static void " + globalsName(F) + "(" + abi::accessType() + " *__acc) {" + Body +
         " }";
}

std::pair<std::string, std::string> extentBounds(const MemRoot &R) {
  switch (R.K) {
  case MemRoot::Var: {
    std::string N = R.V->getNameAsString();
    return {"(const void *)&(" + N + ")", "(const void *)(&(" + N + ") + 1)"};
  }
  case MemRoot::None:
    return {"0", "0"};
  case MemRoot::Block: {
    std::string N = R.V->getNameAsString();
    return {"(const void *)(" + N + ")",
            "(const void *)((const char *)(" + N + ") + " + blockSizeName(R.V) + ")"};
  }
  default:
    return {abi::anywhereLo(), abi::anywhereHi()};
  }
}

std::string extentText(const MemRoot &R) {
  auto [Lo, Hi] = extentBounds(R);
  return Lo + ", " + Hi;
}

} // namespace ppar
