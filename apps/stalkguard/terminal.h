// Small helpers for what the CLI prints on a terminal: column widths of UTF-8 text, a
// progress bar that only draws on a TTY, local time for display, and asking for a secret
// without echo.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time_zone.h"

namespace stalkguard::cli {

// Display columns of UTF-8 text, counting each code point as one column.
size_t DisplayWidth(std::string_view text);
// `text` cut to `width` columns (with "…") and padded with spaces to exactly `width`.
std::string FitColumn(std::string_view text, size_t width);
// `text` broken at spaces into lines of at most `width` columns, the first starting with
// `indent` and the others with `indent` and `hanging` more spaces (so a list item's text lines
// up after its "- "), each ending in a newline. A word longer than a line gets a line of its
// own.
std::string Wrap(std::string_view text, std::string_view indent, size_t width = 92,
                 size_t hanging = 0);
// "2024-03-01 18:22" in `zone`.
std::string LocalMinute(int64_t utc_ms, const TimeZone& zone);

// Draws "[#####     ]  45%  120 / 260 MB" on stderr, at most ten times a second, and only
// when stderr is a terminal. Clears its line on Finish().
class ProgressBar {
 public:
  ProgressBar();
  void Update(int64_t done, int64_t total);
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  int64_t last_draw_ms_ = 0;
};

// Secrets (passwords) are read through a fixed buffer of this many bytes that is wiped after.
inline constexpr size_t kMaxSecretLine = 1024;

// A core dump of this process could hold a password: none is written for the rest of the run.
void DisableCoreDumps();

// One line of standard input into `line` (without its end), through a buffer that is wiped.
// False at end of input. A line longer than kMaxSecretLine is read whole but cut.
bool ReadSecretLine(std::string& line);

// Shows `text` on stderr and reads one line of standard input; with `echo` false the terminal
// does not show what is typed (a signal that ends the process turns echo back on).
std::string Prompt(const char* text, bool echo);

}  // namespace stalkguard::cli
