#include "importers/whatsapp/internal/chat_line.h"

#include <string>

#include "core/strings.h"

namespace stalkguard::importers::whatsapp {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the mark at the start of `s`, 0 when there is none. All of them are three bytes
// in UTF-8: E2 80 8E/8F (U+200E/F), E2 80 AA..AE (U+202A..E), E2 81 A6..A9 (U+2066..9) and
// EF BB BF (U+FEFF).
size_t MarkLength(std::string_view s) {
  if (s.size() < 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[0]);
  const auto b1 = static_cast<unsigned char>(s[1]);
  const auto b2 = static_cast<unsigned char>(s[2]);
  if (b0 == 0xE2 && b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) {
    return 3;
  }
  if (b0 == 0xE2 && b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;
  if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) return 3;
  return 0;
}

// Space between a time and its AM/PM: " ", U+00A0 or U+202F (newer Android versions).
size_t SpaceLength(std::string_view s, size_t pos) {
  if (pos < s.size() && s[pos] == ' ') return 1;
  if (s.substr(pos, 2) == "\xC2\xA0") return 2;
  if (s.substr(pos, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

// Reads 1..max_digits digits at `pos`; a longer run is not a date field.
bool ReadNumber(std::string_view s, size_t& pos, int max_digits, int& value, int& count) {
  value = 0;
  count = 0;
  while (pos < s.size() && IsDigit(s[pos])) {
    if (++count > max_digits) return false;
    value = value * 10 + (s[pos] - '0');
    ++pos;
  }
  return count > 0;
}

// "AM", "pm", "a.m.", "a. m." (Spanish), after optional space. Moves `pos` only on success.
bool ReadMeridiem(std::string_view s, size_t& pos, Meridiem& out) {
  size_t p = pos;
  for (size_t n; (n = SpaceLength(s, p)) > 0;) p += n;
  if (p >= s.size()) return false;
  const char c = AsciiLower(s[p]);
  if (c != 'a' && c != 'p') return false;
  ++p;
  if (p < s.size() && s[p] == '.') {
    ++p;
    p += SpaceLength(s, p);
  }
  if (p >= s.size() || AsciiLower(s[p]) != 'm') return false;
  ++p;
  if (p < s.size() && s[p] == '.') ++p;
  out = c == 'a' ? Meridiem::kAm : Meridiem::kPm;
  pos = p;
  return true;
}

// Android puts " - " between the time and the rest; some fonts' exports show an en dash.
size_t AndroidSeparatorLength(std::string_view s, size_t pos) {
  if (s.substr(pos, 3) == " - ") return 3;
  if (s.substr(pos, 5) == " \xE2\x80\x93 ") return 5;
  return 0;
}

struct Ymd {
  int year = 0, month = 0, day = 0;
};

// Reads the fields in `order`; false when a field has the wrong number of digits for its role.
bool Arrange(const LineHead& head, DateOrder order, Ymd& out) {
  if (head.digits[0] == 4) order = DateOrder::kYearFirst;
  int y = 0, m = 0, d = 0;
  switch (order) {
    case DateOrder::kYearFirst:
      y = 0, m = 1, d = 2;
      break;
    case DateOrder::kMonthFirst:
      m = 0, d = 1, y = 2;
      break;
    case DateOrder::kDayFirst:
    case DateOrder::kAuto:
      d = 0, m = 1, y = 2;
      break;
  }
  if (head.digits[m] > 2 || head.digits[d] > 2) return false;
  if (head.digits[y] == 2) {
    out.year = 2000 + head.fields[y];  // Two-digit years are 20YY: WhatsApp started in 2009.
  } else if (head.digits[y] == 4) {
    out.year = head.fields[y];
  } else {
    return false;
  }
  out.month = head.fields[m];
  out.day = head.fields[d];
  return out.year >= 1970 && IsValidDate(out.year, out.month, out.day);
}

// The 24-hour clock reading, or -1 when the time does not exist.
int Hour24(const LineHead& head) {
  if (head.meridiem == Meridiem::kNone) return head.hour <= 23 ? head.hour : -1;
  if (head.hour < 1 || head.hour > 12) return -1;
  return head.hour % 12 + (head.meridiem == Meridiem::kPm ? 12 : 0);
}

bool TimeValid(const LineHead& head) {
  return Hour24(head) >= 0 && head.minute <= 59 && head.second <= 59;
}

}  // namespace

bool StartsWithMark(std::string_view s) { return MarkLength(s) > 0; }

std::string_view StripLeadingMarks(std::string_view s) {
  for (size_t n; (n = MarkLength(s)) > 0;) s.remove_prefix(n);
  return s;
}

std::optional<LineHead> ParseLineHead(std::string_view line) {
  const std::string_view s = StripLeadingMarks(line);
  const size_t skipped = line.size() - s.size();
  LineHead head;
  size_t p = 0;
  if (p < s.size() && s[p] == '[') {
    head.ios = true;
    ++p;
  }
  // Date: three numbers with one separator, "31/12/2023", "31.12.23", "2023-12-31".
  const size_t date_start = p;
  if (!ReadNumber(s, p, 4, head.fields[0], head.digits[0]) || head.digits[0] == 3) return {};
  if (p >= s.size() || (s[p] != '/' && s[p] != '.' && s[p] != '-')) return {};
  const char sep = s[p++];
  if (!ReadNumber(s, p, 2, head.fields[1], head.digits[1])) return {};
  if (p >= s.size() || s[p] != sep) return {};
  ++p;
  if (!ReadNumber(s, p, 4, head.fields[2], head.digits[2]) || head.digits[2] == 3) return {};
  if (sep == '.' && p < s.size() && s[p] == '.') ++p;  // "31.12.23." in a few locales
  head.date_text = s.substr(date_start, p - date_start);
  // ", " in most locales, a plain space in some.
  if (p < s.size() && s[p] == ',') ++p;
  if (p >= s.size() || s[p] != ' ') return {};
  while (p < s.size() && s[p] == ' ') ++p;
  // Time: "23:59", "23:59:07", "11:59 PM", "11:59\u202fpm", "11:59 a. m.".
  const size_t time_start = p;
  int count = 0;
  if (!ReadNumber(s, p, 2, head.hour, count)) return {};
  if (p >= s.size() || s[p] != ':') return {};
  ++p;
  if (!ReadNumber(s, p, 2, head.minute, count) || count != 2) return {};
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!ReadNumber(s, p, 2, head.second, count) || count != 2) return {};
  }
  ReadMeridiem(s, p, head.meridiem);
  head.time_text = s.substr(time_start, p - time_start);
  if (head.ios) {
    // iOS: "[31/12/2023, 23:59:07] Name: text".
    if (p >= s.size() || s[p] != ']') return {};
    ++p;
    if (p < s.size()) {
      if (s[p] != ' ') return {};
      ++p;
    }
  } else {
    // Android: "31/12/2023, 23:59 - Name: text".
    const size_t n = AndroidSeparatorLength(s, p);
    if (n == 0) return {};
    p += n;
  }
  head.body = skipped + p;
  return head;
}

void DateOrderVotes::Add(const LineHead& head) {
  if (head.digits[0] == 4) return;  // year-first, says nothing about day and month
  if (head.fields[0] >= 13 && head.fields[0] <= 31) ++day_first;
  if (head.fields[1] >= 13 && head.fields[1] <= 31) ++month_first;
}

DateOrder DecideDateOrder(const DateOrderVotes& votes, DateOrder fallback) {
  if (votes.day_first > votes.month_first) return DateOrder::kDayFirst;
  if (votes.month_first > votes.day_first) return DateOrder::kMonthFirst;
  // No evidence (or as much each way): the caller's choice. Without one we read day-first,
  // the order of most locales WhatsApp exports in; US month-first exports nearly always
  // show a day past the 12th within a few weeks of chat and are then recognised above.
  return fallback == DateOrder::kAuto ? DateOrder::kDayFirst : fallback;
}

Result<CivilTime> ResolveTime(const LineHead& head, DateOrder order) {
  Ymd ymd;
  if (!Arrange(head, order, ymd)) {
    return MakeError(ErrorCode::kInvalidInput,
                     "\"" + std::string(head.date_text) + "\" is not a date");
  }
  if (!TimeValid(head)) {
    return MakeError(ErrorCode::kInvalidInput,
                     "\"" + std::string(head.time_text) + "\" is not a time");
  }
  CivilTime t;
  t.year = ymd.year;
  t.month = ymd.month;
  t.day = ymd.day;
  t.hour = Hour24(head);
  t.minute = head.minute;
  t.second = head.second;
  return t;
}

bool IsPlausible(const LineHead& head) {
  if (!TimeValid(head)) return false;
  Ymd ymd;
  for (DateOrder order : {DateOrder::kDayFirst, DateOrder::kMonthFirst, DateOrder::kYearFirst}) {
    if (Arrange(head, order, ymd)) return true;
  }
  return false;
}

}  // namespace stalkguard::importers::whatsapp
