#include "importers/sms_xml/internal/readable_date.h"

#include <cctype>
#include <string>
#include <vector>

#include "core/strings.h"
#include "core/timestamp.h"

namespace stalkguard::importers::sms_xml {

// The numbers and words of the text are read without a locale: month names by their first three
// English letters, "AM"/"PM" in any case and with dots, other words ignored. The day/month order
// then settles itself, because only a reading that gives a whole quarter-hour offset is kept.
std::optional<int32_t> OffsetFromReadableDate(std::string_view text, int64_t utc_ms) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  struct Number {
    int value;
    size_t digits;
  };
  std::vector<Number> numbers;
  int month = 0;
  bool am = false;
  bool pm = false;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t j = i;
    if (std::isdigit(c)) {
      int value = 0;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
        if (j - i == 4) return std::nullopt;  // no field has more than four digits
        value = value * 10 + (text[j] - '0');
        ++j;
      }
      if (numbers.size() == 6) return std::nullopt;
      numbers.push_back({value, j - i});
    } else if (std::isalpha(c)) {
      std::string word;
      while (j < text.size() &&
             (std::isalpha(static_cast<unsigned char>(text[j])) || text[j] == '.')) {
        if (text[j] != '.') {
          word += AsciiLower(text[j]);
        }
        ++j;
      }
      if (word == "am") {
        am = true;
      } else if (word == "pm") {
        pm = true;
      } else if (word.size() >= 3) {
        // Other words ("Fri", "at") carry nothing we need.
        for (int m = 0; m < 12; ++m) {
          if (word.compare(0, 3, kMonths[m]) != 0) continue;
          if (month != 0) return std::nullopt;
          month = m + 1;
        }
      }
    } else {
      j = i + 1;
    }
    i = j;
  }
  std::vector<CivilTime> dates;
  size_t first_time = 0;
  if (month != 0) {
    if (numbers.size() < 4) return std::nullopt;
    first_time = 2;
    if (numbers[0].digits == 4) {
      dates.push_back({numbers[0].value, month, numbers[1].value});
    } else if (numbers[1].digits == 4) {
      dates.push_back({numbers[1].value, month, numbers[0].value});
    }
  } else {
    if (numbers.size() < 5) return std::nullopt;
    first_time = 3;
    const Number& a = numbers[0];
    const Number& b = numbers[1];
    const Number& c = numbers[2];
    if (a.digits == 4) {
      dates.push_back({a.value, b.value, c.value});
    } else if (c.digits == 4 || c.digits == 2) {
      const int year = c.digits == 4 ? c.value : 2000 + c.value;
      dates.push_back({year, b.value, a.value});
      dates.push_back({year, a.value, b.value});
    }
  }
  const size_t time_fields = numbers.size() - first_time;
  if (time_fields < 2 || time_fields > 3) return std::nullopt;
  int hour = numbers[first_time].value;
  const int minute = numbers[first_time + 1].value;
  const int second = time_fields == 3 ? numbers[first_time + 2].value : 0;
  if (am || pm) {
    if (am == pm || hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  // The text has whole seconds (or minutes); compare it with the UTC time cut the same way.
  const int64_t unit = time_fields == 3 ? 1000 : 60000;
  const int64_t utc = utc_ms - utc_ms % unit;
  constexpr int64_t kQuarterHour = 15 * 60000;
  constexpr int64_t kMaxOffset = 14 * 3600000;
  std::optional<int32_t> found;
  for (CivilTime date : dates) {
    if (!IsValidDate(date.year, date.month, date.day)) continue;
    date.hour = hour;
    date.minute = minute;
    date.second = second;
    const int64_t diff = CivilToUnixMs(date) - utc;
    if (diff % kQuarterHour != 0 || diff > kMaxOffset || diff < -kMaxOffset) continue;
    const auto minutes = static_cast<int32_t>(diff / 60000);
    if (found && *found != minutes) return std::nullopt;
    found = minutes;
  }
  return found;
}

}  // namespace stalkguard::importers::sms_xml
