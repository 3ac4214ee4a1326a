// ContactDetector: the "excessive unwanted contact" form, judged over one contact's whole
// timeline: volume and bursts that go unanswered, missed calls, contact at night, contact that
// goes on after the person said stop, and abuse that escalates. Each finding's excerpt states
// the facts behind it ("23 messages in 24 h, 21 never answered").
#pragma once

#include "detectors/contact/conduct_stats.h"
#include "detectors/detector.h"

namespace stalkguard::detect {

class ContactDetector : public ConductDetector {
 public:
  explicit ContactDetector(ConductOptions options = {}) : options_(options) {}
  std::string_view Name() const override { return "contact"; }
  Status Inspect(const ContactTimeline& timeline, const Context& context,
                 std::vector<Finding>& out) const override;

  // The categories of abuse findings whose rise over time counts as escalation.
  static bool IsAbuseCategory(std::string_view category);
  // True for an address that cannot be answered: an SMS sender name ("HARBOURBNK"), a short
  // code, a no-reply e-mail address. Nobody answers those, so silence says nothing.
  static bool IsAutomated(const Identity& identity);

 private:
  ConductOptions options_;
};

}  // namespace stalkguard::detect
