// Splits one e-mail file into messages, streaming: an mbox into the messages between its
// "From " separator lines, anything else (.eml, a Maildir file) into one message. Memory stays
// bounded by the largest message, never by the file. Not thread-safe; one reader per Source.
//
//   MessageReader reader(source);
//   while (auto msg = reader.Next()) { ... msg->bytes ... }
//   if (reader.error()) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/result.h"
#include "importers/source.h"

namespace stalkguard::importers::email_internal {

struct RawMessage {
  int64_t index = 0;       // 1-based position in the file
  int64_t first_line = 0;  // 1-based line where the record starts (its "From " line in an mbox)
  // The mbox "From " separator line without its line ending; empty outside an mbox.
  std::string envelope;
  // The message as RFC 5322 bytes: separator line removed, mboxrd ">From " quoting undone,
  // line endings exactly as in the file.
  std::string bytes;
  // The message was longer than the reader's limit; `bytes` holds only its head.
  bool oversized = false;
  // The file is not an mbox and its first line is not a header: `bytes` holds that line only
  // and nothing more is read.
  bool not_email = false;
};

class MessageReader {
 public:
  static constexpr size_t kDefaultMaxMessageBytes = size_t{128} << 20;

  explicit MessageReader(Source& source, size_t max_message_bytes = kDefaultMaxMessageBytes);

  // The next message, std::nullopt at the end or after an I/O failure (see error()).
  std::optional<RawMessage> Next();
  // Set when reading the source failed; the stream ends there.
  const std::optional<Error>& error() const { return error_; }
  // True once the first message showed the file to be an mbox.
  bool is_mbox() const { return mode_ == Mode::kMbox; }

 private:
  // A line or, for a line longer than the buffer limit, a piece of one, with its line ending.
  struct Piece {
    std::string_view bytes;
    bool line_start = false;  // the piece begins a line
    bool line_end = false;    // the piece ends with the line's "\n" (or is the file's last)
  };
  enum class Mode { kUnknown, kMbox, kSingle, kDone };

  std::optional<Piece> NextPiece();
  void Append(RawMessage& msg, std::string_view bytes) const;

  Source& source_;
  size_t max_message_bytes_;
  Mode mode_ = Mode::kUnknown;
  std::string buf_;
  size_t start_ = 0;
  bool eof_ = false;
  bool in_line_ = false;  // the last piece did not end its line
  int64_t line_number_ = 0;
  int64_t index_ = 0;
  std::optional<Error> error_;
  // A separator line read while finishing the previous message; it opens the next one.
  std::optional<std::string> pending_envelope_;
  int64_t pending_line_ = 0;
};

// True for "Name: value" with an RFC 5322 field name made of letters, digits and "-".
bool IsHeaderLine(std::string_view line);
// True for an mbox separator: "From " followed by a sender and a date that parses.
bool IsEnvelopeLine(std::string_view line);
// The date of an mbox separator line, as written by mail delivery agents and exporters:
//   "From jordan.blake77@example.com Fri Mar  1 18:22:05 2024"         (asctime, UTC)
//   "From 1792468531848491234@xxx Wed Feb 28 10:15:31 +0000 2024"    (Google Takeout)
// A zone, when present, is kept as the offset; without one the time is read as UTC and the
// offset is marked unknown.
std::optional<Timestamp> ParseEnvelopeDate(std::string_view line);

}  // namespace stalkguard::importers::email_internal
