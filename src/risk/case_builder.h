// BuildCase: from one contact's timeline and findings to a Case: the score and severity from
// config/risk.toml (weights, caps per form, rules), the forms present, the course-of-conduct
// facts, the reasons in plain words and the recommended actions.
//
//   std::optional<Case> c = BuildCase(timeline, conduct_findings, config);
#pragma once

#include <optional>
#include <vector>

#include "core/case.h"
#include "detectors/contact/conduct_stats.h"
#include "detectors/detector.h"
#include "risk/risk_config.h"

namespace stalkguard::risk {

// The case of `timeline`'s contact, or nothing when no finding is worth one. Reads the event
// findings on the timeline's entries (not the raw text-layer findings, which other detectors
// have already judged) and `conduct_findings` from the conduct detectors.
std::optional<Case> BuildCase(const detect::ContactTimeline& timeline,
                              const std::vector<Finding>& conduct_findings,
                              const RiskConfig& config, const detect::ConductOptions& conduct = {});
// The same with the default ConductOptions and the timeline's ConductStats kept in `stats` (as
// the conduct detectors' Context keeps them): computed into it when empty and needed, so that
// they are computed at most once per timeline.
std::optional<Case> BuildCase(const detect::ContactTimeline& timeline,
                              const std::vector<Finding>& conduct_findings,
                              const RiskConfig& config, std::optional<detect::ConductStats>& stats);

// The steps to recommend for a case, most urgent first, in plain words (docs/cases.md).
std::vector<std::string> RecommendedActions(const Case& c);

// True for findings a case reports (not the text layer's raw material).
bool IsReportable(const Finding& finding);

}  // namespace stalkguard::risk
