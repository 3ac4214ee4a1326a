#include "importers/sms_xml/sms_xml_importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "importers/testing/collecting_sink.h"

namespace sg = stalkguard;
namespace sgi = stalkguard::importers;

namespace {

constexpr char kHeader[] =
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    "<!--File Created By SMS Backup & Restore v10.20.002 on 01/03/2024 18:30:00-->\n";

struct Imported {
  sg::Status status;
  sgi::testing::CollectingSink sink;
};

sgi::ImportOptions Options() {
  sgi::ImportOptions options;
  options.zone = *sg::TimeZone::Named("Europe/London");
  options.normalizer = sg::IdentityNormalizer("GB");
  return options;
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(SG_FIXTURES) + "/sms_xml/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Imported ImportText(const std::string& text, const std::string& name = "sms-test.xml") {
  Imported result;
  sgi::MemorySource source(name, text);
  result.status = sgi::MakeSmsXmlImporter()->Import(source, Options(), result.sink);
  return result;
}

Imported ImportFixture(const std::string& name) { return ImportText(ReadFixture(name), name); }

// One <sms> received from Jordan with the given extra attributes.
std::string Sms(const std::string& attributes) {
  return std::string(kHeader) + "<smses count=\"1\">\n  <sms protocol=\"0\" " + attributes +
         " />\n</smses>\n";
}

sg::Party Phone(const std::string& e164, const std::string& name = "") {
  return {{sg::IdentityKind::kPhone, e164}, name};
}

void ExpectParty(const sg::Party& actual, const sg::Party& expected) {
  EXPECT_EQ(actual.identity.Key(), expected.identity.Key());
  EXPECT_EQ(actual.display_name, expected.display_name);
}

}  // namespace

TEST(SmsXmlImporter, ReadsReceivedSms) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_TRUE(r.status) << r.status.error().message;
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[0];
  EXPECT_EQ(e.channel, sg::Channel::kSms);
  EXPECT_EQ(e.platform, "sms");
  EXPECT_EQ(e.direction, sg::Direction::kIncoming);
  ExpectParty(e.sender, Phone("+447700900999", "Jordan Blake"));
  EXPECT_TRUE(e.recipients.empty());
  EXPECT_EQ(e.time.utc_ms, 1709317325000);
  EXPECT_EQ(e.thread, "+447700900999");
  EXPECT_EQ(e.source.file, "sms-mixed.xml");
  EXPECT_EQ(e.source.record, "line 5 (sms 1)");
  EXPECT_TRUE(e.id.empty());
}

TEST(SmsXmlImporter, ReadsSentSmsAsWrittenByTheOwner) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[1];
  EXPECT_EQ(e.direction, sg::Direction::kOutgoing);
  EXPECT_TRUE(e.sender.identity.empty());
  ASSERT_EQ(e.recipients.size(), 1u);
  // Written "07700 900999" in the file; normalised like every other address.
  ExpectParty(e.recipients[0], Phone("+447700900999", "Jordan Blake"));
  EXPECT_EQ(e.thread, "+447700900999");
  EXPECT_EQ(e.text, "please stop texting me, I don't want to talk");
}

TEST(SmsXmlImporter, TreatsDraftsAsOutgoing) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& draft = r.sink.events[7];
  EXPECT_EQ(draft.text, "I have told you to stop");
  EXPECT_EQ(draft.direction, sg::Direction::kOutgoing);
  ASSERT_EQ(draft.recipients.size(), 1u);
  EXPECT_EQ(draft.recipients[0].identity.value, "+447700900999");
}

TEST(SmsXmlImporter, JoinsSurrogatePairReferencesIntoOneEmoji) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  // &#55357;&#56832; is U+1F600, four bytes in UTF-8.
  EXPECT_EQ(r.sink.events[0].text, "I know where you live \xF0\x9F\x98\x80");
}

TEST(SmsXmlImporter, ReplacesALoneSurrogateWithReplacementCharacter) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  EXPECT_EQ(r.sink.events[4].text, "oops \xEF\xBF\xBD half an emoji\nand a second line");
}

TEST(SmsXmlImporter, ReadsHexSurrogateReferencesToo) {
  Imported r = ImportText(
      Sms("address=\"+447700900999\" date=\"1709317325000\" type=\"1\" body=\"&#xD83D;&#xDE00;\""));
  ASSERT_EQ(r.sink.events.size(), 1u);
  EXPECT_EQ(r.sink.events[0].text, "\xF0\x9F\x98\x80");
}

TEST(SmsXmlImporter, TreatsNullAndUnknownAsAbsent) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& parcel = r.sink.events[2];
  EXPECT_EQ(parcel.sender.identity.Key(), "handle:sms:parcelco");
  EXPECT_EQ(parcel.sender.display_name, "");  // contact_name="(Unknown)"
  EXPECT_EQ(parcel.subject, "");              // subject="null"
  const sg::Event& empty = r.sink.events[3];
  EXPECT_EQ(empty.text, "");  // body="null"
  EXPECT_EQ(empty.sender.display_name, "");
  EXPECT_FALSE(empty.time.offset_known);  // readable_date="null"
}

TEST(SmsXmlImporter, ExtractsLinksFromText) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  EXPECT_EQ(r.sink.events[2].urls,
            std::vector<std::string>{"https://track.parcelco.example.com/abc"});
}

TEST(SmsXmlImporter, ReadsGroupMmsSenderRecipientsAndThread) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[5];
  EXPECT_EQ(e.channel, sg::Channel::kMms);
  EXPECT_EQ(e.direction, sg::Direction::kIncoming);
  EXPECT_EQ(e.source.record, "line 10 (mms 1)");
  ExpectParty(e.sender, Phone("+447700900999", "Jordan Blake"));
  ASSERT_EQ(e.recipients.size(), 2u);
  ExpectParty(e.recipients[0], Phone("+447700900123"));
  ExpectParty(e.recipients[1], Phone("+447700900321", "Alex Kim"));
  EXPECT_EQ(e.thread, "+447700900321~+447700900999");
  EXPECT_EQ(e.native_id, "mGfz2Q7x0b1c");
}

TEST(SmsXmlImporter, TakesMmsTextFromTextPartsAndSkipsSmil) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[5];
  EXPECT_EQ(e.text, "look at this. your front door \xF0\x9F\x8F\xA0");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].mime_type, "image/png");
}

TEST(SmsXmlImporter, KeepsMmsImageBytesSizeAndSha256) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  ASSERT_EQ(r.sink.events[5].attachments.size(), 1u);
  const sg::Attachment& a = r.sink.events[5].attachments[0];
  EXPECT_EQ(a.name, "IMG_0001.png");
  EXPECT_EQ(a.size, 69);
  EXPECT_EQ(a.bytes.size(), 69u);
  EXPECT_EQ(a.bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(a.sha256, "04e87663d09c18bf3a37ae0311a286d31816299ec05ad0cdf6bb172aa129f7cb");
}

TEST(SmsXmlImporter, ReadsSentMmsRecipientsWithoutTheOwnersToken) {
  Imported r = ImportFixture("sms-mixed.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[6];
  EXPECT_EQ(e.direction, sg::Direction::kOutgoing);
  EXPECT_TRUE(e.sender.identity.empty());
  ASSERT_EQ(e.recipients.size(), 1u);
  ExpectParty(e.recipients[0], Phone("+447700900321", "Alex Kim"));
  EXPECT_EQ(e.thread, "+447700900321");
  EXPECT_EQ(e.text, "he's at it again, can I call you?");
  EXPECT_TRUE(e.attachments.empty());
}

TEST(SmsXmlImporter, KeepsTheExactBytesOfEachRecord) {
  const std::string file = ReadFixture("sms-mixed.xml");
  Imported r = ImportText(file);
  ASSERT_EQ(r.sink.events.size(), 8u);
  for (const sg::Event& e : r.sink.events) {
    EXPECT_NE(file.find(e.raw), std::string::npos) << e.source.record;
  }
  EXPECT_TRUE(r.sink.events[5].raw.starts_with("<mms date=\"1709317400000\""));
  EXPECT_TRUE(r.sink.events[5].raw.ends_with("</mms>"));
}

TEST(SmsXmlImporter, MapsEveryCallType) {
  struct Case {
    sg::CallType type;
    sg::Direction direction;
    int64_t duration_s;
    std::string number;
    std::string name;
  };
  const Case cases[] = {
      {sg::CallType::kIncoming, sg::Direction::kIncoming, 312, "+447700900456", "Dad"},
      {sg::CallType::kOutgoing, sg::Direction::kOutgoing, 95, "+447700900321", "Alex Kim"},
      {sg::CallType::kMissed, sg::Direction::kIncoming, 0, "+447700900999", "Jordan Blake"},
      {sg::CallType::kVoicemail, sg::Direction::kIncoming, 21, "+447700900999", "Jordan Blake"},
      {sg::CallType::kRejected, sg::Direction::kIncoming, 0, "+447700900999", "Jordan Blake"},
      {sg::CallType::kBlocked, sg::Direction::kIncoming, 0, "+447700900999", "Jordan Blake"},
  };
  Imported r = ImportFixture("calls-all-types.xml");
  ASSERT_TRUE(r.status) << r.status.error().message;
  EXPECT_TRUE(r.sink.rejections.empty());
  ASSERT_EQ(r.sink.events.size(), 8u);
  for (size_t i = 0; i < std::size(cases); ++i) {
    const sg::Event& e = r.sink.events[i];
    const Case& c = cases[i];
    SCOPED_TRACE(e.source.record + " " + std::string(sg::ToString(c.type)));
    EXPECT_EQ(e.channel, sg::Channel::kCall);
    EXPECT_EQ(e.call_type, c.type);
    EXPECT_EQ(e.direction, c.direction);
    EXPECT_EQ(e.call_duration_s, c.duration_s);
    EXPECT_EQ(e.thread, c.number);
    const sg::Party& other =
        c.direction == sg::Direction::kOutgoing ? e.recipients.at(0) : e.sender;
    ExpectParty(other, Phone(c.number, c.name));
  }
}

TEST(SmsXmlImporter, NamesACallerWhoHidTheirNumber) {
  Imported r = ImportFixture("calls-all-types.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  const sg::Event& e = r.sink.events[6];
  EXPECT_EQ(e.call_type, sg::CallType::kMissed);
  EXPECT_TRUE(e.sender.identity.empty());
  EXPECT_EQ(e.sender.display_name, "Private number");
  EXPECT_EQ(e.thread, "");
}

TEST(SmsXmlImporter, NormalisesCallNumbersWithoutAContactName) {
  Imported r = ImportFixture("calls-all-types.xml");
  ASSERT_EQ(r.sink.events.size(), 8u);
  ExpectParty(r.sink.events[7].sender, Phone("+447700900456"));  // contact_name="null"
}

TEST(SmsXmlImporter, DerivesTheOffsetFromReadableDate) {
  struct Case {
    std::string date;
    std::string readable;
    bool known;
    int offset_minutes;
  };
  const Case cases[] = {
      {"1709317325000", "1 Mar 2024 18:22:05", true, 0},
      {"1709317325000", "Mar 1, 2024 6:22:05 PM", true, 0},
      {"1709317325000", "01/03/2024 18:22:05", true, 0},
      {"1709317325000", "3/1/24 6:22 PM", true, 0},
      {"1709317325000", "2024-03-01 19:22:05", true, 60},
      {"1712070000000", "2 Apr 2024 16:00:00", true, 60},   // British Summer Time
      {"1712070000000", "02.04.2024 20:30:00", true, 330},  // India
      {"1712070000000", "2 Apr 2024 15:07:00", false, 0},   // not a whole quarter-hour
      {"1712070000000", "2 avr. 2024 16:00:00", false, 0},  // a locale we do not read
      {"1712070000000", "tomorrow", false, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.readable);
    Imported r = ImportText(Sms("address=\"+447700900999\" date=\"" + c.date +
                                "\" type=\"1\" body=\"hi\" readable_date=\"" + c.readable + "\""));
    ASSERT_EQ(r.sink.events.size(), 1u);
    const sg::Timestamp& t = r.sink.events[0].time;
    EXPECT_EQ(t.utc_ms, std::stoll(c.date));
    EXPECT_EQ(t.offset_known, c.known);
    if (c.known) {
      EXPECT_EQ(t.offset_minutes, c.offset_minutes);
    }
  }
}

TEST(SmsXmlImporter, RejectsBadRecordsWithTheirLineAndKeepsTheRest) {
  Imported r = ImportFixture("sms-bad-records.xml");
  ASSERT_TRUE(r.status) << r.status.error().message;
  ASSERT_EQ(r.sink.events.size(), 3u);
  EXPECT_EQ(r.sink.events[0].text, "why are you ignoring me");
  EXPECT_EQ(r.sink.events[1].text, "I saw you at Hillside Academy today");
  EXPECT_EQ(r.sink.events[2].text, "you'll regret this");
  ASSERT_EQ(r.sink.rejections.size(), 3u);
  EXPECT_EQ(r.sink.rejections[0].where.file, "sms-bad-records.xml");
  EXPECT_EQ(r.sink.rejections[0].where.record, "line 5 (sms 2)");
  EXPECT_EQ(r.sink.rejections[0].reason, "date \"yesterday\" is not a time in milliseconds");
  EXPECT_EQ(r.sink.rejections[1].where.record, "line 6 (sms 3)");
  EXPECT_EQ(r.sink.rejections[1].reason, "no address");
  EXPECT_EQ(r.sink.rejections[2].where.record, "line 8 (sms 5)");
  EXPECT_TRUE(r.sink.rejections[2].reason.starts_with("malformed XML on line 8: "))
      << r.sink.rejections[2].reason;
}

TEST(SmsXmlImporter, RejectsRecordsNamingTheBadValue) {
  struct Case {
    std::string record;
    std::string reason;
  };
  const Case cases[] = {
      {"<sms address=\"+447700900999\" date=\"1.7e12\" type=\"1\" />",
       "date \"1.7e12\" is not a time in milliseconds"},
      {"<sms address=\"+447700900999\" type=\"1\" />", "no date"},
      {"<sms address=\"+447700900999\" date=\"1709317325000\" type=\"9\" />",
       "type \"9\" is not an SMS type (1 to 6)"},
      {"<sms address=\"null\" date=\"1709317325000\" type=\"1\" />", "no address"},
      {"<mms date=\"1709317325000\" msg_box=\"7\" address=\"+447700900999\" />",
       "msg_box \"7\" is not a message box (1 to 5)"},
      {"<mms date=\"1709317325000\" msg_box=\"1\" address=\"null\" />", "no address"},
      {"<call number=\"+447700900999\" date=\"1709317325000\" type=\"12\" duration=\"0\" />",
       "type \"12\" is not a call type (1 to 7)"},
      {"<call number=\"+447700900999\" date=\"1709317325000\" type=\"1\" duration=\"a\" />",
       "duration \"a\" is not a number of seconds"},
      {"<call date=\"1709317325000\" type=\"1\" presentation=\"1\" />", "no number"},
      {"<rcs date=\"1709317325000\" />", "<rcs> is not an sms, mms or call record"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.record);
    Imported r = ImportText(std::string(kHeader) + "<smses>\n" + c.record + "\n</smses>\n");
    ASSERT_TRUE(r.status);
    EXPECT_TRUE(r.sink.events.empty());
    ASSERT_EQ(r.sink.rejections.size(), 1u);
    EXPECT_EQ(r.sink.rejections[0].reason, c.reason);
    EXPECT_TRUE(r.sink.rejections[0].where.record.starts_with("line 4"))
        << r.sink.rejections[0].where.record;
  }
}

TEST(SmsXmlImporter, KeepsAnMmsWhosePartDataIsNotBase64) {
  Imported r = ImportText(std::string(kHeader) +
                          "<smses>\n"
                          "<mms date=\"1709317400000\" msg_box=\"1\" address=\"+447700900999\">\n"
                          "<parts>\n"
                          "<part ct=\"text/plain\" text=\"see\" />\n"
                          "<part ct=\"image/jpeg\" name=\"IMG_9.jpg\" data=\"$$$ not base64\" />\n"
                          "</parts>\n"
                          "</mms>\n"
                          "</smses>\n");
  ASSERT_EQ(r.sink.events.size(), 1u);
  EXPECT_EQ(r.sink.events[0].text, "see");
  ASSERT_EQ(r.sink.events[0].attachments.size(), 1u);
  EXPECT_EQ(r.sink.events[0].attachments[0].name, "IMG_9.jpg");
  EXPECT_EQ(r.sink.events[0].attachments[0].size, -1);
  EXPECT_TRUE(r.sink.events[0].attachments[0].sha256.empty());
  ASSERT_EQ(r.sink.rejections.size(), 1u);
  EXPECT_EQ(r.sink.rejections[0].where.record, "line 4 (mms 1)");
  EXPECT_EQ(r.sink.rejections[0].reason,
            "part \"IMG_9.jpg\" on line 7: its data is not base64, so the message was imported "
            "without it");
}

// libsodium 1.0.18, which decoded part data before, read every byte from 0x80 up as '/'.
TEST(SmsXmlImporter, KeepsAnMmsWhosePartDataHasNonAsciiBytesWithoutThem) {
  Imported r = ImportText(std::string(kHeader) +
                          "<smses>\n"
                          "<mms date=\"1709317400000\" msg_box=\"1\" address=\"+447700900999\">\n"
                          "<parts>\n"
                          "<part ct=\"image/jpeg\" name=\"IMG_9.jpg\" data=\"/9j/\xC3\xA9"
                          "AA\" />\n"
                          "</parts>\n"
                          "</mms>\n"
                          "</smses>\n");
  ASSERT_EQ(r.sink.events.size(), 1u);
  ASSERT_EQ(r.sink.events[0].attachments.size(), 1u);
  EXPECT_EQ(r.sink.events[0].attachments[0].size, -1);
  EXPECT_TRUE(r.sink.events[0].attachments[0].bytes.empty());
  ASSERT_EQ(r.sink.rejections.size(), 1u);
  EXPECT_EQ(r.sink.rejections[0].reason,
            "part \"IMG_9.jpg\" on line 6: its data is not base64, so the message was imported "
            "without it");
}

TEST(SmsXmlImporter, ImportsTheRecordsBeforeWhereATruncatedFileBreaks) {
  Imported r = ImportFixture("sms-truncated.xml");
  ASSERT_TRUE(r.status) << r.status.error().message;
  ASSERT_EQ(r.sink.events.size(), 2u);
  EXPECT_EQ(r.sink.events[1].text, "come to the window");
  ASSERT_EQ(r.sink.rejections.size(), 1u);
  EXPECT_EQ(r.sink.rejections[0].where.record, "line 6 (mms 1)");
  EXPECT_EQ(r.sink.rejections[0].reason,
            "the file ends on line 9, inside this record: the backup was cut short");
}

TEST(SmsXmlImporter, ReportsAFileCutBetweenRecords) {
  Imported r = ImportText(std::string(kHeader) +
                          "<calls count=\"2\">\n"
                          "  <call number=\"+447700900999\" duration=\"0\" date=\"1709341800000\" "
                          "type=\"3\" />\n");
  ASSERT_TRUE(r.status);
  ASSERT_EQ(r.sink.events.size(), 1u);
  ASSERT_EQ(r.sink.rejections.size(), 1u);
  EXPECT_EQ(r.sink.rejections[0].where.record, "line 5");
  EXPECT_EQ(r.sink.rejections[0].reason,
            "the file ends on line 5, before </calls>: the backup was cut short");
}

TEST(SmsXmlImporter, ImportsNothingFromAnEmptyBackup) {
  Imported r = ImportText(std::string(kHeader) + "<smses count=\"0\" />\n");
  ASSERT_TRUE(r.status);
  EXPECT_TRUE(r.sink.events.empty());
  EXPECT_TRUE(r.sink.rejections.empty());
}

TEST(SmsXmlImporter, FailsOnAFileThatIsNotXml) {
  Imported r = ImportText("[01/03/2024, 18:22:05] Jordan Blake: hi\n", "chat.txt");
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.status.error().code, sg::ErrorCode::kInvalidInput);
  EXPECT_TRUE(r.status.error().message.starts_with("chat.txt: not XML"))
      << r.status.error().message;
  EXPECT_TRUE(r.sink.events.empty());
}

TEST(SmsXmlImporter, FailsOnXmlOfAnotherKind) {
  Imported r = ImportText("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n");
  ASSERT_FALSE(r.status);
  EXPECT_EQ(r.status.error().code, sg::ErrorCode::kUnsupported);
  EXPECT_TRUE(r.sink.events.empty());
}

TEST(SmsXmlImporter, SniffsMessageBackups) {
  const auto importer = sgi::MakeSmsXmlImporter();
  EXPECT_EQ(importer->Sniff("backup.xml", ReadFixture("sms-mixed.xml")), 100);
  // Without the app's comment, content still decides.
  EXPECT_GE(importer->Sniff("backup.xml", "<smses count=\"1\">\n<sms address=\"1\" />"), 90);
}

TEST(SmsXmlImporter, SniffsCallLogs) {
  const auto importer = sgi::MakeSmsXmlImporter();
  EXPECT_EQ(importer->Sniff("calls.xml", ReadFixture("calls-all-types.xml")), 100);
  EXPECT_GE(importer->Sniff("x.xml", "<calls count=\"1\">\n<call number=\"1\" />"), 90);
}

TEST(SmsXmlImporter, SniffsNothingInOtherContent) {
  const auto importer = sgi::MakeSmsXmlImporter();
  EXPECT_EQ(importer->Sniff("sms-1.xml", "{\"time\": \"2024-03-01T18:22:05Z\"}\n"), 0);
  EXPECT_EQ(importer->Sniff("sms-1.xml", "01/03/2024, 18:22 - Jordan Blake: hi\n"), 0);
  EXPECT_EQ(importer->Sniff("sms-1.xml", "<?xml version=\"1.0\"?>\n<rss><channel/></rss>"), 0);
  EXPECT_EQ(importer->Sniff("sms-1.xml", ""), 0);
}
