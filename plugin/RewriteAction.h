//===- RewriteAction.h - Analyse, rewrite, then compile the rewritten text ===//
//
// Runs before clang's own action (AddBeforeMainAction): parses the file once
// more in a nested CompilerInstance, runs the passes on that AST, rewrites
// the text, and swaps the rewritten text in as the main file of the compile
// that is about to start. -c, -S, -emit-llvm, -o, -MD, -fsyntax-only keep
// their meaning because clang's action is untouched.
// See docs/plugin.md.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PLUGIN_REWRITEACTION_H
#define PPAR_PLUGIN_REWRITEACTION_H

#include "PluginOptions.h"
#include "clang/Frontend/FrontendAction.h"

namespace ppar {

class PparAction : public clang::PluginASTAction {
public:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef InFile) override;
  bool ParseArgs(const clang::CompilerInstance &CI,
                 const std::vector<std::string> &Args) override;
  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Opts;
  bool BadArgs = false;
};

} // namespace ppar

#endif
