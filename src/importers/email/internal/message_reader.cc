#include "importers/email/internal/message_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <vector>

#include "core/strings.h"
#include "core/timestamp.h"

namespace stalkguard::importers::email_internal {
namespace {

// Lines are handed out in pieces of at most this size, so a base64 blob or a binary file
// without line breaks cannot make one line grow without bound.
constexpr size_t kMaxPieceBytes = size_t{1} << 20;
constexpr size_t kReadBytes = 256 * 1024;
// A separator line is short; anything longer is a body line that happens to start "From ".
constexpr size_t kMaxEnvelopeBytes = 1000;

std::string_view StripLineEnd(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// mboxrd quotes every body line matching /^>*From / with one more ">"; undoing it removes one.
bool IsQuotedFrom(std::string_view line) {
  const size_t n = line.find_first_not_of('>');
  return n != std::string_view::npos && n > 0 && line.substr(n).starts_with("From ");
}

// The blank line an mbox writer puts before each "From " separator is not part of the message.
void StripSeparatorBlank(std::string& bytes) {
  const size_t n = bytes.size();
  if (n >= 2 && bytes.compare(n - 2, 2, "\r\n") == 0 && (n == 2 || bytes[n - 3] == '\n')) {
    bytes.resize(n - 2);
  } else if (n >= 1 && bytes[n - 1] == '\n' && (n == 1 || bytes[n - 2] == '\n')) {
    bytes.resize(n - 1);
  }
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

int MonthFromName(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return 0;
  const std::string lower = AsciiLower(token.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "18:22:05" or "18:22".
bool ParseClock(std::string_view token, int& hour, int& minute, int& second) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    const size_t colon = token.find(':', pos);
    parts.push_back(token.substr(pos, colon == std::string_view::npos ? colon : colon - pos));
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  for (std::string_view p : parts) {
    if (!AllDigits(p) || p.size() > 2) return false;
  }
  hour = ToInt(parts[0]);
  minute = ToInt(parts[1]);
  second = parts.size() == 3 ? ToInt(parts[2]) : 0;
  return hour < 24 && minute < 60 && second <= 60;
}

}  // namespace

bool IsHeaderLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size() &&
         (std::isalnum(static_cast<unsigned char>(line[i])) != 0 || line[i] == '-')) {
    ++i;
  }
  if (i == 0) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i < line.size() && line[i] == ':';
}

std::optional<Timestamp> ParseEnvelopeDate(std::string_view line) {
  line = StripLineEnd(line);
  if (!line.starts_with("From ") || line.size() > kMaxEnvelopeBytes) return std::nullopt;
  std::vector<std::string_view> tokens;
  size_t pos = 5;
  while (pos < line.size()) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    const size_t end = line.find_first_of(" \t", pos);
    const size_t stop = end == std::string_view::npos ? line.size() : end;
    if (stop > pos) tokens.push_back(line.substr(pos, stop - pos));
    pos = stop;
  }
  // The first token is the envelope sender ("MAILER-DAEMON", "-", an address); the date follows
  // in asctime order, sometimes with a zone, sometimes in RFC 5322 order.
  int year = -1, month = 0, day = -1, hour = -1, minute = 0, second = 0;
  int offset_minutes = 0;
  bool zone = false;
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (t.ends_with(',')) t.remove_suffix(1);
    if (t.find(':') != std::string_view::npos) {
      if (hour >= 0 || !ParseClock(t, hour, minute, second)) return std::nullopt;
    } else if (AllDigits(t) && t.size() == 4) {
      year = ToInt(t);
    } else if (AllDigits(t) && t.size() <= 2) {
      day = ToInt(t);
    } else if ((t[0] == '+' || t[0] == '-') && t.size() == 5 && AllDigits(t.substr(1))) {
      const int hhmm = ToInt(t.substr(1));
      offset_minutes = (hhmm / 100) * 60 + hhmm % 100;
      if (t[0] == '-') offset_minutes = -offset_minutes;
      zone = t != "-0000";  // RFC 5322: "-0000" says the local zone is unknown.
    } else if (t == "UTC" || t == "GMT" || t == "UT") {
      zone = true;
    } else if (month == 0) {
      month = MonthFromName(t);
    }
  }
  if (year < 1 || month == 0 || day < 1 || hour < 0 || !IsValidDate(year, month, day)) {
    return std::nullopt;
  }
  CivilTime civil{year, month, day, hour, minute, std::min(second, 59), 0};
  Timestamp ts;
  ts.utc_ms = CivilToUnixMs(civil) - int64_t{offset_minutes} * 60'000;
  ts.offset_minutes = zone ? offset_minutes : 0;
  ts.offset_known = zone;
  return ts;
}

bool IsEnvelopeLine(std::string_view line) { return ParseEnvelopeDate(line).has_value(); }

MessageReader::MessageReader(Source& source, size_t max_message_bytes)
    : source_(source), max_message_bytes_(max_message_bytes) {}

std::optional<MessageReader::Piece> MessageReader::NextPiece() {
  size_t scanned = 0;  // bytes after start_ already searched for '\n'
  while (true) {
    const size_t avail = buf_.size() - start_;
    const size_t limit = std::min(avail, kMaxPieceBytes);
    const void* nl = scanned < limit
                         ? std::memchr(buf_.data() + start_ + scanned, '\n', limit - scanned)
                         : nullptr;
    size_t take = 0;
    bool line_end = false;
    if (nl != nullptr) {
      take = static_cast<size_t>(static_cast<const char*>(nl) - (buf_.data() + start_)) + 1;
      line_end = true;
    } else if (avail >= kMaxPieceBytes) {
      take = kMaxPieceBytes;
    } else {
      scanned = avail;
      if (!eof_) {
        if (start_ > 0) {
          buf_.erase(0, start_);
          start_ = 0;
        }
        const size_t old = buf_.size();
        buf_.resize(old + kReadBytes);
        auto got = source_.Read(buf_.data() + old, kReadBytes);
        if (!got) {
          error_ = got.error();
          buf_.resize(old);
          eof_ = true;
          return std::nullopt;
        }
        buf_.resize(old + *got);
        if (*got == 0) eof_ = true;
        continue;
      }
      if (avail == 0) return std::nullopt;
      take = avail;  // the file's last line, without a line ending
      line_end = true;
    }
    Piece piece{std::string_view(buf_.data() + start_, take), !in_line_, line_end};
    start_ += take;
    in_line_ = !line_end;
    if (piece.line_start) ++line_number_;
    return piece;
  }
}

void MessageReader::Append(RawMessage& msg, std::string_view bytes) const {
  if (msg.oversized) return;
  if (msg.bytes.size() + bytes.size() > max_message_bytes_) {
    msg.oversized = true;
    return;
  }
  msg.bytes.append(bytes);
}

std::optional<RawMessage> MessageReader::Next() {
  if (mode_ == Mode::kDone || error_) return std::nullopt;
  RawMessage msg;
  if (mode_ == Mode::kUnknown) {
    std::optional<Piece> first;
    while ((first = NextPiece())) {
      if (!(first->line_start && first->line_end && IsBlank(first->bytes))) break;
    }
    if (!first) {
      mode_ = Mode::kDone;
      return std::nullopt;
    }
    const int64_t first_line = line_number_;
    if (first->bytes.starts_with("From ") && !IsHeaderLine(first->bytes)) {
      // An mbox: this separator line opens the first message. ("From : x" is an obsolete
      // but valid header line, so it opens a single message instead.)
      mode_ = Mode::kMbox;
      std::string envelope(StripLineEnd(first->bytes.substr(0, kMaxEnvelopeBytes)));
      while (!first->line_end && (first = NextPiece())) {
      }
      pending_envelope_ = std::move(envelope);
      pending_line_ = first_line;
    } else {
      msg.index = ++index_;
      msg.first_line = first_line;
      mode_ = Mode::kDone;
      if (!IsHeaderLine(first->bytes)) {
        msg.not_email = true;
        msg.bytes = std::string(StripLineEnd(first->bytes.substr(0, kMaxEnvelopeBytes)));
        return msg;
      }
      Append(msg, first->bytes);
      while (auto piece = NextPiece()) Append(msg, piece->bytes);
      if (error_) return std::nullopt;
      return msg;
    }
  }
  if (!pending_envelope_) {
    mode_ = Mode::kDone;
    return std::nullopt;
  }
  msg.index = ++index_;
  msg.first_line = pending_line_;
  msg.envelope = std::move(*pending_envelope_);
  pending_envelope_.reset();
  bool prev_blank = false;
  while (auto piece = NextPiece()) {
    std::string_view bytes = piece->bytes;
    if (piece->line_start && piece->line_end) {
      if (prev_blank && bytes.starts_with("From ") && bytes.size() <= kMaxEnvelopeBytes &&
          IsEnvelopeLine(bytes)) {
        pending_envelope_ = std::string(StripLineEnd(bytes));
        pending_line_ = line_number_;
        if (!msg.oversized) StripSeparatorBlank(msg.bytes);
        return msg;
      }
      prev_blank = StripLineEnd(bytes).empty();
    } else {
      prev_blank = false;
    }
    if (piece->line_start && IsQuotedFrom(bytes)) bytes.remove_prefix(1);
    Append(msg, bytes);
  }
  if (error_) return std::nullopt;
  mode_ = Mode::kDone;
  if (!msg.oversized) StripSeparatorBlank(msg.bytes);
  return msg;
}

}  // namespace stalkguard::importers::email_internal
