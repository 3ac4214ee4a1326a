#include "apps/stalkguard/evidence_flags.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "apps/stalkguard/commands.h"
#include "profile/profile_loader.h"

namespace stalkguard::cli {

void AddEvidenceOptions(CLI::App& command, EvidenceFlags& flags) {
  AddDbOption(command, flags.db);
  command.add_option("--case", flags.case_ids, "A case to include, by its id (repeatable)");
  command.add_option("--contact", flags.contact_ids,
                     "A contact to include, flagged or not, by its id (repeatable)");
  command.add_flag("--all", flags.all, "Every case rated watch or higher");
  command.add_flag("--redact", flags.redact,
                   "Take other people's phone numbers and e-mail addresses out");
  command.add_option("--profile", flags.profile,
                     "The protected person's profile (TOML): their name and own details");
  command.add_option("--tz", flags.tz, "IANA time zone to show times in (default: this machine's)");
}

std::optional<EvidenceSetup> OpenEvidence(const EvidenceFlags& flags) {
  std::optional<StoreView> view = OpenStoreView(flags.db, flags.tz);
  if (!view) return std::nullopt;
  const std::filesystem::path key_path = casework::DeviceKeyPath(view->db);
  auto key = evidence::DeviceKey::LoadOrCreate(key_path);
  if (!key) {
    std::fprintf(stderr, "stalkguard: %s: %s\n", key_path.c_str(), key.error().message.c_str());
    return std::nullopt;
  }
  if (key->created())
    std::fprintf(stderr, "Created the device key %s (fingerprint %s)\n", key_path.c_str(),
                 key->Fingerprint().c_str());
  EvidenceSetup setup{std::move(*view), std::move(*key), {}, false};
  if (!flags.profile.empty()) {
    auto profile = profile::LoadProfile(flags.profile);
    if (!profile) {
      std::fprintf(stderr, "stalkguard: %s\n", profile.error().message.c_str());
      return std::nullopt;
    }
    setup.profile = std::move(*profile);
    setup.has_profile = true;
  }
  return setup;
}

casework::ExportRequest MakeExportRequest(const EvidenceFlags& flags, const EvidenceSetup& setup) {
  casework::ExportRequest request;
  request.selection = {flags.case_ids, flags.contact_ids, flags.all};
  request.redact = flags.redact;
  request.profile = setup.has_profile ? &setup.profile : nullptr;
  request.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return request;
}

}  // namespace stalkguard::cli
