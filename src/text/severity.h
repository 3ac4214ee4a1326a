// The one mapping from a detector's score to a finding's severity, shared by every text detector
// so that "0.9" means the same wherever it comes from. How bad a whole case is gets decided later
// in risk/, from all of its findings.
#pragma once

#include "core/finding.h"

namespace stalkguard::text {

struct SeverityThreshold {
  double min_score;  // inclusive
  Severity severity;
};

// Highest first; the first row whose min_score the score reaches wins. A score of 0.85 or more
// is a danger (an explicit threat, a tracker on the car), 0.6 a warning (surveillance, coercion),
// 0.3 worth watching (fixation, refusals), anything lower information only.
inline constexpr SeverityThreshold kSeverityThresholds[] = {
    {0.85, Severity::kDanger},
    {0.6, Severity::kWarning},
    {0.3, Severity::kWatch},
    {0.0, Severity::kInfo},
};

// Severity for a score in [0, 1]; scores outside are clamped, NaN counts as 0.
Severity SeverityForScore(double score);

}  // namespace stalkguard::text
