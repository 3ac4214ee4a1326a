// The line grammar of WhatsApp chat exports: where a message starts, what its date and time
// fields say, and in which order the file writes day, month and year. Pure functions on bytes,
// safe from any thread; nothing here allocates for a line that is not a message start.
//
//   Android: "31/12/2023, 23:59 - Jordan Blake: text"
//   iOS:     "[12/31/23, 11:59:07 PM] Jordan Blake: text"
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/timestamp.h"
#include "importers/importer.h"

namespace stalkguard::importers::whatsapp {

enum class Meridiem { kNone, kAm, kPm };

// The timestamp that opens a message line, as written; nothing is validated yet.
struct LineHead {
  bool ios = false;             // "[date, time] " rather than "date, time - "
  std::array<int, 3> fields{};  // the three date numbers in file order
  std::array<int, 3> digits{};  // how many digits each was written with (1, 2 or 4)
  int hour = 0, minute = 0, second = 0;
  Meridiem meridiem = Meridiem::kNone;
  std::string_view date_text;  // "31/02/24", for messages about the line
  std::string_view time_text;  // "11:59 PM"
  size_t body = 0;             // offset in the line where "Name: text" begins
};

// Parses the timestamp at the start of `line` (after any U+200E and similar marks). Returns
// nullopt when the line does not have the shape of a message start; an impossible date such
// as 31/02/24 still parses here so that the caller can reject it by name.
std::optional<LineHead> ParseLineHead(std::string_view line);

// Counts the evidence for day-first and month-first dates over a file's message lines.
struct DateOrderVotes {
  int day_first = 0;    // lines whose first field can only be a day (13..31)
  int month_first = 0;  // lines whose second field can only be a day
  void Add(const LineHead& head);
};

// The order that reads the file: its own evidence first, then `fallback` when the file never
// settles it. Never returns kAuto.
DateOrder DecideDateOrder(const DateOrderVotes& votes, DateOrder fallback);

// The wall-clock time `head` stands for when dates are in `order` (a four-digit first field is
// always a year). Fails with a reason that names the value: "\"31/02/24\" is not a date".
Result<CivilTime> ResolveTime(const LineHead& head, DateOrder order);

// True when `head` is a real date and time in at least one order (for Sniff).
bool IsPlausible(const LineHead& head);

// `s` without the invisible direction marks exports put in front of lines, names and media
// markers (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069, U+FEFF).
std::string_view StripLeadingMarks(std::string_view s);
bool StartsWithMark(std::string_view s);

}  // namespace stalkguard::importers::whatsapp
