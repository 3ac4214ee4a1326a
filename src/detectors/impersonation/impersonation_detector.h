// ImpersonationDetector: a contact whose name or handle is made to pass for the protected
// person's own ("Sаm Lее" in Cyrillic letters, "sam.lee_official", "samlee2"), the account
// someone opens to speak as them or to fool their friends.
//
//   ImpersonationDetector impersonation(profile);
//   SG_RETURN_IF_ERROR(impersonation.Inspect(timeline, context, findings));
//
// Compares every display name and handle of the contact (handles and e-mail local parts) with
// the profile's full names (two words or more: "Sam" alone is not compared) and its handles and
// e-mail local parts, through CompareNames (look_alike.h). One finding per contact, category
// "impersonation", scored by the best similarity; its event is the contact's first event and its
// excerpt a sentence of facts. The person themself and trusted contacts are never reported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detectors/detector.h"

namespace stalkguard::detect {

inline constexpr std::string_view kImpersonationDetector = "impersonation";
inline constexpr std::string_view kImpersonationCategory = "impersonation";

// Immutable after construction; Inspect is safe from several threads at once.
class ImpersonationDetector : public ConductDetector {
 public:
  // Takes the names and handles to protect from `profile`. Inspect reads that copy, not
  // context.profile, so the detector must be rebuilt when the profile changes.
  explicit ImpersonationDetector(const Profile& profile);

  std::string_view Name() const override { return kImpersonationDetector; }
  // Never fails.
  Status Inspect(const ContactTimeline& timeline, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  struct Reference {
    std::string text;   // "Sam Lee", "sam.lee"
    std::string shown;  // "your name Sam Lee", "your handle instagram:sam.lee"
    bool is_handle = false;
  };
  std::vector<Reference> references_;
};

}  // namespace stalkguard::detect
