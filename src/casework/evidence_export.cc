#include "casework/evidence_export.h"

#include "casework/bundle_builder.h"
#include "casework/report_builder.h"
#include "report/html_report.h"
#include "report/pdf_report.h"

namespace stalkguard::casework {
namespace {

// The person as the store knows them (the contact linker marks their own identities), added
// to the profile's, so redaction keeps their details even without a profile file.
Profile PersonFor(store::Store& store, const Profile* profile) {
  Profile person = profile != nullptr ? *profile : Profile{};
  auto contacts = store.ListContacts();
  if (!contacts) return person;
  for (const store::ContactIdentities& c : *contacts) {
    if (!c.record.is_self) continue;
    for (const store::IdentityRecord& id : c.identities) person.identities.push_back(id.identity);
  }
  return person;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::filesystem::path DeviceKeyPath(const std::filesystem::path& db_path) {
  return db_path.parent_path() / "device.key";
}

Result<ExportOutcome> ExportEvidence(store::Store& store, const evidence::DeviceKey& key,
                                     const ExportRequest& request) {
  ExportOutcome outcome;
  SG_ASSIGN_OR_RETURN(outcome.files, LoadCaseFiles(store, request.selection));
  if (request.redact) {
    const Profile person = PersonFor(store, request.profile);
    outcome.redaction = RedactThirdParties(outcome.files, person);
  }
  SG_ASSIGN_OR_RETURN(bundle::BundleContent content,
                      BuildBundleContent(outcome.files, outcome.redaction, store, request.now_ms));
  outcome.head = content.head;
  outcome.events = static_cast<int64_t>(content.events.size());
  outcome.findings = static_cast<int64_t>(content.findings.size());
  SG_ASSIGN_OR_RETURN(outcome.written, bundle::WriteBundle(content, key, request.out));
  return outcome;
}

Result<ReportOutcome> WriteEvidenceReport(store::Store& store, const evidence::DeviceKey& key,
                                          const ReportRequest& request) {
  const std::string extension = Lower(request.out.extension().string());
  const bool pdf = extension == ".pdf";
  if (!pdf && extension != ".html" && extension != ".htm") {
    return MakeError(ErrorCode::kInvalidInput,
                     request.out.string() + ": a report is written as .pdf or .html");
  }
  ReportOutcome outcome;
  SG_ASSIGN_OR_RETURN(outcome.bundle, ExportEvidence(store, key, request.bundle));
  ReportOptions options;
  options.zone = request.zone;
  options.generated_ms = request.bundle.now_ms;
  options.redacted = request.bundle.redact;
  options.tie.chain_entries = outcome.bundle.head.count;
  options.tie.chain_head = outcome.bundle.head.hash;
  options.tie.bundle_path = outcome.bundle.written.path.string();
  options.tie.bundle_fingerprint = outcome.bundle.written.fingerprint;
  options.tie.device_fingerprint = key.Fingerprint();
  const Profile empty;
  report::ReportData data = BuildReportData(
      outcome.bundle.files, request.bundle.profile ? *request.bundle.profile : empty, options);
  data.safety = request.safety;
  for (const auto& c : data.cases) outcome.incidents += c.incident_count;
  SG_RETURN_IF_ERROR(pdf ? report::WritePdfReport(data, request.out)
                         : report::WriteHtmlReport(data, request.out));
  return outcome;
}

}  // namespace stalkguard::casework
