// The stalking checklist of a report, in the style of the S-DASH screening questions police in
// the UK ask. Filled from the evidence where the messages can answer (threats, contact after a
// refusal, knowing the person's whereabouts, involving others, frequency, escalation...), each
// answer with what it rests on; the questions only the person can answer (fear, history,
// visits) are marked Not known and say so, never guessed.
#pragma once

#include <vector>

#include "casework/case_file.h"
#include "core/time_zone.h"
#include "report/report_model.h"

namespace stalkguard::casework {

std::vector<report::ChecklistItem> FillChecklist(const CaseFile& file, const TimeZone& zone);

}  // namespace stalkguard::casework
