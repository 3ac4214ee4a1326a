// Runs the whole safety check-up over what stalkguard knows: the imported messages in the store
// (the person's own posts for over-sharing, links from strangers, stalkerware found on the
// phone), the phone's app list when one is given, the last password audit and the answers to
// the account questions kept in the store.
//
//   CheckupSources sources{.profile = profile, .store = store.get(), .links = &judge, ...};
//   SG_ASSIGN_OR_RETURN(CheckupRun run, RunCheckup(sources, answers));
//   SG_RETURN_IF_ERROR(store->PutCheckupRecords(run.records));
#pragma once

#include <string>
#include <vector>

#include "checkup/account_questions.h"
#include "checkup/checkup.h"
#include "core/profile.h"
#include "core/result.h"
#include "store/store.h"

namespace stalkguard::links {
class LinkJudge;
}
namespace stalkguard::detect {
class IndicatorSet;
struct PackageList;
}  // namespace stalkguard::detect

namespace stalkguard::checkup {

class OversharingScanner;

inline constexpr std::string_view kAppsCheckKey = "apps-check";

// What to look at. Every pointer may be null: the items that need it are then "unknown" (or,
// for the app list, taken from the last check kept in the store).
struct CheckupSources {
  const Profile* profile = nullptr;
  store::Store* store = nullptr;
  const links::LinkJudge* links = nullptr;
  const OversharingScanner* oversharing = nullptr;
  const detect::IndicatorSet* indicators = nullptr;
  // The phone's apps given for this run, and where they came from ("apps.txt").
  const detect::PackageList* apps = nullptr;
  std::string apps_source;
};

struct CheckupRun {
  std::vector<CheckItem> items;  // SortForReading order
  // Records to keep for the next check-up (this run's app-list check); the caller stores them.
  std::vector<store::CheckupRecord> records;
  // Stored records that could not be read, named; the check-up went on without them.
  std::vector<std::string> problems;
};

Result<CheckupRun> RunCheckup(const CheckupSources& sources, const AnswerBook& answers);

}  // namespace stalkguard::checkup
