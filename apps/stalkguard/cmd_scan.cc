// `stalkguard scan [--db FILE] [--profile FILE] [--json] PATH...`
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "apps/stalkguard/case_table.h"
#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/contact_table.h"
#include "apps/stalkguard/terminal.h"
#include "core/timestamp.h"
#include "profile/profile_loader.h"
#include "scan/detection.h"
#include "scan/scan.h"
#include "serialize/case_json.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

using json = nlohmann::json;

struct ScanFlags {
  std::vector<std::string> paths;
  std::string db;
  std::string profile;
  std::string tz;
  std::string date_order = "auto";
  std::string region;
  bool json = false;
  bool import_only = false;
};

json ReportJson(const scan::ScanReport& r, const scan::DetectionReport* detection,
                const std::string& db) {
  json out;
  out["store"] = db;
  out["imported"] = {{"events", r.counts.inserted},
                     {"duplicates", r.counts.duplicates},
                     {"rejected", r.rejected},
                     {"files", r.files}};
  out["rejected"] = json::array();
  for (const auto& x : r.rejections) {
    out["rejected"].push_back({{"source", x.source}, {"record", x.record}, {"reason", x.reason}});
  }
  out["skipped"] = json::array();
  for (const auto& s : r.skipped)
    out["skipped"].push_back({{"file", s.file}, {"reason", s.reason}});
  out["contacts"] = ContactsJson(r.contacts);
  if (detection != nullptr) {
    out["cases"] = serialize::CasesJson(detection->cases);
    out["detection"] = {{"events", detection->events},
                        {"contacts", detection->contacts},
                        {"seconds", detection->seconds}};
  }
  out["seconds"] = r.seconds;
  return out;
}

void PrintReport(const scan::ScanReport& r, const scan::DetectionReport* detection,
                 const std::string& db, const TimeZone& zone) {
  std::printf(
      "Imported %lld events from %lld files (%lld already stored, %lld rejected) in %.2f s\n",
      static_cast<long long>(r.counts.inserted), static_cast<long long>(r.files),
      static_cast<long long>(r.counts.duplicates), static_cast<long long>(r.rejected), r.seconds);
  std::printf("Store: %s\n", db.c_str());
  if (!r.rejections.empty()) {
    std::printf("\nRejected records (nothing else from these files was lost):\n");
    for (const auto& x : r.rejections) {
      std::printf("  %s%s%s: %s\n", x.source.c_str(), x.record.empty() ? "" : " ", x.record.c_str(),
                  x.reason.c_str());
    }
    if (r.rejected > static_cast<int64_t>(r.rejections.size())) {
      std::printf("  ... and %lld more\n",
                  static_cast<long long>(r.rejected - static_cast<int64_t>(r.rejections.size())));
    }
  }
  if (!r.skipped.empty()) {
    std::map<std::string, int> by_reason;
    for (const auto& s : r.skipped) ++by_reason[s.reason];
    std::string line;
    for (const auto& [reason, n] : by_reason) {
      line += (line.empty() ? "" : ", ") + std::to_string(n) + (n == 1 ? " file (" : " files (") +
              reason + ")";
    }
    std::printf("Passed over: %s (--json lists them)\n", line.c_str());
  }
  PrintContactTable(r.contacts, zone);
  if (detection != nullptr) {
    PrintCases(detection->cases, zone);
    std::printf("\nChecked %lld events of %lld contacts in %.2f s.\n",
                static_cast<long long>(detection->events),
                static_cast<long long>(detection->contacts), detection->seconds);
  }
}

// Loads the shipped detectors and risk config and runs them over the whole store.
Result<scan::DetectionReport> Detect(const Profile& profile, store::Store& store, bool progress) {
  detect::BuiltinOptions builtin;
  SG_ASSIGN_OR_RETURN(builtin.blocked_display_names, scan::BlockedDisplayNames(profile, store));
  SG_ASSIGN_OR_RETURN(detect::DetectorSet detectors,
                      detect::LoadBuiltinDetectors(profile, builtin));
  for (const std::string& note : detectors.notes)
    std::fprintf(stderr, "stalkguard: %s\n", note.c_str());
  SG_ASSIGN_OR_RETURN(risk::RiskConfig config,
                      risk::RiskConfig::Load(risk::DefaultRiskConfigPath()));
  ProgressBar bar;
  scan::DetectionOptions options;
  if (progress)
    options.on_progress = [&bar](int64_t done, int64_t total) { bar.Update(done, total); };
  auto report = scan::RunDetection(profile, detectors, config, store, options);
  bar.Finish();
  return report;
}

int RunScanCommand(const ScanFlags& flags) {
  scan::ScanOptions options;
  if (!flags.profile.empty()) {
    auto profile = profile::LoadProfile(flags.profile);
    if (!profile) {
      std::fprintf(stderr, "stalkguard: %s\n", profile.error().message.c_str());
      return kExitFailed;
    }
    options.profile = std::move(*profile);
  }
  if (!flags.tz.empty()) {
    auto zone = TimeZone::Named(flags.tz);
    if (!zone) {
      std::fprintf(stderr, "stalkguard: --tz: %s\n", zone.error().message.c_str());
      return kExitFailed;
    }
    options.import.zone = *zone;
  }
  static const std::map<std::string, importers::DateOrder> kOrders = {
      {"auto", importers::DateOrder::kAuto},
      {"dmy", importers::DateOrder::kDayFirst},
      {"mdy", importers::DateOrder::kMonthFirst},
      {"ymd", importers::DateOrder::kYearFirst}};
  options.import.date_order = kOrders.at(flags.date_order);
  options.import.normalizer =
      IdentityNormalizer(flags.region.empty() ? options.profile.region : flags.region);

  const std::string db = flags.db.empty() ? store::DefaultDatabasePath() : flags.db;
  auto store = store::SqliteStore::Open(db);
  if (!store) {
    std::fprintf(stderr, "stalkguard: %s\n", store.error().message.c_str());
    return kExitFailed;
  }
  ProgressBar bar;
  if (!flags.json)
    options.on_progress = [&bar](int64_t done, int64_t total) { bar.Update(done, total); };
  auto report = scan::RunScan(flags.paths, options, **store);
  bar.Finish();
  if (!report) {
    std::fprintf(stderr, "stalkguard: %s\n", report.error().message.c_str());
    return kExitFailed;
  }
  std::optional<scan::DetectionReport> detection;
  if (!flags.import_only) {
    auto detected = Detect(options.profile, **store, !flags.json);
    if (!detected) {
      std::fprintf(stderr, "stalkguard: %s\n", detected.error().message.c_str());
      return kExitFailed;
    }
    detection = std::move(*detected);
  }
  const scan::DetectionReport* d = detection ? &*detection : nullptr;
  if (flags.json) {
    std::cout << ReportJson(*report, d, db).dump(2) << "\n";
  } else {
    PrintReport(*report, d, db, options.import.zone);
  }
  return report->rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void AddScanCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Import exports (files, folders, .zip), find stalking and harassment, list the cases");
  cmd->add_option("paths", flags->paths, "Export files, folders or archives")->required();
  cmd->add_option("--db", flags->db,
                  "SQLite store (default: " + store::DefaultDatabasePath() + ")");
  cmd->add_option("--profile", flags->profile, "The protected person's profile (TOML)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", flags->json, "Print one JSON document instead of tables");
  cmd->add_flag("--import-only", flags->import_only,
                "Import and list contacts without running detection");
  cmd->add_option("--tz", flags->tz,
                  "IANA time zone for exports without one, e.g. Europe/London (default: this "
                  "machine's)");
  cmd->add_option("--date-order", flags->date_order,
                  "Order of ambiguous dates such as 03/04/24 in WhatsApp exports")
      ->check(CLI::IsMember({"auto", "dmy", "mdy", "ymd"}));
  cmd->add_option("--region", flags->region,
                  "Country for phone numbers written without +, e.g. GB (default: the profile's)");
  cmd->callback([flags, &exit_code] { exit_code = RunScanCommand(*flags); });
}

void AddDbOption(CLI::App& command, std::string& db) {
  command.add_option("--db", db, "SQLite store (default: " + store::DefaultDatabasePath() + ")");
}

}  // namespace stalkguard::cli
