// What `checkup` and `report` share to run the safety check-up: the link judge, the
// over-sharing scanner and, when an app list is given, the stalkerware indicators.
#pragma once

#include <optional>
#include <string>

#include "checkup/checkup_run.h"
#include "checkup/oversharing/oversharing_scanner.h"
#include "core/profile.h"
#include "core/result.h"
#include "detectors/links/link_judge.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/package_list.h"
#include "store/store.h"

namespace stalkguard::cli {

struct CheckupHelpers {
  std::optional<links::LinkJudge> links;
  std::optional<checkup::OversharingScanner> oversharing;
  std::optional<detect::IndicatorSet> indicators;
  std::optional<detect::PackageList> apps;

  // The sources for RunCheckup: what loaded, the person and the store.
  checkup::CheckupSources Sources(const Profile& profile, store::Store& store) const;
};

// Loads the helpers. The link judge or the over-sharing patterns failing to load is named on
// stderr and leaves their items "unknown"; an app list (`apps_file`, empty for none) that
// cannot be read, or indicators that cannot be, is an error: the person asked for that check.
// Rejected lines of the app list are named on stderr.
Status LoadCheckupHelpers(const Profile& profile, const std::string& apps_file,
                          const std::string& indicators_file, CheckupHelpers& helpers);

// The check-up over the store with the answers kept in it, as the report shows it; nothing is
// written.
Result<checkup::CheckupRun> StoredCheckup(const Profile& profile, store::Store& store);

}  // namespace stalkguard::cli
