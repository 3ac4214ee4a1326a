// Report renderers: a realistic two-case report (emoji, Arabic, Chinese, markup in messages, a
// 3000-letter word, bad spans, an empty case, a 400-day timeline) rendered to HTML and PDF,
// and the PDF read back with the real poppler tools.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "report/html_report.h"
#include "report/internal/render_common.h"
#include "report/pdf_report.h"
#include "report/report_model.h"

namespace sg = stalkguard;
namespace rp = stalkguard::report;
namespace fs = std::filesystem;

namespace {

constexpr char kChainHead[] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
constexpr char kThreat[] = "I know where you live 😡🔪 and I will be waiting outside.";

std::string Date(int day_index) {
  // Consecutive dates from 2023-01-01, good enough for a timeline fixture (30-day months).
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2023 + day_index / 360, day_index % 360 / 30 + 1,
                day_index % 30 + 1);
  return buf;
}

rp::ReportIncident Incident(std::string when, std::string channel, std::string text,
                            std::vector<sg::TextSpan> spans, sg::Severity severity) {
  rp::ReportIncident inc;
  inc.when = std::move(when);
  inc.channel = std::move(channel);
  inc.sender = "Jordan Blake (phone +447700900999)";
  inc.text = std::move(text);
  inc.highlights = std::move(spans);
  inc.severity = severity;
  inc.reasons = {"Threat: model 0.93", "Knows where you live: pattern knows-address"};
  inc.event_id = "0123456789abcdef0123456789abcdef";
  return inc;
}

rp::ReportData MakeReport() {
  rp::ReportData data;
  data.title = "Evidence report: online harassment";
  data.person = "Sam O'Neill & family";
  data.generated = "2026-11-29 10:42 Europe/London";
  data.time_zone = "Europe/London";
  data.chain_entries = 1234;
  data.chain_head = kChainHead;
  data.bundle_path = "/home/sam/evidence bundle/2026-11-29.sgb";
  data.bundle_fingerprint = "3f2a-9c01-77de-b410-0c5e";
  data.device_fingerprint = "ed25519:77de-b410-0c5e-3f2a";
  data.redacted = true;

  rp::ReportCase jordan;
  jordan.title = "Jordan Blake";
  jordan.identities = {"phone +447700900999", "instagram @jb_2009", "e-mail jb@example.org"};
  jordan.severity = sg::Severity::kDanger;
  jordan.score = 0.91;
  jordan.forms = {"Threats", "Excessive contact", "Knows your whereabouts"};
  jordan.reasons = {"Threatens violence in 3 messages, one naming a knife.",
                    "Kept writing after being told to stop on 2024-02-14."};
  jordan.summary = {"First contact 2023-01-01, last 2024-02-05 (400 days)",
                    "142 messages, 37 unanswered", "Up to 40 messages a day"};
  jordan.channels = {"SMS", "WhatsApp", "E-mail", "Instagram"};
  for (int d = 0; d < 400; ++d) {
    rp::DayCount day;
    day.date = Date(d);
    day.counts = {d % 3, d % 7 == 0 ? 2 : 0, d % 11 == 0 ? 1 : 0, d > 380 ? d % 5 : 0};
    jordan.timeline.push_back(day);
  }
  const std::string threat = kThreat;
  const size_t knife = threat.find("🔪");
  jordan.incidents.push_back(Incident("2024-02-01 23:14 +00:00", "SMS", threat,
                                      {{0, 21}, {knife, knife + 4}}, sg::Severity::kDanger));
  jordan.incidents.push_back(
      Incident("2024-02-01 23:15 +00:00", "WhatsApp",
               "<script>alert(\"x\")</script> & 'quoted' \"text\" — you can't hide", {{0, 8}},
               sg::Severity::kWarning));
  jordan.incidents.back().sender = "Tom & Jerry <tj@example.com>";
  const std::string arabic = "سأجدك أينما كنت. أنا أراقبك كل يوم";
  jordan.incidents.push_back(
      Incident("2024-02-02 07:01 +00:00", "Instagram", arabic, {{0, 10}}, sg::Severity::kWarning));
  jordan.incidents.push_back(Incident("2024-02-02 07:02 +00:00", "WhatsApp",
                                      "我知道你住在哪里。你逃不掉的。", {{0, 12}},
                                      sg::Severity::kWatch));
  rp::ReportIncident mail =
      Incident("2024-02-03 12:00 +00:00", "E-mail",
               "Look at this: https://evil.example/track?id=1&x=2 — everyone will see it.\n"
               "Second line of the message.",
               {{14, 49}}, sg::Severity::kWarning);
  mail.subject = "Your photos <b>leaked</b>";
  mail.attachments.push_back(
      {.name = "photo 1.jpg", .mime_type = "image/jpeg", .size = 2345678, .sha256 = kChainHead});
  mail.attachments.push_back(
      {.name = "notes.txt", .mime_type = "text/plain", .size = -1, .sha256 = ""});
  jordan.incidents.push_back(mail);
  jordan.incidents.push_back(Incident("2024-02-04 01:00 +00:00", "SMS", std::string(3000, 'A'),
                                      {{100, 200}}, sg::Severity::kWatch));
  // Spans past the end, reversed, and one cutting the middle of an emoji; invalid UTF-8 and a
  // NUL in the text.
  std::string broken = "bad bytes \xff\xfe here, a NUL ";
  broken += '\0';
  broken += " and 😡 at the end";
  jordan.incidents.push_back(
      Incident("2024-02-05 09:30 +00:00", "SMS", broken,
               {{50, 10}, {broken.size() - 12, broken.size() - 10}, {5, 99999}, {99999, 100000}},
               sg::Severity::kWatch));
  jordan.incident_count = 142;
  jordan.actions = {"Call 999 if you are in danger now.",
                    "Report the threats to the police; take this report and the bundle.",
                    "Block and report @jb_2009 on Instagram after saving the evidence."};
  jordan.checklist = {
      {.question = "Has the stalker threatened to hurt or kill you?",
       .answer = rp::Answer::kYes,
       .evidence = "3 messages, e.g. 2024-02-01 23:14 (SMS): \"I know where you live\""},
      {.question = "Has the stalker damaged your property?",
       .answer = rp::Answer::kNotKnown,
       .evidence = "The messages cannot tell."},
      {.question = "Has the stalker contacted your family or friends?",
       .answer = rp::Answer::kNo,
       .evidence = "No messages to third parties were in the export."},
  };

  rp::ReportCase unknown;
  unknown.title = "Unknown number +447700900123";
  unknown.identities = {"phone +447700900123"};
  unknown.severity = sg::Severity::kWatch;
  unknown.score = 0.3;
  unknown.channels = {"Call"};
  unknown.incident_count = 0;
  unknown.timeline = {{.date = "2024-03-01", .counts = {4, 0, 0, 0}}};

  data.cases = {jordan, unknown};
  data.safety.push_back({rp::SafetyStatus::kFix,
                         "Phone",
                         "Is there stalkerware on your phone?",
                         "Signs of an app that reports on you <mSpy>.",
                         {"mSpy (com.mspy.lite), stalkerware"},
                         {"Plan with a support service before removing it."}});
  data.safety.push_back({rp::SafetyStatus::kOk,
                         "Phone",
                         "Is your location shared with anyone?",
                         "Your location is not shared with anyone.",
                         {},
                         {}});
  return data;
}

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

bool HavePoppler() { return std::system("command -v pdfinfo >/dev/null 2>&1") == 0; }

// A fresh directory per test; kept when SG_KEEP_REPORTS is set, to look at the output.
class ReportFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("sg_report_" + std::to_string(getpid()) + "_" + info->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (std::getenv("SG_KEEP_REPORTS") == nullptr) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    } else {
      std::printf("kept %s\n", dir_.c_str());
    }
  }
  fs::path dir_;
};

int Pages(const fs::path& pdf) {
  const std::string info = RunCommand("pdfinfo '" + pdf.string() + "' 2>&1");
  const size_t at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::atoi(info.c_str() + at + 6);
}

}  // namespace

TEST(PrepareText, ClampsWidensAndMergesSpans) {
  const std::string text = "ab😡cd";  // the emoji is bytes 2..6
  struct Case {
    std::vector<sg::TextSpan> in;
    std::vector<std::pair<size_t, size_t>> want;
  };
  const Case cases[] = {
      {{{0, 2}}, {{0, 2}}},
      {{{3, 4}}, {{2, 6}}},                  // inside the emoji: widened to all of it
      {{{5, 100}}, {{2, 8}}},                // past the end: clamped, start widened
      {{{4, 1}}, {}},                        // reversed: dropped
      {{{8, 9}}, {}},                        // empty after clamping
      {{{0, 3}, {2, 7}}, {{0, 7}}},          // overlapping: merged
      {{{6, 8}, {0, 1}}, {{0, 1}, {6, 8}}},  // unsorted: sorted
  };
  for (const Case& c : cases) {
    const auto safe = rp::internal::PrepareText(text, c.in);
    EXPECT_EQ(safe.text, text);
    std::vector<std::pair<size_t, size_t>> got;
    for (const auto& s : safe.spans) got.emplace_back(s.begin, s.end);
    EXPECT_EQ(got, c.want) << "first span " << c.in[0].begin << ".." << c.in[0].end;
  }
}

TEST(PrepareText, RepairsBytesAndMovesSpans) {
  std::string text = "x\xffy\r\nz";
  text += '\0';
  const auto safe = rp::internal::PrepareText(text, {{2, 3}, {5, 6}});
  EXPECT_EQ(safe.text, "x\xEF\xBF\xBDy\nz\xEF\xBF\xBD");
  ASSERT_EQ(safe.spans.size(), 2u);
  EXPECT_EQ(safe.text.substr(safe.spans[0].begin, safe.spans[0].end - safe.spans[0].begin), "y");
  EXPECT_EQ(safe.text.substr(safe.spans[1].begin, safe.spans[1].end - safe.spans[1].begin), "z");
}

TEST(RenderCommon, AxisAndLabels) {
  EXPECT_EQ(rp::internal::NiceScale(0).top, 1);
  EXPECT_EQ(rp::internal::NiceScale(37).top, 40);
  EXPECT_EQ(rp::internal::NiceScale(37).step, 10);
  EXPECT_EQ(rp::internal::DateLabelDays(1, 10), std::vector<size_t>{0});
  EXPECT_LE(rp::internal::DateLabelDays(2000, 8).size(), 8u);
  EXPECT_EQ(rp::internal::DateLabelDays(400, 10)[1], 61u);
  EXPECT_EQ(rp::internal::FormatSize(2345678), "2.3 MB (2,345,678 bytes)");
  EXPECT_EQ(rp::internal::FormatSize(-1), "size not known");
}

TEST(HtmlReport, EscapesMessageTextAndNames) {
  const std::string html = rp::RenderHtmlReport(MakeReport());
  EXPECT_NE(html.find("<mark>&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                      "&#39;quoted&#39; &quot;text&quot;"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>leaked"), std::string::npos);
  EXPECT_NE(html.find("Tom &amp; Jerry &lt;tj@example.com&gt;"), std::string::npos);
  EXPECT_NE(html.find("Sam O&#39;Neill &amp; family"), std::string::npos);
}

TEST(HtmlReport, HighlightsSpansAndSurvivesBadOnes) {
  const std::string html = rp::RenderHtmlReport(MakeReport());
  EXPECT_NE(html.find("<mark>I know where you live</mark> 😡<mark>🔪</mark>"), std::string::npos);
  EXPECT_NE(html.find("<mark>سأجدك</mark>"), std::string::npos);
  EXPECT_NE(html.find("<mark>我知道你</mark>住"), std::string::npos);
  // The broken incident: invalid bytes and the NUL shown as U+FFFD, its bad spans clamped.
  EXPECT_NE(html.find("ytes \xEF\xBF\xBD\xEF\xBF\xBD here"), std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_NE(html.find(std::string(3000, 'A').substr(200)), std::string::npos);
}

TEST(HtmlReport, IsSelfContained) {
  const std::string html = rp::RenderHtmlReport(MakeReport());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<rect class=\"b3\""), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // Any web address must be one quoted in a message, never one the page loads.
  for (const char* scheme : {"http://", "https://"}) {
    for (size_t at = html.find(scheme); at != std::string::npos; at = html.find(scheme, at + 1)) {
      const size_t open = html.rfind("<div class=\"msg\">", at);
      const size_t close = html.rfind("</div>", at);
      EXPECT_TRUE(open != std::string::npos && (close == std::string::npos || close < open))
          << html.substr(at > 80 ? at - 80 : 0, 160);
    }
  }
}

TEST(HtmlReport, HasEverySectionInOrder) {
  const std::string html = rp::RenderHtmlReport(MakeReport());
  size_t at = 0;
  for (const char* part : {"Jordan Blake",
                           "Why this severity",
                           "Contacts per day",
                           "Incidents",
                           "Recommended actions",
                           "Stalking checklist (in the style of the S-DASH screen)",
                           "Not known</em> are for the person and the officer to answer",
                           "Unknown number +447700900123",
                           "No incidents are listed",
                           "Safety check-up",
                           "To fix",
                           "Is there stalkerware on your phone?",
                           "&lt;mSpy&gt;",
                           "mSpy (com.mspy.lite), stalkerware",
                           "Plan with a support service",
                           "Fine",
                           "Evidence integrity",
                           kChainHead,
                           "stalkguard verify &#39;/home/sam/evidence bundle/2026-11-29.sgb&#39;",
                           "redacted"}) {
    const size_t next = html.find(part, at);
    ASSERT_NE(next, std::string::npos) << part;
    at = next;
  }
}

TEST_F(ReportFiles, HtmlIsWrittenAndReplaced) {
  const fs::path path = dir_ / "report.html";
  ASSERT_TRUE(rp::WriteHtmlReport(MakeReport(), path));
  ASSERT_TRUE(rp::WriteHtmlReport(MakeReport(), path));
  EXPECT_GT(fs::file_size(path), 10000u);
  EXPECT_FALSE(fs::exists(dir_ / "report.html.tmp"));
  const auto missing = rp::WriteHtmlReport(MakeReport(), dir_ / "no" / "such" / "report.html");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, sg::ErrorCode::kIo);
}

TEST_F(ReportFiles, PdfReadsBackWithPoppler) {
  const fs::path pdf = dir_ / "report.pdf";
  const auto status = rp::WritePdfReport(MakeReport(), pdf);
  ASSERT_TRUE(status) << status.error().message;
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_FALSE(fs::exists(dir_ / "report.pdf.tmp"));
  if (!HavePoppler()) GTEST_SKIP() << "pdfinfo is not installed";

  EXPECT_GT(Pages(pdf), 3);
  const std::string info = RunCommand("pdfinfo '" + pdf.string() + "'");
  EXPECT_NE(info.find("Evidence report: online harassment"), std::string::npos) << info;
  EXPECT_NE(info.find("Author:          stalkguard"), std::string::npos) << info;
  const std::string text = RunCommand("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
  for (const char* want :
       {"Jordan Blake", "Jordan Blake (phone +447700900999)", "I know where you live",
        "<script>alert(\"x\")</script>", "Stalking checklist (in the style of the S-DASH screen)",
        "Not known", "Unknown number +447700900123", "Evidence integrity", kChainHead,
        "stalkguard verify", "Page 1", "Contacts per day", "Recommended actions", "Safety check-up",
        "To fix", "Is there stalkerware on your phone?", "<mSpy>", "Plan with a support service"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
}

TEST_F(ReportFiles, PdfOfTimelineExtremes) {
  rp::ReportData data = MakeReport();
  data.cases.resize(1);
  rp::ReportCase& c = data.cases[0];
  c.timeline.clear();
  for (int d = 0; d < 2000; ++d) {
    rp::DayCount day;
    day.date = Date(d);
    day.counts = {d % 4, d % 9 == 0 ? 3 : 0, 0, d % 97 == 0 ? 5 : 0};
    c.timeline.push_back(day);
  }
  const auto status = rp::WritePdfReport(data, dir_ / "long.pdf");
  ASSERT_TRUE(status) << status.error().message;
  c.timeline.resize(1);
  ASSERT_TRUE(rp::WritePdfReport(data, dir_ / "one.pdf"));
  rp::ReportData empty;
  ASSERT_TRUE(rp::WritePdfReport(empty, dir_ / "empty.pdf"));
  if (!HavePoppler()) GTEST_SKIP() << "pdfinfo is not installed";
  EXPECT_GT(Pages(dir_ / "long.pdf"), 0);
  EXPECT_GT(Pages(dir_ / "one.pdf"), 0);
  EXPECT_GT(Pages(dir_ / "empty.pdf"), 0);
}

TEST_F(ReportFiles, PdfFailsInAMissingDirectory) {
  const auto status = rp::WritePdfReport(MakeReport(), dir_ / "no" / "such" / "report.pdf");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, sg::ErrorCode::kIo);
}

TEST_F(ReportFiles, PdfOfTenThousandIncidents) {
  rp::ReportData data = MakeReport();
  data.cases.resize(1);
  rp::ReportCase& c = data.cases[0];
  const std::vector<rp::ReportIncident> samples = c.incidents;
  c.incidents.clear();
  for (int i = 0; i < 10000; ++i) {
    rp::ReportIncident inc = samples[static_cast<size_t>(i) % samples.size()];
    // The 3000-letter word once is enough; here it stands in for a long URL.
    if (inc.text.size() > 200) inc.text.resize(200);
    c.incidents.push_back(std::move(inc));
  }
  c.incident_count = 10000;
  const fs::path pdf = dir_ / "big.pdf";
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const auto status = rp::WritePdfReport(data, pdf);
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(status) << status.error().message;
  // CPU time too: on a shared machine the wall time says more about the neighbours.
  std::printf("10,000 incidents: PDF in %.2f s wall, %.2f s CPU, %.1f MB\n", seconds, cpu,
              static_cast<double>(fs::file_size(pdf)) / 1e6);
  const auto html_start = std::chrono::steady_clock::now();
  const std::string html = rp::RenderHtmlReport(data);
  std::printf("10,000 incidents: HTML in %.2f s, %.1f MB\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - html_start).count(),
              static_cast<double>(html.size()) / 1e6);
  if (!HavePoppler()) GTEST_SKIP() << "pdfinfo is not installed";
  EXPECT_GT(Pages(pdf), 100);
}
