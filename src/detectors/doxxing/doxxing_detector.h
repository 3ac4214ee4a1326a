// DoxxingDetector: the protected person's personal data, or anyone's card, bank or national id
// number, in an event other people can read: a group chat, a public post or comment, a message
// to several people, or a message between others the person got to see. Also an incoming
// message that threatens to publish such data ("I'll post your address everywhere").
//
//   DoxxingDetector doxxing(profile);
//   SG_RETURN_IF_ERROR(doxxing.Inspect(view, context, findings));
//
// One finding per event, category "doxxing", scored by what leaked: a home address or phone
// number counts more than a school, several items together more than one (docs/detectors/
// doxxing.md has the weights). The span covers the data and the excerpt keeps it: the guardian
// has to see what was exposed. Not reported: the person's own messages (the check-up looks at
// those through PiiFinder::FindOwnData) and a private message that merely contains the
// person's own number.
#pragma once

#include <string_view>
#include <vector>

#include "detectors/detector.h"
#include "detectors/doxxing/pii_finder.h"

namespace stalkguard::detect {

inline constexpr std::string_view kDoxxingDetector = "doxxing";
inline constexpr std::string_view kDoxxingCategory = "doxxing";

// Immutable after construction; Inspect is safe from several threads at once.
class DoxxingDetector : public EventDetector {
 public:
  // Compiles the profile's data into a PiiFinder. Inspect reads that copy, not
  // context.profile, so the detector must be rebuilt when the profile changes.
  explicit DoxxingDetector(const Profile& profile);

  std::string_view Name() const override { return kDoxxingDetector; }
  // Needs view.text to be text::Normalize(view.event.text). Never fails.
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

  const PiiFinder& finder() const { return finder_; }

 private:
  PiiFinder finder_;
};

}  // namespace stalkguard::detect
