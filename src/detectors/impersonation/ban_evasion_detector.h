// BanEvasionDetector: someone the protected person blocked who comes back through another
// number or account.
//
//   BanEvasionDetector ban_evasion(store_blocked_display_names);
//   SG_RETURN_IF_ERROR(ban_evasion.Inspect(timeline, context, findings));
//
// Two ways to see it, one finding per contact, category "ban_evasion":
//  - The contact linker joined a blocked identity (context.profile.blocked) with others (same
//    display name and so on) and one of the others sent something after the blocked one:
//    "blocked phone:+447700900999 came back as phone:+447700900777 on 12 Mar".
//  - A contact not linked to any blocked identity shows the name of a blocked sender, as
//    written or as a look-alike, or uses a blocked handle on another platform. A timeline does
//    not carry other contacts' names, so the blocked senders' names come in through the
//    constructor.
// The person themself and trusted contacts are never reported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detectors/detector.h"

namespace stalkguard::detect {

inline constexpr std::string_view kBanEvasionDetector = "ban_evasion";
inline constexpr std::string_view kBanEvasionCategory = "ban_evasion";

// Immutable after construction; Inspect is safe from several threads at once.
class BanEvasionDetector : public ConductDetector {
 public:
  // `blocked_display_names`: every name the sources showed for identities in the profile's
  // blocked list (empty and duplicate names are ignored).
  explicit BanEvasionDetector(std::vector<std::string> blocked_display_names);

  std::string_view Name() const override { return kBanEvasionDetector; }
  // Reads the blocked identities from context.profile. Never fails.
  Status Inspect(const ContactTimeline& timeline, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  Status InspectLinked(const ContactTimeline& timeline, const Profile& profile,
                       std::vector<Finding>& out) const;
  Status InspectNames(const ContactTimeline& timeline, const Profile& profile,
                      std::vector<Finding>& out) const;

  std::vector<std::string> blocked_names_;
};

}  // namespace stalkguard::detect
