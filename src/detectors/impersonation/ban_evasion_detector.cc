#include "detectors/impersonation/ban_evasion_detector.h"

#include <algorithm>
#include <optional>

#include "core/timestamp.h"
#include "detectors/impersonation/internal/name_text.h"
#include "detectors/impersonation/look_alike.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// Linked to a blocked identity: how sure the timeline makes it that the person came back.
constexpr double kAfterLastBlocked = 0.8;  // the new identity began after the blocked one ended
constexpr double kWhileBlocked = 0.65;     // both in use at once: a second phone, not a return
constexpr double kOrderUnknown = 0.6;      // the blocked identity sent nothing we can see
constexpr double kPerExtraIdentity = 0.05;
constexpr double kMaxLinkedScore = 0.9;
// Not linked: a name or handle shared with a blocked sender. Names are not unique, so these stay
// below the linked scores; a single-word name ("Alex") even more so.
constexpr double kSameFullName = 0.45;
constexpr double kSameSingleName = 0.3;
constexpr double kLookAlikeFactor = 0.5;  // times CompareNames' similarity
constexpr double kSameHandleElsewhere = 0.6;
// Shorter names than this ("Jo", "M") match too many people to mean anything.
constexpr size_t kMinNameLetters = 3;
constexpr size_t kMaxListedIdentities = 3;

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "12 Mar 2024", in the source's local time when it gave one.
std::string Day(const Timestamp& t) {
  const int64_t ms = t.utc_ms + (t.offset_known ? int64_t{t.offset_minutes} * 60000 : 0);
  const CivilTime c = UnixMsToCivil(ms);
  return std::to_string(c.day) + " " + kMonths[std::clamp(c.month, 1, 12) - 1] + " " +
         std::to_string(c.year);
}

bool Contains(const std::vector<Identity>& ids, const Identity& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The name a link reason quotes when it mentions both keys:
// "\"Alex\" is the name shown for phone:+447700900999, phone:+447700900777".
std::string SharedName(const std::vector<std::string>& reasons, const std::string& a,
                       const std::string& b) {
  for (const std::string& reason : reasons) {
    if (reason.find(a) == std::string::npos || reason.find(b) == std::string::npos) continue;
    const size_t open = reason.find('"');
    const size_t close = open == std::string::npos ? open : reason.find('"', open + 1);
    if (close != std::string::npos) return reason.substr(open + 1, close - open - 1);
  }
  return "";
}

// Handle part and platform of "instagram:alex_b".
std::pair<std::string_view, std::string_view> SplitHandle(const Identity& id) {
  const std::string_view v = id.value;
  const size_t colon = v.find(':');
  if (colon == std::string_view::npos) return {"", v};
  return {v.substr(0, colon), v.substr(colon + 1)};
}

Finding MakeFinding(const ContactTimeline& timeline, std::string event_id, double score,
                    std::string why, std::string excerpt) {
  Finding f;
  f.event_id = event_id.empty() && !timeline.entries.empty() ? timeline.entries.front().event_id
                                                             : std::move(event_id);
  f.detector = std::string(kBanEvasionDetector);
  f.category = std::string(kBanEvasionCategory);
  f.score = score;
  f.severity = text::SeverityForScore(score);
  f.why = std::move(why);
  f.excerpt = std::move(excerpt);
  return f;
}

}  // namespace

BanEvasionDetector::BanEvasionDetector(std::vector<std::string> blocked_display_names) {
  for (std::string& name : blocked_display_names) {
    if (NameSkeleton(name).size() < kMinNameLetters) continue;
    if (std::none_of(blocked_names_.begin(), blocked_names_.end(), [&](const std::string& n) {
          return internal::LooseName(n) == internal::LooseName(name);
        })) {
      blocked_names_.push_back(std::move(name));
    }
  }
}

Status BanEvasionDetector::Inspect(const ContactTimeline& timeline, const Context& context,
                                   std::vector<Finding>& out) const {
  if (timeline.relation.is_self || timeline.relation.trusted) return OkStatus();
  const Profile& profile = context.profile;
  const bool linked =
      std::any_of(timeline.identities.begin(), timeline.identities.end(),
                  [&](const Identity& id) { return Contains(profile.blocked, id); });
  if (linked || timeline.relation.blocked) return InspectLinked(timeline, profile, out);
  return InspectNames(timeline, profile, out);
}

Status BanEvasionDetector::InspectLinked(const ContactTimeline& timeline, const Profile& profile,
                                         std::vector<Finding>& out) const {
  // When each blocked identity was last and first heard from.
  const Identity* blocked = nullptr;
  std::optional<int64_t> blocked_first, blocked_last;
  for (const Identity& id : timeline.identities) {
    if (!Contains(profile.blocked, id)) continue;
    const std::string key = id.Key();
    for (const TimelineEntry& e : timeline.entries) {
      if (e.sender != key) continue;
      if (!blocked_last || e.time.utc_ms >= *blocked_last) {
        blocked_last = e.time.utc_ms;
        blocked = &id;
      }
      if (!blocked_first || e.time.utc_ms < *blocked_first) blocked_first = e.time.utc_ms;
    }
    if (blocked == nullptr) blocked = &id;
  }
  if (blocked == nullptr) return OkStatus();

  struct Comeback {
    const Identity* identity;
    const TimelineEntry* entry;
    double strength;
  };
  std::vector<Comeback> comebacks;
  for (const Identity& id : timeline.identities) {
    if (Contains(profile.blocked, id) || profile.IsSelf(id)) continue;
    const std::string key = id.Key();
    const TimelineEntry* after_last = nullptr;
    const TimelineEntry* after_first = nullptr;
    const TimelineEntry* any = nullptr;
    for (const TimelineEntry& e : timeline.entries) {
      if (e.sender != key) continue;
      if (any == nullptr) any = &e;
      if (blocked_first && after_first == nullptr && e.time.utc_ms > *blocked_first)
        after_first = &e;
      if (blocked_last && after_last == nullptr && e.time.utc_ms > *blocked_last) after_last = &e;
    }
    if (after_last != nullptr) {
      comebacks.push_back({&id, after_last, kAfterLastBlocked});
    } else if (after_first != nullptr) {
      comebacks.push_back({&id, after_first, kWhileBlocked});
    } else if (!blocked_first && any != nullptr) {
      comebacks.push_back({&id, any, kOrderUnknown});
    }
  }
  if (comebacks.empty()) return OkStatus();
  std::stable_sort(comebacks.begin(), comebacks.end(), [](const Comeback& a, const Comeback& b) {
    if (a.strength != b.strength) return a.strength > b.strength;
    return a.entry->time.utc_ms < b.entry->time.utc_ms;
  });

  // blocked phone:+447700900999 came back as phone:+447700900777 on 12 Mar 2024 (both shown as
  // "Alex")
  const Comeback& first = comebacks.front();
  std::string excerpt = "blocked " + internal::ShownIdentity(*blocked) + " came back as " +
                        internal::ShownIdentity(*first.identity) + " on " + Day(first.entry->time);
  const std::string name = SharedName(timeline.link_reasons, blocked->Key(), first.identity->Key());
  if (!name.empty()) excerpt += " (both shown as \"" + name + "\")";
  for (size_t i = 1; i < comebacks.size() && i < kMaxListedIdentities; ++i) {
    excerpt += ", and as " + internal::ShownIdentity(*comebacks[i].identity) + " on " +
               Day(comebacks[i].entry->time);
  }
  if (first.strength == kWhileBlocked) excerpt += "; both were in use at the same time";
  const double score =
      std::min(kMaxLinkedScore,
               first.strength + kPerExtraIdentity * static_cast<double>(comebacks.size() - 1));
  std::string why =
      "ban evasion: blocked sender came back as " + internal::ShownIdentity(*first.identity);
  out.push_back(
      MakeFinding(timeline, first.entry->event_id, score, std::move(why), std::move(excerpt)));
  return OkStatus();
}

Status BanEvasionDetector::InspectNames(const ContactTimeline& timeline, const Profile& profile,
                                        std::vector<Finding>& out) const {
  // Nothing blocked to compare with (the usual case): no names to fold, no skeletons.
  const bool blocked_handles =
      std::any_of(profile.blocked.begin(), profile.blocked.end(),
                  [](const Identity& id) { return id.kind == IdentityKind::kHandle; });
  if (blocked_names_.empty() && !blocked_handles) return OkStatus();
  double best = 0;
  std::string why, excerpt;
  std::vector<std::string> names = timeline.display_names;
  if (std::find(names.begin(), names.end(), timeline.display) == names.end())
    names.push_back(timeline.display);
  const std::string who = timeline.identities.empty()
                              ? ""
                              : " (" + internal::ShownIdentity(timeline.identities.front()) + ")";

  for (const std::string& name : names) {
    if (blocked_names_.empty() || NameSkeleton(name).size() < kMinNameLetters) continue;
    const std::string loose = internal::LooseName(name);
    for (const std::string& blocked : blocked_names_) {
      double score = 0;
      std::string reason;
      if (loose == internal::LooseName(blocked)) {
        score = loose.find(' ') != std::string::npos ? kSameFullName : kSameSingleName;
        reason = "same name as a blocked sender";
      } else if (std::optional<LookAlikeMatch> m = CompareNames(name, blocked)) {
        score = kLookAlikeFactor * m->similarity;
        reason = "name looks like a blocked sender's (" + m->reason + ")";
      }
      if (score > best) {
        best = score;
        why = "ban evasion: " + reason;
        excerpt = "account \"" + name + "\"" + who + ": " + reason + " \"" + blocked + "\"";
      }
    }
  }

  for (const Identity& id : timeline.identities) {
    if (id.kind != IdentityKind::kHandle) continue;
    const auto [platform, handle] = SplitHandle(id);
    for (const Identity& blocked : profile.blocked) {
      if (blocked.kind != IdentityKind::kHandle) continue;
      const auto [blocked_platform, blocked_handle] = SplitHandle(blocked);
      double score = 0;
      std::string reason;
      if (handle == blocked_handle && platform != blocked_platform) {
        score = kSameHandleElsewhere;
        reason = "uses the blocked handle " + std::string(blocked_handle) + " on " +
                 std::string(platform);
      } else if (std::optional<LookAlikeMatch> m = CompareNames(handle, blocked_handle)) {
        score = kLookAlikeFactor * m->similarity;
        reason = "handle looks like the blocked " + blocked.value + " (" + m->reason + ")";
      }
      if (score > best) {
        best = score;
        why = "ban evasion: " + reason;
        excerpt = internal::ShownIdentity(id) + " " + reason;
      }
    }
  }
  if (best <= 0) return OkStatus();
  out.push_back(MakeFinding(timeline, "", best, std::move(why), std::move(excerpt)));
  return OkStatus();
}

}  // namespace stalkguard::detect
