// Calendar arithmetic and RFC 3339 text for Timestamp. Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/result.h"

namespace stalkguard {

struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
};

// Days since 1970-01-01 in the proleptic Gregorian calendar; negative before it.
int64_t DaysFromCivil(int year, int month, int day);
// Milliseconds since the epoch of a wall-clock time read as UTC.
int64_t CivilToUnixMs(const CivilTime& t);
CivilTime UnixMsToCivil(int64_t utc_ms);
// True when the day exists (31 April and 29 February 2023 do not).
bool IsValidDate(int year, int month, int day);

// "2024-03-01T18:22:05Z", "2024-03-01T18:22:05.123+01:00", a space instead of "T" is accepted.
// The offset is kept: offset_known is true unless the text ended in "Z".
Result<Timestamp> ParseRfc3339(std::string_view text);
// Local time with its offset when known ("2024-03-01T19:22:05+01:00"), else UTC with "Z".
// Milliseconds are written only when not zero.
std::string FormatRfc3339(const Timestamp& t);
// The UTC day of a time: "2024-03-01".
std::string FormatUtcDate(int64_t utc_ms);

}  // namespace stalkguard
