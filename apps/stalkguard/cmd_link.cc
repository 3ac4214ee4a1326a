// `stalkguard link [--json] [--feed FILE]... [URL...]`: judges links, given as arguments or one
// a line on standard input, and says for each whether it is ok, suspicious or malicious, and
// why. The judge is the one the scan's "links" detector uses (src/detectors/links/).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "apps/stalkguard/commands.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "detectors/links/link_judge.h"

namespace stalkguard::cli {
namespace {

using json = nlohmann::ordered_json;

struct LinkFlags {
  bool json = false;
  std::vector<std::string> feeds;
  std::vector<std::string> stalkerware_feeds;
  std::string config;
  std::string model;
  bool no_model = false;
  std::vector<std::string> urls;
};

// Four decimals are all a score means.
double Round4(double v) { return std::round(v * 10000.0) / 10000.0; }

void PrintJson(const links::LinkVerdict& v) {
  json out;
  out["url"] = SanitizeUtf8(v.url);
  out["verdict"] = links::ToString(v.verdict);
  out["score"] = Round4(v.score);
  json& reasons = out["reasons"] = json::array();
  for (const links::LinkReason& r : v.reasons) {
    reasons.push_back(
        {{"code", r.code}, {"text", SanitizeUtf8(r.text)}, {"weight", Round4(r.weight)}});
  }
  out["host"] = SanitizeUtf8(v.unicode_host);
  out["registrable_domain"] = SanitizeUtf8(v.registrable_domain);
  if (v.model_score >= 0) out["model_score"] = Round4(v.model_score);
  std::cout << out.dump() << '\n';
}

void PrintText(const links::LinkVerdict& v) {
  std::cout << SanitizeUtf8(v.url) << "\n  " << links::ToString(v.verdict) << ", score ";
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", v.score);
  std::cout << score << '\n';
  for (const links::LinkReason& r : v.reasons) std::cout << "  - " << SanitizeUtf8(r.text) << '\n';
}

int RunLink(const LinkFlags& flags) {
  links::LinkJudgeOptions options = links::DefaultLinkJudgeOptions();
  if (!flags.config.empty()) options.config_dir = flags.config;
  if (!flags.model.empty()) options.model_path = flags.model;
  if (flags.no_model) options.model_path.clear();
  for (const std::string& feed : flags.feeds) {
    options.feeds.push_back({feed, links::FeedKind::kBlocklist});
  }
  for (const std::string& feed : flags.stalkerware_feeds) {
    options.feeds.push_back({feed, links::FeedKind::kStalkerware});
  }
  auto judge = links::LinkJudge::Create(options);
  if (!judge) {
    std::fprintf(stderr, "stalkguard link: %s\n", judge.error().message.c_str());
    return kExitFailed;
  }
  for (const std::string& warning : judge->warnings()) {
    std::fprintf(stderr, "stalkguard link: skipped: %s\n", warning.c_str());
  }
  auto judge_one = [&](std::string_view url) {
    const links::LinkVerdict verdict = judge->Judge(url);
    if (flags.json) {
      PrintJson(verdict);
    } else {
      PrintText(verdict);
    }
  };
  if (!flags.urls.empty()) {
    for (const std::string& url : flags.urls) judge_one(url);
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      const std::string_view url = TrimAscii(line);
      if (!url.empty()) judge_one(url);
    }
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void AddLinkCommand(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "link",
      "Judge links (arguments, or one a line on stdin): ok, suspicious or malicious, and why");
  auto flags = std::make_shared<LinkFlags>();
  command->add_flag("--json", flags->json, "one JSON object a line");
  command->add_option("--feed", flags->feeds,
                      "blocklist file (domains, hosts file, URLhaus CSV, PhishTank CSV or JSON); "
                      "may be repeated");
  command->add_option("--stalkerware-hosts", flags->stalkerware_feeds,
                      "list of stalkerware servers (default: the stalkerware indicators' "
                      "generated/hosts when found, or $STALKGUARD_STALKERWARE_HOSTS)");
  command->add_option("--config", flags->config, "link settings folder (default: config/links)");
  command->add_option("--model", flags->model, "URL model (default: models/links.sgl)");
  command->add_flag("--no-model", flags->no_model, "judge by the heuristics and feeds only");
  command->add_option("url", flags->urls, "links to judge; none: read standard input");
  command->callback([&exit_code, flags] { exit_code = RunLink(*flags); });
}

}  // namespace stalkguard::cli
