//===- DelayedCallees.cpp - The delayed functions of a file ---------------===//
//
// Which functions are delayed and fit for tasks, how each parameter reaches
// a task, and how a result converts to where it is stored.
//
//===----------------------------------------------------------------------===//

#include "analysis/GpuCalls.h"
#include "analysis/ParamExtents.h"
#include "annotations/Binding.h"
#include "plan/DelayedPlanner.h"
#include "support/SourceText.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

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

/// Why the delayed function FD (its definition Sig, when it has one) cannot
/// get its generated code, and where to say so; "" when it can.
static std::string signatureProblem(const FunctionDecl *FD, const FunctionDecl *Sig,
                                    SourceLocation &At) {
  std::string Name = FD->getNameAsString();
  At = FD->getLocation();
  if (FD->isVariadic())
    return "'delayed' cannot be applied to the variadic function '" + Name + "'";
  // The task's code goes after the first declaration and takes its
  // parameters: `int f();` there is fine before a definition `int f() {...}`
  // or `int f(void) {...}`, not before one with parameters.
  At = Sig->getLocation();
  if (std::string Problem = oldStyleDefinitionError(Sig, "delayed"); !Problem.empty())
    return Problem;
  At = FD->getLocation();
  if (FD->isImplicit()) // C89's implicit declaration: nowhere to put the code
    return "delayed '" + Name + "' is called before it is declared; "
           "declare it above this call: " + prototypeText(Sig) + ";";
  if (Sig->getNumParams() != FD->getNumParams())
    return "the first declaration of delayed '" + Name + "' has no "
           "prototype; write its parameters there: " + prototypeText(Sig);
  return "";
}

/// The name of parameter V of the definition, when the first declaration,
/// whose names the generated code uses, gives it the same one; else "".
static std::string sharedName(const FunctionDecl *First, const VarDecl *V) {
  const auto *PV = dyn_cast<ParmVarDecl>(V);
  if (!PV || PV->getFunctionScopeIndex() >= First->getNumParams())
    return "";
  StringRef Name = First->getParamDecl(PV->getFunctionScopeIndex())->getName();
  return Name == PV->getName() ? Name.str() : "";
}

/// A pointer parameter without a clause stands for what the body touches
/// through it (analysis/ParamExtents), when that can be bounded: a clause
/// is made for it, as if the user had written `inout(p[first:length])`.
void CalleeTable::inferClauses(DelayedCallee &C, const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody())
    return;
  for (unsigned I = 0; I < C.Classes.size(); ++I) {
    if (C.Classes[I] != ParamClass::Pointer || C.HasClause[I])
      continue;
    const ParmVarDecl *P = Def->getParamDecl(I);
    std::optional<ParamExtent> E = paramExtent(Def, P, Pure);
    if (!E)
      continue;
    bool Named = !sharedName(C.FD, P).empty();
    auto Name = [&](const VarDecl *V) {
      std::string N = sharedName(C.FD, V);
      Named &= !N.empty();
      return N;
    };
    Affine Length = E->Last - E->First;
    Length.Constant += 1;
    std::string First = E->First.str(Name), Len = Length.str(Name);
    if (!Named)
      continue;
    DataClause Clause;
    Clause.Direction = E->Write ? DataDirection::InOut : DataDirection::In;
    Clause.Name = P->getNameAsString();
    Clause.Sections.push_back({First, Len});
    C.Ann.Data.push_back(Clause);
    C.HasClause[I] = true;
    C.Inferred.push_back(I);
    for (unsigned J = 0; J < C.Classes.size(); ++J)
      if (mentionsName(First, Def->getParamDecl(J)->getName()) ||
          mentionsName(Len, Def->getParamDecl(J)->getName()))
        C.SizesExtent[J] = true;
  }
}

const DelayedCallee *CalleeTable::of(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  if (auto It = Callees.find(FD); It != Callees.end())
    return &It->second;
  if (NotDelayed.count(FD))
    return nullptr;
  const Annotation *Ann = nullptr;
  std::vector<FoundAnnotation> Found = annotationsOf(FD->getMostRecentDecl());
  for (const FoundAnnotation &A : Found)
    if (A.Ann.Kind == Directive::Delayed)
      Ann = &A.Ann;
  if (!Ann) {
    NotDelayed.insert(FD);
    return nullptr;
  }
  std::string Name = FD->getNameAsString();
  const FunctionDecl *Sig = FD->getDefinition() ? FD->getDefinition() : FD;
  SourceLocation At;
  if (std::string Problem = signatureProblem(FD, Sig, At); !Problem.empty()) {
    Sink.error(At, Problem);
    NotDelayed.insert(FD);
    return nullptr;
  }
  DelayedCallee C{FD->getFirstDecl(), *Ann, Name, {}, {}, {}, {}, {}, 0};
  for (const ParmVarDecl *P : FD->parameters()) {
    C.Classes.push_back(DelayedCallee::classify(P->getType()));
    C.HasClause.push_back(llvm::any_of(
        Ann->Data, [&](const DataClause &D) { return D.Name == P->getName(); }));
    C.SizesExtent.push_back(llvm::any_of(Ann->Data, [&](const DataClause &D) {
      return llvm::any_of(D.Sections, [&](const Section &S) {
        return mentionsName(S.Lo, P->getName()) || mentionsName(S.Len, P->getName());
      });
    }));
  }
  for (const DataClause &D : Ann->Data) {
    const ParmVarDecl *Param = nullptr;
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getName() == D.Name)
        Param = P;
    if (!Param || !Param->getType()->isPointerType()) {
      Sink.error(FD->getLocation(), "'" + D.Name + "' in a data clause of '" + Name +
                                        "' is not one of its pointer parameters");
      NotDelayed.insert(FD);
      return nullptr;
    }
  }
  inferClauses(C, FD);
  C.CallsGpu = callsGpuCode(FD);
  // A delayed function defined elsewhere: what it touches besides its
  // arguments is the user's to give (docs/delayed.md).
  static const GlobalEffects Elsewhere;
  const GlobalEffects &E = FD->hasBody() ? Globals.of(FD) : Elsewhere;
  C.AnywhereMode = E.Anywhere;
  if (E.Anywhere)
    for (const auto &[V, Mode] : E.Vars)
      C.AnywhereMode |= Mode;
  for (const auto &[V, Mode] : E.Vars)
    C.Globals.push_back({V, Mode});
  std::sort(C.Globals.begin(), C.Globals.end(), [&](const auto &A, const auto &B) {
    return SM.isBeforeInTranslationUnit(A.first->getLocation(), B.first->getLocation());
  });
  return &Callees.emplace(FD, std::move(C)).first->second;
}

} // namespace ppar
