#include "apps/stalkguard/terminal.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "core/timestamp.h"

namespace stalkguard::cli {

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string Wrap(std::string_view text, std::string_view indent, size_t width, size_t hanging) {
  std::string out;
  std::string line(indent);
  size_t columns = DisplayWidth(indent);
  size_t line_start = columns;  // columns of the current line's indent
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    const size_t word_columns = DisplayWidth(word);
    if (columns > line_start && columns + 1 + word_columns > width) {
      out += line + "\n";
      line = std::string(indent) + std::string(hanging, ' ');
      line_start = DisplayWidth(indent) + hanging;
      columns = line_start;
    }
    if (columns > line_start) {
      line += ' ';
      ++columns;
    }
    line += word;
    columns += word_columns;
    start = end + 1;
  }
  if (columns > line_start) out += line + "\n";
  return out;
}

std::string FitColumn(std::string_view text, size_t width) {
  std::string out;
  size_t columns = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (columns + 1 == width && DisplayWidth(text.substr(i)) > 1) {
      out += "\u2026";
      ++columns;
      break;
    }
    out.append(text.substr(i, len));
    ++columns;
    i += len;
  }
  out.append(width > columns ? width - columns : 0, ' ');
  return out;
}

std::string LocalMinute(int64_t utc_ms, const TimeZone& zone) {
  const CivilTime t =
      UnixMsToCivil(utc_ms + static_cast<int64_t>(zone.OffsetMinutesAt(utc_ms)) * 60000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour,
                t.minute);
  return buf;
}

ProgressBar::ProgressBar() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(int64_t done, int64_t total) {
  // Small imports finish before a bar would help.
  if (!enabled_ || total < (4 << 20)) return;
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
  if (now - last_draw_ms_ < 100) return;
  last_draw_ms_ = now;
  if (done > total) done = total;
  const int percent = static_cast<int>(done * 100 / total);
  std::string bar(30, ' ');
  for (int i = 0; i < percent * 30 / 100; ++i) bar[static_cast<size_t>(i)] = '#';
  std::fprintf(stderr, "\r[%s] %3d%%  %lld / %lld MB", bar.c_str(), percent,
               static_cast<long long>(done >> 20), static_cast<long long>(total >> 20));
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) std::fprintf(stderr, "\r%70s\r", "");
  drawn_ = false;
}

}  // namespace stalkguard::cli
