// RumoursDetector: messages that others can read (a group chat, a public post, a message
// between third parties) which name the protected person together with abuse or a gossip cue
// ("everyone should know", "she's a liar"). What is said about a person to their circle hurts
// as much as what is said to them, and it is how a stalker isolates them.
#pragma once

#include "detectors/detector.h"
#include "detectors/internal/profile_terms.h"

namespace stalkguard::detect {

class RumoursDetector : public EventDetector {
 public:
  explicit RumoursDetector(const Profile& profile) : terms_(profile) {}
  std::string_view Name() const override { return "rumours"; }
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  internal::ProfileTerms terms_;
};

}  // namespace stalkguard::detect
