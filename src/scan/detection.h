// Detection over a store: every contact's events read back in time order, the text layer and
// the event detectors run on each event, the conduct detectors on each contact's timeline, and
// risk/ turns the findings into cases, which replace the stored ones. `stalkguard scan` runs it
// after importing; it reads only the store, so it works the same after a live ingest.
//
//   SG_ASSIGN_OR_RETURN(auto set, detect::LoadBuiltinDetectors(profile, {}));
//   SG_ASSIGN_OR_RETURN(DetectionReport report, RunDetection(profile, set, config, store));
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/case.h"
#include "core/profile.h"
#include "detectors/builtin.h"
#include "risk/risk_config.h"
#include "store/store.h"

namespace stalkguard::scan {

struct DetectionReport {
  int64_t events = 0;       // events read
  int64_t contacts = 0;     // timelines judged
  std::vector<Case> cases;  // every case, most severe first, then by score
  double seconds = 0;
};

struct DetectionOptions {
  // Called now and then with events done so far and the total; may be empty.
  std::function<void(int64_t done, int64_t total)> on_progress;
};

// The names the sources showed for the profile's blocked identities (for
// detect::BuiltinOptions::blocked_display_names).
Result<std::vector<std::string>> BlockedDisplayNames(const Profile& profile, store::Store& store);
// The same from identities listed already.
std::vector<std::string> BlockedDisplayNames(const Profile& profile,
                                             const std::vector<store::IdentityRecord>& identities);

// Fails when the store fails or a detector cannot judge at all; the stored cases are then left
// as they were.
Result<DetectionReport> RunDetection(const Profile& profile, const detect::DetectorSet& detectors,
                                     const risk::RiskConfig& config, store::Store& store,
                                     const DetectionOptions& options = {});

}  // namespace stalkguard::scan
