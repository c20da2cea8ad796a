//===- PluginOptions.cpp --------------------------------------------------===//

#include "PluginOptions.h"

namespace ppar {

PluginOptions parsePluginOptions(const std::vector<std::string> &Args,
                                 std::vector<std::string> &Errors) {
  PluginOptions Opts;
  for (const std::string &Arg : Args) {
    std::string Name = Arg.substr(0, Arg.find('='));
    bool HasValue = Arg.find('=') != std::string::npos;
    std::string Value = HasValue ? Arg.substr(Arg.find('=') + 1) : "";
    if (Name == "emit") {
      if (Value.empty())
        Errors.push_back("-fplugin-arg-ppar-emit needs a folder: "
                         "-fplugin-arg-ppar-emit=DIR");
      Opts.EmitDir = Value;
    } else if (Name == "report") {
      if (HasValue && Value != "text")
        Errors.push_back("-fplugin-arg-ppar-report=" + Value +
                         " is not supported yet; use -fplugin-arg-ppar-report");
      Opts.Report = true;
    } else {
      Errors.push_back("unknown option -fplugin-arg-ppar-" + Arg +
                       "; ppar takes emit=DIR and report");
    }
  }
  return Opts;
}

} // namespace ppar
