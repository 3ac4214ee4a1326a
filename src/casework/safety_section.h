// The safety check-up (checkup/) as a section of the report. A redacted report keeps each
// item's status, summary and steps but not what it was seen in: those lines quote other
// people's numbers and the person's own posts.
#pragma once

#include <vector>

#include "checkup/checkup.h"
#include "report/report_model.h"

namespace stalkguard::casework {

std::vector<report::SafetyItem> SafetySection(const std::vector<checkup::CheckItem>& items,
                                              bool redacted);

}  // namespace stalkguard::casework
