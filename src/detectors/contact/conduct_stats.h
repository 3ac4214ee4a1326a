// ConductStats: the course-of-conduct facts of one contact's timeline (how often they made
// contact, when, whether the person answered, whether the person told them to stop), computed
// once and read by the contact detector and by risk/ for the case facts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detectors/detector.h"

namespace stalkguard::detect {

// The windows the facts are counted in. docs/detectors/contact.md says why each value.
struct ConductOptions {
  // An attempt counts as answered when the person writes or calls back within this time.
  int64_t answer_window_ms = 24LL * 3600 * 1000;
  // Bursts are counted in sliding windows of this length.
  int64_t burst_window_ms = 24LL * 3600 * 1000;
  // Local hours [night_start_hour, night_end_hour) are night.
  int night_start_hour = 0;
  int night_end_hour = 5;

  bool operator==(const ConductOptions&) const = default;
};

struct ConductStats {
  // Contact attempts: messages, calls, e-mails and comments the contact sent the person
  // (group chat messages and public posts are not attempts).
  int64_t attempts = 0;
  int64_t unanswered = 0;        // attempts with no reply within the answer window
  int64_t outgoing = 0;          // the person's events to the contact
  int64_t unanswered_calls = 0;  // missed, rejected or blocked calls never returned
  int64_t night_attempts = 0;
  int64_t night_unanswered = 0;
  int64_t peak_attempts = 0;          // most attempts in one burst window
  int peak_entry = -1;                // the entry that ends the peak window
  int64_t days_active = 0;            // distinct UTC days with an attempt
  int64_t median_day = 0;             // attempts on the median active day: their own usual
  int64_t first_ms = 0, last_ms = 0;  // first and last event from the contact
  std::vector<std::string> platforms;
  bool person_started = false;  // the first event between them was the person's
  int refusal_entry = -1;       // the person's first refusal
  int64_t attempts_after_refusal = 0;
  int first_attempt_after_refusal = -1;
  int64_t fixation_hits = 0;  // "answer me", "why are you ignoring me", ...
  int64_t longest_unanswered_run = 0;

  double unanswered_share() const {
    return attempts == 0 ? 0.0 : static_cast<double>(unanswered) / static_cast<double>(attempts);
  }
};

// True when the entry is the contact reaching out to the person.
bool IsAttempt(const TimelineEntry& entry);
// True when the entry is a call the person did not pick up.
bool IsUnansweredCall(const TimelineEntry& entry);
// True when any finding on the entry has this category. Inline: called per entry of long
// timelines with a literal, which the compiler then compares in a word or two.
inline bool HasCategory(const TimelineEntry& entry, std::string_view category) {
  for (const Finding& f : entry.findings)
    if (f.category == category) return true;
  return false;
}

ConductStats ComputeConductStats(const ContactTimeline& timeline, const ConductOptions& options);

}  // namespace stalkguard::detect
