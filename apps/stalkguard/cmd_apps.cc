// `stalkguard apps [--indicators FILE] [--json] FILE`: checks a phone's app list (the output of
// `adb shell pm list packages`, or one package a line; "-" reads standard input) against the
// stalkerware indicators and prints what each known app does and how to remove it safely.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/terminal.h"
#include "core/utf8.h"
#include "detectors/stalkerware/advice.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/package_list.h"

namespace stalkguard::cli {
namespace {

using json = nlohmann::ordered_json;
namespace sd = stalkguard::detect;

struct AppsFlags {
  std::string indicators;
  std::string file;
  bool json = false;
};

Result<std::string> ReadInput(const std::string& file) {
  std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (in == nullptr) return MakeError(ErrorCode::kNotFound, file + ": cannot open");
  std::string text;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, in)) > 0) text.append(buffer, got);
  const bool failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (failed) return MakeError(ErrorCode::kIo, file + ": read failed");
  return text;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void PrintText(const std::vector<sd::AppMatch>& matches, size_t app_count) {
  if (matches.empty()) {
    std::printf("No known stalkerware among %zu apps.\n", app_count);
    return;
  }
  std::printf("Found %zu known stalkerware or monitoring app%s among %zu apps:\n", matches.size(),
              matches.size() == 1 ? "" : "s", app_count);
  bool stalkerware = false;
  bool watchware = false;
  for (const sd::AppMatch& m : matches) {
    (m.type == sd::AppType::kStalkerware ? stalkerware : watchware) = true;
    std::printf("\n  %s (%s): %s\n", m.app.c_str(), m.package.c_str(),
                std::string(sd::ToString(m.type)).c_str());
    if (!m.also_known_as.empty()) {
      std::fputs(Wrap("Also sold as: " + Join(m.also_known_as), "    ").c_str(), stdout);
    }
    if (!m.other_apps.empty()) {
      std::fputs(Wrap("Also listed as: " + Join(m.other_apps), "    ").c_str(), stdout);
    }
    std::fputs(Wrap(m.what_it_does, "    ").c_str(), stdout);
  }
  // The advice once per type found, after the list, so that it is what the person reads last.
  if (stalkerware) {
    std::printf("\nBefore you remove anything:\n%s",
                Wrap(sd::SafeRemovalAdvice(sd::AppType::kStalkerware), "  ").c_str());
  }
  if (watchware) {
    std::printf("\nAbout the monitoring apps:\n%s",
                Wrap(sd::SafeRemovalAdvice(sd::AppType::kWatchware), "  ").c_str());
  }
}

json MatchesJson(const std::vector<sd::AppMatch>& matches) {
  json out = json::array();
  for (const sd::AppMatch& m : matches) {
    out.push_back({{"package", m.package},
                   {"app", SanitizeUtf8(m.app)},
                   {"type", sd::ToString(m.type)},
                   {"also_known_as", m.also_known_as},
                   {"other_apps", m.other_apps},
                   {"what_it_does", m.what_it_does},
                   {"advice", sd::SafeRemovalAdvice(m.type)}});
  }
  return out;
}

int RunApps(const AppsFlags& flags) {
  std::string path = flags.indicators;
  if (path.empty()) {
    auto found = sd::DefaultIndicatorPath();
    if (!found) {
      std::fprintf(stderr, "stalkguard apps: %s\n", found.error().message.c_str());
      return kExitFailed;
    }
    path = std::move(*found);
  }
  auto indicators = sd::IndicatorSet::Load(path);
  if (!indicators) {
    std::fprintf(stderr, "stalkguard apps: %s\n", indicators.error().message.c_str());
    return kExitFailed;
  }
  auto text = ReadInput(flags.file);
  if (!text) {
    std::fprintf(stderr, "stalkguard apps: %s\n", text.error().message.c_str());
    return kExitFailed;
  }
  const sd::PackageList list =
      sd::ParsePackageList(*text, flags.file == "-" ? std::string("stdin") : flags.file);
  for (const std::string& rejected : list.rejected) {
    std::fprintf(stderr, "stalkguard apps: %s\n", SanitizeUtf8(rejected).c_str());
  }
  const std::vector<sd::AppMatch> matches = indicators->Match(list.packages);
  if (flags.json) {
    json rejected = json::array();
    for (const std::string& r : list.rejected) rejected.push_back(SanitizeUtf8(r));
    std::cout << json{{"apps", list.packages.size()},
                      {"matches", MatchesJson(matches)},
                      {"rejected", rejected}}
                     .dump(2)
              << "\n";
  } else {
    PrintText(matches, list.packages.size());
  }
  std::fflush(stdout);
  // Finding stalkerware is a result, not a failure; rejected lines are reported above.
  return kExitOk;
}

}  // namespace

void AddAppsCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<AppsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "apps", "Check a phone's app list (adb shell pm list packages) for known stalkerware");
  cmd->add_option("--indicators", flags->indicators,
                  "Echap ioc.yaml (default: $STALKGUARD_INDICATORS, else "
                  "shared/data/stalkerware_indicators/ioc.yaml above the binary)");
  cmd->add_flag("--json", flags->json, "Print one JSON document instead of text");
  cmd->add_option("FILE", flags->file, "package list, one per line; - for standard input")
      ->required();
  cmd->callback([flags, &exit_code] { exit_code = RunApps(*flags); });
}

}  // namespace stalkguard::cli
