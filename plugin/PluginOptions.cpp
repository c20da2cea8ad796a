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
      if (!HasValue || Value == "text") {
        Opts.Report = true;
      } else if (Value == "json" || Value.rfind("json:", 0) == 0) {
        Opts.JsonReport = true;
        Opts.JsonFile = Value.size() > 5 ? Value.substr(5) : "";
      } else {
        Errors.push_back("-fplugin-arg-ppar-report=" + Value +
                         " is not a report format; use report, report=json or "
                         "report=json:FILE");
      }
    } else {
      Errors.push_back("unknown option -fplugin-arg-ppar-" + Arg +
                       "; ppar takes emit=DIR, report and report=json[:FILE]");
    }
  }
  return Opts;
}

} // namespace ppar
