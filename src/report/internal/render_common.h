// What the HTML and PDF renderers share, so the two reports say the same thing in the same
// words and colours: safe text with its highlight spans, labels, band colours, byte sizes and
// the chart's axis. Internal to report/. Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "report/report_model.h"

namespace stalkguard::report::internal {

// Text a renderer can lay out as is, with the highlight spans moved to match it.
struct SafeText {
  std::string text;             // valid UTF-8, no NUL or other control characters but \t, \n
  std::vector<TextSpan> spans;  // sorted, non-empty, not overlapping, on character boundaries
};

// Repairs `text` for display: each invalid UTF-8 sequence and each control character
// (except tab and newline) becomes U+FFFD, "\r\n" and a lone "\r" become "\n". `spans` are
// byte ranges of the original `text`; they are moved along with the repairs, clamped to the
// text, widened to whole characters, merged where they overlap, and dropped when empty.
// Bad spans never fail: they only lose their highlight.
SafeText PrepareText(std::string_view text, const std::vector<TextSpan>& spans = {});
// PrepareText without spans: the repaired text only.
std::string CleanText(std::string_view text);

std::string_view SeverityLabel(Severity severity);  // "Danger", "Warning", "Watch", "Info"
std::string_view AnswerLabel(Answer answer);        // "Yes", "No", "Not known"
std::string_view SafetyLabel(SafetyStatus status);  // "To fix", "Not known", "Fine"
std::string_view BandLabel(Band band);              // "No finding", "Watch", ...

struct Rgb {
  uint8_t r = 0;
  uint8_t g = 0;
  uint8_t b = 0;
};
// The chart's bar colours: grey, amber, orange, red.
Rgb BandColor(Band band);
// The band a severity is drawn in (kInfo is "no finding").
Band BandOf(Severity severity);
std::string CssHex(Rgb rgb);  // "#d32f2f"

// "12.3 kB (12,345 bytes)", "512 bytes", "size not known" for a negative size.
std::string FormatSize(int64_t bytes);
// "12,345": thousands separated, so counts read at a glance.
std::string FormatCount(int64_t n);

// The chart's y axis: a round top value at or above `max_total` and the step between its
// grid lines (both at least 1).
struct AxisScale {
  int64_t top = 1;
  int64_t step = 1;
};
AxisScale NiceScale(int64_t max_total);
// Which of `days` days get a date label on the x axis when at most `max_labels` fit: every
// k-th day with k a round number of days (1, 2, 7, 14, 30, ...), always starting at day 0.
std::vector<size_t> DateLabelDays(size_t days, size_t max_labels);

// The first and last date of the timeline and how many days it covers:
// "2024-02-11 to 2024-03-02 (21 days)"; empty when there is no timeline.
std::string PeriodLine(const std::vector<DayCount>& timeline);

// The command that checks the bundle, for the integrity section.
std::string VerifyCommand(const ReportData& data);

}  // namespace stalkguard::report::internal
