// What the commands that only read a store (`contacts`, `cases`) share: the store named by
// --db (or the default one) and the time zone named by --tz (or this machine's).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/time_zone.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {

struct StoreView {
  std::string db;  // the path opened
  TimeZone zone;
  std::unique_ptr<store::SqliteStore> store;
};

// Opens both; prints why to stderr and returns nothing when the zone is unknown or the store
// cannot be opened.
std::optional<StoreView> OpenStoreView(const std::string& db_flag, const std::string& tz_flag);

}  // namespace stalkguard::cli
