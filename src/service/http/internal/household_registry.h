// Each household's own state in the server: its event store, the protected person's profile and
// the live ingest over them, opened on first use and kept. One request at a time works on a
// household (its mutex); households never share anything, so no request can reach another
// household's data by any path.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checkup/checkup_tools.h"
#include "core/event.h"
#include "core/profile.h"
#include "core/result.h"
#include "scan/live_ingest.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::service::internal {

// One ingest request's events waiting for its household (HouseholdState::waiting).
struct WaitingIngest {
  std::vector<Event> events;
  // Set, with the household's mutex held, by the request that stored it.
  std::optional<Result<scan::IngestResult>> result;
};

struct HouseholdState {
  // What an ingest request needs before it waits for `mutex`, guarded by `intake_mutex`, which
  // is never held for long. `waiting`: the requests that wait for `mutex`; whichever gets it
  // first stores all of them in one run (group commit), so concurrent requests share one commit
  // and one pass over their contacts. `region`: the profile's, to read phone numbers with.
  std::mutex intake_mutex;
  std::deque<std::shared_ptr<WaitingIngest>> waiting;
  std::string region;

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
  // `region` read under `intake_mutex`.
  std::string Region();
  // Takes `mutex` for a request that reads the store, after writing the cases whose writing an
  // ingest put off (ServerOptions::case_write_interval_ms), so that it reads them.
  std::unique_lock<std::mutex> LockToRead();
  // Writes the cases an ingest put off; logs a failure (the next ingest or read tries again).
  // Call with `mutex` held.
  void StoreWaitingCases();
};

class HouseholdRegistry {
 public:
  HouseholdRegistry(std::string data_dir, scan::LiveIngestOptions options)
      : data_dir_(std::move(data_dir)), options_(std::move(options)) {}

  // The household's state, its store created on first use. Fails when the store cannot be
  // opened or its profile file is not valid.
  Result<std::shared_ptr<HouseholdState>> Get(int64_t household_id);
  // The households opened so far.
  std::vector<std::shared_ptr<HouseholdState>> Open();

 private:
  std::string data_dir_;
  scan::LiveIngestOptions options_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<HouseholdState>> open_;
};

}  // namespace stalkguard::service::internal
