#include "apps/stalkguard/terminal.h"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>

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

void DisableCoreDumps() {
  const rlimit none{0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

namespace {

// The terminal's settings while echo is off, so a signal can put them back.
termios g_saved_termios;
volatile sig_atomic_t g_echo_off = 0;

void RestoreEcho() {
  if (g_echo_off != 0) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_termios);
    g_echo_off = 0;
  }
}

void OnSignal(int sig) {
  RestoreEcho();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Turns echo off for its lifetime; a signal that ends the process restores it too.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &g_saved_termios) != 0) return;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP}) std::signal(sig, OnSignal);
    termios quiet = g_saved_termios;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0) g_echo_off = 1;
  }
  ~EchoOff() {
    RestoreEcho();
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP}) std::signal(sig, SIG_DFL);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
};

}  // namespace

bool ReadSecretLine(std::string& line) {
  char buffer[kMaxSecretLine];
  line.clear();
  bool got = false;
  while (std::fgets(buffer, sizeof buffer, stdin) != nullptr) {
    got = true;
    size_t n = std::strlen(buffer);
    const bool ended = n > 0 && buffer[n - 1] == '\n';
    if (ended) --n;
    if (line.size() < kMaxSecretLine)
      line.append(buffer, std::min(n, kMaxSecretLine - line.size()));
    if (ended) break;
  }
  sodium_memzero(buffer, sizeof buffer);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return got;
}

// Echo goes off before the prompt is shown: turning it off discards what is already typed,
// and whatever is typed after the prompt must not appear.
std::string Prompt(const char* text, bool echo) {
  std::string line;
  line.reserve(kMaxSecretLine + 1);  // no reallocation, so no stray copy of the password
  auto ask = [&] {
    std::fputs(text, stderr);
    std::fflush(stderr);
    ReadSecretLine(line);
  };
  if (echo) {
    ask();
  } else {
    EchoOff quiet;
    ask();
  }
  return line;
}

}  // namespace stalkguard::cli
