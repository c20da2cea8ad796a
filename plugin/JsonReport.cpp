//===- JsonReport.cpp -----------------------------------------------------===//

#include "JsonReport.h"
#include "emit/LoopReport.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/cuda/TransferReport.h"
#include "llvm/Support/JSON.h"

using namespace clang;

namespace ppar {

static void vars(llvm::json::OStream &J, const char *Name,
                 const std::vector<const VarDecl *> &Vs) {
  J.attributeArray(Name, [&] {
    for (const VarDecl *V : Vs)
      J.value(V->getName());
  });
}

/// What the locality transformation did, or why it did nothing.
static void transform(llvm::json::OStream &J, const LoopDecision &D) {
  if (!D.Transform.empty())
    J.attributeObject("transform", [&] {
      J.attribute("done", D.Transformed);
      J.attribute(D.Transformed ? "what" : "why", D.Transform);
    });
}

/// The clauses of a parallel or simd loop's directive, as data.
static void clauses(llvm::json::OStream &J, const LoopDecision &D) {
  J.attributeArray("reduction", [&] {
    for (const Reduction &R : D.Scalars.Reductions)
      J.object([&] {
        J.attribute("op", info(R.Op).OpenMP);
        J.attribute("var", R.Var->getName());
      });
  });
  vars(J, "private", D.Scalars.Private);
  vars(J, "lastprivate", D.Scalars.LastPrivate);
  J.attribute("collapse", D.Collapse);
  transform(J, D);
}

/// The GPU variant's kernels and transfer plan (emit/cuda/TransferReport).
static void gpu(llvm::json::OStream &J, const SourceManager &SM, const GpuPlan &P) {
  J.attribute("kernels", (int64_t)P.Kernels.size());
  J.attribute("copy_in_before_line", copyInLine(P, SM));
  J.attribute("copy_out_after_line", copyOutLine(P, SM));
  J.attributeArray("transfers", [&] {
    for (const TransferSummary &T : summarizeTransfers(P))
      J.object([&] {
        J.attribute("var", T.Var->getName());
        J.attribute("direction", directionName(T.Direction));
        J.attributeArray("extents", [&] {
          for (const std::string &E : T.Extents)
            J.value(E);
        });
        J.attribute("from", sourceName(T.Source));
        // A block the device phase allocates or frees moves there.
        for (const PhaseBlock &B : P.PhaseBlocks) {
          if (B.Var != T.Var)
            continue;
          if (B.Late)
            J.attribute("copy_in_at_line",
                        SM.getPresumedLineNumber(SM.getExpansionLoc(B.Decl->getBeginLoc())));
          if (!B.Frees.empty())
            J.attribute("dropped_at_line", SM.getPresumedLineNumber(
                                               SM.getExpansionLoc(B.Frees.front()->getBeginLoc())));
        }
      });
  });
}

void writeJsonReport(llvm::raw_ostream &OS, const SourceManager &SM,
                     const std::vector<FunctionPlan> &Plans) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID()))
      J.attribute("file", FE->getName());
    J.attributeArray("functions", [&] {
      for (const FunctionPlan &P : Plans) {
        J.object([&] {
          PresumedLoc Def = SM.getPresumedLoc(P.F.FD->getLocation());
          J.attribute("name", P.F.FD->getName());
          J.attribute("line", Def.getLine());
          J.attributeArray("directives", [&] {
            for (const FoundAnnotation &A : P.F.Anns)
              J.value(A.Ann.str());
          });
          J.attribute("parallel_loops", (int64_t)P.Loops.size());
          if (P.Gpu)
            J.attributeObject("gpu", [&] { gpu(J, SM, P.Gpu->Plan); });
          J.attributeArray("loops", [&] {
            for (const LoopDecision &D : P.Decisions)
              J.object([&] {
                PresumedLoc L = SM.getPresumedLoc(SM.getExpansionLoc(D.Loc));
                J.attribute("line", L.getLine());
                J.attribute("column", L.getColumn());
                J.attribute("parallel", D.Result == LoopDecision::Outcome::Parallel);
                J.attribute("simd", D.Result == LoopDecision::Outcome::Simd);
                if (D.Result == LoopDecision::Outcome::Region) {
                  J.attribute("region", true);
                  J.attribute("region_loops", (int64_t)D.Iterations);
                  transform(J, D); // time tiling
                }
                J.attribute("reason", reasonName(D.Why));
                if (D.Result == LoopDecision::Outcome::Parallel ||
                    D.Result == LoopDecision::Outcome::Simd) {
                  J.attribute("directive", directiveText(D));
                  J.attributeObject("clauses", [&] { clauses(J, D); });
                }
                if (D.Dep)
                  J.attributeObject("dependence", [&] {
                    J.attribute("write", D.Dep->Write);
                    J.attribute("write_line", SM.getPresumedLineNumber(
                                                  SM.getExpansionLoc(D.Dep->WriteLoc)));
                    J.attribute("other", D.Dep->Other);
                    J.attribute("other_line", SM.getPresumedLineNumber(
                                                  SM.getExpansionLoc(D.Dep->OtherLoc)));
                    J.attribute("proven", D.Dep->Proven);
                    if (D.Dep->Distance)
                      J.attribute("distance", *D.Dep->Distance);
                    if (!D.Dep->Distances.empty())
                      J.attributeArray("distance_vector", [&] {
                        for (int64_t X : D.Dep->Distances)
                          J.value(X);
                      });
                    if (!D.Dep->Direction.empty())
                      J.attributeArray("direction_vector", [&] {
                        for (const std::string &X : D.Dep->Direction)
                          J.value(X);
                      });
                  });
                J.attribute("message", decisionMessage(D, SM));
              });
          });
        });
      }
    });
  });
  OS << "\n";
}

} // namespace ppar
