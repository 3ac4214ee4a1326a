// LinkDetector: the "links" event detector. Judges every link of an event with a LinkJudge and
// reports the suspicious and malicious ones, one finding each, category "malicious_link": a
// link can be the start of device compromise (a stalkerware download, a fake login page for
// the person's accounts). Links the protected person sent themself are not reported.
//
//   auto judge = std::make_shared<const LinkJudge>(std::move(*LinkJudge::Create(options)));
//   LinkDetector detector(judge);
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "detectors/detector.h"
#include "detectors/links/link_judge.h"

namespace stalkguard::links {

inline constexpr std::string_view kLinkDetectorName = "links";
inline constexpr std::string_view kMaliciousLinkCategory = "malicious_link";

class LinkDetector : public detect::EventDetector {
 public:
  // `judge` must not be null; it is shared, read-only, with whoever else holds it.
  explicit LinkDetector(std::shared_ptr<const LinkJudge> judge);

  std::string_view Name() const override { return kLinkDetectorName; }

  // The links are event.urls (filled by importers), or when that is empty the links found in
  // event.text. Each finding's span is the link's first place in event.text (empty when the
  // text does not hold it, and then the excerpt is the link itself), its score the judge's and
  // its why "link: <summary>". Never fails.
  Status Inspect(const detect::EventView& view, const detect::Context& context,
                 std::vector<Finding>& out) const override;

 private:
  std::shared_ptr<const LinkJudge> judge_;
};

}  // namespace stalkguard::links
