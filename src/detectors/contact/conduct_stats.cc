#include "detectors/contact/conduct_stats.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace stalkguard::detect {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

int LocalHour(const Timestamp& t) {
  const int64_t local = t.utc_ms + (t.offset_known ? int64_t{t.offset_minutes} * 60000 : 0);
  const int64_t ms_of_day = ((local % kDayMs) + kDayMs) % kDayMs;
  return static_cast<int>(ms_of_day / 3600000);
}

}  // namespace

bool IsAttempt(const TimelineEntry& entry) {
  // The person's own outgoing events, and an app found on their phone, reach nobody.
  if (entry.direction == Direction::kOutgoing || entry.channel == Channel::kApp) return false;
  if (entry.channel == Channel::kComment) return true;  // on the person's posts
  return entry.direction == Direction::kIncoming && !entry.audience;
}

bool IsUnansweredCall(const TimelineEntry& entry) {
  if (entry.channel != Channel::kCall || entry.direction == Direction::kOutgoing) return false;
  return entry.call_type == CallType::kMissed || entry.call_type == CallType::kRejected ||
         entry.call_type == CallType::kBlocked || entry.call_type == CallType::kVoicemail ||
         (entry.call_type == CallType::kIncoming && entry.call_duration_s == 0);
}

ConductStats ComputeConductStats(const ContactTimeline& timeline, const ConductOptions& options) {
  ConductStats s;
  const auto& entries = timeline.entries;
  std::vector<int64_t> attempt_days;        // UTC day of each attempt
  std::vector<std::string_view> platforms;  // distinct, few
  std::vector<int> attempts;                // entry indexes
  // Live ingest computes this for long timelines on every batch: one allocation each.
  attempt_days.reserve(entries.size());
  attempts.reserve(entries.size());
  bool after_refusal_reset = false;
  int64_t run = 0;
  // The person's next event after entry i, for "answered within the window"; moves forward
  // with i, so the scan is linear.
  size_t next_outgoing = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const TimelineEntry& e = entries[i];
    if (i == 0) s.person_started = e.direction == Direction::kOutgoing;
    if (e.direction == Direction::kOutgoing) {
      ++s.outgoing;
      run = 0;
      // Refusals to a trusted contact do not count: what the person tells their trusted
      // people ("I'm going to the police") is about someone else.
      const bool refusal = !timeline.relation.trusted && HasCategory(e, "refusal");
      if (refusal && s.refusal_entry < 0) s.refusal_entry = static_cast<int>(i);
      // The person writing normally again after a refusal ends the count of contact after it.
      if (!refusal && s.refusal_entry >= 0) after_refusal_reset = true;
      continue;
    }
    if (s.first_ms == 0 || e.time.utc_ms < s.first_ms) s.first_ms = e.time.utc_ms;
    s.last_ms = std::max(s.last_ms, e.time.utc_ms);
    if (!e.platform.empty() &&
        std::find(platforms.begin(), platforms.end(), e.platform) == platforms.end())
      platforms.push_back(e.platform);
    if (!IsAttempt(e)) continue;
    attempts.push_back(static_cast<int>(i));
    ++s.attempts;
    attempt_days.push_back(e.time.utc_ms / kDayMs);
    if (HasCategory(e, "fixation")) ++s.fixation_hits;
    const int hour = LocalHour(e.time);
    const bool night = hour >= options.night_start_hour && hour < options.night_end_hour;
    if (night) ++s.night_attempts;
    if (s.refusal_entry >= 0 && !after_refusal_reset) {
      if (s.first_attempt_after_refusal < 0) s.first_attempt_after_refusal = static_cast<int>(i);
      ++s.attempts_after_refusal;
    }
    // Answered: the person wrote or called back within the window.
    // Nobody answers comments on their own posts: a comment never counts as unanswered.
    if (next_outgoing <= i) {
      next_outgoing = i + 1;
      while (next_outgoing < entries.size() &&
             entries[next_outgoing].direction != Direction::kOutgoing)
        ++next_outgoing;
    }
    const bool answered =
        e.channel == Channel::kComment ||
        (next_outgoing < entries.size() &&
         entries[next_outgoing].time.utc_ms - e.time.utc_ms <= options.answer_window_ms);
    if (!answered) {
      ++s.unanswered;
      ++run;
      s.longest_unanswered_run = std::max(s.longest_unanswered_run, run);
      if (night) ++s.night_unanswered;
      if (IsUnansweredCall(e)) ++s.unanswered_calls;
    }
  }
  // The busiest burst window, two pointers over the attempts.
  for (size_t end = 0, begin = 0; end < attempts.size(); ++end) {
    const int64_t t = entries[attempts[end]].time.utc_ms;
    while (t - entries[attempts[begin]].time.utc_ms >= options.burst_window_ms) ++begin;
    const auto count = static_cast<int64_t>(end - begin + 1);
    if (count > s.peak_attempts) {
      s.peak_attempts = count;
      s.peak_entry = attempts[end];
    }
  }
  // Attempts per active day. Entries come oldest first, so the days are nearly always sorted.
  if (!std::is_sorted(attempt_days.begin(), attempt_days.end()))
    std::sort(attempt_days.begin(), attempt_days.end());
  std::vector<int64_t> counts;
  for (size_t i = 0; i < attempt_days.size();) {
    size_t end = i;
    while (end < attempt_days.size() && attempt_days[end] == attempt_days[i]) ++end;
    counts.push_back(static_cast<int64_t>(end - i));
    i = end;
  }
  s.days_active = static_cast<int64_t>(counts.size());
  if (!counts.empty()) {
    std::nth_element(counts.begin(), counts.begin() + counts.size() / 2, counts.end());
    s.median_day = counts[counts.size() / 2];
  }
  std::sort(platforms.begin(), platforms.end());
  s.platforms.assign(platforms.begin(), platforms.end());
  return s;
}

}  // namespace stalkguard::detect
