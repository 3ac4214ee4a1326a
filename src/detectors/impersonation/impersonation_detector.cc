#include "detectors/impersonation/impersonation_detector.h"

#include <algorithm>
#include <optional>

#include "detectors/impersonation/internal/name_text.h"
#include "detectors/impersonation/look_alike.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// A handle or e-mail local part shorter than this ("sam", "sl") is too common to protect.
constexpr size_t kMinHandleLetters = 4;
// A handle that is the person's name without its spaces ("samlee" for Sam Lee) may be another
// Sam Lee's; less than a look-alike.
constexpr double kNameAsHandle = 0.6;
// Both the name and a handle of the account copy the person's: a deliberate copy.
constexpr double kBothBonus = 0.05;
constexpr double kMaxScore = 0.97;

bool HasSpace(std::string_view s) {
  s = s.substr(0, s.find_last_not_of(' ') + 1);
  s.remove_prefix(std::min(s.find_first_not_of(' '), s.size()));
  return s.find(' ') != std::string_view::npos;
}

// The part of an identity a person chose: the handle of "instagram:sam.lee", the local part of
// "sam.lee@example.com". Phones are numbers, not names.
std::optional<std::string> ChosenName(const Identity& id) {
  if (id.kind == IdentityKind::kHandle) {
    const size_t colon = id.value.find(':');
    std::string handle = colon == std::string::npos ? id.value : id.value.substr(colon + 1);
    // Ids the platform numbered ("telegram:user7703436" from an export without usernames)
    // were chosen by nobody: neighbouring numbers are not look-alikes.
    if (handle.size() > 4 && handle.rfind("user", 0) == 0 &&
        handle.find_first_not_of("0123456789", 4) == std::string::npos)
      return std::nullopt;
    return handle;
  }
  if (id.kind == IdentityKind::kEmail) {
    const size_t at = id.value.find('@');
    if (at != std::string::npos && at > 0) return id.value.substr(0, at);
  }
  return std::nullopt;
}

struct Candidate {
  std::string text;
  const Identity* identity = nullptr;  // set for handles and e-mail addresses
};

struct Best {
  LookAlikeMatch match;
  const Candidate* candidate = nullptr;
  std::string reference_shown;
};

}  // namespace

ImpersonationDetector::ImpersonationDetector(const Profile& profile) {
  for (const std::string& name : profile.names) {
    if (HasSpace(name)) references_.push_back({name, "your name " + name, false});
  }
  for (const Identity& id : profile.identities) {
    const std::optional<std::string> chosen = ChosenName(id);
    if (!chosen || NameSkeleton(*chosen).size() < kMinHandleLetters) continue;
    const std::string kind = id.kind == IdentityKind::kEmail ? "your e-mail " : "your handle ";
    references_.push_back({*chosen, kind + id.value, true});
  }
}

Status ImpersonationDetector::Inspect(const ContactTimeline& timeline, const Context& context,
                                      std::vector<Finding>& out) const {
  (void)context;
  if (timeline.relation.is_self || timeline.relation.trusted || references_.empty()) {
    return OkStatus();
  }
  std::vector<Candidate> candidates;
  for (const std::string& name : timeline.display_names) candidates.push_back({name, nullptr});
  if (std::none_of(candidates.begin(), candidates.end(),
                   [&](const Candidate& c) { return c.text == timeline.display; })) {
    candidates.push_back({timeline.display, nullptr});
  }
  for (const Identity& id : timeline.identities) {
    if (std::optional<std::string> chosen = ChosenName(id)) candidates.push_back({*chosen, &id});
  }

  std::optional<Best> best;
  bool best_same_type = false;
  bool name_matched = false;
  bool handle_matched = false;
  for (const Candidate& candidate : candidates) {
    if (candidate.text.empty()) continue;
    const bool is_handle = candidate.identity != nullptr;
    for (const Reference& reference : references_) {
      std::optional<LookAlikeMatch> match = CompareNames(candidate.text, reference.text);
      if (!match) continue;
      if (is_handle != reference.is_handle && match->kind == LookAlikeKind::kSeparators) {
        // A display name "Sam Lee" is how "sam.lee" is written as a name: nothing to see. A
        // handle "samlee" is how anyone called Sam Lee would write it: worth a look, less than
        // a look-alike.
        if (!is_handle) continue;
        match->similarity = kNameAsHandle;
        match->reason = "uses your name as its handle";
      }
      (is_handle ? handle_matched : name_matched) = true;
      // On a tie, a handle is better explained by the handle it copies, a name by the name.
      const bool same_type = is_handle == reference.is_handle;
      if (!best || match->similarity > best->match.similarity ||
          (match->similarity == best->match.similarity && same_type && !best_same_type)) {
        best = Best{std::move(*match), &candidate, reference.shown};
        best_same_type = same_type;
      }
    }
  }
  if (!best) return OkStatus();

  double score = best->match.similarity;
  if (name_matched && handle_matched) score += kBothBonus;
  score = std::min(score, kMaxScore);

  // account "Sаm Lее" (instagram:sam_lee_official): same letters with Cyrillic look-alikes as
  // your name Sam Lee
  const Candidate& c = *best->candidate;
  std::string shown_name = c.identity == nullptr ? c.text : timeline.display;
  const Identity* shown_id = c.identity;
  if (shown_id == nullptr) {
    for (const Identity& id : timeline.identities) {
      if (id.kind == IdentityKind::kHandle || shown_id == nullptr) shown_id = &id;
      if (id.kind == IdentityKind::kHandle) break;
    }
  }
  std::string excerpt = "account \"" + shown_name + "\"";
  if (shown_id != nullptr && shown_id->value != shown_name)
    excerpt += " (" + internal::ShownIdentity(*shown_id) + ")";
  excerpt += " looks like " + best->reference_shown + ": " + best->match.reason;
  if (name_matched && handle_matched) excerpt += "; its name and handle both copy yours";

  Finding f;
  f.event_id = timeline.entries.empty() ? "" : timeline.entries.front().event_id;
  f.detector = std::string(kImpersonationDetector);
  f.category = std::string(kImpersonationCategory);
  f.score = score;
  f.severity = text::SeverityForScore(score);
  f.why = "impersonation: " + std::string(c.identity ? "handle" : "name") + " looks like yours (" +
          best->match.reason + ")";
  f.excerpt = std::move(excerpt);
  out.push_back(std::move(f));
  return OkStatus();
}

}  // namespace stalkguard::detect
