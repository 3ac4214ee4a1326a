#include "importers/whatsapp/whatsapp_importer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/time_zone.h"
#include "core/timestamp.h"
#include "core/utf8.h"
#include "importers/source.h"
#include "importers/testing/collecting_sink.h"

namespace sg = stalkguard;
namespace sgi = stalkguard::importers;

namespace {

using sgi::DateOrder;
using sgi::testing::CollectingSink;

const std::string kLrm = "\u200e";
const std::string kNarrowNbsp = "\u202f";

sgi::ImportOptions LondonOptions(DateOrder order = DateOrder::kAuto) {
  sgi::ImportOptions options;
  options.zone = *sg::TimeZone::Named("Europe/London");
  options.normalizer = sg::IdentityNormalizer("GB");
  options.date_order = order;
  return options;
}

CollectingSink ImportText(const std::string& text, DateOrder order = DateOrder::kAuto,
                          const std::string& name = "WhatsApp Chat with Jordan Blake.txt") {
  sgi::MemorySource source(name, text);
  CollectingSink sink;
  auto status = sgi::MakeWhatsAppImporter()->Import(source, LondonOptions(order), sink);
  EXPECT_TRUE(status) << status.error().message;
  return sink;
}

CollectingSink ImportFixture(const std::string& file, DateOrder order = DateOrder::kAuto) {
  sgi::FileSource source(std::string(SG_FIXTURES) + "/whatsapp/" + file, "whatsapp/" + file);
  CollectingSink sink;
  auto status = sgi::MakeWhatsAppImporter()->Import(source, LondonOptions(order), sink);
  EXPECT_TRUE(status) << status.error().message;
  return sink;
}

std::string Local(const sg::Event& event) { return sg::FormatRfc3339(event.time); }

TEST(WhatsAppImporter, ReadsEveryLayout) {
  struct Case {
    std::string line;
    std::string time;
  };
  const std::vector<Case> cases = {
      {"31/12/2023, 23:59 - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"12/31/23, 11:59 PM - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"12/31/23, 11:59" + kNarrowNbsp + "PM - Jordan Blake: answer me",
       "2023-12-31T23:59:00+00:00"},
      {"12/31/23, 11:59 pm - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"12/31/23, 12:05 am - Jordan Blake: answer me", "2023-12-31T00:05:00+00:00"},
      {"31/12/23, 11:59 p. m. - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"31/12/23, 9:15 a. m. - Jordan Blake: answer me", "2023-12-31T09:15:00+00:00"},
      {"31/12/23, 11:59\u00a0p.\u00a0m. - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"31.12.23, 23:59 - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"2023-12-31, 23:59 - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"31/12/2023 23:59 - Jordan Blake: answer me", "2023-12-31T23:59:00+00:00"},
      {"[31/12/2023, 23:59:07] Jordan Blake: answer me", "2023-12-31T23:59:07+00:00"},
      {"[12/31/23, 11:59:07 PM] Jordan Blake: answer me", "2023-12-31T23:59:07+00:00"},
      {kLrm + "[31/12/2023, 23:59:07] Jordan Blake: answer me", "2023-12-31T23:59:07+00:00"},
      {"[31.12.23, 23:59:07] Jordan Blake: answer me", "2023-12-31T23:59:07+00:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    CollectingSink sink = ImportText(c.line + "\n");
    ASSERT_EQ(sink.events.size(), 1u);
    ASSERT_TRUE(sink.rejections.empty()) << sink.rejections[0].reason;
    const sg::Event& e = sink.events[0];
    EXPECT_EQ(e.platform, "whatsapp");
    EXPECT_EQ(e.channel, sg::Channel::kChat);
    EXPECT_EQ(e.sender.display_name, "Jordan Blake");
    EXPECT_EQ(e.text, "answer me");
    EXPECT_EQ(Local(e), c.time);
  }
}

TEST(WhatsAppImporter, RecordsTheZoneOffsetOfEachMessage) {
  CollectingSink sink = ImportText(
      "01/01/2024, 18:30 - Jordan Blake: winter\n"
      "01/07/2024, 18:30 - Jordan Blake: summer\n");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].time.offset_minutes, 0);
  EXPECT_EQ(sink.events[1].time.offset_minutes, 60);
  EXPECT_TRUE(sink.events[1].time.offset_known);
  EXPECT_EQ(sink.events[1].time.utc_ms, sg::CivilToUnixMs({2024, 7, 1, 17, 30, 0}));
  EXPECT_EQ(Local(sink.events[1]), "2024-07-01T18:30:00+01:00");
}

TEST(WhatsAppImporter, ReadsDayFirstWhenAFirstFieldPassesTwelve) {
  CollectingSink sink = ImportText(
      "03/04/2024, 10:00 - Jordan Blake: one\n"
      "13/04/2024, 10:00 - Jordan Blake: two\n");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(Local(sink.events[0]), "2024-04-03T10:00:00+01:00");
}

TEST(WhatsAppImporter, ReadsMonthFirstWhenASecondFieldPassesTwelve) {
  CollectingSink sink = ImportText(
      "03/04/24, 10:00 AM - Jordan Blake: one\n"
      "03/14/24, 10:00 AM - Jordan Blake: two\n");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(Local(sink.events[0]), "2024-03-04T10:00:00+00:00");
}

TEST(WhatsAppImporter, ReadsAnAmbiguousFileDayFirstByDefault) {
  CollectingSink sink = ImportFixture("ambiguous.txt");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(Local(sink.events[0]), "2024-02-01T10:00:00+00:00");
  EXPECT_EQ(Local(sink.events[1]), "2024-04-03T11:00:00+01:00");
}

TEST(WhatsAppImporter, ReadsAnAmbiguousFileInTheForcedOrder) {
  struct Case {
    DateOrder order;
    std::string first;
  };
  const std::vector<Case> cases = {
      {DateOrder::kDayFirst, "2024-02-01T10:00:00+00:00"},
      {DateOrder::kMonthFirst, "2024-01-02T10:00:00+00:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.order));
    CollectingSink sink = ImportFixture("ambiguous.txt", c.order);
    ASSERT_EQ(sink.events.size(), 2u);
    EXPECT_EQ(Local(sink.events[0]), c.first);
  }
}

TEST(WhatsAppImporter, PrefersTheFilesOwnDatesToTheForcedOrder) {
  CollectingSink sink = ImportText(
      "03/04/2024, 10:00 - Jordan Blake: one\n"
      "13/04/2024, 10:00 - Jordan Blake: two\n",
      DateOrder::kMonthFirst);
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(Local(sink.events[0]), "2024-04-03T10:00:00+01:00");
}

TEST(WhatsAppImporter, ReadsFourDigitFirstFieldsAsYears) {
  CollectingSink sink =
      ImportText("2024-02-01, 10:00 - Jordan Blake: one\n", DateOrder::kMonthFirst);
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(Local(sink.events[0]), "2024-02-01T10:00:00+00:00");
}

TEST(WhatsAppImporter, ReadsTwoDigitYearsAsThisCentury) {
  CollectingSink sink = ImportText("31/12/09, 10:00 - Jordan Blake: one\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(Local(sink.events[0]), "2009-12-31T10:00:00+00:00");
}

TEST(WhatsAppImporter, JoinsContinuationLines) {
  CollectingSink sink = ImportFixture("android-24h-dmy.txt");
  ASSERT_GE(sink.events.size(), 4u);
  const sg::Event& e = sink.events[3];
  EXPECT_EQ(e.text, "why are you ignoring me\ncan we talk\nplease");
  EXPECT_EQ(e.raw,
            "02/02/2024, 23:41 - Jordan Blake: why are you ignoring me\ncan we talk\nplease");
  EXPECT_EQ(e.source.record, "line 4");
}

TEST(WhatsAppImporter, KeepsCarriageReturnsOutOfText) {
  CollectingSink sink = ImportFixture("german.txt");
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[0].text, "Frohes neues Jahr");
  EXPECT_EQ(sink.events[2].text, "zwei\nZeilen");
  EXPECT_EQ(sink.events[2].raw, "14.01.24, 10:00 - Jordan Blake: zwei\r\nZeilen");
}

TEST(WhatsAppImporter, SkipsAByteOrderMark) {
  CollectingSink sink = ImportFixture("german.txt");
  ASSERT_FALSE(sink.events.empty());
  EXPECT_TRUE(sink.rejections.empty());
  EXPECT_EQ(sink.events[0].sender.display_name, "Jordan Blake");
  EXPECT_EQ(sink.events[0].source.record, "line 1");
  EXPECT_EQ(Local(sink.events[0]), "2023-12-31T23:59:00+00:00");
}

TEST(WhatsAppImporter, ImportsAndroidSystemLinesWithoutSender) {
  CollectingSink sink = ImportFixture("android-24h-dmy.txt");
  ASSERT_EQ(sink.events.size(), 10u);
  const sg::Event& first = sink.events[0];
  EXPECT_EQ(first.channel, sg::Channel::kSystem);
  EXPECT_TRUE(first.sender.identity.empty());
  EXPECT_TRUE(first.sender.display_name.empty());
  EXPECT_EQ(first.text.rfind("Messages and calls are end-to-end encrypted.", 0), 0u);
  const sg::Event& blocked = sink.events.back();
  EXPECT_EQ(blocked.channel, sg::Channel::kSystem);
  EXPECT_TRUE(blocked.sender.display_name.empty());
  EXPECT_EQ(blocked.text, "You blocked this contact. Tap to unblock.");
}

TEST(WhatsAppImporter, ImportsIosSystemLinesWithoutTheChatNameAsSender) {
  CollectingSink sink = ImportFixture("ios.txt");
  ASSERT_EQ(sink.events.size(), 8u);
  for (size_t i : {size_t{0}, size_t{7}}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(sink.events[i].channel, sg::Channel::kSystem);
    EXPECT_TRUE(sink.events[i].sender.display_name.empty());
  }
  EXPECT_EQ(sink.events[7].text, "You blocked this contact.");
  EXPECT_EQ(sink.events[1].channel, sg::Channel::kChat);
}

TEST(WhatsAppImporter, TreatsAQuotedColonAsPartOfASystemLine) {
  CollectingSink sink =
      ImportText("01/02/2024, 10:00 - Alex Kim changed the subject to \"Plans: Friday\"\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].channel, sg::Channel::kSystem);
  EXPECT_EQ(sink.events[0].text, "Alex Kim changed the subject to \"Plans: Friday\"");
}

TEST(WhatsAppImporter, TurnsEachMediaMarkerIntoAnAttachment) {
  struct Case {
    std::string text;
    std::string name;
    std::string mime_type;
  };
  const std::vector<Case> cases = {
      {"<Media omitted>", "", "application/octet-stream"},
      {"<Médias omis>", "", "application/octet-stream"},
      {"<Medien ausgeschlossen>", "", "application/octet-stream"},
      {"<Multimedia omitido>", "", "application/octet-stream"},
      {"<Mídia oculta>", "", "application/octet-stream"},
      {"<Media weggelaten>", "", "application/octet-stream"},
      {"<Media omessi>", "", "application/octet-stream"},
      {kLrm + "image omitted", "", "image/*"},
      {kLrm + "video omitted", "", "video/*"},
      {kLrm + "audio omitted", "", "audio/*"},
      {kLrm + "sticker omitted", "", "image/webp"},
      {kLrm + "GIF omitted", "", "image/gif"},
      {kLrm + "document omitted", "", "application/octet-stream"},
      {kLrm + "Contact card omitted", "", "text/vcard"},
      {"Report.pdf \u2022 3 pages " + kLrm + "document omitted", "Report.pdf", "application/pdf"},
      {"IMG-20240301-WA0001.jpg (file attached)", "IMG-20240301-WA0001.jpg", "image/jpeg"},
      {"PTT-20240301-WA0002.opus (file attached)", "PTT-20240301-WA0002.opus", "audio/ogg"},
      {"update.apk (Datei angehängt)", "update.apk", "application/vnd.android.package-archive"},
      {kLrm + "<attached: 00000012-PHOTO-2024-03-01-18-22-05.jpg>",
       "00000012-PHOTO-2024-03-01-18-22-05.jpg", "image/jpeg"},
      {kLrm + "<attached: 00000013-VIDEO-2024-03-01-18-25-00.mp4>",
       "00000013-VIDEO-2024-03-01-18-25-00.mp4", "video/mp4"},
  };
  for (const Case& c : cases) {
    for (const std::string& layout : {std::string("01/03/2024, 18:22 - Jordan Blake: "),
                                      std::string("[01/03/2024, 18:22:05] Jordan Blake: ")}) {
      SCOPED_TRACE(layout + c.text);
      CollectingSink sink = ImportText(layout + c.text + "\n");
      ASSERT_EQ(sink.events.size(), 1u);
      const sg::Event& e = sink.events[0];
      EXPECT_EQ(e.channel, sg::Channel::kChat);
      EXPECT_EQ(e.sender.display_name, "Jordan Blake");
      EXPECT_EQ(e.text, "");
      ASSERT_EQ(e.attachments.size(), 1u);
      EXPECT_EQ(e.attachments[0].name, c.name);
      EXPECT_EQ(e.attachments[0].uri, c.name);
      EXPECT_EQ(e.attachments[0].mime_type, c.mime_type);
    }
  }
}

TEST(WhatsAppImporter, KeepsTheCaptionOfAnAttachedFile) {
  CollectingSink sink = ImportFixture("android-24h-dmy.txt");
  ASSERT_GE(sink.events.size(), 6u);
  const sg::Event& e = sink.events[5];
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].name, "IMG-20240203-WA0004.jpg");
  EXPECT_EQ(e.text, "look what I found");
}

TEST(WhatsAppImporter, KeepsDeletedAndEditedNotesAsText) {
  const std::vector<std::string> texts = {
      "This message was deleted",
      "ok fine <This message was edited>",
      kLrm + "This message was deleted.",
      kLrm + "You deleted this message.",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    CollectingSink sink = ImportText("[01/03/2024, 18:22:05] Jordan Blake: " + text + "\n");
    ASSERT_EQ(sink.events.size(), 1u);
    EXPECT_EQ(sink.events[0].channel, sg::Channel::kChat);
    EXPECT_EQ(sink.events[0].sender.display_name, "Jordan Blake");
    EXPECT_EQ(sink.events[0].text, sg::SanitizeUtf8(text.substr(text.rfind(kLrm, 0) == 0 ? 3 : 0)));
    EXPECT_TRUE(sink.events[0].attachments.empty());
  }
}

TEST(WhatsAppImporter, ImportsIosMissedCallsAsCallsFromTheSender) {
  CollectingSink sink = ImportFixture("ios.txt");
  ASSERT_EQ(sink.events.size(), 8u);
  const sg::Event& call = sink.events[6];
  EXPECT_EQ(call.channel, sg::Channel::kCall);
  EXPECT_EQ(call.call_type, sg::CallType::kMissed);
  EXPECT_EQ(call.sender.display_name, "Jordan Blake");
}

TEST(WhatsAppImporter, KeepsTypedCallWordsAsChat) {
  CollectingSink sink =
      ImportText("01/03/2024, 23:59 - Jordan Blake: Missed voice call from you?\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].channel, sg::Channel::kChat);
  EXPECT_EQ(sink.events[0].call_type, sg::CallType::kNone);
}

TEST(WhatsAppImporter, DropsBlankLinesAroundAMessage) {
  CollectingSink sink = ImportText(
      "01/03/2024, 10:00 - Jordan Blake:\n"
      "first line\n"
      "\n"
      "after a gap\n"
      "\n"
      "\n"
      "01/03/2024, 10:01 - Jordan Blake: next\n");
  ASSERT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sink.events[0].text, "first line\n\nafter a gap");
  EXPECT_EQ(sink.events[0].raw, "01/03/2024, 10:00 - Jordan Blake:\nfirst line\n\nafter a gap");
}

TEST(WhatsAppImporter, NormalisesPhoneNumberSenders) {
  CollectingSink sink = ImportFixture("ios.txt");
  ASSERT_EQ(sink.events.size(), 8u);
  const sg::Party& sender = sink.events[4].sender;
  EXPECT_EQ(sender.display_name, "+44 7700 900999");
  EXPECT_EQ(sender.identity.kind, sg::IdentityKind::kPhone);
  EXPECT_EQ(sender.identity.value, "+447700900999");
}

TEST(WhatsAppImporter, NamesSendersAsWhatsAppHandles) {
  CollectingSink sink = ImportText("31/12/2023, 23:59 - Jordan  Blake: hi\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].sender.identity.kind, sg::IdentityKind::kHandle);
  EXPECT_EQ(sink.events[0].sender.identity.value, "whatsapp:jordan blake");
  EXPECT_EQ(sink.events[0].sender.display_name, "Jordan  Blake");
}

TEST(WhatsAppImporter, RejectsLinesBeforeTheFirstMessage) {
  CollectingSink sink = ImportFixture("broken.txt");
  ASSERT_GE(sink.rejections.size(), 2u);
  EXPECT_EQ(sink.rejections[0].where.file, "whatsapp/broken.txt");
  EXPECT_EQ(sink.rejections[0].where.record, "line 1");
  EXPECT_EQ(sink.rejections[0].reason,
            "\"Export notes written by hand\" does not start with a WhatsApp date and time");
  EXPECT_EQ(sink.rejections[1].where.record, "line 2");
}

TEST(WhatsAppImporter, RejectsAnImpossibleDateByName) {
  CollectingSink sink = ImportFixture("broken.txt");
  ASSERT_EQ(sink.rejections.size(), 4u);
  EXPECT_EQ(sink.rejections[2].where.record, "line 5");
  EXPECT_EQ(sink.rejections[2].reason, "\"31/02/2024\" is not a date");
}

TEST(WhatsAppImporter, RejectsAnImpossibleTimeByName) {
  CollectingSink sink = ImportFixture("broken.txt");
  ASSERT_EQ(sink.rejections.size(), 4u);
  EXPECT_EQ(sink.rejections[3].where.record, "line 7");
  EXPECT_EQ(sink.rejections[3].reason, "\"25:61\" is not a time");
}

TEST(WhatsAppImporter, ImportsTheRestAroundBadRecords) {
  CollectingSink sink = ImportFixture("broken.txt");
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[0].source.record, "line 4");
  EXPECT_EQ(sink.events[0].text, "first good");  // the rejected message keeps its own lines
  EXPECT_EQ(sink.events[1].source.record, "line 8");
  EXPECT_EQ(sink.events[2].source.record, "line 9");
  EXPECT_EQ(sink.events[2].text, "last good");
}

TEST(WhatsAppImporter, SanitizesInvalidUtf8) {
  CollectingSink sink = ImportFixture("broken.txt");
  ASSERT_EQ(sink.events.size(), 3u);
  const sg::Event& e = sink.events[1];
  EXPECT_TRUE(sg::IsValidUtf8(e.text));
  EXPECT_EQ(e.text, "bad bytes \uFFFD\uFFFD here");
  EXPECT_NE(e.raw.find("\xff\xfe"), std::string::npos);  // raw keeps the exact bytes
}

TEST(WhatsAppImporter, RejectsEveryLineOfOtherText) {
  sgi::MemorySource source("notes.txt", "Dear Sam,\n\nsee you on Friday.\n");
  CollectingSink sink;
  auto status = sgi::MakeWhatsAppImporter()->Import(source, LondonOptions(), sink);
  ASSERT_TRUE(status);
  EXPECT_TRUE(sink.events.empty());
  ASSERT_EQ(sink.rejections.size(), 2u);
  EXPECT_EQ(sink.rejections[1].where.record, "line 3");
}

TEST(WhatsAppImporter, ImportsNothingFromAnEmptyFile) {
  CollectingSink sink = ImportText("");
  EXPECT_TRUE(sink.events.empty());
  EXPECT_TRUE(sink.rejections.empty());
}

TEST(WhatsAppImporter, FailsOnlyWhenTheSourceCannotBeRead) {
  sgi::FileSource source("/nonexistent/WhatsApp Chat with Nobody.txt");
  CollectingSink sink;
  auto status = sgi::MakeWhatsAppImporter()->Import(source, LondonOptions(), sink);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("/nonexistent/"), std::string::npos);
}

TEST(WhatsAppImporter, NamesTheThreadAfterTheChat) {
  struct Case {
    std::string source_name;
    std::string text;
    std::string thread;
  };
  const std::string android = "01/02/2024, 10:00 - Jordan Blake: hi\n";
  const std::string ios_group =
      "[01/02/2024, 10:00:00] Year 11 friends: " + kLrm + "Alex Kim created this group\n";
  const std::vector<Case> cases = {
      {"WhatsApp Chat with Jordan Blake.txt", android, "Jordan Blake"},
      {"exports/WhatsApp Chat with Jordan Blake (1).txt", android, "Jordan Blake"},
      {"WhatsApp Chat mit Jordan Blake.txt", android, "Jordan Blake"},
      {"exports/WhatsApp Chat - Jordan Blake.zip!/_chat.txt", ios_group, "Jordan Blake"},
      {"exports/WhatsApp Chat - Year 11 friends/_chat.txt", ios_group, "Year 11 friends"},
      {"examples/whatsapp-friends/_chat.txt", ios_group, "Year 11 friends"},
      {"archive.zip!/_chat.txt", ios_group, "Year 11 friends"},
      {"exports/chat.txt", android, "chat.txt"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source_name);
    CollectingSink sink = ImportText(c.text, DateOrder::kAuto, c.source_name);
    ASSERT_EQ(sink.events.size(), 1u);
    EXPECT_EQ(sink.events[0].thread, c.thread);
    EXPECT_EQ(sink.events[0].source.file, c.source_name);
  }
}

TEST(WhatsAppImporter, KeepsTheExactLinesAsRaw) {
  CollectingSink sink = ImportFixture("ios.txt");
  ASSERT_EQ(sink.events.size(), 8u);
  EXPECT_EQ(sink.events[3].raw, kLrm + "[01/03/2024, 18:22:40] Jordan Blake: " + kLrm +
                                    "<attached: 00000012-PHOTO-2024-03-01-18-22-05.jpg>");
  EXPECT_EQ(sink.events[3].source.record, "line 4");
  EXPECT_EQ(sink.events[3].source.file, "whatsapp/ios.txt");
}

TEST(WhatsAppImporter, ExtractsUrlsFromText) {
  CollectingSink sink = ImportFixture("android-24h-dmy.txt");
  ASSERT_EQ(sink.events.size(), 10u);
  EXPECT_EQ(sink.events[8].urls, std::vector<std::string>{"https://example.org/us"});
  EXPECT_EQ(Local(sink.events[8]), "2024-03-31T23:10:00+01:00");
}

TEST(WhatsAppImporter, LeavesIdAndDirectionToThePipeline) {
  CollectingSink sink = ImportFixture("android-12h-mdy.txt");
  ASSERT_EQ(sink.events.size(), 4u);
  for (const sg::Event& e : sink.events) {
    EXPECT_TRUE(e.id.empty());
    EXPECT_EQ(e.direction, sg::Direction::kUnknown);
  }
  EXPECT_EQ(Local(sink.events[1]), "2024-01-13T09:05:00+00:00");
  EXPECT_EQ(Local(sink.events[2]), "2024-01-13T00:00:00+00:00");
}

TEST(WhatsAppImporter, SniffRecognisesEachLayout) {
  const std::vector<std::string> heads = {
      "31/12/2023, 23:59 - Jordan Blake: text\n",
      "12/31/23, 11:59" + kNarrowNbsp + "PM - Jordan Blake: text\n",
      "31.12.23, 23:59 - Name: text\n",
      "2023-12-31, 23:59 - Name: text\n",
      kLrm + "[31/12/2023, 23:59:07] Jordan Blake: text\n",
      "[12/31/23, 11:59:07 PM] Name: text\n",
      "\xEF\xBB\xBF\r\n31/12/2023, 23:59 - Messages and calls are end-to-end encrypted.\r\n",
      "note\n\nmore\n31/12/2023, 23:59 - Jordan Blake: text",
  };
  const auto importer = sgi::MakeWhatsAppImporter();
  for (const std::string& head : heads) {
    SCOPED_TRACE(head);
    EXPECT_EQ(importer->Sniff("chat.txt", head), 90);
  }
}

TEST(WhatsAppImporter, SniffRefusesOtherContent) {
  const std::vector<std::string> heads = {
      "",
      "Dear Sam,\nsee you on Friday.\n",
      "{\"name\": \"Jordan Blake\", \"messages\": []}\n",
      "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"1\">\n",
      "From jordan@example.org Sat Jan 13 10:00:00 2024\n",
      "99/99/2023, 23:59 - Jordan Blake: text\n",
      "31/12/2023, 25:00 - Jordan Blake: text\n",
      "a\nb\nc\nd\ne\n31/12/2023, 23:59 - Jordan Blake: text\n",
  };
  const auto importer = sgi::MakeWhatsAppImporter();
  for (const std::string& head : heads) {
    SCOPED_TRACE(head);
    EXPECT_EQ(importer->Sniff("WhatsApp Chat with Jordan Blake.txt", head), 0);
  }
}

TEST(WhatsAppImporter, ImportsTheExamplesCleanly) {
  for (const char* path : {"/examples/exports/WhatsApp Chat with Jordan Blake.txt",
                           "/examples/exports/whatsapp-friends/_chat.txt"}) {
    SCOPED_TRACE(path);
    sgi::FileSource source(std::string(SG_SOURCE_DIR) + path);
    CollectingSink sink;
    ASSERT_TRUE(sgi::MakeWhatsAppImporter()->Import(source, LondonOptions(), sink));
    EXPECT_GE(sink.events.size(), 20u);
    EXPECT_TRUE(sink.rejections.empty()) << sink.rejections[0].reason;
  }
}

}  // namespace
