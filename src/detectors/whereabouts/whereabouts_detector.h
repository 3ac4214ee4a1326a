// WhereaboutsDetector: a sender who shows they know where the protected person is or goes:
// the surveillance patterns ("I know where you live", "saw you at the gym") and mentions of the
// person's own address, school, workplace and places from the profile, strongest together.
// Also reports "monitoring" ("I put a tracker on your car", "I read your messages"): the
// stalker reaching into the person's phone, accounts or location.
#pragma once

#include "detectors/detector.h"
#include "detectors/internal/profile_terms.h"

namespace stalkguard::detect {

class WhereaboutsDetector : public EventDetector {
 public:
  explicit WhereaboutsDetector(const Profile& profile) : terms_(profile) {}
  std::string_view Name() const override { return "whereabouts"; }
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  internal::ProfileTerms terms_;
};

}  // namespace stalkguard::detect
