// The phone's UTC offset, read from SMS Backup & Restore's readable_date. Each record gives its
// time twice: "date", exact UTC milliseconds, and readable_date, the same moment on the phone's
// clock in the phone's locale ("1 Mar 2024 18:22:05", "Mar 1, 2024 6:22:05 PM",
// "01/03/2024 18:22:05"). The difference between the two is the offset the phone was set to.
// Pure function, safe from any thread.
//
//   OffsetFromReadableDate("1 Mar 2024 19:22:05", 1709317325000);  // 60: 18:22:05 UTC
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace stalkguard::importers::sms_xml {

// The offset in minutes east of UTC (60 for CET) at which `text` shows the moment `utc_ms`
// (milliseconds since the Unix epoch, UTC). Kept only when every reading of `text` that makes
// a valid time (day/month or month/day) lands on the same whole quarter-hour within 14 hours
// of UTC; nullopt otherwise, and for a layout this cannot read.
std::optional<int32_t> OffsetFromReadableDate(std::string_view text, int64_t utc_ms);

}  // namespace stalkguard::importers::sms_xml
