//===- WorkCost.cpp -------------------------------------------------------===//

#include "analysis/WorkCost.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ppar {

namespace {

class OperationCounter : public RecursiveASTVisitor<OperationCounter> {
public:
  uint64_t Total = 0;

  /// Integer arithmetic in a subscript is address arithmetic, which the
  /// compiler strength-reduces across iterations: not counted (loads in it
  /// are).
  bool TraverseArraySubscriptExpr(ArraySubscriptExpr *E) {
    if (!E->getType()->isArrayType()) // an element, not a row of A[i][j]
      Total += cost::Operation;
    if (!TraverseStmt(E->getBase()))
      return false;
    ++InSubscript;
    bool Ok = TraverseStmt(E->getIdx());
    --InSubscript;
    return Ok;
  }

  bool VisitBinaryOperator(BinaryOperator *E) {
    if (InSubscript)
      return true;
    switch (E->getOpcode()) {
    case BO_Div:
    case BO_Rem:
    case BO_DivAssign:
    case BO_RemAssign:
      Total += cost::Division;
      break;
    case BO_Assign:
    case BO_Comma:
      break; // the store is the subscript or dereference it writes
    default:
      Total += cost::Operation;
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (InSubscript && E->getOpcode() != UO_Deref)
      return true;
    if (E->isIncrementDecrementOp() || E->getOpcode() == UO_Deref ||
        E->getOpcode() == UO_Minus || E->getOpcode() == UO_Not ||
        E->getOpcode() == UO_LNot)
      Total += cost::Operation;
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (E->isArrow())
      Total += cost::Operation;
    return true;
  }
  bool VisitConditionalOperator(ConditionalOperator *) {
    Total += cost::Operation;
    return true;
  }
  bool VisitCallExpr(CallExpr *) {
    Total += cost::MathCall;
    return true;
  }

private:
  unsigned InSubscript = 0;
};

} // namespace

uint64_t operationsOf(const Stmt *Body) {
  if (!Body)
    return 1;
  OperationCounter C;
  C.TraverseStmt(const_cast<Stmt *>(Body));
  return C.Total ? C.Total : 1;
}

} // namespace ppar
