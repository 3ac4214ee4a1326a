#include "apps/stalkguard/store_view.h"

#include <cstdio>

namespace stalkguard::cli {

std::optional<StoreView> OpenStoreView(const std::string& db_flag, const std::string& tz_flag) {
  StoreView view{db_flag.empty() ? store::DefaultDatabasePath() : db_flag, TimeZone::Host(), {}};
  if (!tz_flag.empty()) {
    auto named = TimeZone::Named(tz_flag);
    if (!named) {
      std::fprintf(stderr, "stalkguard: --tz: %s\n", named.error().message.c_str());
      return std::nullopt;
    }
    view.zone = *named;
  }
  auto opened = store::SqliteStore::Open(view.db);
  if (!opened) {
    std::fprintf(stderr, "stalkguard: %s\n", opened.error().message.c_str());
    return std::nullopt;
  }
  view.store = std::move(*opened);
  return view;
}

}  // namespace stalkguard::cli
