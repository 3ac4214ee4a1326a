#include "detectors/whereabouts/whereabouts_detector.h"

#include <algorithm>

#include "text/normalizer.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// A place of the person's named by someone else, without any "I saw you" around it: worth
// watching (it may be innocent: "see you at school"), not alarming on its own.
constexpr double kPlaceAloneScore = 0.45;
// A place named together with a surveillance phrase: they are telling the person they know.
constexpr double kPlaceWithPhraseScore = 0.85;
constexpr double kTrustedWeight = 0.7;

const char* KindName(internal::TermKind kind) {
  switch (kind) {
    case internal::TermKind::kAddress:
      return "your home address";
    case internal::TermKind::kSchool:
      return "your school";
    case internal::TermKind::kWorkplace:
      return "your workplace";
    case internal::TermKind::kPlace:
      return "a place you go to";
    default:
      return nullptr;
  }
}

}  // namespace

Status WhereaboutsDetector::Inspect(const EventView& view, const Context& /*context*/,
                                    std::vector<Finding>& out) const {
  if (view.sender.is_self || view.event.direction == Direction::kOutgoing) return OkStatus();
  const double weight = view.sender.trusted ? kTrustedWeight : 1.0;

  const Finding* phrase = nullptr;
  for (const Finding& f : view.text_findings) {
    if (f.category == "monitoring") {
      Finding m = f;
      m.event_id = view.event.id;
      m.detector = std::string(Name());
      m.score *= weight;
      m.severity = text::SeverityForScore(m.score);
      out.push_back(std::move(m));
    }
    if (f.category == "whereabouts" && (phrase == nullptr || f.score > phrase->score)) phrase = &f;
  }

  const internal::TermMatch* place = nullptr;
  const std::vector<internal::TermMatch> matches = terms_.Find(view.text.text);
  for (const auto& m : matches) {
    if (KindName(m.term->kind) == nullptr || place != nullptr) continue;
    // The school writing from its own office names itself, not where the person is.
    const std::string& sender = view.event.sender.display_name;
    if (!sender.empty() && text::Normalize(sender).text.find(m.term->text) != std::string::npos)
      continue;
    place = &m;
  }

  if (phrase == nullptr && place == nullptr) return OkStatus();
  Finding f;
  f.event_id = view.event.id;
  f.detector = std::string(Name());
  f.category = "whereabouts";
  if (place != nullptr) {
    f.span = text::ToOriginal(view.text, place->begin, place->end);
    f.why =
        std::string("names ") + KindName(place->term->kind) + " (" + place->term->original + ")";
    f.score = kPlaceAloneScore;
  }
  if (phrase != nullptr) {
    f.score = place != nullptr ? std::max(kPlaceWithPhraseScore, phrase->score) : phrase->score;
    f.why = phrase->why + (f.why.empty() ? "" : "; " + f.why);
    if (place == nullptr) f.span = phrase->span;
  }
  f.score *= weight;
  if (view.sender.trusted) f.why += " (trusted contact: weighed down)";
  f.severity = text::SeverityForScore(f.score);
  f.excerpt = MakeExcerpt(view.event.text, phrase != nullptr ? phrase->span : f.span);
  out.push_back(std::move(f));
  return OkStatus();
}

}  // namespace stalkguard::detect
