// Case: what stalkguard concludes about one contact, from all of that contact's findings
// across identities and channels (built by risk/). This is what the person, a guardian, a
// report and an alert look at first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace stalkguard {

// The course of conduct behind a case: the facts a police officer would ask for.
struct CaseFacts {
  int64_t incidents = 0;              // events with at least one finding worth reporting
  int64_t incoming = 0;               // events from the contact (messages, calls, comments)
  int64_t outgoing = 0;               // the person's events to them
  int64_t first_ms = 0;               // first event from the contact, UTC
  int64_t last_ms = 0;                // last event from the contact, UTC
  int64_t days_active = 0;            // distinct days with an event from the contact
  std::vector<std::string> channels;  // platforms used: "sms", "whatsapp", "email", ...
  int64_t unanswered_calls = 0;       // missed or rejected calls from them
  int64_t night_contacts = 0;         // events from them between 00:00 and 05:00 local time
  bool refused = false;               // the person told them to stop
  int64_t messages_after_refusal = 0;
  double unanswered_share = 0;  // share of their messages the person never answered, [0, 1]
  bool knows_whereabouts = false;
  int64_t third_parties_reached = 0;  // events about the person seen by others
  bool escalation = false;            // severity rose over time
};

// The case of the person's own phone: apps found on it (stalkerware), whoever installed them.
inline constexpr std::string_view kDeviceCaseId = "device";

struct Case {
  std::string contact_id;
  std::string display;
  std::vector<std::string> identities;  // identity keys, "phone:+447700900999"
  bool trusted = false;
  Severity severity = Severity::kInfo;
  double score = 0;                  // [0, 1]
  std::vector<std::string> forms;    // "abusive_messages", "excessive_contact", ...
  std::vector<std::string> reasons;  // why this severity, one sentence each
  CaseFacts facts;
  std::vector<Finding> findings;     // the findings that count, most severe first
  std::vector<std::string> actions;  // recommended next steps, most urgent first
};

}  // namespace stalkguard
