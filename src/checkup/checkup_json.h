// The check-up as JSON, the shape `stalkguard checkup --json` prints and the service's
// /api/v1/checkup returns (docs/checkup.md): {"counts": {...}, "items": [...]}. Without
// evidence, each item keeps its status, summary and steps but not what it was seen in (a
// guardian's view, like a redacted report).
#pragma once

#include <string>
#include <vector>

#include "checkup/checkup.h"

namespace stalkguard::checkup {

// Indented by `indent` spaces; -1 writes one line.
std::string CheckupJson(const std::vector<CheckItem>& items, bool with_evidence, int indent = -1);

}  // namespace stalkguard::checkup
