#include "detectors/attachments/attachment_detector.h"

#include <cstdio>
#include <utility>

#include "core/digest.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// Enough of the hash to find the file again in the evidence bundle, short enough to read.
constexpr size_t kShownHashChars = 8;

std::string Excerpt(const Attachment& a, const AttachmentVerdict& verdict) {
  std::string out = verdict.display_name + " (";
  out += a.mime_type.empty() ? "application/octet-stream" : a.mime_type;
  const int64_t size = a.size >= 0 ? a.size : (a.bytes.empty() ? -1 : int64_t(a.bytes.size()));
  if (size >= 0) out += ", " + FormatByteSize(size);
  std::string hash = a.sha256;
  if (hash.empty() && !a.bytes.empty()) hash = Sha256Hex(a.bytes);
  if (!hash.empty()) out += ", sha256 " + hash.substr(0, kShownHashChars) + "…";
  out += ")";
  return out;
}

}  // namespace

Result<std::unique_ptr<AttachmentDetector>> AttachmentDetector::Create(
    const AttachmentJudgeOptions& options) {
  SG_ASSIGN_OR_RETURN(AttachmentJudge judge, AttachmentJudge::Create(options));
  return std::make_unique<AttachmentDetector>(std::move(judge));
}

Status AttachmentDetector::Inspect(const EventView& view, const Context& /*context*/,
                                   std::vector<Finding>& out) const {
  // What the person sent themself is not an attack on them.
  if (view.sender.is_self) return OkStatus();
  for (const Attachment& attachment : view.event.attachments) {
    const AttachmentVerdict verdict = judge_.Judge(attachment);
    if (verdict.clean()) continue;
    Finding finding;
    finding.event_id = view.event.id;
    finding.detector = std::string(kName);
    finding.category = std::string(kCategory);
    finding.score = verdict.score;
    finding.severity = text::SeverityForScore(verdict.score);
    finding.why = "attachment: " + verdict.Summary();
    finding.excerpt = Excerpt(attachment, verdict);
    out.push_back(std::move(finding));
  }
  return OkStatus();
}

std::string FormatByteSize(int64_t bytes) {
  constexpr int64_t kKiB = 1024;
  constexpr int64_t kMiB = kKiB * kKiB;
  constexpr int64_t kGiB = kMiB * kKiB;
  char text[32];
  if (bytes < kKiB) {
    std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < kMiB) {
    std::snprintf(text, sizeof text, "%lld KB", static_cast<long long>((bytes + kKiB / 2) / kKiB));
  } else if (bytes < kGiB) {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / kMiB);
  } else {
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / kGiB);
  }
  return text;
}

}  // namespace stalkguard::detect
