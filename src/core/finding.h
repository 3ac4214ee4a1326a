// Finding: what one detector saw in one event (or in one contact's timeline), with the span of
// original text it points at and a short reason a person can read. Detectors report; how bad
// a case is gets decided later, from the findings together (risk/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stalkguard {

enum class Severity { kInfo, kWatch, kWarning, kDanger };

std::string_view ToString(Severity severity);
std::optional<Severity> SeverityFromString(std::string_view name);

// Byte offsets into the event's original text, [begin, end). Empty when the finding is about
// the event as a whole (a burst of calls, an attachment).
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin == end; }
};

struct Finding {
  std::string event_id;  // the event it is about; empty for conduct findings
  std::string detector;  // stable stored name, e.g. "text.classifier", "text.patterns"
  std::string category;  // "threat", "sexual", "insult", "identity_attack", "toxic", "spam",
                         // "refusal", "whereabouts", ... (docs/findings.md lists them)
  double score = 0;      // calibrated probability-like score in [0, 1]
  Severity severity = Severity::kInfo;
  TextSpan span;
  std::string why;      // "model: threat 0.93", "pattern: knows-address"
  std::string excerpt;  // the flagged words with a little context, what a guardian may see
  // The finding's id in the evidence log: the first 32 hex digits of the SHA-256 of its
  // canonical bytes, set by the store when it records the finding. Not part of those bytes.
  std::string id;
};

}  // namespace stalkguard
