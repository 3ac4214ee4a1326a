// The protected person's profile (GET/PUT, TOML) and the safety check-up over the household.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "checkup/checkup_json.h"
#include "checkup/checkup_tools.h"
#include "profile/profile_loader.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {

namespace fs = std::filesystem;

// The safety check-up over the household's store, as `stalkguard checkup --json` prints it. A
// guardian gets each item's status, summary and steps, not what it was seen in (the person's
// own posts, other people's numbers).
void GuardianServer::Impl::Checkup(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  auto lock = household->LockToRead();
  if (!household->checkup_tools) {
    checkup::CheckupTools tools;
    (void)checkup::LoadCheckupTools(household->profile, "", "", tools);  // fails only with a list
    for (const std::string& note : tools.notes) {
      const json line = {{"level", "warning"}, {"msg", "check-up: " + SanitizeUtf8(note)}};
      std::fprintf(stderr, "%s\n", line.dump().c_str());
    }
    household->checkup_tools.emplace(std::move(tools));
  }
  auto run =
      checkup::StoredCheckup(household->profile, *household->store, *household->checkup_tools);
  if (!run) {
    SendError(res, 500, "store", "the check-up could not be run");
    return;
  }
  res.set_content(checkup::CheckupJson(run->items, MaySeeMessages(who->role)) + "\n",
                  "application/json");
}

void GuardianServer::Impl::GetProfile(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayChangeProfile(who->role)) {
    SendError(res, 403, "forbidden", "the profile is the protected person's and the admin's");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  res.set_content(household->profile_toml, "application/toml");
}

void GuardianServer::Impl::PutProfile(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayChangeProfile(who->role)) {
    SendError(res, 403, "forbidden", "the profile is the protected person's and the admin's");
    return;
  }
  auto parsed = profile::ParseProfile(req.body, "profile");
  if (!parsed) {
    SendError(res, 400, "bad_profile", parsed.error().message);
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  if (Status s = household->SetProfile(std::move(*parsed), req.body); !s) {
    SendError(res, 500, "profile_not_applied", "the profile could not be applied");
    return;
  }
  ReconcileAlerts(who->household_id, *household, nullptr);
  SendJson(res, {{"status", "profile set; contacts and cases rebuilt"}});
}

}  // namespace stalkguard::service
