// AttachmentDetector ("attachments"): a finding for every attachment someone else sent that the
// AttachmentJudge has a reason about: programs, disguised programs, macro documents, encrypted
// archives, ClamAV hits. Malware is a way into the person's phone or computer, and so into
// their messages, location and accounts.
//
//   SG_ASSIGN_OR_RETURN(auto detector, AttachmentDetector::Create({}));
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "detectors/attachments/attachment_judge.h"
#include "detectors/detector.h"

namespace stalkguard::detect {

class AttachmentDetector : public EventDetector {
 public:
  static constexpr std::string_view kName = "attachments";
  static constexpr std::string_view kCategory = "malicious_attachment";

  explicit AttachmentDetector(AttachmentJudge judge) : judge_(std::move(judge)) {}
  // Creates the judge (loading ClamAV as `options` say); fails as AttachmentJudge::Create does.
  static Result<std::unique_ptr<AttachmentDetector>> Create(const AttachmentJudgeOptions& options);

  std::string_view Name() const override { return kName; }
  // One finding per flagged attachment of an event the person did not send themself: category
  // "malicious_attachment", the verdict's score, an empty span, why "attachment: <summary>",
  // excerpt "invoice.pdf.exe (application/octet-stream, 73 KB, sha256 1a2b3c4d…)". Never fails.
  Status Inspect(const EventView& view, const Context& context,
                 std::vector<Finding>& out) const override;

  const AttachmentJudge& judge() const { return judge_; }

 private:
  AttachmentJudge judge_;
};

// "512 B", "73 KB", "4.2 MB": sizes as a person reads them (1 KB = 1024 bytes).
std::string FormatByteSize(int64_t bytes);

}  // namespace stalkguard::detect
