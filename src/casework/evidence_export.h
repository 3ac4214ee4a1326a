// The two jobs behind `stalkguard export` and `stalkguard report`: choose case files from the
// store, redact them when asked, write the signed evidence bundle, and (for a report) lay the
// same case files out as a PDF or HTML tied to that bundle by its fingerprint and chain head.
//
//   SG_ASSIGN_OR_RETURN(auto key, evidence::DeviceKey::LoadOrCreate(DeviceKeyPath(db)));
//   SG_ASSIGN_OR_RETURN(auto done, ExportEvidence(store, key, request));
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "casework/case_file.h"
#include "casework/redaction.h"
#include "core/profile.h"
#include "core/result.h"
#include "core/time_zone.h"
#include "evidence/bundle/bundle.h"
#include "evidence/device_key.h"
#include "report/report_model.h"
#include "store/store.h"

namespace stalkguard::casework {

// The device key lives beside the store it signs for: "<folder of db>/device.key".
std::filesystem::path DeviceKeyPath(const std::filesystem::path& db_path);

struct ExportRequest {
  Selection selection;
  std::filesystem::path out;         // a directory, or a file ending in ".zip"
  bool redact = false;               // take third parties' numbers and addresses out
  const Profile* profile = nullptr;  // the person (for redaction); may be null
  int64_t now_ms = 0;                // UTC, from the caller's clock
};

struct ExportOutcome {
  std::vector<CaseFile> files;  // as exported (redacted when asked)
  RedactionResult redaction;
  bundle::WriteResult written;
  evidence::ChainHead head;
  int64_t events = 0, findings = 0;
};

Result<ExportOutcome> ExportEvidence(store::Store& store, const evidence::DeviceKey& key,
                                     const ExportRequest& request);

struct ReportRequest {
  ExportRequest bundle;       // the bundle written with the report (its `out` must be set)
  std::filesystem::path out;  // ".pdf" or ".html"
  const TimeZone* zone = nullptr;
  // The person's safety check-up (SafetySection); empty leaves the section out.
  std::vector<report::SafetyItem> safety;
};

struct ReportOutcome {
  ExportOutcome bundle;
  int64_t incidents = 0;
};

// Writes the bundle first, then the report naming its fingerprint. Fails with kInvalidInput
// for another extension than .pdf, .html or .htm.
Result<ReportOutcome> WriteEvidenceReport(store::Store& store, const evidence::DeviceKey& key,
                                          const ReportRequest& request);

}  // namespace stalkguard::casework
