#include "detectors/abuse/abuse_detector.h"

#include <algorithm>
#include <array>
#include <string>

#include "text/normalizer.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// Text-layer categories this detector reports, and the pattern categories that count as the
// same kind of abuse.
constexpr std::array<std::string_view, 6> kCategories = {"threat",          "sexual", "insult",
                                                         "identity_attack", "toxic",  "spam"};

int CategoryIndex(std::string_view category) {
  for (size_t i = 0; i < kCategories.size(); ++i)
    if (kCategories[i] == category) return static_cast<int>(i);
  return -1;
}

}  // namespace

Status AbuseDetector::Inspect(const EventView& view, const Context& /*context*/,
                              std::vector<Finding>& out) const {
  if (view.sender.is_self || view.event.direction == Direction::kOutgoing) return OkStatus();
  // A comment on the person's post speaks to them; a group message only when it names them.
  if (view.audience && view.event.channel != Channel::kComment) {
    const auto names = names_.Find(view.text.text);
    const bool names_person = std::any_of(names.begin(), names.end(), [](const auto& m) {
      return m.term->kind == internal::TermKind::kFullName ||
             m.term->kind == internal::TermKind::kName;
    });
    if (!names_person) return OkStatus();
  }
  // Per category: the strongest finding (for its span and excerpt), and the evidence of model
  // and patterns combined as independent signals (noisy-or).
  struct Evidence {
    const Finding* best = nullptr;
    double miss = 1;  // product of (1 - score)
    std::string why;
  };
  std::array<Evidence, kCategories.size()> evidence;
  for (const Finding& f : view.text_findings) {
    const int i = CategoryIndex(f.category);
    if (i < 0) continue;
    Evidence& e = evidence[i];
    e.miss *= 1 - f.score;
    if (e.best == nullptr || f.score > e.best->score) e.best = &f;
    e.why += (e.why.empty() ? "" : "; ") + f.why;
  }
  for (size_t i = 0; i < kCategories.size(); ++i) {
    const Evidence& e = evidence[i];
    if (e.best == nullptr) continue;
    double score = 1 - e.miss;
    if (kCategories[i] == "spam") score *= options_.spam_weight;
    if (view.sender.trusted) score *= options_.trusted_weight;
    if (score < options_.min_score) continue;
    Finding f;
    f.event_id = view.event.id;
    f.detector = std::string(Name());
    f.category = std::string(kCategories[i]);
    f.score = score;
    f.severity = text::SeverityForScore(score);
    f.span = e.best->span;
    f.why = e.why + (view.sender.trusted ? " (trusted contact: weighed down)" : "");
    f.excerpt = e.best->excerpt;
    out.push_back(std::move(f));
  }
  return OkStatus();
}

}  // namespace stalkguard::detect
