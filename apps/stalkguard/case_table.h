// The cases, as `scan` and `cases` print them on a terminal and in --json (docs/cases.md).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/case.h"
#include "core/time_zone.h"

namespace stalkguard::cli {

// Every case with all its findings, in the documented JSON shape.
nlohmann::json CasesJson(const std::vector<Case>& cases);
// Cases of `min_severity` and above, most severe first, with their strongest findings and
// actions; one line for the rest.
void PrintCases(const std::vector<Case>& cases, const TimeZone& zone,
                Severity min_severity = Severity::kWatch);

}  // namespace stalkguard::cli
