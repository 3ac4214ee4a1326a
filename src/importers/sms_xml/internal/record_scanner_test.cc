#include "importers/sms_xml/internal/record_scanner.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg = stalkguard;
namespace sx = stalkguard::importers::sms_xml;

namespace {

constexpr size_t kNpos = std::string_view::npos;

// Every record of `doc` as "line:name:raw", "line:name:CUT" for one the document ends inside,
// then "cut short line N: what" when it ends early elsewhere.
std::vector<std::string> Scan(std::string_view doc) {
  std::vector<std::string> out;
  const sg::Result<sx::Root> root = sx::FindRoot(doc);
  if (!root) return {"no root: " + root.error().message};
  sx::RecordScanner records(doc, *root);
  while (const std::optional<sx::Record> r = records.Next()) {
    out.push_back(std::to_string(r->line) + ":" + std::string(r->name) + ":" +
                  (r->cut_short ? std::string("CUT") : std::string(r->raw)));
  }
  if (const auto& cut = records.cut_short()) {
    out.push_back("cut short line " + std::to_string(cut->line) + ": " + cut->what);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(RecordScannerFindRoot, SkipsTheBomDeclarationCommentsAndDoctype) {
  const std::string_view doc =
      "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
      "<!--File Created By SMS Backup & Restore v10.20.002-->\n"
      "<!DOCTYPE smses [ <!ENTITY e \"a > b\"> ]>\n"
      "<smses count=\"1\"><sms /></smses>";
  const sg::Result<sx::Root> root = sx::FindRoot(doc);
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(root->name, "smses");
  EXPECT_EQ(root->start, doc.find("<smses"));
  EXPECT_EQ(root->content, doc.find("<sms "));
  EXPECT_FALSE(root->empty);
}

TEST(RecordScannerFindRoot, SeesAnEmptyRoot) {
  const sg::Result<sx::Root> root = sx::FindRoot("<calls count=\"0\" />\n");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->name, "calls");
  EXPECT_TRUE(root->empty);
}

TEST(RecordScannerFindRoot, ReadsOnlyTheStartTag) {
  const sg::Result<sx::Root> root = sx::FindRoot("<smses count=\"3\">\n<sms address=\"+44");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->content, 17u);
}

TEST(RecordScannerFindRoot, MarksARootWhoseStartTagIsCut) {
  for (const std::string_view doc : {"<smses count=\"3", "<smses count=\"3\"\n<sms />"}) {
    const sg::Result<sx::Root> root = sx::FindRoot(doc);
    ASSERT_TRUE(root) << doc;
    EXPECT_EQ(root->name, "smses");
    EXPECT_EQ(root->content, kNpos) << doc;
  }
}

TEST(RecordScannerFindRoot, FailsOnWhatIsNotXml) {
  struct Case {
    std::string_view doc;
    sg::ErrorCode code;
    std::string_view message;
  };
  const Case kCases[] = {
      {"\xFF\xFE<\0s\0", sg::ErrorCode::kUnsupported,
       "the file is UTF-16; SMS Backup & Restore writes UTF-8"},
      {"", sg::ErrorCode::kInvalidInput, "no XML element in the file"},
      {" \r\n\t", sg::ErrorCode::kInvalidInput, "no XML element in the file"},
      {"<!-- only a comment -->\n", sg::ErrorCode::kInvalidInput, "no XML element in the file"},
      {"<?xml version='1.0'", sg::ErrorCode::kInvalidInput,
       "the file ends inside its XML prologue"},
      {"Jordan: hi", sg::ErrorCode::kInvalidInput, "not XML: \"Jordan: hi\" where a '<' should be"},
      {"< smses>", sg::ErrorCode::kInvalidInput, "not XML: \"< smses>\" is not an element"},
  };
  for (const Case& c : kCases) {
    const sg::Result<sx::Root> root = sx::FindRoot(c.doc);
    ASSERT_FALSE(root) << c.doc;
    EXPECT_EQ(root.error().code, c.code) << c.doc;
    EXPECT_EQ(root.error().message, c.message) << c.doc;
  }
}

TEST(RecordScannerScanElement, FindsTheEndOfEachKindOfElement) {
  struct Case {
    std::string_view doc;  // the element starts at 0
    size_t end;            // kNpos: the document ends first
  };
  const Case kCases[] = {
      {"<sms body=\"a\" />rest", 16},
      {"<sms body=\"a > b / c\"/>rest", 23},
      {"<sms body='it\"s' />rest", 19},
      {"<mms><parts><part /></parts></mms>rest", 34},
      {"<mms><parts><part text=\"</mms>\" /></parts></mms>rest", 48},
      {"<mms><!-- </mms> --></mms>rest", 26},
      {"<mms><![CDATA[ <x> </mms> ]]></mms>rest", 35},
      {"<mms><?pi </mms> ?></mms>rest", 25},
      // A start tag broken by a '<' ends the element there.
      {"<sms body=\"a\" <sms />", 14},
      {"<sms body=\"a", kNpos},
      {"<mms><parts>", kNpos},
      {"<mms><!-- ", kNpos},
      {"<mms></mms", kNpos},
      {"<mms><part text=\"", kNpos},
  };
  for (const Case& c : kCases) EXPECT_EQ(sx::ScanElement(c.doc, 0), c.end) << c.doc;
}

TEST(RecordScannerScanElement, StartsAtTheGivenOffset) {
  const std::string_view doc = "<smses>\n<sms a=\"1\" />\n</smses>";
  EXPECT_EQ(sx::ScanElement(doc, 8), 21u);
}

TEST(RecordScanner, ReturnsEachRecordWithItsLineAndBytes) {
  EXPECT_EQ(Scan("<?xml version='1.0'?>\n"
                 "<smses count=\"3\">\n"
                 "  <sms body=\"a\" />\n"
                 "  <mms date=\"1\">\n"
                 "    <parts><part /></parts>\n"
                 "  </mms>\n"
                 "  <call number=\"1\"\n"
                 "        type=\"3\" />\n"
                 "</smses>\n"),
            (Lines{"3:sms:<sms body=\"a\" />",
                   "4:mms:<mms date=\"1\">\n    <parts><part /></parts>\n  </mms>",
                   "7:call:<call number=\"1\"\n        type=\"3\" />"}));
}

TEST(RecordScanner, ReturnsElementsOfAnyName) {
  EXPECT_EQ(Scan("<smses><sms /><note>x</note></smses>"),
            (Lines{"1:sms:<sms />", "1:note:<note>x</note>"}));
}

TEST(RecordScanner, SkipsTextCommentsAndStrayEndTagsBetweenRecords) {
  EXPECT_EQ(Scan("<smses>\n"
                 "stray text\n"
                 "<!-- a <sms /> that is only a comment -->\n"
                 "<?pi ?>\n"
                 "</parts></sms>\n"
                 "<sms />\n"
                 "</smses>\n"
                 "<sms />\n"),
            (Lines{"6:sms:<sms />"}));
}

TEST(RecordScanner, ReturnsNothingForAnEmptyRoot) {
  EXPECT_EQ(Scan("<smses count=\"0\" />"), Lines{});
  EXPECT_EQ(Scan("<smses count=\"0\"></smses>"), Lines{});
}

TEST(RecordScanner, ReportsADocumentCutInsideARecord) {
  EXPECT_EQ(Scan("<smses>\n<sms />\n<mms>\n<parts>\n"), (Lines{"2:sms:<sms />", "3:mms:CUT"}));
}

TEST(RecordScanner, ReportsADocumentCutOutsideARecord) {
  EXPECT_EQ(Scan("<smses>\n<sms />\n"),
            (Lines{"2:sms:<sms />", "cut short line 3: before </smses>"}));
  EXPECT_EQ(Scan("<calls>\n<call />\n</sms"),
            (Lines{"2:call:<call />", "cut short line 3: before </calls>"}));
  EXPECT_EQ(Scan("<smses>\n<sms />\n<!-- the end"),
            (Lines{"2:sms:<sms />", "cut short line 3: inside a comment or CDATA section"}));
  EXPECT_EQ(Scan("<?xml version='1.0'?>\n<smses count=\"1\""),
            (Lines{"cut short line 2: inside the <smses> start tag"}));
}

TEST(RecordScanner, FindsTheRecordsAfterABrokenStartTag) {
  EXPECT_EQ(Scan("<smses>\n<sms body=a\n<sms body=\"b\" />\n</smses>"),
            (Lines{"2:sms:<sms body=a\n", "3:sms:<sms body=\"b\" />"}));
}

TEST(LinesIn, CountsLineFeeds) {
  EXPECT_EQ(sx::LinesIn(""), 0);
  EXPECT_EQ(sx::LinesIn("a\r\nb\nc"), 2);
  EXPECT_EQ(sx::LinesIn("\n\n\n"), 3);
}

}  // namespace
