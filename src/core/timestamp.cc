#include "core/timestamp.h"

#include <charconv>
#include <cstdio>

namespace stalkguard {
namespace {

bool ReadInt(std::string_view text, size_t pos, size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + digits; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

Result<Timestamp> Bad(std::string_view text) {
  return MakeError(ErrorCode::kInvalidInput,
                   "\"" + std::string(text.substr(0, 40)) + "\" is not an RFC 3339 time");
}

}  // namespace

// Howard Hinnant's days_from_civil, written out for our own use.
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t CivilToUnixMs(const CivilTime& t) {
  const int64_t days = DaysFromCivil(t.year, t.month, t.day);
  return ((days * 24 + t.hour) * 60 + t.minute) * 60000 + t.second * 1000 + t.millisecond;
}

CivilTime UnixMsToCivil(int64_t utc_ms) {
  // Floor division without negating or multiplying back, which overflow near INT64_MIN.
  constexpr int64_t kDayMs = 86400000;
  int64_t days = utc_ms / kDayMs;
  int64_t ms_of_day = utc_ms % kDayMs;
  if (ms_of_day < 0) {
    --days;
    ms_of_day += kDayMs;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
  t.hour = static_cast<int>(ms_of_day / 3600000);
  t.minute = static_cast<int>(ms_of_day / 60000 % 60);
  t.second = static_cast<int>(ms_of_day / 1000 % 60);
  t.millisecond = static_cast<int>(ms_of_day % 1000);
  return t;
}

bool IsValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

Result<Timestamp> ParseRfc3339(std::string_view text) {
  CivilTime c;
  if (!ReadInt(text, 0, 4, c.year) || text.size() < 19 || text[4] != '-' ||
      !ReadInt(text, 5, 2, c.month) || text[7] != '-' || !ReadInt(text, 8, 2, c.day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !ReadInt(text, 11, 2, c.hour) ||
      text[13] != ':' || !ReadInt(text, 14, 2, c.minute) || text[16] != ':' ||
      !ReadInt(text, 17, 2, c.second)) {
    return Bad(text);
  }
  if (!IsValidDate(c.year, c.month, c.day) || c.hour > 23 || c.minute > 59 || c.second > 60) {
    return Bad(text);
  }
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      c.millisecond += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  if (c.second == 60) c.second = 59;  // a leap second folds into the one before it
  Timestamp t;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int hours = 0, minutes = 0;
    if (!ReadInt(text, pos + 1, 2, hours)) return Bad(text);
    size_t mpos = pos + 3;
    if (mpos < text.size() && text[mpos] == ':') ++mpos;
    if (!ReadInt(text, mpos, 2, minutes) || hours > 23 || minutes > 59) return Bad(text);
    t.offset_minutes = (text[pos] == '-' ? -1 : 1) * (hours * 60 + minutes);
    t.offset_known = true;
    pos = mpos + 2;
  } else {
    return Bad(text);  // RFC 3339 requires a zone; a bare local time is ambiguous
  }
  if (pos != text.size()) return Bad(text);
  t.utc_ms = CivilToUnixMs(c) - static_cast<int64_t>(t.offset_minutes) * 60000;
  return t;
}

std::string FormatRfc3339(const Timestamp& t) {
  const int32_t offset = t.offset_known ? t.offset_minutes : 0;
  const CivilTime c = UnixMsToCivil(t.utc_ms + static_cast<int64_t>(offset) * 60000);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day,
                        c.hour, c.minute, c.second);
  if (c.millisecond != 0) n += std::snprintf(buf + n, sizeof buf - n, ".%03d", c.millisecond);
  if (!t.offset_known) {
    std::snprintf(buf + n, sizeof buf - n, "Z");
  } else {
    const int32_t a = offset < 0 ? -offset : offset;
    std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
  }
  return buf;
}

std::string FormatUtcDate(int64_t utc_ms) {
  return FormatRfc3339(Timestamp{utc_ms, 0, false}).substr(0, 10);
}

}  // namespace stalkguard
