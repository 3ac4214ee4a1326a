// AbuseDetector: the "abusive messages" form. Turns the text layer's findings on a message the
// person received into one finding per kind of abuse (threat, sexual, insult, identity_attack,
// toxic, spam), the model's and the patterns' evidence combined, and weighs down what a
// trusted contact says (friends' banter needs stronger evidence). In a group chat only
// messages that name the person count: swearing at each other in a group is not abuse of the
// person. Whether a rude message is part of a pattern is decided later, per contact, in risk/.
#pragma once

#include "detectors/detector.h"
#include "detectors/internal/profile_terms.h"

namespace stalkguard::detect {

struct AbuseOptions {
  // Multiplies the score of findings on messages from trusted contacts.
  double trusted_weight = 0.7;
  // Multiplies spam scores: unsolicited bulk is a nuisance, rarely stalking on its own.
  double spam_weight = 0.5;
  // Findings scoring below this after weighting are dropped.
  double min_score = 0.3;
};

class AbuseDetector : public EventDetector {
 public:
  explicit AbuseDetector(const Profile& profile, AbuseOptions options = {})
      : names_(profile), options_(options) {}
  std::string_view Name() const override { return "abuse"; }
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  internal::ProfileTerms names_;
  AbuseOptions options_;
};

}  // namespace stalkguard::detect
