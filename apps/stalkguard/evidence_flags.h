// What `export` and `report` share: which cases (--case, --contact, --all), --redact, the
// person's profile, and opening the store with its device key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apps/stalkguard/store_view.h"
#include "casework/evidence_export.h"
#include "core/profile.h"

namespace CLI {
class App;
}

namespace stalkguard::cli {

struct EvidenceFlags {
  std::string db;
  std::string tz;
  std::string profile;
  std::vector<std::string> case_ids;
  std::vector<std::string> contact_ids;
  bool all = false;
  bool redact = false;
};

void AddEvidenceOptions(CLI::App& command, EvidenceFlags& flags);

// The store, its zone, its device key (created on first use) and the profile, or nothing after
// printing why.
struct EvidenceSetup {
  StoreView view;
  evidence::DeviceKey key;
  Profile profile;
  bool has_profile = false;
};
std::optional<EvidenceSetup> OpenEvidence(const EvidenceFlags& flags);

casework::ExportRequest MakeExportRequest(const EvidenceFlags& flags, const EvidenceSetup& setup);

}  // namespace stalkguard::cli
