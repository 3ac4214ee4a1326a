// The JSON-lines files of a bundle (events.jsonl, findings.jsonl, chain.jsonl): one writer and
// one reader per line type, so that WriteBundle, VerifyBundle and the fuzz target agree on
// every field (docs/formats/evidence-bundle.md). Readers check each field's type and presence
// and never throw. Pure functions, safe from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/finding.h"
#include "core/result.h"
#include "evidence/bundle/bundle.h"

namespace stalkguard::bundle::internal {

// One line of events.jsonl. `event` has no `raw` and no attachment bytes: the raw record is
// represented by `raw_sha256` and its file, each attachment by its `sha256` and its file.
struct EventLine {
  Event event;
  std::string raw_sha256;                     // Sha256Hex(raw); "" when the event had no raw
  std::string original;                       // bundle path of the raw bytes; "" when none
  std::vector<std::string> attachment_files;  // per attachment: bundle path, "" when none
  std::string time_text;                      // RFC 3339 for readers; never hashed
  bool redacted = false;
};

// One line of findings.jsonl: the finding, and whether its excerpt or span was redacted
// before export (its hash then cannot match the log).
struct FindingLine {
  Finding finding;
  bool redacted = false;
};

// One JSON object, no newline. Strings that are not valid UTF-8 are written as {"hex": ...}
// so that their bytes survive exactly.
std::string WriteEventLine(const EventLine& line);
std::string WriteFindingLine(const FindingLine& line);
std::string WriteChainLine(const ChainLine& line);

// Each fails with kInvalidInput naming the field ("\"time.utc_ms\" is not an integer").
Result<EventLine> ReadEventLine(std::string_view text);
Result<FindingLine> ReadFindingLine(std::string_view text);
Result<ChainLine> ReadChainLine(std::string_view text);

// A line that could not be read: its 1-based number and why.
struct LineError {
  size_t line = 0;
  std::string message;
};

template <typename T>
struct ParsedLines {
  std::vector<std::pair<size_t, T>> items;  // (1-based line number, item), in file order
  std::vector<LineError> errors;
};

// Splits `text` at '\n' (a final newline ends the last line, it does not start an empty one)
// and reads every line, keeping going past bad ones.
ParsedLines<EventLine> ParseEventLines(std::string_view text);
ParsedLines<FindingLine> ParseFindingLines(std::string_view text);
ParsedLines<ChainLine> ParseChainLines(std::string_view text);

// The RFC 3339 text written beside a time for people: FormatRfc3339, or "" for a time
// outside the years 0000-9999 or an offset of a day or more, which RFC 3339 cannot express.
std::string ReadableTime(const Timestamp& time);

// True when `score` is written and read back with the same IEEE-754 bits (false for NaN and
// infinities, which JSON cannot hold).
bool ScoreRoundTrips(double score);

}  // namespace stalkguard::bundle::internal
