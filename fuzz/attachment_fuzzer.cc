// libFuzzer target: AttachmentJudge, which reads attachment bytes as zip (OOXML, APK, JAR,
// encrypted archives) and OLE2 compound files. Any bytes under a few names in; it must not
// crash, and every reason it gives must have a code and a sentence.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "detectors/attachments/attachment_judge.h"

namespace sg = stalkguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Without ClamAV: its own parsers are fuzzed upstream; ours are what this target is for.
  static const sg::detect::AttachmentJudge judge = [] {
    sg::detect::AttachmentJudgeOptions options;
    options.clamav = sg::detect::ClamAvMode::kOff;
    auto created = sg::detect::AttachmentJudge::Create(options);
    if (!created) std::abort();
    return std::move(*created);
  }();
  static const char* const kNames[] = {"report.docx", "photo.jpg", "invoice.pdf.exe", "app.apk",
                                       "old.doc"};
  sg::Attachment attachment;
  attachment.bytes.assign(reinterpret_cast<const char*>(data), size);
  attachment.size = static_cast<int64_t>(size);
  attachment.name = kNames[size % 5];
  attachment.mime_type = "application/octet-stream";
  const sg::detect::AttachmentVerdict verdict = judge.Judge(attachment);
  for (const auto& reason : verdict.reasons) {
    if (reason.code.empty() || reason.text.empty()) std::abort();
  }
  (void)verdict.Summary();
  return 0;
}
