//===- PluginOptions.h - -fplugin-arg-ppar-NAME[=VALUE] ------------------===//

#ifndef PPAR_PLUGIN_PLUGINOPTIONS_H
#define PPAR_PLUGIN_PLUGINOPTIONS_H

#include <string>
#include <vector>

namespace ppar {

struct PluginOptions {
  std::string EmitDir; ///< emit=DIR: write each rewritten file to DIR
  bool Report = false; ///< report: remarks on every decision
  /// report=json[:FILE]: the decisions as JSON, to FILE or <stem>.ppar.json
  /// beside the output.
  bool JsonReport = false;
  std::string JsonFile;
  std::string OutputFile; ///< the compile's -o, set by the action
  /// min-work=N: a loop nest of less work (iterations times operations of
  /// an iteration) runs serially (0: every independent loop runs in
  /// parallel, for testing the analysis). Default: PipelineOptions's.
  unsigned long long MinWork = 262144;
  /// regions=off: a serial loop around parallel loops gets no region of
  /// its own; each parallel loop keeps its own (for comparisons).
  bool Regions = true;
  /// transform=off: no interchange or tiling (docs/passes/transform.md).
  bool Transform = true;
  bool TimeTiling = false; ///< time tiling of stencils (docs/passes/transform.md)
};

/// Parses the plugin's arguments; each mistake is one message in Errors.
PluginOptions parsePluginOptions(const std::vector<std::string> &Args,
                                 std::vector<std::string> &Errors);

} // namespace ppar

#endif
