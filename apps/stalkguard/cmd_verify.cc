// `stalkguard verify BUNDLE [--key HEX]`: checks an evidence bundle and says exactly what fails.
// `stalkguard verify --store [--db FILE]`: checks the store's own evidence log the same way.
// Exit status 0 when everything verifies, 3 when something was altered, removed or reordered,
// 1 when the bundle or store cannot be read at all.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/store_view.h"
#include "casework/log_audit.h"
#include "evidence/bundle/bundle.h"

namespace stalkguard::cli {
namespace {

struct VerifyFlags {
  std::string bundle;
  std::string key;
  bool store = false;
  std::string db;
};

int RunStoreAudit(const VerifyFlags& flags) {
  std::optional<StoreView> view = OpenStoreView(flags.db, "");
  if (!view) return kExitFailed;
  auto audit = casework::AuditEvidenceLog(*view->store);
  if (!audit) {
    std::fprintf(stderr, "stalkguard: verify: %s\n", audit.error().message.c_str());
    return kExitFailed;
  }
  std::printf("Store %s\n", view->db.c_str());
  std::printf("  log head      %llu entries, %s\n",
              static_cast<unsigned long long>(audit->head.count), audit->head.hash.c_str());
  std::printf("  checked       %lld events and %lld current findings against the store",
              static_cast<long long>(audit->events), static_cast<long long>(audit->findings));
  if (audit->superseded > 0)
    std::printf(" (%lld earlier findings a later scan no longer reached)",
                static_cast<long long>(audit->superseded));
  std::printf("\n");
  if (audit->ok()) {
    std::printf("OK: every entry, link and logged item verifies.\n");
    return kExitOk;
  }
  std::printf("FAILED: %zu problem(s)\n", audit->problems.size());
  for (const auto& p : audit->problems) std::printf("  %s\n", p.message.c_str());
  return kExitTampered;
}

int RunVerify(const VerifyFlags& flags) {
  if (flags.store) return RunStoreAudit(flags);
  if (flags.bundle.empty()) {
    std::fprintf(stderr, "stalkguard: verify: name a bundle, or --store to check the store\n");
    return kExitFailed;
  }
  std::optional<std::string> trusted;
  if (!flags.key.empty()) trusted = flags.key;
  auto report = bundle::VerifyBundle(flags.bundle, trusted);
  if (!report) {
    std::fprintf(stderr, "stalkguard: verify: %s\n", report.error().message.c_str());
    return kExitFailed;
  }
  std::printf("Bundle %s\n", flags.bundle.c_str());
  std::printf("  fingerprint   %s\n", report->fingerprint.c_str());
  std::printf("  signed by     %s\n", report->key_fingerprint.c_str());
  std::printf("  log head      %llu entries, %s\n",
              static_cast<unsigned long long>(report->head.count), report->head.hash.c_str());
  std::printf(
      "  checked       %lld events, %lld findings, %lld log entries (%lld gaps),"
      " %lld original records, %lld attachments\n",
      static_cast<long long>(report->events), static_cast<long long>(report->findings),
      static_cast<long long>(report->entries), static_cast<long long>(report->gaps),
      static_cast<long long>(report->originals), static_cast<long long>(report->attachments));
  for (const std::string& note : report->notes) std::printf("  note: %s\n", note.c_str());
  if (report->ok()) {
    std::printf("OK: every hash, link and the signature verify.\n");
    return kExitOk;
  }
  std::printf("FAILED: %zu problem(s)\n", report->problems.size());
  // Each message names its item ("events.jsonl line 5: ..."), so the item is not repeated.
  for (const bundle::BundleProblem& p : report->problems) std::printf("  %s\n", p.message.c_str());
  return kExitTampered;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check an evidence bundle: every hash, the log's links and the signature");
  cmd->add_option("bundle", flags->bundle, "The bundle: a directory or a .zip");
  cmd->add_flag("--store", flags->store,
                "Check the store's own evidence log against its events and findings instead");
  AddDbOption(*cmd, flags->db);
  cmd->add_option("--key", flags->key,
                  "The public key (64 hex digits) the bundle must be signed with");
  cmd->callback([flags, &exit_code] { exit_code = RunVerify(*flags); });
}

}  // namespace stalkguard::cli
