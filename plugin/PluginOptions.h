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
  /// min-iterations=N: a loop nest of fewer iterations, all known at
  /// compile time, stays serial (0: every independent loop runs in
  /// parallel, for testing the analysis).
  unsigned long long MinIterations = 4096;
  /// regions=off: a serial loop around parallel loops gets no region of
  /// its own; each parallel loop keeps its own (for comparisons).
  bool Regions = true;
};

/// Parses the plugin's arguments; each mistake is one message in Errors.
PluginOptions parsePluginOptions(const std::vector<std::string> &Args,
                                 std::vector<std::string> &Errors);

} // namespace ppar

#endif
