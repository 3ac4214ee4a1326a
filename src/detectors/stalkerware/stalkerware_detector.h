// StalkerwareDetector ("stalkerware"): flags the apps of a phone's app inventory that the
// stalkerware indicators know. An inventory arrives as events of channel kApp, one installed
// package per event, the package name in event.text.
//
//   SG_ASSIGN_OR_RETURN(auto detector, StalkerwareDetector::Create(indicators_path));
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detectors/detector.h"
#include "detectors/stalkerware/indicator_set.h"

namespace stalkguard::detect {

class StalkerwareDetector : public EventDetector {
 public:
  static constexpr std::string_view kName = "stalkerware";
  static constexpr std::string_view kCategory = "stalkerware";
  // Stalkerware on the phone is a danger whoever installed it; watchware may be there with the
  // person's consent (a family plan), so it is a warning.
  static constexpr double kStalkerwareScore = 0.95;
  static constexpr double kWatchwareScore = 0.7;

  explicit StalkerwareDetector(std::shared_ptr<const IndicatorSet> indicators)
      : indicators_(std::move(indicators)) {}
  // Loads the indicators from `path` (see IndicatorSet::Load); fails as that does.
  static Result<std::unique_ptr<StalkerwareDetector>> Create(const std::string& path);

  std::string_view Name() const override { return kName; }
  // For an app event whose package the indicators list: one finding, category "stalkerware",
  // span the package in event.text, why "stalkerware: com.thetruth is TheTruthSpy" (or
  // "watchware: ..."), excerpt "TheTruthSpy (com.thetruth)". Other events: nothing. Never
  // fails.
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

 private:
  std::shared_ptr<const IndicatorSet> indicators_;
};

}  // namespace stalkguard::detect
