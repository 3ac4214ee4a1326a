// What the safety check-up reads with: the link judge, the over-sharing scanner and, when an app
// list is given, the stalkerware indicators. `stalkguard checkup`, `report` and the service's
// /api/v1/checkup load them the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checkup/checkup_run.h"
#include "checkup/oversharing/oversharing_scanner.h"
#include "core/profile.h"
#include "core/result.h"
#include "detectors/links/link_judge.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/package_list.h"
#include "store/store.h"

namespace stalkguard::checkup {

struct CheckupTools {
  std::optional<links::LinkJudge> links;
  std::optional<OversharingScanner> oversharing;
  std::optional<detect::IndicatorSet> indicators;
  std::optional<detect::PackageList> apps;
  // What could not load ("links not checked: ..."), and the app list's rejected lines: the
  // caller shows them; the items concerned are "unknown".
  std::vector<std::string> notes;

  // The sources for RunCheckup: what loaded, the person and the store.
  CheckupSources Sources(const Profile& profile, store::Store& store) const;
};

// Loads the tools. The link judge or the over-sharing patterns failing to load is a note and
// leaves their items "unknown"; an app list (`apps_file`, empty for none) that cannot be read,
// or indicators that cannot be, is an error: the person asked for that check.
Status LoadCheckupTools(const Profile& profile, const std::string& apps_file,
                        const std::string& indicators_file, CheckupTools& tools);

// The check-up over the store with the answers kept in it, as the report and the service show
// it; nothing is written. `tools` (loaded without an app list) may be reused across calls.
Result<CheckupRun> StoredCheckup(const Profile& profile, store::Store& store,
                                 const CheckupTools& tools);

}  // namespace stalkguard::checkup
