// Each household's own state in the server: its event store, the protected person's profile and
// the live ingest over them, opened on first use and kept. One request at a time works on a
// household (its mutex); households never share anything, so no request can reach another
// household's data by any path.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "checkup/checkup_tools.h"
#include "core/profile.h"
#include "core/result.h"
#include "scan/live_ingest.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::service::internal {

struct HouseholdState {
  std::mutex mutex;  // held for every use of the fields below
  std::string dir;   // <data_dir>/households/<id>
  std::unique_ptr<store::SqliteStore> store;
  Profile profile;
  std::string profile_toml;  // as last set; empty when none
  std::optional<scan::LiveIngest> ingest;
  scan::LiveIngestOptions options;  // shared detector data (the text layer) of the server
  // The safety check-up's link judge and over-sharing scanner, loaded on first use and again
  // after the profile changes (the scanner looks for the person's own details).
  std::optional<checkup::CheckupTools> checkup_tools;

  // Replaces the profile (already parsed from `toml`), writes it beside the store, and
  // rebuilds contacts and cases under it. Call with `mutex` held.
  Status SetProfile(Profile parsed, const std::string& toml);
};

class HouseholdRegistry {
 public:
  HouseholdRegistry(std::string data_dir, scan::LiveIngestOptions options)
      : data_dir_(std::move(data_dir)), options_(std::move(options)) {}

  // The household's state, its store created on first use. Fails when the store cannot be
  // opened or its profile file is not valid.
  Result<std::shared_ptr<HouseholdState>> Get(int64_t household_id);

 private:
  std::string data_dir_;
  scan::LiveIngestOptions options_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<HouseholdState>> open_;
};

}  // namespace stalkguard::service::internal
