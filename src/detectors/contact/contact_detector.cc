#include "detectors/contact/contact_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// An abuse score that counts as abuse for persistence and escalation (the warning threshold).
constexpr double kAbusiveReply = 0.6;

// Independent signals combined: the chance that at least one of them is real.
double NoisyOr(std::initializer_list<double> parts) {
  double miss = 1;
  for (double p : parts) miss *= 1 - std::clamp(p, 0.0, 1.0);
  return 1 - miss;
}

// printf into a string of the length it needs: a quoted refusal can be long, and a fixed
// buffer would cut it, possibly inside a UTF-8 sequence.
std::string Format(const char* format, auto... args) {
  const int length = std::snprintf(nullptr, 0, format, args...);
  if (length <= 0) return {};
  std::string out(static_cast<size_t>(length) + 1, '\0');
  std::snprintf(out.data(), out.size(), format, args...);
  out.pop_back();
  return out;
}

Finding Make(const ContactTimeline& t, int entry, std::string_view category, double score,
             std::string why, std::string excerpt) {
  Finding f;
  if (entry >= 0) f.event_id = t.entries[entry].event_id;
  f.detector = "contact";
  f.category = std::string(category);
  f.score = std::clamp(score, 0.0, 1.0);
  f.severity = text::SeverityForScore(f.score);
  f.why = std::move(why);
  f.excerpt = std::move(excerpt);
  return f;
}

// The strongest abuse score on an entry, 0 when none.
double AbuseScore(const TimelineEntry& e) {
  double best = 0;
  for (const Finding& f : e.findings)
    if (f.detector == "abuse" && ContactDetector::IsAbuseCategory(f.category))
      best = std::max(best, f.score);
  return best;
}

}  // namespace

bool ContactDetector::IsAbuseCategory(std::string_view category) {
  return category == "threat" || category == "sexual" || category == "insult" ||
         category == "identity_attack" || category == "toxic";
}

bool ContactDetector::IsAutomated(const Identity& identity) {
  const std::string& v = identity.value;
  switch (identity.kind) {
    case IdentityKind::kHandle:
      return v.rfind("sms:", 0) == 0;  // alphanumeric SMS sender ids
    case IdentityKind::kPhone:
      return v.size() <= 7;  // short codes: "+60123", "81234"
    case IdentityKind::kEmail: {
      const std::string_view local = std::string_view(v).substr(0, v.find('@'));
      for (const char* word :
           {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
            "notification", "alerts", "mailer-daemon", "newsletter", "bounce"}) {
        if (local.find(word) != std::string_view::npos) return true;
      }
      return false;
    }
  }
  return false;
}

Status ContactDetector::Inspect(const ContactTimeline& timeline, const Context& context,
                                std::vector<Finding>& out) const {
  if (timeline.relation.is_self || timeline.entries.empty()) return OkStatus();
  if (!timeline.identities.empty() &&
      std::all_of(timeline.identities.begin(), timeline.identities.end(), IsAutomated))
    return OkStatus();
  std::optional<ConductStats> own;
  std::optional<ConductStats>& kept =
      context.conduct_stats != nullptr && options_ == ConductOptions{} ? *context.conduct_stats
                                                                       : own;
  if (!kept) kept = ComputeConductStats(timeline, options_);
  const ConductStats& s = *kept;
  if (s.attempts == 0) return OkStatus();
  const double unanswered = s.unanswered_share();
  // Contact the person welcomes (they answer) is not unwanted, however much of it there is:
  // volume only counts in proportion to how much of it goes unanswered.
  const double unwanted = 0.3 + 0.7 * unanswered;

  // Excessive contact: a busy day, a long unanswered run, calls never returned, "answer me".
  const double volume = std::clamp((static_cast<double>(s.peak_attempts) - 4) / 20, 0.0, 0.6);
  const double silence =
      s.attempts >= 5 ? unanswered * std::min(1.0, static_cast<double>(s.attempts) / 20) * 0.6
                      : 0.0;
  const double calls =
      s.unanswered_calls >= 3 ? std::min(0.6, 0.08 * static_cast<double>(s.unanswered_calls)) : 0;
  const double fixation = std::min(0.5, 0.15 * static_cast<double>(s.fixation_hits));
  // Against their own usual: a burst of four times their median day (and at least 10).
  const bool burst =
      s.peak_attempts >= 10 && s.peak_attempts >= 4 * std::max<int64_t>(1, s.median_day);
  // Against everyone else: three times what the person's busiest contacts send (and 20).
  const bool beyond_others = context.typical_incoming > 0 && s.attempts >= 20 &&
                             static_cast<double>(s.attempts) >= 3 * context.typical_incoming;
  const double excessive =
      NoisyOr({volume * unwanted, silence, calls, fixation * unwanted, burst ? 0.3 * unwanted : 0.0,
               beyond_others ? 0.3 * unwanted : 0.0});
  if (excessive >= 0.3) {
    std::string facts =
        Format("%lld attempts to reach you over %lld days, %lld never answered",
               static_cast<long long>(s.attempts), static_cast<long long>(s.days_active),
               static_cast<long long>(s.unanswered));
    if (s.peak_attempts >= 5)
      facts += Format("; %lld in one 24 h", static_cast<long long>(s.peak_attempts));
    if (s.unanswered_calls > 0)
      facts +=
          Format("; %lld calls missed or rejected", static_cast<long long>(s.unanswered_calls));
    if (s.fixation_hits > 0)
      facts += Format("; %lld demands for attention", static_cast<long long>(s.fixation_hits));
    if (burst)
      facts +=
          Format("; a burst of %lld against their usual %lld a day",
                 static_cast<long long>(s.peak_attempts), static_cast<long long>(s.median_day));
    if (beyond_others)
      facts += Format("; %.0fx what your busiest contacts send",
                      static_cast<double>(s.attempts) / context.typical_incoming);
    out.push_back(Make(timeline, s.peak_entry, "excessive_contact", excessive,
                       Format("conduct: excessive contact %.2f", excessive), facts));
  }

  // Night: attempts between night_start_hour and night_end_hour, local time.
  if (s.night_attempts >= 3) {
    const double night_share =
        static_cast<double>(s.night_unanswered) / static_cast<double>(s.night_attempts);
    const double score = std::min(0.7, 0.2 + 0.06 * static_cast<double>(s.night_attempts)) *
                         (0.3 + 0.7 * night_share);
    if (score >= 0.3) {
      int first_night = -1;
      for (size_t i = 0; i < timeline.entries.size() && first_night < 0; ++i) {
        if (IsAttempt(timeline.entries[i])) first_night = static_cast<int>(i);
      }
      out.push_back(
          Make(timeline, first_night, "night_contact", score,
               Format("conduct: contact at night %.2f", score),
               Format("%lld attempts between %02d:00 and %02d:00, %lld unanswered",
                      static_cast<long long>(s.night_attempts), options_.night_start_hour,
                      options_.night_end_hour, static_cast<long long>(s.night_unanswered))));
    }
  }

  // Persistence after a refusal: the clearest sign that the contact is unwanted. One message
  // after it ("ok, sorry") is not persistence unless it is abusive.
  const bool abusive_reply =
      s.first_attempt_after_refusal >= 0 &&
      AbuseScore(timeline.entries[s.first_attempt_after_refusal]) >= kAbusiveReply;
  if (s.refusal_entry >= 0 &&
      (s.attempts_after_refusal >= 2 || (s.attempts_after_refusal == 1 && abusive_reply))) {
    const double score = std::min(0.8, 0.45 + 0.06 * static_cast<double>(s.attempts_after_refusal));
    const TimelineEntry& refusal = timeline.entries[s.refusal_entry];
    std::string said;
    for (const Finding& f : refusal.findings)
      if (f.category == "refusal") said = f.excerpt;
    out.push_back(Make(timeline, s.first_attempt_after_refusal, "persistence_after_refusal", score,
                       Format("conduct: %lld attempts after you said stop",
                              static_cast<long long>(s.attempts_after_refusal)),
                       Format("you wrote \"%s\"; %lld more attempts followed", said.c_str(),
                              static_cast<long long>(s.attempts_after_refusal))));
  }

  // Escalation: abuse that grows worse over time, or turns into threats after silence. One
  // pass reads each entry's findings once (timelines are long and judged again per batch).
  std::vector<std::pair<int, double>> abusive;  // entry, its abuse score
  // A threat (as the abuse detector judged it) after three or more attempts in a row that got
  // no answer. Comments are not attempts one answers, so they do not make a silence.
  int threat_after_silence = -1;
  int64_t run = 0;
  for (size_t i = 0; i < timeline.entries.size(); ++i) {
    const TimelineEntry& e = timeline.entries[i];
    double abuse = 0;  // as AbuseScore
    bool threat = false;
    for (const Finding& f : e.findings) {
      if (f.detector != "abuse") continue;
      if (IsAbuseCategory(f.category)) abuse = std::max(abuse, f.score);
      if (f.category == "threat" && f.score >= kAbusiveReply) threat = true;
    }
    if (abuse > 0) abusive.emplace_back(static_cast<int>(i), abuse);
    if (e.direction == Direction::kOutgoing) {
      run = 0;
      continue;
    }
    if (!IsAttempt(e) || e.channel == Channel::kComment) continue;
    if (run >= 3 && threat && threat_after_silence < 0) threat_after_silence = static_cast<int>(i);
    ++run;
  }
  double early = 0, late = 0;
  int peak = -1;
  if (abusive.size() >= 2) {
    const size_t half = abusive.size() / 2;
    for (size_t k = 0; k < abusive.size(); ++k) {
      const auto [entry, score] = abusive[k];
      if (k < half) {
        early = std::max(early, score);
      } else if (score > late) {
        late = score;
        peak = entry;
      }
    }
  }
  if (threat_after_silence >= 0) {
    out.push_back(Make(timeline, threat_after_silence, "escalation", 0.7,
                       "conduct: threats after being ignored",
                       "a threat came after 3 or more messages you did not answer"));
  } else if (late >= 0.6 && late - early >= 0.2) {
    out.push_back(Make(timeline, peak, "escalation", 0.6,
                       Format("conduct: abuse rose from %.2f to %.2f", early, late),
                       "the messages grew more abusive over time"));
  }
  return OkStatus();
}

}  // namespace stalkguard::detect
