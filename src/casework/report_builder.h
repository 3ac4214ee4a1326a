// Turns case files into the report model (report/report_model.h): who, since when, how many
// incidents over which channels, the per-day timeline, each incident with its flagged spans,
// the checklist and the tie to the evidence bundle, all worded and in the person's time zone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "casework/case_file.h"
#include "core/profile.h"
#include "core/time_zone.h"
#include "report/report_model.h"

namespace stalkguard::casework {

struct ReportTie {
  uint64_t chain_entries = 0;
  std::string chain_head;
  std::string bundle_path;
  std::string bundle_fingerprint;
  std::string device_fingerprint;
};

struct ReportOptions {
  const TimeZone* zone = nullptr;  // required
  int64_t generated_ms = 0;        // UTC, from the caller's clock
  bool redacted = false;
  ReportTie tie;
};

report::ReportData BuildReportData(const std::vector<CaseFile>& files, const Profile& profile,
                                   const ReportOptions& options);

}  // namespace stalkguard::casework
