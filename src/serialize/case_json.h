// Cases as JSON, in the shape docs/cases.md documents: what `scan --json` and `cases --json`
// print and what an evidence bundle's cases.json holds, defined in one place.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/case.h"

namespace stalkguard::serialize {

// Every case with all its findings; times as RFC 3339 UTC.
nlohmann::json CasesJson(const std::vector<Case>& cases);
// The same as text, indented by two spaces.
std::string CasesJsonText(const std::vector<Case>& cases);

}  // namespace stalkguard::serialize
