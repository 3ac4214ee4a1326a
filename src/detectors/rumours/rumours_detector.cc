#include "detectors/rumours/rumours_detector.h"

#include <algorithm>

#include "text/normalizer.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

constexpr double kAbuseWithoutCue = 0.75;

bool IsAbuse(std::string_view category) {
  return category == "insult" || category == "toxic" || category == "sexual" ||
         category == "identity_attack" || category == "threat";
}

}  // namespace

Status RumoursDetector::Inspect(const EventView& view, const Context& /*context*/,
                                std::vector<Finding>& out) const {
  if (view.sender.is_self || view.event.direction == Direction::kOutgoing) return OkStatus();
  const bool others_read_it = view.audience || view.event.direction == Direction::kThirdParty ||
                              view.event.direction == Direction::kPublic;
  if (!others_read_it) return OkStatus();
  const std::vector<internal::TermMatch> matches = terms_.Find(view.text.text);
  const internal::TermMatch* name = nullptr;
  for (const auto& m : matches) {
    if (m.term->kind == internal::TermKind::kFullName ||
        m.term->kind == internal::TermKind::kName) {
      name = &m;
      break;
    }
  }
  if (name == nullptr) return OkStatus();
  const Finding* abuse = nullptr;
  const Finding* cue = nullptr;
  for (const Finding& f : view.text_findings) {
    if (f.detector == "text.classifier" && IsAbuse(f.category) &&
        (abuse == nullptr || f.score > abuse->score))
      abuse = &f;
    if (f.category == "rumour" && (cue == nullptr || f.score > cue->score)) cue = &f;
  }
  // Without a gossip cue only strong abuse counts: friends' rough jokes that name the person
  // ("love you ollie, hate the rest of you") are not rumours.
  if (cue == nullptr && (abuse == nullptr || abuse->score < kAbuseWithoutCue)) return OkStatus();
  double miss = 1;
  if (abuse != nullptr) miss *= 1 - (0.3 + 0.6 * abuse->score);
  if (cue != nullptr) miss *= 1 - cue->score;
  Finding f;
  f.event_id = view.event.id;
  f.detector = std::string(Name());
  f.category = "rumour";
  f.score = std::clamp(1 - miss, 0.0, 1.0);
  f.severity = text::SeverityForScore(f.score);
  f.span = (cue != nullptr ? cue : abuse)->span;
  f.why = "names you (" + name->term->original + ") where others read it";
  if (abuse != nullptr) f.why += "; " + abuse->why;
  if (cue != nullptr) f.why += "; " + cue->why;
  f.excerpt = MakeExcerpt(view.event.text, f.span);
  out.push_back(std::move(f));
  return OkStatus();
}

}  // namespace stalkguard::detect
