// Redaction: takes third parties' phone numbers and e-mail addresses out of case files before
// they leave the device. Third parties are everyone but the protected person and the case's
// contact: the contact's own numbers and the person's details in a message are the evidence.
#pragma once

#include <string>
#include <vector>

#include "casework/case_file.h"
#include "core/profile.h"

namespace stalkguard::casework {

inline constexpr std::string_view kRedactedPhone = "[phone number removed]";
inline constexpr std::string_view kRedactedEmail = "[e-mail address removed]";

struct RedactionResult {
  std::vector<std::string> event_ids;    // the events that were changed
  std::vector<std::string> finding_ids;  // the findings whose excerpt or span was changed
  int64_t replacements = 0;              // numbers and addresses taken out
};

// Rewrites the texts, subjects and parties of `files` in place. A changed event loses its
// `raw` (the source record holds the same numbers) and finding spans into its text are moved
// with the edits. Attachments are left as they are: their contents cannot be read here.
RedactionResult RedactThirdParties(std::vector<CaseFile>& files, const Profile& profile);

}  // namespace stalkguard::casework
