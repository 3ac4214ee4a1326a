#include "importers/email/email_importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/digest.h"
#include "core/timestamp.h"
#include "core/utf8.h"
#include "importers/email/internal/message_reader.h"
#include "importers/testing/collecting_sink.h"

namespace stalkguard::importers {
namespace {

using testing::CollectingSink;

const std::string kDir = std::string(SG_FIXTURES) + "/email/";

ImportOptions Options() {
  ImportOptions options;
  options.normalizer = IdentityNormalizer("GB");
  return options;
}

CollectingSink ImportText(const std::string& name, const std::string& bytes) {
  MemorySource source(name, bytes);
  CollectingSink sink;
  const Status status = MakeEmailImporter()->Import(source, Options(), sink);
  EXPECT_TRUE(status) << status.error().message;
  return sink;
}

CollectingSink ImportFixture(const std::string& file) {
  FileSource source(kDir + file, file);
  CollectingSink sink;
  const Status status = MakeEmailImporter()->Import(source, Options(), sink);
  EXPECT_TRUE(status) << status.error().message;
  return sink;
}

std::string ReadFixture(const std::string& file) {
  std::ifstream in(kDir + file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t Utc(int y, int mo, int d, int h, int mi, int s) {
  return CivilToUnixMs(CivilTime{y, mo, d, h, mi, s, 0});
}

TEST(EmailImporter, ReadsEveryMessageOfAnMbox) {
  const CollectingSink sink = ImportFixture("several.mbox");
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_TRUE(sink.rejections.empty());
  EXPECT_EQ(sink.events[0].subject, "Writing here instead");
  EXPECT_EQ(sink.events[1].subject, "Re: Writing here instead");
  EXPECT_EQ(sink.events[2].subject, "Parents' evening on 14 March");
  EXPECT_EQ(sink.events[0].source.file, "several.mbox");
  EXPECT_EQ(sink.events[0].source.record, "message 1 (line 1)");
  EXPECT_EQ(sink.events[1].source.record, "message 2 (line 15)");
  EXPECT_EQ(sink.events[2].source.record, "message 3 (line 29)");
}

TEST(EmailImporter, UndoesMboxrdFromQuoting) {
  const CollectingSink sink = ImportFixture("several.mbox");
  ASSERT_FALSE(sink.events.empty());
  EXPECT_EQ(sink.events[0].text,
            "I blocked your number so I'm writing here.\n"
            "From now on you answer me here.\n"
            ">From the start I was good to you.\n");
}

TEST(EmailImporter, KeepsEachMboxMessageWithoutSeparatorAsRaw) {
  const CollectingSink sink = ImportFixture("several.mbox");
  ASSERT_EQ(sink.events.size(), 3u);
  const std::string& raw = sink.events[1].raw;
  EXPECT_TRUE(raw.starts_with("Return-Path: <jordan.blake77@example.com>\n")) << raw;
  EXPECT_TRUE(raw.ends_with("\n\nyou can't hide from me\n")) << raw;
}

TEST(EmailImporter, KeepsTheExactBytesOfASingleMessage) {
  const CollectingSink sink = ImportFixture("single.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].raw, ReadFixture("single.eml"));
  EXPECT_NE(sink.events[0].raw.find("\r\n"), std::string::npos);
}

TEST(EmailImporter, MapsTheHeadersOfASingleMessage) {
  const CollectingSink sink = ImportFixture("single.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  const Event& e = sink.events[0];
  EXPECT_TRUE(e.id.empty());
  EXPECT_EQ(e.platform, "email");
  EXPECT_EQ(e.channel, Channel::kEmail);
  EXPECT_EQ(e.direction, Direction::kUnknown);
  EXPECT_EQ(e.sender.identity.kind, IdentityKind::kEmail);
  EXPECT_EQ(e.sender.identity.value, "jordan.blake77@example.com");
  EXPECT_EQ(e.sender.display_name, "Jordan Blake");
  ASSERT_EQ(e.recipients.size(), 1u);
  EXPECT_EQ(e.recipients[0].identity.value, "sam.lee@example.org");
  EXPECT_EQ(e.recipients[0].display_name, "Sam Lee");
  EXPECT_EQ(e.time.utc_ms, Utc(2024, 3, 1, 18, 22, 5));
  EXPECT_EQ(e.time.offset_minutes, 0);
  EXPECT_TRUE(e.time.offset_known);
  EXPECT_EQ(e.subject, "Just answer me");
  EXPECT_EQ(e.native_id, "20240301182205.1190@mail.example.com");
  EXPECT_EQ(e.thread, "20240301182205.1190@mail.example.com");
  EXPECT_EQ(e.text, "Sam, just answer me. One message. That's all I'm asking.\n");
  EXPECT_EQ(e.source.file, "single.eml");
  EXPECT_EQ(e.source.record, "message 1 (line 1)");
}

TEST(EmailImporter, ReadsAFileOfAMaildirFolder) {
  const std::string name = "maildir/cur/1709317325.M1P2.laptop:2,S";
  const CollectingSink sink = ImportFixture(name);
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].subject, "Outside");
  EXPECT_EQ(sink.events[0].text, "I drove past 12 Mill Lane last night. Your light was on.\n");
  EXPECT_EQ(MakeEmailImporter()->Sniff(name, ReadFixture(name)), 83);
}

TEST(EmailImporter, PrefersThePlainPartOfMultipartAlternative) {
  const CollectingSink sink = ImportFixture("alternative.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text,
            "Dear Sam,\nYour spring term timetable is on the portal.\nHillside Academy Office\n");
  EXPECT_TRUE(sink.events[0].attachments.empty());
}

TEST(EmailImporter, CollectsLinksFromTheHtmlAlternative) {
  const CollectingSink sink = ImportFixture("alternative.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].urls,
            std::vector<std::string>{"https://portal.hillside-academy.example.org/"
                                     "timetable?term=spring&year=2024"});
}

TEST(EmailImporter, DecodesQuotedPrintableLatin1) {
  const CollectingSink sink = ImportFixture("latin1_qp.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text,
            "I'll be at the caf\u00e9 on Otley Road at 10, I owe you \u00a320 anyway. \n"
            "Don't make me come and find you \u2013 you know I will.\n");
}

TEST(EmailImporter, ReadsRaw8BitHeadersAsWindows1252) {
  const CollectingSink sink = ImportFixture("latin1_qp.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].subject, "Caf\u00e9 tomorrow");
}

TEST(EmailImporter, DecodesBase64AttachmentBytes) {
  const CollectingSink sink = ImportFixture("attachment.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  const Event& e = sink.events[0];
  EXPECT_EQ(e.text, "Your invoice is attached.\n");
  ASSERT_EQ(e.attachments.size(), 1u);
  const Attachment& a = e.attachments[0];
  const std::string pdf =
      "%PDF-1.4\n% fake invoice for tests\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  EXPECT_EQ(a.name, "invoice.pdf");
  EXPECT_EQ(a.mime_type, "application/pdf");
  EXPECT_EQ(a.bytes, pdf);
  EXPECT_EQ(a.size, static_cast<int64_t>(pdf.size()));
  // sha256sum of the bytes above.
  EXPECT_EQ(a.sha256, "d08a27c7c90b12f5d13dd135d18bb965cc1992b0fb7171940e5da186297dec76");
}

TEST(EmailImporter, DecodesEncodedWordsInSubjectAndNames) {
  const CollectingSink sink = ImportFixture("encoded_words.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  const Event& e = sink.events[0];
  EXPECT_EQ(e.subject, "Please \U0001F64F just one coffee at the caf\u00e9");
  EXPECT_EQ(e.sender.display_name, "Jordan Blake \U0001F494");
  EXPECT_EQ(e.sender.identity.value, "jordan.blake77@example.com");
  ASSERT_EQ(e.recipients.size(), 1u);
  EXPECT_EQ(e.recipients[0].display_name, "Sam L\u00e9e");
}

TEST(EmailImporter, TurnsAnHtmlOnlyBodyIntoText) {
  const CollectingSink sink = ImportFixture("html_only.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text,
            "Spring offers\n"
            "Up to 30% off & free delivery \u2013 this week only.\n"
            "See the offers\n"
            "Unsubscribe | Help");
}

TEST(EmailImporter, CollectsHrefsOfAnHtmlOnlyBody) {
  const CollectingSink sink = ImportFixture("html_only.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].urls,
            (std::vector<std::string>{
                "https://shop.example.com/offers?utm_source=newsletter&utm_medium=email",
                "https://shop.example.com/unsubscribe?id=8812"}));
}

TEST(EmailImporter, ThreadsRepliesByTheFirstReference) {
  const CollectingSink sink = ImportFixture("thread.mbox");
  ASSERT_EQ(sink.events.size(), 5u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(sink.events[i].thread, "20240120214010.1001@mail.example.com") << "message " << i;
  }
}

TEST(EmailImporter, ThreadsByInReplyToWithoutReferences) {
  const CollectingSink sink = ImportFixture("thread.mbox");
  ASSERT_EQ(sink.events.size(), 5u);
  EXPECT_EQ(sink.events[3].thread, "c0ffee01-22@example.org");
}

TEST(EmailImporter, ThreadsBySubjectWithoutReplyPrefixesWhenThereAreNoIds) {
  const CollectingSink sink = ImportFixture("thread.mbox");
  ASSERT_EQ(sink.events.size(), 5u);
  EXPECT_EQ(sink.events[4].native_id, "");
  EXPECT_EQ(sink.events[4].thread, "Can we talk?");
}

TEST(EmailImporter, FallsBackToTheMboxFromLineForABrokenDate) {
  const CollectingSink sink = ImportFixture("broken_date.mbox");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].time.utc_ms, Utc(2024, 2, 25, 23, 58, 31));
  EXPECT_FALSE(sink.events[0].time.offset_known);
}

TEST(EmailImporter, FallsBackToTheNewestReceivedHeader) {
  const CollectingSink sink = ImportFixture("received_fallback.eml");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].time.utc_ms, Utc(2024, 2, 25, 23, 3, 10));
  EXPECT_EQ(sink.events[0].time.offset_minutes, 60);
  EXPECT_TRUE(sink.events[0].time.offset_known);
}

TEST(EmailImporter, AcceptsAnIso8601Date) {
  const CollectingSink sink = ImportText("iso.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: 2024-03-01T19:22:05+01:00\n"
                                         "\n"
                                         "x\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].time.utc_ms, Utc(2024, 3, 1, 18, 22, 5));
  EXPECT_EQ(sink.events[0].time.offset_minutes, 60);
}

TEST(EmailImporter, UsesHtmlWhenThePlainAlternativeIsEmpty) {
  const CollectingSink sink = ImportText("empty_plain.eml",
                                         "From: news@shop.example.com\n"
                                         "Date: Wed, 14 Feb 2024 10:00:00 +0000\n"
                                         "Content-Type: multipart/alternative; boundary=b\n"
                                         "\n"
                                         "--b\n"
                                         "Content-Type: text/plain\n"
                                         "\n"
                                         "\n"
                                         "--b\n"
                                         "Content-Type: text/html\n"
                                         "\n"
                                         "<p>Sale now on</p>\n"
                                         "--b--\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text, "Sale now on");
}

TEST(EmailImporter, RejectsAMessageWithoutAnyTimeNamingTheDate) {
  const CollectingSink sink = ImportFixture("no_time.eml");
  EXPECT_TRUE(sink.events.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].where.file, "no_time.eml");
  EXPECT_EQ(sink.rejections[0].where.record, "message 1 (line 1)");
  EXPECT_NE(sink.rejections[0].reason.find("\"31/02/2024 25:61\" is not a date"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST(EmailImporter, RejectsAnUnparsableMessageAndKeepsItsNeighbours) {
  const CollectingSink sink = ImportFixture("bad_neighbours.mbox");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].subject, "one");
  EXPECT_EQ(sink.events[1].subject, "three");
  EXPECT_EQ(sink.events[1].source.record, "message 3 (line 14)");
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].where.record, "message 2 (line 10)");
  EXPECT_EQ(sink.rejections[0].reason, "does not start with a header line");
}

TEST(EmailImporter, ImportsWhatATruncatedMboxHolds) {
  const CollectingSink sink = ImportFixture("truncated.mbox");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_TRUE(sink.rejections.empty());
  const Event& cut = sink.events[1];
  EXPECT_EQ(cut.text, "Look who I saw today.\n");
  ASSERT_EQ(cut.attachments.size(), 1u);
  EXPECT_EQ(cut.attachments[0].name, "gate.jpg");
  EXPECT_TRUE(cut.attachments[0].bytes.starts_with("\xFF\xD8\xFF\xE0"));
}

TEST(EmailImporter, RejectsInputThatIsNotEmail) {
  const CollectingSink sink =
      ImportText("chat.txt",
                 "[31/12/23, 23:59:07] Jordan Blake: you can't hide from me\n"
                 "[31/12/23, 23:59:30] Jordan Blake: answer\n");
  EXPECT_TRUE(sink.events.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].where.record, "message 1 (line 1)");
  EXPECT_TRUE(sink.rejections[0].reason.starts_with("not an e-mail message"))
      << sink.rejections[0].reason;
}

TEST(EmailImporter, ImportsNothingFromAnEmptyFile) {
  const CollectingSink sink = ImportText("empty.mbox", "");
  EXPECT_TRUE(sink.events.empty());
  EXPECT_TRUE(sink.rejections.empty());
}

TEST(EmailImporter, FailsOnlyWhenTheFileCannotBeRead) {
  FileSource source(kDir + "does-not-exist.mbox");
  CollectingSink sink;
  const Status status = MakeEmailImporter()->Import(source, Options(), sink);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("does-not-exist.mbox"), std::string::npos);
}

TEST(EmailImporter, ImportsAMessageWithoutFromWithAnEmptySender) {
  const CollectingSink sink = ImportText("nofrom.eml",
                                         "To: sam.lee@example.org\n"
                                         "Subject: who is this\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                                         "\n"
                                         "I know where you live.\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_TRUE(sink.events[0].sender.identity.empty());
  EXPECT_EQ(sink.events[0].sender.display_name, "");
  EXPECT_EQ(sink.events[0].text, "I know where you live.\n");
}

TEST(EmailImporter, MarksMinusZeroZoneAsUnknownOffset) {
  const CollectingSink sink = ImportText("zone.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 -0000\n"
                                         "\n"
                                         "x\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].time.utc_ms, Utc(2024, 3, 16, 2, 14, 0));
  EXPECT_FALSE(sink.events[0].time.offset_known);
}

TEST(EmailImporter, KeepsTheDateHeadersOffset) {
  const CollectingSink sink = ImportText("bst.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sun, 31 Mar 2024 10:20:00 +0100\n"
                                         "\n"
                                         "x\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].time.utc_ms, Utc(2024, 3, 31, 9, 20, 0));
  EXPECT_EQ(sink.events[0].time.offset_minutes, 60);
  EXPECT_TRUE(sink.events[0].time.offset_known);
}

TEST(EmailImporter, ListsFilesInsideAForwardedMessage) {
  const CollectingSink sink =
      ImportText("fwd.eml",
                 "From: Sam Lee <sam.lee@example.org>\n"
                 "To: helpdesk@example.org\n"
                 "Subject: Fwd: Unusual sign-in activity\n"
                 "Date: Wed, 28 Feb 2024 08:00:00 +0000\n"
                 "MIME-Version: 1.0\n"
                 "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                 "\n"
                 "--outer\n"
                 "Content-Type: text/plain\n"
                 "\n"
                 "Is this real?\n"
                 "--outer\n"
                 "Content-Type: message/rfc822\n"
                 "\n"
                 "From: \"Microsoft Account Team\" <security@rnicrosoft-support.example.net>\n"
                 "Subject: Unusual sign-in activity\n"
                 "Content-Type: multipart/mixed; boundary=\"inner\"\n"
                 "\n"
                 "--inner\n"
                 "Content-Type: text/plain\n"
                 "\n"
                 "Open the invoice.\n"
                 "--inner\n"
                 "Content-Type: application/octet-stream; name=\"invoice.pdf.exe\"\n"
                 "Content-Transfer-Encoding: base64\n"
                 "\n"
                 "TVqQAAMAAAAEAAAA\n"
                 "--inner--\n"
                 "\n"
                 "--outer--\n");
  ASSERT_EQ(sink.events.size(), 1u);
  const Event& e = sink.events[0];
  EXPECT_EQ(e.text, "Is this real?");
  ASSERT_EQ(e.attachments.size(), 2u);
  EXPECT_EQ(e.attachments[0].mime_type, "message/rfc822");
  EXPECT_NE(e.attachments[0].bytes.find("Open the invoice."), std::string::npos);
  EXPECT_EQ(e.attachments[1].name, "invoice.pdf.exe");
  EXPECT_EQ(e.attachments[1].bytes, std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0", 12));
}

TEST(EmailImporter, KeepsAMessageWhosePartHasAnUnknownCharset) {
  const CollectingSink sink = ImportText("charset.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                                         "Content-Type: text/plain; charset=x-no-such-charset\n"
                                         "\n"
                                         "caf\xe9\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text, "caf\u00e9\n");
}

TEST(EmailImporter, ReplacesInvalidUtf8InText) {
  const CollectingSink sink = ImportText("bad.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                                         "Content-Type: text/plain; charset=utf-8\n"
                                         "\n"
                                         "ok \xff\xfe end\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(sink.events[0].text));
  EXPECT_TRUE(sink.events[0].text.starts_with("ok ")) << sink.events[0].text;
}

TEST(EmailImporter, ConvertsOtherCharsetsThroughIconv) {
  // "Привет" in KOI8-R.
  const CollectingSink sink = ImportText("koi8.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                                         "Content-Type: text/plain; charset=koi8-r\n"
                                         "\n"
                                         "\xf0\xd2\xc9\xd7\xc5\xd4\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text, "\u041f\u0440\u0438\u0432\u0435\u0442\n");
}

TEST(EmailImporter, SplitsAnMboxWithCrlfLineEndings) {
  const CollectingSink sink = ImportText("windows.mbox",
                                         "From - Sat Mar 16 02:14:00 2024\r\n"
                                         "From: jordan.blake77@example.com\r\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\r\n"
                                         "\r\n"
                                         "one\r\n"
                                         "\r\n"
                                         "From - Sat Mar 16 02:15:00 2024\r\n"
                                         "From: jordan.blake77@example.com\r\n"
                                         "Date: Sat, 16 Mar 2024 02:15:00 +0000\r\n"
                                         "\r\n"
                                         "two\r\n"
                                         "\r\n");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].text, "one\n");
  EXPECT_TRUE(sink.events[0].raw.ends_with("\r\n\r\none\r\n"));
  EXPECT_EQ(sink.events[1].text, "two\n");
  EXPECT_TRUE(sink.events[1].raw.ends_with("\r\n\r\ntwo\r\n"));
}

TEST(EmailImporter, DoesNotSplitAtABodyLineStartingWithFrom) {
  const CollectingSink sink =
      ImportText("inbox.mbox",
                 "From jordan.blake77@example.com Sat Mar 16 02:14:00 2024\n"
                 "From: jordan.blake77@example.com\n"
                 "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                 "\n"
                 "Hi\n"
                 "\n"
                 "From what I hear you moved.\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text, "Hi\n\nFrom what I hear you moved.\n");
}

TEST(EmailImporter, KeepsLinesLongerThanTheReadBufferWhole) {
  const std::string body(3'000'000, 'a');
  const CollectingSink sink = ImportText("long.eml",
                                         "From: jordan.blake77@example.com\n"
                                         "Date: Sat, 16 Mar 2024 02:14:00 +0000\n"
                                         "\n" +
                                             body + "\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].text, body + "\n");
}

TEST(EmailImporter, SniffsByContent) {
  struct Case {
    std::string name;
    std::string head;
    int want;
  };
  const std::vector<Case> cases = {
      {"inbox", "From sam.lee@example.org Mon Jan 22 08:05:51 2024\nFrom: Sam\n", 95},
      {"inbox.mbox", "From sam.lee@example.org Mon Jan 22 08:05:51 2024\nFrom: Sam\n", 98},
      {"msg", "Return-Path: <a@example.com>\nFrom: a@example.com\nSubject: hi\n\nbody", 80},
      {"msg.eml", "From: a@example.com\nSubject: hi\n\nbody", 83},
      {"msg.eml", "\r\nFrom: a@example.com\r\nX-Mailer: x\r\nDate: Mon, 1 Jan 2024\r\n\r\n", 83},
      {"notes.txt", "Subject: shopping\n\nmilk", 30},
      {"notes.txt", "From here on\nmore text\n", 0},
      {"msg.eml", "{\"from\": \"a@example.com\", \"subject\": \"hi\"}\n", 0},
      {"chat.txt", "[31/12/23, 23:59:07] Jordan Blake: hi\n", 0},
      {"sms.xml", "<?xml version='1.0'?>\n<smses count=\"1\">\n", 0},
      {"msg.eml", "", 0},
      {"Subject: a", "To: b\n", 30},
  };
  const auto importer = MakeEmailImporter();
  for (const Case& c : cases) {
    EXPECT_EQ(importer->Sniff(c.name, c.head), c.want) << c.name << ": " << c.head;
  }
}

// The demo export in examples/exports/ must keep importing cleanly: the walkthrough depends on it.
TEST(EmailImporter, ImportsTheDemoInbox) {
  FileSource source(std::string(SG_SOURCE_DIR) + "/examples/exports/mail/inbox.mbox", "inbox.mbox");
  CollectingSink sink;
  ASSERT_TRUE(MakeEmailImporter()->Import(source, Options(), sink));
  EXPECT_TRUE(sink.rejections.empty());
  ASSERT_EQ(sink.events.size(), 11u);
  const Event& phishing = sink.events[6];
  EXPECT_EQ(phishing.sender.display_name, "Microsoft Account Team");
  EXPECT_EQ(phishing.urls, std::vector<std::string>{"http://198.51.100.7/login"});
  ASSERT_EQ(phishing.attachments.size(), 1u);
  EXPECT_EQ(phishing.attachments[0].name, "invoice.pdf.exe");
  EXPECT_TRUE(phishing.attachments[0].bytes.starts_with("MZ"));
}

TEST(MessageReader, FlagsMessagesOverTheLimit) {
  MemorySource source("big.mbox",
                      "From a@example.com Sat Mar 16 02:14:00 2024\n"
                      "From: a@example.com\n\n" +
                          std::string(200, 'x') +
                          "\n\n"
                          "From a@example.com Sat Mar 16 02:15:00 2024\n"
                          "From: a@example.com\n\nsmall\n");
  email_internal::MessageReader reader(source, 100);
  const auto first = reader.Next();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->oversized);
  const auto second = reader.Next();
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->oversized);
  EXPECT_EQ(second->bytes, "From: a@example.com\n\nsmall\n");
  EXPECT_EQ(second->first_line, 6);
  EXPECT_FALSE(reader.Next());
}

TEST(MessageReader, ParsesEnvelopeDatesOfCommonExporters) {
  struct Case {
    std::string line;
    int64_t want_ms;
    bool offset_known;
  };
  const std::vector<Case> cases = {
      {"From jordan@example.com Fri Mar  1 18:22:05 2024", Utc(2024, 3, 1, 18, 22, 5), false},
      {"From 1792468531848491234@xxx Wed Feb 28 10:15:31 +0000 2024", Utc(2024, 2, 28, 10, 15, 31),
       true},
      {"From - Sun Mar 31 10:20:00 2024", Utc(2024, 3, 31, 10, 20, 0), false},
      {"From a@b Sun, 31 Mar 2024 10:20:00 +0100", Utc(2024, 3, 31, 9, 20, 0), true},
  };
  for (const Case& c : cases) {
    const auto ts = email_internal::ParseEnvelopeDate(c.line);
    ASSERT_TRUE(ts) << c.line;
    EXPECT_EQ(ts->utc_ms, c.want_ms) << c.line;
    EXPECT_EQ(ts->offset_known, c.offset_known) << c.line;
  }
  EXPECT_FALSE(email_internal::ParseEnvelopeDate("From what I hear you moved."));
  EXPECT_FALSE(email_internal::ParseEnvelopeDate("From a@b Fri Feb 30 10:00:00 2024"));
}

}  // namespace
}  // namespace stalkguard::importers
