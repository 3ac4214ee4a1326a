// `stalkguard cases [--db FILE] [--json] [--tz ZONE] [--all]`: the cases the last scan found,
// without importing or detecting again.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/stalkguard/case_table.h"
#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/store_view.h"
#include "serialize/case_json.h"

namespace stalkguard::cli {
namespace {

struct CasesFlags {
  std::string db;
  std::string tz;
  bool json = false;
  bool all = false;
};

int RunCases(const CasesFlags& flags) {
  std::optional<StoreView> view = OpenStoreView(flags.db, flags.tz);
  if (!view) return kExitFailed;
  const std::string& db = view->db;
  const TimeZone& zone = view->zone;
  auto cases = view->store->ListCases();
  if (!cases) {
    std::fprintf(stderr, "stalkguard: %s\n", cases.error().message.c_str());
    return kExitFailed;
  }
  if (flags.json) {
    std::cout << nlohmann::json{{"store", db}, {"cases", serialize::CasesJson(*cases)}}.dump(2)
              << "\n";
  } else {
    std::printf("Store: %s\n", db.c_str());
    PrintCases(*cases, zone, flags.all ? Severity::kInfo : Severity::kWatch);
  }
  return kExitOk;
}

}  // namespace

void AddCasesCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<CasesFlags>();
  CLI::App* cmd = app.add_subcommand("cases", "List the cases the last scan found");
  AddDbOption(*cmd, flags->db);
  cmd->add_flag("--json", flags->json, "Print one JSON document instead of a table");
  cmd->add_flag("--all", flags->all, "Also show cases below \"watch\"");
  cmd->add_option("--tz", flags->tz, "IANA time zone to show times in (default: this machine's)");
  cmd->callback([flags, &exit_code] { exit_code = RunCases(*flags); });
}

}  // namespace stalkguard::cli
