// What an alert says, as the webhook's JSON body and as an e-mail: the case's id, name,
// severity, score, forms and reasons, and where the dashboard shows it. Never message text:
// both go to third parties. Pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "service/alerts/alert_types.h"

namespace stalkguard::service::alerts::internal {

// {"id", "household", "case": {"id", "display", "severity", "previous_severity", "score",
//  "forms", "reasons"}, "created", "dashboard"}; docs/alerts.md.
std::string AlertPayload(int64_t alert_id, int64_t household_id, const CaseSnapshot& c,
                         int64_t created_ms);

struct MailText {
  std::string subject;  // one line, UTF-8
  std::string body;     // plain text, lines ending in "\n"
};

// The e-mail of an alert, from its payload; fails only when the payload is not one.
Result<MailText> AlertMail(const std::string& payload);

}  // namespace stalkguard::service::alerts::internal
