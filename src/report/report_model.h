// What a report shows, already chosen, ordered and worded: the renderers (HTML, PDF) only lay
// it out. Built from the store by report_builder; every string is UTF-8 and ready to print
// (times formatted, redactions applied), so the renderers make no decisions of their own.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.h"

namespace stalkguard::report {

// Bars of the timeline chart, lowest first: events with no finding, then by the highest
// severity of their findings.
enum class Band { kNoFinding, kWatch, kWarning, kDanger };
inline constexpr int kBandCount = 4;

struct DayCount {
  std::string date;                          // "2024-03-01", in the report's time zone
  std::array<int64_t, kBandCount> counts{};  // events from the contact that day, per Band
};

struct ReportAttachment {
  std::string name;       // as the source gave it
  std::string mime_type;  // "image/jpeg"
  int64_t size = -1;      // bytes; -1 when unknown
  std::string sha256;     // lower-case hex; empty when the export did not carry the bytes
};

struct ReportIncident {
  std::string when;     // "2024-03-01 23:14 +00:00": local time with the offset it was in
  std::string channel;  // "SMS", "Call", "WhatsApp", "E-mail", ...
  std::string sender;   // "Jordan Blake (phone +447700900999)"
  std::string subject;  // e-mail subject; empty otherwise
  std::string text;     // the message text (redacted when asked); a call's description
  std::vector<TextSpan> highlights;     // byte ranges of `text` that findings point at, sorted,
                                        // not overlapping, on UTF-8 character boundaries
  Severity severity = Severity::kInfo;  // highest of its findings
  std::vector<std::string> reasons;     // one line per finding: "Threat: model 0.93"
  std::vector<ReportAttachment> attachments;
  std::string event_id;  // 32 hex digits: ties the incident to the bundle's events.jsonl
};

enum class Answer { kYes, kNo, kNotKnown };

// One question of the stalking checklist (in the style of the S-DASH screen). Filled from the
// evidence: `evidence` says what the answer rests on, or why the messages cannot tell.
struct ChecklistItem {
  std::string question;
  Answer answer = Answer::kNotKnown;
  std::string evidence;
};

struct ReportCase {
  std::string title;                    // the contact's name as shown
  std::vector<std::string> identities;  // "phone +447700900999", "instagram @jb_2009"
  Severity severity = Severity::kInfo;
  double score = 0;                   // [0, 1]
  std::vector<std::string> forms;     // "Abusive messages", "Excessive contact", ... (worded)
  std::vector<std::string> reasons;   // why this severity, one sentence each
  std::vector<std::string> summary;   // key facts, one sentence each: "First contact 2024-02-11,
                                      // last 2024-03-02 (20 days)", "142 messages, 37 unanswered"
  std::vector<std::string> channels;  // "SMS", "WhatsApp"
  int64_t incident_count = 0;         // incidents in the case (may exceed incidents.size())
  std::vector<DayCount> timeline;     // one entry per day from first to last contact, no gaps
  std::vector<ReportIncident> incidents;  // oldest first
  std::vector<std::string> actions;       // recommended next steps, most urgent first
  std::vector<ChecklistItem> checklist;
};

// One item of the person's safety check-up (checkup/), worded for the report: what to lock
// down, what it rests on and what to do.
enum class SafetyStatus { kFix, kUnknown, kOk };

struct SafetyItem {
  SafetyStatus status = SafetyStatus::kUnknown;
  std::string area;                   // "Passwords", "Phone", ...
  std::string title;                  // the question: "Is there stalkerware on your phone?"
  std::string summary;                // what the check found
  std::vector<std::string> evidence;  // what it was seen in; empty in a redacted report
  std::vector<std::string> steps;     // what to do
};

struct ReportData {
  std::string title;              // "Evidence report: online harassment"
  std::string person;             // the protected person's name; may be empty
  std::string generated;          // "2026-11-29 10:42 Europe/London"
  std::string time_zone;          // the zone times are shown in: "Europe/London"
  std::vector<ReportCase> cases;  // most severe first
  // Tie to the evidence bundle: the chain head the report was made from and the fingerprint
  // of the bundle exported with it (verify prints the same values).
  uint64_t chain_entries = 0;
  std::string chain_head;          // 64 hex digits
  std::string bundle_path;         // where the bundle was written; empty when none
  std::string bundle_fingerprint;  // "3f2a-9c01-77de-b410-0c5e"; empty when no bundle
  std::string device_fingerprint;  // the signing key's fingerprint
  bool redacted = false;           // third parties' numbers and addresses were removed
  std::vector<SafetyItem> safety;  // the safety check-up, to fix first; empty: no such section
};

}  // namespace stalkguard::report
