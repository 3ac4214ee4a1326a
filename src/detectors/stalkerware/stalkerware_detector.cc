#include "detectors/stalkerware/stalkerware_detector.h"

#include <utility>

#include "core/strings.h"
#include "text/severity.h"

namespace stalkguard::detect {

Result<std::unique_ptr<StalkerwareDetector>> StalkerwareDetector::Create(const std::string& path) {
  SG_ASSIGN_OR_RETURN(IndicatorSet set, IndicatorSet::Load(path));
  return std::make_unique<StalkerwareDetector>(
      std::make_shared<const IndicatorSet>(std::move(set)));
}

Status StalkerwareDetector::Inspect(const EventView& view, const Context& /*context*/,
                                    std::vector<Finding>& out) const {
  const Event& event = view.event;
  if (event.channel != Channel::kApp) return OkStatus();
  const std::string_view package = TrimAscii(event.text);
  const std::optional<AppMatch> match = indicators_->MatchPackage(package);
  if (!match) return OkStatus();
  Finding finding;
  finding.event_id = event.id;
  finding.detector = std::string(kName);
  finding.category = std::string(kCategory);
  finding.score = match->type == AppType::kStalkerware ? kStalkerwareScore : kWatchwareScore;
  finding.severity = text::SeverityForScore(finding.score);
  const size_t begin = static_cast<size_t>(package.data() - event.text.data());
  finding.span = {begin, begin + package.size()};
  finding.why = std::string(ToString(match->type)) + ": " + match->package + " is " + match->app;
  finding.excerpt = match->app + " (" + match->package + ")";
  out.push_back(std::move(finding));
  return OkStatus();
}

}  // namespace stalkguard::detect
