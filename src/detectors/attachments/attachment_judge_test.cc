#include "detectors/attachments/attachment_judge.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "detectors/attachments/testing/fixtures.h"

namespace sg = stalkguard;
namespace sd = stalkguard::detect;
namespace fx = stalkguard::detect::testing;

namespace {

// ClamAV with our shipped signatures only, so the result does not depend on whether this
// machine has the official databases.
const sd::AttachmentJudge& Judge() {
  static const sd::AttachmentJudge judge = [] {
    sd::AttachmentJudgeOptions options;
    options.clamav = sd::ClamAvMode::kRequired;
    options.system_database_dir = "";
    options.signature_dir = SG_SOURCE_DIR "/config/clamav";
    auto created = sd::AttachmentJudge::Create(options);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      options.clamav = sd::ClamAvMode::kOff;
      created = sd::AttachmentJudge::Create(options);
    }
    return std::move(*created);
  }();
  return judge;
}

sg::Attachment Make(std::string name, std::string mime, std::string bytes = "") {
  sg::Attachment a;
  a.name = std::move(name);
  a.mime_type = std::move(mime);
  a.bytes = std::move(bytes);
  if (!a.bytes.empty()) a.size = static_cast<int64_t>(a.bytes.size());
  return a;
}

std::set<std::string> Codes(const sd::AttachmentVerdict& verdict) {
  std::set<std::string> codes;
  for (const auto& r : verdict.reasons) codes.insert(r.code);
  return codes;
}

std::string Describe(const sd::AttachmentVerdict& verdict) {
  std::string out = verdict.Summary() + " [";
  for (const auto& r : verdict.reasons) out += r.code + " " + std::to_string(r.score) + "; ";
  return out + "]";
}

struct Case {
  std::string label;
  sg::Attachment attachment;
  std::set<std::string> codes;  // exactly these reasons; empty means clean
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const sd::AttachmentVerdict verdict = Judge().Judge(c.attachment);
    EXPECT_EQ(Codes(verdict), c.codes) << c.label << ": " << Describe(verdict);
    if (c.codes.empty()) {
      EXPECT_EQ(verdict.score, 0) << c.label;
    } else {
      EXPECT_GT(verdict.score, 0) << c.label;
    }
  }
}

}  // namespace

TEST(AttachmentJudge, LoadsTheShippedSignatures) {
  EXPECT_TRUE(Judge().clamav_enabled()) << Judge().clamav_status();
  EXPECT_NE(Judge().clamav_status().find("3 signatures"), std::string::npos)
      << Judge().clamav_status();
}

TEST(AttachmentJudge, LeavesOrdinaryFilesAlone) {
  RunCases({
      {"photo", Make("photo.jpg", "image/jpeg", fx::MakeJpeg()), {}},
      {"pdf", Make("report.pdf", "application/pdf", fx::MakePdf()), {}},
      {"docx",
       Make("holiday.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            fx::MakeDocx(false)),
       {}},
      {"legacy doc",
       Make("minutes.doc", "application/msword",
            fx::MakeOle2({{"WordDocument", 2}, {"1Table", 2}})),
       {}},
      {"zip of photos",
       Make("photos.zip", "application/zip",
            fx::MakeZip({{"a.jpg", fx::MakeJpeg()}, {"b.jpg", fx::MakeJpeg()}})),
       {}},
      {"name only", Make("IMG_2041.HEIC", "image/heic"), {}},
      {"text starting MZ",
       Make("notes.txt", "text/plain",
            "MZ Ltd: minutes of the meeting, all welcome, " + std::string(80, 'x')),
       {}},
      {"accented name", Make("café menu.pdf", "application/pdf", fx::MakePdf()), {}},
  });
}

TEST(AttachmentJudge, CatchesProgramsAndTheirDisguises) {
  RunCases({
      {"double extension",
       Make("invoice.pdf.exe", "application/octet-stream", fx::MakePe()),
       {"double_extension"}},
      {"padded double extension",
       Make("photo.jpg        .scr", "application/octet-stream"),
       {"double_extension"}},
      {"right-to-left override",
       Make("annexe\u202Efdp.exe", "application/octet-stream"),
       {"bidi_override"}},
      {"plain exe", Make("setup.exe", "application/x-msdownload", fx::MakePe()), {"risky_type"}},
      {"apk by name",
       Make("WhatsApp_Gold.apk", "application/vnd.android.package-archive"),
       {"risky_type"}},
      {"jpeg that is a PE",
       Make("IMG_2041.jpg", "image/jpeg", fx::MakePe()),
       {"disguised_program", "mime_mismatch"}},
      {"declared jpeg, no extension",
       Make("IMG_2041", "image/jpeg", fx::MakePe()),
       {"program_content", "mime_mismatch"}},
      {"elf without a name",
       Make("data", "application/octet-stream",
            std::string("\x7F"
                        "ELF\x02\x01\x01",
                        7) +
                std::string(64, '\0')),
       {"program_content"}},
      {"shortcut as text",
       Make("readme.txt", "text/plain",
            std::string("\x4C\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00"
                        "\x00\x46",
                        20) +
                std::string(60, '\0')),
       {"disguised_program", "mime_mismatch"}},
      {"msi by content",
       Make("update.bin", "application/octet-stream",
            fx::MakeOle2({{"\x05SummaryInformation", 2}},
                         std::string("\x84\x10\x0C\x00\x00\x00\x00\x00\xC0\x00"
                                     "\x00\x00\x00\x00\x00\x46",
                                     16))),
       {"program_content"}},
      {"apk in a zip",
       Make("photos.zip", "application/zip",
            fx::MakeZip({{"AndroidManifest.xml", "x"}, {"classes.dex", "y"}})),
       {"disguised_program"}},
      {"zip carrying a disguised program",
       Make("documents.zip", "application/zip",
            fx::MakeZip({{"scan.pdf", fx::MakePdf()}, {"invoice.pdf.exe", fx::MakePe()}})),
       {"archive_program"}},
  });
}

TEST(AttachmentJudge, CatchesMacrosAndEncryptedArchives) {
  RunCases({
      {"docm by name",
       Make("letter.docm", "application/vnd.ms-word.document.macroEnabled.12"),
       {"macro_document"}},
      {"docx holding vbaProject.bin",
       Make("holiday.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            fx::MakeDocx(true)),
       {"macro_document"}},
      {"OLE2 with a VBA project",
       Make("budget.xls", "application/vnd.ms-excel",
            fx::MakeOle2(
                {{"Workbook", 2}, {"_VBA_PROJECT_CUR", 1}, {"VBA", 1}, {"_VBA_PROJECT", 2}})),
       {"macro_document"}},
      {"encrypted zip",
       Make("photos.zip", "application/zip", fx::MakeZip({{"a.jpg", fx::MakeJpeg()}}, "hunter2")),
       {"encrypted_archive"}},
  });
}

TEST(AttachmentJudge, ReportsClamAvSignatures) {
  RunCases({
      {"marker string",
       Make("notes.txt", "text/plain", "hello STALKGUARD-TEST-MALWARE-SIGNATURE goodbye"),
       {"clamav"}},
      {"EICAR by its hash",
       Make("eicar.com", "application/octet-stream", fx::MakeEicar()),
       {"clamav", "risky_type"}},
      {"both parts of the logical signature",
       Make("story.txt", "text/plain", "STALKGUARD-TEST-PART-TWO then STALKGUARD-TEST-PART-ONE"),
       {"clamav"}},
      {"one part is not enough", Make("story.txt", "text/plain", "STALKGUARD-TEST-PART-TWO"), {}},
      {"marker inside a zip",
       Make("notes.zip", "application/zip",
            fx::MakeZip({{"notes.txt", "STALKGUARD-TEST-MALWARE-SIGNATURE"}})),
       {"clamav"}},
  });
  const sd::AttachmentVerdict verdict =
      Judge().Judge(Make("notes.txt", "text/plain", "STALKGUARD-TEST-MALWARE-SIGNATURE"));
  ASSERT_FALSE(verdict.reasons.empty());
  EXPECT_NE(verdict.reasons[0].text.find("StalkGuard.Test.MarkerString-1"), std::string::npos)
      << verdict.reasons[0].text;
  EXPECT_TRUE(verdict.clamav_scanned);
}

TEST(AttachmentJudge, SaysWhyInWords) {
  EXPECT_EQ(Judge().Judge(Make("invoice.pdf.exe", "application/octet-stream")).Summary(),
            "invoice.pdf.exe hides an .exe behind .pdf");
  EXPECT_EQ(Judge().Judge(Make("photo.jpg     .scr", "")).Summary(),
            "photo.jpg     .scr hides a .scr behind .jpg and a run of 5 spaces");
  EXPECT_EQ(Judge().Judge(Make("annexe\u202Efdp.exe", "")).Summary(),
            "annexe[U+202E]fdp.exe uses a right-to-left override to show as \"annexeexe.pdf\" "
            "but is an .exe");
  EXPECT_EQ(Judge().Judge(Make("IMG_2041.jpg", "image/jpeg", fx::MakePe())).Summary(),
            "IMG_2041.jpg is really a Windows program (PE), not a .jpg file, and says it is "
            "image/jpeg but is a Windows program (PE)");
}

TEST(AttachmentJudge, WorksWithoutClamAv) {
  sd::AttachmentJudgeOptions options;
  options.system_database_dir = "";
  options.signature_dir = "/nonexistent/stalkguard-signatures";
  auto judge = sd::AttachmentJudge::Create(options);
  ASSERT_TRUE(judge.has_value()) << judge.error().message;
  EXPECT_FALSE(judge->clamav_enabled());
  EXPECT_NE(judge->clamav_status().find("ClamAV off: no signature database"), std::string::npos)
      << judge->clamav_status();
  // Everything else still works; the marker goes unseen.
  EXPECT_EQ(Codes(judge->Judge(Make("invoice.pdf.exe", ""))),
            std::set<std::string>{"double_extension"});
  EXPECT_TRUE(
      judge->Judge(Make("notes.txt", "text/plain", "STALKGUARD-TEST-MALWARE-SIGNATURE")).clean());

  options.clamav = sd::ClamAvMode::kRequired;
  auto required = sd::AttachmentJudge::Create(options);
  ASSERT_FALSE(required.has_value());
  EXPECT_EQ(required.error().code, sg::ErrorCode::kNotFound);
}

TEST(AttachmentJudge, JudgesFromSeveralThreadsAtOnce) {
  const std::vector<sg::Attachment> inputs = {
      Make("notes.txt", "text/plain", "x STALKGUARD-TEST-MALWARE-SIGNATURE y"),
      Make("eicar.com", "application/octet-stream", fx::MakeEicar()),
      Make("holiday.docx", "application/zip", fx::MakeDocx(true)),
      Make("photo.jpg", "image/jpeg", fx::MakeJpeg()),
  };
  std::vector<std::string> expected;
  for (const auto& a : inputs) expected.push_back(Describe(Judge().Judge(a)));
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 25; ++round) {
        for (const auto& a : inputs) seen[t].push_back(Describe(Judge().Judge(a)));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& results : seen) {
    ASSERT_EQ(results.size(), 25 * inputs.size());
    for (size_t i = 0; i < results.size(); ++i) {
      EXPECT_EQ(results[i], expected[i % inputs.size()]);
    }
  }
}
