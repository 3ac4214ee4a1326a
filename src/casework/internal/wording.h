// How case files are put into words for people: dates in the report's zone, channel and form
// names, finding categories. Shared by the report builder and the checklist.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/time_zone.h"

namespace stalkguard::casework::internal {

// "2024-03-01" and "2024-03-01 23:14 +00:00", local to `zone`.
std::string LocalDate(int64_t utc_ms, const TimeZone& zone);
std::string LocalDateTime(int64_t utc_ms, const TimeZone& zone);
// Days since 1970-01-01 in `zone`: the timeline's day index.
int64_t LocalDay(int64_t utc_ms, const TimeZone& zone);

// "SMS", "Call", "WhatsApp", "E-mail", "Instagram"...
std::string ChannelLabel(const Event& event);
// "Abusive messages" for "abusive_messages"; unknown names with '_' read as spaces.
std::string FormLabel(std::string_view form);
// "Threat" for "threat", "Contact after being told to stop" for "persistence_after_refusal".
std::string CategoryLabel(std::string_view category);
// "Jordan Blake (phone +447700900999)"; "Unknown sender" when nothing is known.
std::string PartyLabel(const Party& party);
// What a call or an app entry was, for events without text: "Missed call", "Call, 3 min".
std::string DescribeWithoutText(const Event& event);

}  // namespace stalkguard::casework::internal
