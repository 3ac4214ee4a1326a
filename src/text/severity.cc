#include "text/severity.h"

namespace stalkguard::text {

Severity SeverityForScore(double score) {
  for (const SeverityThreshold& row : kSeverityThresholds) {
    if (score >= row.min_score) return row.severity;
  }
  return Severity::kInfo;  // below every row, or NaN
}

}  // namespace stalkguard::text
