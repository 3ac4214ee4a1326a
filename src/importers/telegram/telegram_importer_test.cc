#include "importers/telegram/telegram_importer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "importers/testing/collecting_sink.h"

namespace stalkguard::importers {
namespace {

using testing::CollectingSink;

ImportOptions LondonOptions() {
  ImportOptions options;
  options.zone = *TimeZone::Named("Europe/London");
  options.normalizer = IdentityNormalizer("GB");
  return options;
}

struct Imported {
  Status status;
  CollectingSink sink;
};

Imported ImportText(std::string json, std::string name = "result.json") {
  MemorySource source(std::move(name), std::move(json));
  Imported out;
  out.status = MakeTelegramImporter()->Import(source, LondonOptions(), out.sink);
  return out;
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(SG_FIXTURES) + "/telegram/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << "missing fixture " << name;
  return bytes.str();
}

Imported ImportFixture(const std::string& name) {
  return ImportText(Fixture(name), "telegram/" + name);
}

// A single-chat export around `messages` (a JSON array body).
std::string Chat(const std::string& type, const std::string& messages) {
  return R"({"name": "Hillside Y11", "type": ")" + type + R"(", "id": 4400777, "messages": [)" +
         messages + "]}";
}

// A full export of Sam's account holding one chat.
std::string FullExport(const std::string& chat) {
  return R"({"about": "Here is the data you requested.",
    "personal_information": {"user_id": 5550123, "first_name": "Sam", "last_name": "Lee",
                             "phone_number": "+44 7700 900123", "username": "@samlee"},
    "chats": {"about": "", "list": [)" +
         chat + "]}}";
}

const Event* FindByNativeId(const std::vector<Event>& events, const std::string& id) {
  for (const Event& e : events) {
    if (e.native_id == id) return &e;
  }
  ADD_FAILURE() << "no event with native id " << id;
  return nullptr;
}

TEST(TelegramImporter, ImportsSingleChatExport) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_TRUE(got.status) << got.status.error().message;
  EXPECT_TRUE(got.sink.rejections.empty());
  ASSERT_EQ(got.sink.events.size(), 10u);
  const Event& first = got.sink.events[0];
  EXPECT_EQ(first.platform, "telegram");
  EXPECT_EQ(first.channel, Channel::kChat);
  EXPECT_EQ(first.sender.identity.Key(), "handle:telegram:user5550999");
  EXPECT_EQ(first.sender.display_name, "Jordan Blake");
  EXPECT_EQ(first.thread, "Jordan Blake");
  EXPECT_EQ(first.text, "hey, can we talk?");
  EXPECT_EQ(first.native_id, "5550999:1");
  EXPECT_EQ(first.source.file, "telegram/single_chat.json");
  EXPECT_EQ(first.source.record, "messages[0]");
  EXPECT_TRUE(first.id.empty());
  EXPECT_NE(first.raw.find(R"("text":"hey, can we talk?")"), std::string::npos) << first.raw;
}

TEST(TelegramImporter, InfersOwnerFromPersonalChatPeer) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 2u);
  const Event& from_jordan = got.sink.events[0];
  const Event& from_sam = got.sink.events[1];
  EXPECT_EQ(from_jordan.direction, Direction::kIncoming);
  ASSERT_EQ(from_jordan.recipients.size(), 1u);
  EXPECT_EQ(from_jordan.recipients[0].identity.value, "telegram:user5550123");
  EXPECT_EQ(from_sam.direction, Direction::kOutgoing);
  ASSERT_EQ(from_sam.recipients.size(), 1u);
  EXPECT_EQ(from_sam.recipients[0].identity.value, "telegram:user5550999");
  EXPECT_EQ(from_sam.recipients[0].display_name, "Jordan Blake");
}

TEST(TelegramImporter, ImportsEveryChatOfFullExport) {
  const Imported got = ImportFixture("full_export.json");
  ASSERT_TRUE(got.status) << got.status.error().message;
  EXPECT_TRUE(got.sink.rejections.empty());
  // 4 personal + 6 group + 1 left chat; the contact list is not made into events.
  ASSERT_EQ(got.sink.events.size(), 11u);
  EXPECT_EQ(got.sink.events[0].source.record, "chats.list[0].messages[0]");
  EXPECT_EQ(got.sink.events[6].source.record, "chats.list[1].messages[2]");
  EXPECT_EQ(got.sink.events[10].source.record, "left_chats.list[0].messages[0]");
  EXPECT_EQ(got.sink.events[10].thread, "Year 11 friends");
}

TEST(TelegramImporter, MarksOwnerMessagesOutgoing) {
  const Imported got = ImportFixture("full_export.json");
  const Event* jordan = FindByNativeId(got.sink.events, "5550999:101");
  const Event* sam = FindByNativeId(got.sink.events, "5550999:102");
  ASSERT_TRUE(jordan && sam);
  EXPECT_EQ(jordan->direction, Direction::kIncoming);
  ASSERT_EQ(jordan->recipients.size(), 1u);
  EXPECT_EQ(jordan->recipients[0].identity.value, "telegram:user5550123");
  EXPECT_EQ(jordan->recipients[0].display_name, "Sam Lee");
  EXPECT_EQ(sam->direction, Direction::kOutgoing);
  EXPECT_EQ(sam->text, "Please stop messaging me.");
}

TEST(TelegramImporter, GroupMessagesReachTheOwnerAsIncoming) {
  const Imported got = ImportFixture("full_export.json");
  const Event* casey = FindByNativeId(got.sink.events, "4400777:3");
  const Event* sam = FindByNativeId(got.sink.events, "4400777:6");
  ASSERT_TRUE(casey && sam);
  EXPECT_EQ(casey->thread, "Hillside Y11");
  EXPECT_EQ(casey->sender.display_name, "Casey Morgan");
  EXPECT_EQ(casey->direction, Direction::kIncoming);
  EXPECT_TRUE(casey->recipients.empty());
  EXPECT_EQ(sam->direction, Direction::kOutgoing);
}

TEST(TelegramImporter, PublicGroupMessagesArePublic) {
  const Imported got = ImportText(FullExport(
      R"({"name": "Leeds Buses", "type": "public_supergroup", "id": 77, "messages": [
        {"id": 9, "type": "message", "date": "2024-02-01T08:00:00", "date_unixtime": "1706774400",
         "from": "Riley Shaw", "from_id": "user5550666", "text": "the 19 is late again"}]})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].direction, Direction::kPublic);
}

TEST(TelegramImporter, LeavesDirectionUnknownWithoutOwner) {
  const Imported got = ImportText(Chat("private_group", R"(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Casey Morgan", "from_id": "user5550444", "text": "everyone knows"})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].direction, Direction::kUnknown);
  EXPECT_TRUE(got.sink.events[0].recipients.empty());
}

TEST(TelegramImporter, KeepsPlainStringTextAndItsUrls) {
  const Imported got = ImportText(Chat("private_group", R"(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Casey Morgan", "from_id": "user5550444",
       "text": "pics here: https://example.org/sam."})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].text, "pics here: https://example.org/sam.");
  EXPECT_EQ(got.sink.events[0].urls, std::vector<std::string>{"https://example.org/sam"});
}

TEST(TelegramImporter, ConcatenatesEntityTextAndCollectsLinks) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 3u);
  const Event& e = got.sink.events[2];
  EXPECT_EQ(e.text, "look https://example.com/x now here");
  EXPECT_EQ(e.urls,
            (std::vector<std::string>{"https://example.com/x", "http://198.51.100.7/login"}));
}

TEST(TelegramImporter, ReadsTextEntitiesWhenTextIsMissing) {
  const Imported got = ImportText(Chat("private_group", R"(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Casey Morgan", "from_id": "user5550444",
       "text_entities": [{"type": "plain", "text": "see "},
                         {"type": "link", "text": "bit.ly/x1"}]})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].text, "see bit.ly/x1");
  EXPECT_EQ(got.sink.events[0].urls, std::vector<std::string>{"bit.ly/x1"});
}

TEST(TelegramImporter, KeepsOffsetBetweenDateAndUnixtime) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_EQ(got.sink.events.size(), 10u);
  const Timestamp winter = got.sink.events[0].time;  // 2024-01-14T20:01:12 in London
  EXPECT_EQ(winter.utc_ms, 1705262472000);
  EXPECT_TRUE(winter.offset_known);
  EXPECT_EQ(winter.offset_minutes, 0);
  const Timestamp summer = got.sink.events[9].time;  // 2024-03-31T19:05:00 BST
  EXPECT_EQ(summer.utc_ms, 1711908300000);
  EXPECT_TRUE(summer.offset_known);
  EXPECT_EQ(summer.offset_minutes, 60);
}

TEST(TelegramImporter, ReadsOldExportDatesInChosenZone) {
  const Imported got = ImportFixture("old_export.json");
  ASSERT_TRUE(got.status) << got.status.error().message;
  ASSERT_EQ(got.sink.events.size(), 2u);
  // 00:30 on 31 March is before the clocks go forward; 19:05 is after.
  EXPECT_EQ(got.sink.events[0].time.utc_ms, 1711845000000);
  EXPECT_EQ(got.sink.events[0].time.offset_minutes, 0);
  EXPECT_EQ(got.sink.events[1].time.utc_ms, 1711908300000);
  EXPECT_EQ(got.sink.events[1].time.offset_minutes, 60);
  EXPECT_TRUE(got.sink.events[1].time.offset_known);
  // Old exports wrote numeric sender ids.
  EXPECT_EQ(got.sink.events[0].sender.identity.value, "telegram:user5550999");
}

TEST(TelegramImporter, MapsMissedCallToCallEvent) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 5u);
  const Event& call = got.sink.events[4];
  EXPECT_EQ(call.channel, Channel::kCall);
  EXPECT_EQ(call.call_type, CallType::kMissed);
  EXPECT_EQ(call.call_duration_s, 0);
  EXPECT_EQ(call.sender.display_name, "Jordan Blake");
  EXPECT_EQ(call.direction, Direction::kIncoming);
  EXPECT_TRUE(call.text.empty());
}

TEST(TelegramImporter, MapsAnsweredCallByDirection) {
  const Imported got = ImportText(FullExport(
      R"({"name": "Jordan Blake", "type": "personal_chat", "id": 5550999, "messages": [
        {"id": 1, "type": "service", "date": "2024-02-03T07:46:00", "date_unixtime": "1706946360",
         "actor": "Jordan Blake", "actor_id": "user5550999", "action": "phone_call",
         "duration_seconds": 35, "discard_reason": "hangup", "text": ""},
        {"id": 2, "type": "service", "date": "2024-02-03T07:50:00", "date_unixtime": "1706946600",
         "actor": "Sam Lee", "actor_id": "user5550123", "action": "phone_call",
         "discard_reason": "missed", "text": ""}]})"));
  ASSERT_EQ(got.sink.events.size(), 2u);
  EXPECT_EQ(got.sink.events[0].call_type, CallType::kIncoming);
  EXPECT_EQ(got.sink.events[0].call_duration_s, 35);
  // Sam's own call that Jordan did not pick up is an outgoing call, not a missed one.
  EXPECT_EQ(got.sink.events[1].call_type, CallType::kOutgoing);
  EXPECT_EQ(got.sink.events[1].call_duration_s, 0);
}

TEST(TelegramImporter, MakesPhotoAttachment) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 4u);
  const Event& e = got.sink.events[3];
  EXPECT_EQ(e.text, "I know you were at the Mill Lane bus stop at 8");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].name, "photo_1@15-01-2024_08-02-44.jpg");
  EXPECT_EQ(e.attachments[0].uri, "photos/photo_1@15-01-2024_08-02-44.jpg");
  EXPECT_EQ(e.attachments[0].mime_type, "image/jpeg");
  EXPECT_EQ(e.attachments[0].size, -1);
  EXPECT_TRUE(e.attachments[0].bytes.empty());
}

TEST(TelegramImporter, MakesFileAttachmentWithDeclaredMimeType) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 8u);
  ASSERT_EQ(got.sink.events[6].attachments.size(), 1u);
  EXPECT_EQ(got.sink.events[6].attachments[0].name, "report.pdf");
  EXPECT_EQ(got.sink.events[6].attachments[0].uri, "files/report.pdf");
  EXPECT_EQ(got.sink.events[6].attachments[0].mime_type, "application/pdf");
  ASSERT_EQ(got.sink.events[7].attachments.size(), 1u);
  EXPECT_EQ(got.sink.events[7].attachments[0].mime_type, "audio/ogg");
}

TEST(TelegramImporter, KeepsAttachmentLeftOutOfTheExport) {
  const Imported got = ImportText(Chat("private_group", R"js(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Casey Morgan", "from_id": "user5550444",
       "file": "(File not included. Change data exporting settings to download.)",
       "file_name": "sam_party.MP4", "file_size": 5242880, "text": ""})js"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  ASSERT_EQ(got.sink.events[0].attachments.size(), 1u);
  const Attachment& a = got.sink.events[0].attachments[0];
  EXPECT_EQ(a.name, "sam_party.MP4");
  EXPECT_TRUE(a.uri.empty());
  EXPECT_EQ(a.mime_type, "video/mp4");
  EXPECT_EQ(a.size, 5242880);
}

TEST(TelegramImporter, ReadsReactionsWithWhoReacted) {
  const Imported got = ImportFixture("single_chat.json");
  ASSERT_GE(got.sink.events.size(), 2u);
  ASSERT_EQ(got.sink.events[1].reactions.size(), 1u);
  EXPECT_EQ(got.sink.events[1].reactions[0].actor, "Jordan Blake");
  EXPECT_EQ(got.sink.events[1].reactions[0].emoji, "\xF0\x9F\x98\xA1");  // 😡
}

TEST(TelegramImporter, DescribesServiceActionsAsSystemEvents) {
  const Imported got = ImportFixture("full_export.json");
  const Event* created = FindByNativeId(got.sink.events, "4400777:1");
  const Event* invited = FindByNativeId(got.sink.events, "4400777:5");
  ASSERT_TRUE(created && invited);
  EXPECT_EQ(created->channel, Channel::kSystem);
  EXPECT_EQ(created->text,
            "Alex Kim created the group \"Hillside Y11\" with Alex Kim, Sam Lee, Casey Morgan");
  EXPECT_EQ(invited->text, "Casey Morgan added Jordan Blake");
  EXPECT_EQ(invited->sender.identity.value, "telegram:user5550444");
}

TEST(TelegramImporter, WritesOutSharedLocations) {
  const Imported got = ImportText(Chat("personal_chat", R"(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Jordan Blake", "from_id": "user5550999",
       "location_information": {"latitude": 53.8008, "longitude": -1.5491},
       "live_location_period_seconds": 900, "text": ""})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].text, "Live location: 53.80080, -1.54910");
}

struct BadMessageCase {
  std::string message;
  std::string reason;
};

TEST(TelegramImporter, RejectsBadMessageAndImportsTheRest) {
  const std::string good = R"({"id": 1, "type": "message", "date": "2024-02-05T19:31:44",
      "date_unixtime": "1707161504", "from": "Casey Morgan", "from_id": "user5550444",
      "text": "ok"})";
  const BadMessageCase cases[] = {
      {R"({"id": 2, "type": "message", "from": "Casey Morgan", "text": "no date"})",
       "message has no \"date\""},
      {R"({"id": 2, "type": "message", "date": "2024-02-30T10:00:00", "text": "x"})",
       "\"date\" \"2024-02-30T10:00:00\" is not a date"},
      {R"({"id": 2, "type": "message", "date": "yesterday", "text": "x"})",
       "\"date\" \"yesterday\" is not a date"},
      {R"({"id": 2, "type": "message", "date": "2024-02-05T19:31:44",
           "date_unixtime": "soon", "text": "x"})",
       "\"date_unixtime\" \"soon\" is not a Unix time"},
      {R"(42)", "message is a number, not a JSON object"},
      {R"(["hi"])", "message is an array, not a JSON object"},
      {R"({"id": 2, "type": "unsupported"})", "Telegram could not export this message"},
      {R"({"id": 2, "type": "sticker_set", "date": "2024-02-05T19:31:44"})",
       "unknown message type \"sticker_set\""},
  };
  for (const BadMessageCase& c : cases) {
    const Imported got = ImportText(Chat("private_group", good + "," + c.message + "," + good));
    ASSERT_TRUE(got.status) << c.message;
    EXPECT_EQ(got.sink.events.size(), 2u) << c.message;
    ASSERT_EQ(got.sink.rejections.size(), 1u) << c.message;
    EXPECT_EQ(got.sink.rejections[0].where.file, "result.json");
    EXPECT_EQ(got.sink.rejections[0].where.record, "messages[1]") << c.message;
    EXPECT_NE(got.sink.rejections[0].reason.find(c.reason), std::string::npos)
        << c.message << " gave: " << got.sink.rejections[0].reason;
  }
}

TEST(TelegramImporter, RejectsChatWithoutMessageList) {
  const Imported got = ImportText(FullExport(R"({"name": "Broken", "type": "private_group"},
      {"name": "Fine", "type": "private_group", "id": 8, "messages": [
        {"id": 1, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
         "from": "Alex Kim", "from_id": "user5550555", "text": "hi"}]})"));
  ASSERT_TRUE(got.status);
  EXPECT_EQ(got.sink.events.size(), 1u);
  ASSERT_EQ(got.sink.rejections.size(), 1u);
  EXPECT_EQ(got.sink.rejections[0].where.record, "chats.list[0]");
  EXPECT_EQ(got.sink.rejections[0].reason, "chat \"Broken\" has no \"messages\" list");
}

TEST(TelegramImporter, FailsOnTruncatedJsonNamingFileAndOffset) {
  std::string json = Fixture("single_chat.json");
  json.resize(1500);
  const size_t lines = static_cast<size_t>(std::count(json.begin(), json.end(), '\n'));
  const Imported got = ImportText(json, "export/result.json");
  ASSERT_FALSE(got.status);
  EXPECT_EQ(got.status.error().code, ErrorCode::kInvalidInput);
  const std::string& message = got.status.error().message;
  EXPECT_EQ(message.rfind("export/result.json: not valid JSON at byte 1500 (line " +
                              std::to_string(lines + 1) + ",",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("unexpected end of input"), std::string::npos) << message;
}

TEST(TelegramImporter, FailsOnJsonThatIsNotAnExport) {
  const Imported array = ImportText("[1, 2]");
  ASSERT_FALSE(array.status);
  EXPECT_EQ(array.status.error().message,
            "result.json: not a Telegram export: the document is an array, not an object");
  const Imported other = ImportText(R"({"participants": []})");
  ASSERT_FALSE(other.status);
  EXPECT_NE(other.status.error().message.find("no \"messages\" or \"chats\""), std::string::npos);
}

TEST(TelegramImporter, RepairsHexEscapesTelegramWrites) {
  // Telegram Desktop writes a vertical tab as "\x0B", which is not JSON.
  const Imported got = ImportText(Chat("private_group", R"(
      {"id": 3, "type": "message", "date": "2024-02-05T19:31:44", "date_unixtime": "1707161504",
       "from": "Casey Morgan", "from_id": "user5550444", "text": "line\x0Bbreak \\x41"})"));
  ASSERT_TRUE(got.status) << got.status.error().message;
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].text, "line\vbreak \\x41");
}

TEST(TelegramImporter, ReportsOffsetInOriginalFileAfterRepair) {
  const Imported got = ImportText(R"({"messages": ["\x0B\x0B", })");
  ASSERT_FALSE(got.status);
  // The stray "}" is byte 26 of the file, before the escapes were rewritten.
  EXPECT_NE(got.status.error().message.find("at byte 26 (line 1, column 27)"), std::string::npos)
      << got.status.error().message;
}

struct SniffCase {
  std::string name;
  std::string head;
  int min;
  int max;
};

TEST(TelegramImporter, SniffsTelegramExportsFromContent) {
  // Telegram's message shape without any of the fields only Telegram writes.
  const std::string kUnmarked = R"({"name": "Jordan Blake", "type": "personal_chat", "messages": [
      {"id": 1, "type": "message", "date": "2024-01-14T20:01:12", "from": "Jordan Blake",
       "text": "hey"}]})";
  const SniffCase cases[] = {
      {"result.json", Fixture("single_chat.json"), 95, 95},
      {"result.json", Fixture("full_export.json"), 95, 95},
      {"chat.json", Fixture("old_export.json"), 95, 95},
      {"chat.json", kUnmarked, 50, 50},
      {"export/result.json", kUnmarked, 60, 60},
      {"message_1.json",
       R"({"participants": [{"name": "Jordan Blake"}], "messages": [{"sender_name": "Jordan Blake",
           "timestamp_ms": 1709317325000, "content": "hi", "type": "Generic"}]})",
       0, 0},
      {"result.json", "[1, 2, 3]", 0, 0},
      {"result.json", "hello there", 0, 0},
      {"result.json", "", 0, 0},
  };
  const auto importer = MakeTelegramImporter();
  for (const SniffCase& c : cases) {
    const int score = importer->Sniff(c.name, c.head);
    EXPECT_GE(score, c.min) << c.name << ": " << c.head.substr(0, 80);
    EXPECT_LE(score, c.max) << c.name << ": " << c.head.substr(0, 80);
  }
  EXPECT_EQ(importer->Name(), "telegram");
}

}  // namespace
}  // namespace stalkguard::importers
