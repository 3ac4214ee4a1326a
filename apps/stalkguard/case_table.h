// The cases, as `scan` and `cases` print them on a terminal (the JSON form is
// serialize/case_json.h).
#pragma once

#include <vector>

#include "core/case.h"
#include "core/time_zone.h"

namespace stalkguard::cli {

// Cases of `min_severity` and above, most severe first, with their strongest findings and
// actions; one line for the rest.
void PrintCases(const std::vector<Case>& cases, const TimeZone& zone,
                Severity min_severity = Severity::kWatch);

}  // namespace stalkguard::cli
