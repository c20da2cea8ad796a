//===- PluginOptions.cpp --------------------------------------------------===//

#include "PluginOptions.h"
#include <cstdlib>

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
    } else if (Name == "min-work") {
      char *End = nullptr;
      Opts.MinWork = std::strtoull(Value.c_str(), &End, 10);
      if (Value.empty() || *End || Value[0] == '-')
        Errors.push_back("-fplugin-arg-ppar-min-work=" + Value +
                         " is not a count; use min-work=N (0: no minimum)");
    } else if (Name == "regions") {
      if (Value != "on" && Value != "off")
        Errors.push_back("-fplugin-arg-ppar-regions=" + Value +
                         " is not a choice; use regions=on or regions=off");
      Opts.Regions = Value != "off";
    } else if (Name == "transform") {
      if (Value != "on" && Value != "off")
        Errors.push_back("-fplugin-arg-ppar-transform=" + Value +
                         " is not a choice; use transform=on or transform=off");
      Opts.Transform = Value != "off";
    } else if (Name == "time-tiling") {
      if (Value != "on" && Value != "off")
        Errors.push_back("-fplugin-arg-ppar-time-tiling=" + Value +
                         " is not a choice; use time-tiling=on or time-tiling=off");
      Opts.TimeTiling = Value == "on";
    } else {
      Errors.push_back("unknown option -fplugin-arg-ppar-" + Arg +
                       "; ppar takes emit=DIR, report, report=json[:FILE], "
                       "min-work=N, regions=on|off, transform=on|off and time-tiling=on|off");
    }
  }
  return Opts;
}

} // namespace ppar
