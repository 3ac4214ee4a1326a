// The contact table, as `scan` and `contacts` print it on a terminal and in --json.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/time_zone.h"
#include "store/store.h"

namespace stalkguard::cli {

nlohmann::json ContactsJson(const std::vector<store::ContactSummary>& contacts);
// At most 40 rows, busiest first, times shown in `zone`.
void PrintContactTable(const std::vector<store::ContactSummary>& contacts, const TimeZone& zone);

}  // namespace stalkguard::cli
