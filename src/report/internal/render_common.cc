#include "report/internal/render_common.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>

namespace stalkguard::report::internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at `s[i]` (Unicode table 3-7: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

}  // namespace

SafeText PrepareText(std::string_view text, const std::vector<TextSpan>& spans) {
  SafeText out;
  out.text.reserve(text.size());
  const size_t n = text.size();
  // begin_at[k] / end_at[k]: where a span beginning / ending at original byte k begins / ends
  // in the repaired text. A position inside a character snaps outwards to the whole character,
  // so a highlight never cuts a character in two. Only built when there are spans to move.
  const bool map = !spans.empty();
  std::vector<size_t> begin_at;
  std::vector<size_t> end_at;
  if (map) {
    begin_at.resize(n + 1);
    end_at.resize(n + 1);
  }
  size_t i = 0;
  while (i < n) {
    const size_t start_out = out.text.size();
    size_t len = SequenceLength(text, i);
    const unsigned char b0 = static_cast<unsigned char>(text[i]);
    if (len == 0) {
      len = 1;
      out.text += kReplacement;
    } else if (len == 1) {
      if (b0 == '\r') {
        // Windows and old Mac line ends: "\r\n" keeps only the "\n" that follows.
        if (i + 1 >= n || text[i + 1] != '\n') out.text += '\n';
      } else if ((b0 < 0x20 && b0 != '\t' && b0 != '\n') || b0 == 0x7F) {
        out.text += kReplacement;
      } else {
        out.text += static_cast<char>(b0);
      }
    } else if (len == 2 && b0 == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out.text += kReplacement;  // C1 control characters
    } else {
      out.text.append(text.substr(i, len));
    }
    if (map) {
      for (size_t k = 0; k < len; ++k) {
        begin_at[i + k] = start_out;
        end_at[i + k] = k == 0 ? start_out : out.text.size();
      }
    }
    i += len;
  }
  if (!map) return out;
  begin_at[n] = end_at[n] = out.text.size();

  for (const TextSpan& span : spans) {
    const size_t begin = std::min(span.begin, n);
    const size_t end = std::min(span.end, n);
    if (begin >= end) continue;
    const TextSpan moved{.begin = begin_at[begin], .end = end_at[end]};
    if (moved.begin < moved.end) out.spans.push_back(moved);
  }
  std::sort(out.spans.begin(), out.spans.end(),
            [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  std::vector<TextSpan> merged;
  for (const TextSpan& span : out.spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  out.spans = std::move(merged);
  return out;
}

std::string CleanText(std::string_view text) { return PrepareText(text).text; }

std::string_view SeverityLabel(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "Info";
    case Severity::kWatch:
      return "Watch";
    case Severity::kWarning:
      return "Warning";
    case Severity::kDanger:
      return "Danger";
  }
  return "Info";
}

std::string_view AnswerLabel(Answer answer) {
  switch (answer) {
    case Answer::kYes:
      return "Yes";
    case Answer::kNo:
      return "No";
    case Answer::kNotKnown:
      return "Not known";
  }
  return "Not known";
}

std::string_view SafetyLabel(SafetyStatus status) {
  switch (status) {
    case SafetyStatus::kFix:
      return "To fix";
    case SafetyStatus::kUnknown:
      return "Not known";
    case SafetyStatus::kOk:
      return "Fine";
  }
  return "Not known";
}

std::string_view BandLabel(Band band) {
  switch (band) {
    case Band::kNoFinding:
      return "No finding";
    case Band::kWatch:
      return "Watch";
    case Band::kWarning:
      return "Warning";
    case Band::kDanger:
      return "Danger";
  }
  return "No finding";
}

Rgb BandColor(Band band) {
  switch (band) {
    case Band::kNoFinding:
      return {.r = 0xB0, .g = 0xB0, .b = 0xB0};
    case Band::kWatch:
      return {.r = 0xF2, .g = 0xC0, .b = 0x1E};
    case Band::kWarning:
      return {.r = 0xEF, .g = 0x7D, .b = 0x14};
    case Band::kDanger:
      return {.r = 0xC6, .g = 0x28, .b = 0x28};
  }
  return {.r = 0xB0, .g = 0xB0, .b = 0xB0};
}

Band BandOf(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return Band::kNoFinding;
    case Severity::kWatch:
      return Band::kWatch;
    case Severity::kWarning:
      return Band::kWarning;
    case Severity::kDanger:
      return Band::kDanger;
  }
  return Band::kNoFinding;
}

std::string CssHex(Rgb rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb.r, rgb.g, rgb.b);
  return buf;
}

std::string FormatCount(int64_t n) {
  const uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  const size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first);
  for (size_t i = first; i < digits.size(); i += 3) {
    out += ',';
    out.append(digits, i, 3);
  }
  return n < 0 ? "-" + out : out;
}

std::string FormatSize(int64_t bytes) {
  if (bytes < 0) return "size not known";
  if (bytes == 1) return "1 byte";
  if (bytes < 1000) return std::to_string(bytes) + " bytes";
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1000.0;
  size_t unit = 0;
  while (value >= 1000.0 && unit + 1 < std::size(kUnits)) {
    value /= 1000.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return std::string(buf) + " (" + FormatCount(bytes) + " bytes)";
}

AxisScale NiceScale(int64_t max_total) {
  if (max_total <= 1) return {.top = 1, .step = 1};
  // Aim for about four grid lines, on steps of 1, 2 or 5 times a power of ten.
  const int64_t raw = (max_total + 3) / 4;
  int64_t magnitude = 1;
  while (magnitude * 10 <= raw) magnitude *= 10;
  int64_t step = magnitude;
  for (int64_t factor : {1, 2, 5, 10}) {
    if (magnitude * factor >= raw) {
      step = magnitude * factor;
      break;
    }
  }
  return {.top = (max_total + step - 1) / step * step, .step = step};
}

std::vector<size_t> DateLabelDays(size_t days, size_t max_labels) {
  std::vector<size_t> out;
  if (days == 0) return out;
  max_labels = std::max<size_t>(max_labels, 1);
  size_t every = 0;
  for (size_t candidate : {1, 2, 7, 14, 30, 61, 91, 182, 365}) {
    if ((days + candidate - 1) / candidate <= max_labels) {
      every = candidate;
      break;
    }
  }
  if (every == 0) {
    every = 365;
    while ((days + every - 1) / every > max_labels) every += 365;
  }
  for (size_t day = 0; day < days; day += every) out.push_back(day);
  return out;
}

std::string PeriodLine(const std::vector<DayCount>& timeline) {
  if (timeline.empty()) return "";
  const size_t days = timeline.size();
  std::string line = CleanText(timeline.front().date);
  if (days > 1) line += " to " + CleanText(timeline.back().date);
  line += " (" + FormatCount(static_cast<int64_t>(days)) + (days == 1 ? " day)" : " days)");
  return line;
}

std::string VerifyCommand(const ReportData& data) {
  if (data.bundle_path.empty()) return "stalkguard verify <bundle>";
  const std::string path = CleanText(data.bundle_path);
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("/._-+:@").find(c) != std::string_view::npos;
  });
  if (plain) return "stalkguard verify " + path;
  // Single quotes keep spaces and shell characters literal; a quote inside becomes '\''.
  std::string quoted = "'";
  for (char c : path) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return "stalkguard verify " + quoted + "'";
}

}  // namespace stalkguard::report::internal
