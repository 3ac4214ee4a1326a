#include "detectors/attachments/attachment_detector.h"

#include <gtest/gtest.h>

#include "detectors/attachments/testing/fixtures.h"
#include "text/normalizer.h"

namespace sg = stalkguard;
namespace sd = stalkguard::detect;
namespace fx = stalkguard::detect::testing;

namespace {

std::unique_ptr<sd::AttachmentDetector> MakeDetector() {
  sd::AttachmentJudgeOptions options;
  options.system_database_dir = "";
  options.signature_dir = SG_SOURCE_DIR "/config/clamav";
  auto detector = sd::AttachmentDetector::Create(options);
  EXPECT_TRUE(detector.has_value());
  return std::move(*detector);
}

sg::Event EventWith(std::vector<sg::Attachment> attachments) {
  sg::Event event;
  event.id = "0123456789abcdef0123456789abcdef";
  event.channel = sg::Channel::kEmail;
  event.text = "Please see the attached invoice";
  event.attachments = std::move(attachments);
  return event;
}

std::vector<sg::Finding> Inspect(const sd::AttachmentDetector& detector, const sg::Event& event,
                                 bool from_self) {
  const sg::text::NormalizedText normalized;
  sd::EventView view{event, normalized, {}, {}, false};
  view.sender.is_self = from_self;
  const sg::Profile profile;
  std::vector<sg::Finding> findings;
  EXPECT_TRUE(detector.Inspect(view, sd::Context{profile}, findings).has_value());
  return findings;
}

}  // namespace

TEST(AttachmentDetector, ReportsEachBadAttachment) {
  const auto detector = MakeDetector();
  sg::Attachment invoice;
  invoice.name = "invoice.pdf.exe";
  invoice.mime_type = "application/octet-stream";
  invoice.size = 74752;
  invoice.sha256 = "1a2b3c4d5e6f00000000000000000000000000000000000000000000000000ff";
  sg::Attachment photo;
  photo.name = "photo.jpg";
  photo.mime_type = "image/jpeg";
  photo.bytes = fx::MakeJpeg();
  const auto findings = Inspect(*detector, EventWith({invoice, photo}), false);
  ASSERT_EQ(findings.size(), 1u);
  const sg::Finding& f = findings[0];
  EXPECT_EQ(f.detector, "attachments");
  EXPECT_EQ(f.category, "malicious_attachment");
  EXPECT_EQ(f.event_id, "0123456789abcdef0123456789abcdef");
  EXPECT_DOUBLE_EQ(f.score, 0.9);
  EXPECT_EQ(f.severity, sg::Severity::kDanger);
  EXPECT_TRUE(f.span.empty());
  EXPECT_EQ(f.why, "attachment: invoice.pdf.exe hides an .exe behind .pdf");
  EXPECT_EQ(f.excerpt, "invoice.pdf.exe (application/octet-stream, 73 KB, sha256 1a2b3c4d…)");
}

TEST(AttachmentDetector, HashesBytesWhenTheExportGaveNoHash) {
  const auto detector = MakeDetector();
  sg::Attachment letter;
  letter.name = "letter.docm";
  letter.mime_type = "application/vnd.ms-word.document.macroEnabled.12";
  letter.bytes = "abc";
  const auto findings = Inspect(*detector, EventWith({letter}), false);
  ASSERT_EQ(findings.size(), 1u);
  // SHA-256("abc") starts ba7816bf.
  EXPECT_EQ(findings[0].excerpt,
            "letter.docm (application/vnd.ms-word.document.macroEnabled.12, 3 B, sha256 "
            "ba7816bf…)");
  EXPECT_EQ(findings[0].severity, sg::Severity::kWatch);
}

TEST(AttachmentDetector, IgnoresWhatThePersonSent) {
  const auto detector = MakeDetector();
  sg::Attachment tool;
  tool.name = "setup.exe";
  EXPECT_TRUE(Inspect(*detector, EventWith({tool}), true).empty());
  EXPECT_EQ(Inspect(*detector, EventWith({tool}), false).size(), 1u);
}

TEST(AttachmentDetector, FormatsSizes) {
  EXPECT_EQ(sd::FormatByteSize(0), "0 B");
  EXPECT_EQ(sd::FormatByteSize(1023), "1023 B");
  EXPECT_EQ(sd::FormatByteSize(74752), "73 KB");
  EXPECT_EQ(sd::FormatByteSize(5 * 1024 * 1024 + 200 * 1024), "5.2 MB");
}
