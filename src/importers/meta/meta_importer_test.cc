#include "importers/meta/meta_importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "importers/testing/collecting_sink.h"

namespace stalkguard::importers {
namespace {

using testing::CollectingSink;

const std::string kInstagramThread =
    "your_instagram_activity/messages/inbox/jordanblake_1234/message_1.json";
const std::string kFacebookThread =
    "your_facebook_activity/messages/inbox/zoefrancois_10158342/message_1.json";

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

Imported ImportText(std::string json, std::string name = "message_1.json") {
  MemorySource source(std::move(name), std::move(json));
  Imported out;
  out.status = MakeMetaImporter()->Import(source, LondonOptions(), out.sink);
  return out;
}

std::string Fixture(const std::string& path) {
  std::ifstream in(std::string(SG_FIXTURES) + "/meta/" + path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << "missing fixture " << path;
  return bytes.str();
}

Imported ImportFixture(const std::string& path) { return ImportText(Fixture(path), path); }

// A thread file around `messages` (a JSON array body).
std::string Thread(const std::string& messages) {
  return R"({"participants": [{"name": "Jordan Blake"}, {"name": "Sam Lee"}], "messages": [)" +
         messages + R"(], "title": "Jordan Blake", "thread_path": "inbox/jordanblake_1234"})";
}

struct RepairCase {
  std::string in;
  std::string out;
};

TEST(RepairMojibake, RepairsUtf8WrittenAsLatin1) {
  const RepairCase cases[] = {
      // U+1F621 as its four UTF-8 bytes, each written as a character.
      {"I saw you today \u00f0\u009f\u0098\u00a1", "I saw you today \U0001F621"},
      {"Jos\u00c3\u00a9 \u00c3\u0081lvarez", "Jos\u00e9 \u00c1lvarez"},        // José Álvarez
      {"\u00e2\u009d\u00a4", "\u2764"},                                        // ❤
      {"S\u00d0\u00b0m L\u00d0\u00b5\u00d0\u00b5", "S\u0430m L\u0435\u0435"},  // Cyrillic а, е
      {"plain ascii", "plain ascii"},
      {"", ""},
      // Already proper text stays as it is.
      {"caf\u00e9", "caf\u00e9"},                              // é alone is not a UTF-8 sequence
      {"S\u0430m L\u0435\u0435", "S\u0430m L\u0435\u0435"},    // characters above U+00FF
      {"\u00c3", "\u00c3"},                                    // a lead byte with nothing after it
      {"\U0001F621 \u00c3\u00a9", "\U0001F621 \u00c3\u00a9"},  // mixed: not mojibake
  };
  for (const RepairCase& c : cases) EXPECT_EQ(RepairMojibake(c.in), c.out) << c.in;
}

TEST(RepairMojibake, ReplacesInvalidUtf8) {
  EXPECT_EQ(RepairMojibake("ok \xFF"), "ok \xEF\xBF\xBD");
}

TEST(MetaImporter, ImportsInstagramThread) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_TRUE(got.status) << got.status.error().message;
  EXPECT_TRUE(got.sink.rejections.empty());
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[0];
  EXPECT_EQ(e.platform, "instagram");
  EXPECT_EQ(e.channel, Channel::kChat);
  EXPECT_EQ(e.direction, Direction::kUnknown);
  EXPECT_EQ(e.sender.identity.Key(), "handle:instagram:jordan blake");
  EXPECT_EQ(e.sender.display_name, "Jordan Blake");
  ASSERT_EQ(e.recipients.size(), 1u);
  EXPECT_EQ(e.recipients[0].display_name, "Sam Lee");
  EXPECT_EQ(e.thread, "Jordan Blake (inbox/jordanblake_1234)");
  EXPECT_EQ(e.text, "you can't hide from me \U0001F621");
  EXPECT_EQ(e.source.file, kInstagramThread);
  EXPECT_EQ(e.source.record, "messages[0]");
  EXPECT_TRUE(e.native_id.empty());
  EXPECT_NE(e.raw.find("\"timestamp_ms\":1709367340000"), std::string::npos) << e.raw;
}

TEST(MetaImporter, KeepsEachMessagesTimeInNewestFirstFile) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  EXPECT_EQ(got.sink.events[0].time.utc_ms, 1709367340000);  // 2024-03-02T08:15:40Z
  EXPECT_EQ(got.sink.events[6].time.utc_ms, 1704542409000);  // 2024-01-06T12:00:09Z
  EXPECT_FALSE(got.sink.events[0].time.offset_known);
  for (size_t i = 1; i < got.sink.events.size(); ++i) {
    EXPECT_LT(got.sink.events[i].time.utc_ms, got.sink.events[i - 1].time.utc_ms) << i;
    EXPECT_EQ(got.sink.events[i].source.record, "messages[" + std::to_string(i) + "]");
  }
}

TEST(MetaImporter, RepairsTextAndReactions) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[6];
  EXPECT_EQ(e.text, "Zo\u00eb's caf\u00e9 at 8? \U0001F60A");
  ASSERT_EQ(e.reactions.size(), 1u);
  EXPECT_EQ(e.reactions[0].actor, "Sam Lee");
  EXPECT_EQ(e.reactions[0].emoji, "\u2764");
}

TEST(MetaImporter, RepairsAccentedNames) {
  const Imported got = ImportFixture(kFacebookThread);
  ASSERT_EQ(got.sink.events.size(), 2u);
  const Event& e = got.sink.events[1];
  EXPECT_EQ(e.sender.display_name, "Zo\u00eb Fran\u00e7ois");
  EXPECT_EQ(e.sender.identity.value, "facebook:zo\u00eb fran\u00e7ois");
  EXPECT_EQ(e.thread, "Zo\u00eb Fran\u00e7ois (inbox/zoefrancois_10158342)");
  EXPECT_EQ(e.text, "see you at the caf\u00e9, Sam");
}

TEST(MetaImporter, MakesAttachmentsFromPhotos) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[1];
  EXPECT_TRUE(e.text.empty());
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].name, "431178923_1820458_n.jpg");
  EXPECT_EQ(e.attachments[0].uri,
            "your_instagram_activity/messages/inbox/jordanblake_1234/photos/"
            "431178923_1820458_n.jpg");
  EXPECT_EQ(e.attachments[0].mime_type, "image/jpeg");
}

TEST(MetaImporter, MakesAttachmentsFromEveryMediaList) {
  const Imported got = ImportText(Thread(R"(
      {"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000,
       "videos": [{"uri": "inbox/j/videos/clip.mp4"}], "audio_files": [{"uri": "inbox/j/audio/v.m4a"}],
       "files": [{"uri": "inbox/j/files/invoice.pdf.exe"}], "gifs": [{"uri": "inbox/j/gifs/g"}],
       "sticker": {"uri": "inbox/j/stickers/s.png"}})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  std::vector<std::string> types;
  for (const Attachment& a : got.sink.events[0].attachments) types.push_back(a.mime_type);
  EXPECT_EQ(types, (std::vector<std::string>{"video/mp4", "audio/mp4",
                                             "application/vnd.microsoft.portable-executable",
                                             "image/gif", "image/png"}));
}

TEST(MetaImporter, TakesShareLinkAndShareText) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[4];
  EXPECT_EQ(e.text, "Mill Lane bus stop this morning");
  EXPECT_EQ(e.urls, std::vector<std::string>{"https://www.instagram.com/p/C3xYz12AbCd/"});
}

TEST(MetaImporter, KeepsContentOverShareText) {
  const Imported got = ImportText(Thread(R"(
      {"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000,
       "content": "look at this https://example.com/a",
       "share": {"link": "https://example.com/b", "share_text": "not used"}})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].text, "look at this https://example.com/a");
  EXPECT_EQ(got.sink.events[0].urls,
            (std::vector<std::string>{"https://example.com/a", "https://example.com/b"}));
}

struct PlatformCase {
  std::string file;
  std::string thread_path;
  std::string extra;
  std::string platform;
};

TEST(MetaImporter, TakesPlatformFromPath) {
  const PlatformCase cases[] = {
      {"your_instagram_activity/messages/inbox/a_1/message_1.json", "inbox/a_1", "", "instagram"},
      {"messages/inbox/a_1/message_1.json", "inbox/a_1", R"(, "is_geoblocked_for_viewer": false)",
       "instagram"},
      {"your_activity_across_facebook/messages/inbox/a_1/message_1.json", "inbox/a_1",
       R"(, "is_geoblocked_for_viewer": false)", "facebook"},
      {"export.zip!/messenger/inbox/a_1/message_1.json", "", "", "facebook"},
      {"message_1.json", "instagram/inbox/a_1", "", "instagram"},
      {"message_1.json", "inbox/a_1", "", "meta"},
  };
  for (const PlatformCase& c : cases) {
    const Imported got = ImportText(
        R"({"participants": [{"name": "Jordan Blake"}], "thread_path": ")" + c.thread_path +
            R"(", "messages": [{"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000,
            "content": "hi")" +
            c.extra + "}]}",
        c.file);
    ASSERT_EQ(got.sink.events.size(), 1u) << c.file;
    EXPECT_EQ(got.sink.events[0].platform, c.platform) << c.file << " " << c.thread_path;
    EXPECT_EQ(got.sink.events[0].sender.identity.value, c.platform + ":jordan blake");
  }
}

TEST(MetaImporter, KeepsUnsentMessage) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[3];
  EXPECT_EQ(e.channel, Channel::kChat);
  EXPECT_TRUE(e.text.empty());
  EXPECT_EQ(e.sender.display_name, "Jordan Blake");
  EXPECT_NE(e.raw.find("\"is_unsent\":true"), std::string::npos);
}

TEST(MetaImporter, MapsMissedCallToCallEvent) {
  const Imported got = ImportFixture(kInstagramThread);
  ASSERT_EQ(got.sink.events.size(), 7u);
  const Event& e = got.sink.events[2];
  EXPECT_EQ(e.channel, Channel::kCall);
  EXPECT_EQ(e.call_type, CallType::kMissed);
  EXPECT_EQ(e.call_duration_s, 0);
}

TEST(MetaImporter, MapsOldFacebookCallType) {
  const Imported got = ImportFixture(kFacebookThread);
  ASSERT_EQ(got.sink.events.size(), 2u);
  EXPECT_EQ(got.sink.events[0].channel, Channel::kCall);
  EXPECT_EQ(got.sink.events[0].call_type, CallType::kMissed);
  EXPECT_EQ(got.sink.events[1].channel, Channel::kChat);
}

TEST(MetaImporter, KeepsAnsweredCallWithoutType) {
  const Imported got = ImportText(Thread(R"(
      {"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000,
       "content": "The video chat ended.", "call_duration": 312})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].channel, Channel::kCall);
  EXPECT_EQ(got.sink.events[0].call_type, CallType::kNone);
  EXPECT_EQ(got.sink.events[0].call_duration_s, 312);
}

TEST(MetaImporter, DoesNotTakeChatAboutCallsForCalls) {
  const Imported got = ImportText(Thread(R"(
      {"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000,
       "content": "I missed you, call me"})"));
  ASSERT_EQ(got.sink.events.size(), 1u);
  EXPECT_EQ(got.sink.events[0].channel, Channel::kChat);
  EXPECT_EQ(got.sink.events[0].call_type, CallType::kNone);
}

struct BadMessageCase {
  std::string message;
  std::string reason;
};

TEST(MetaImporter, RejectsBadMessageAndImportsTheRest) {
  const std::string good =
      R"({"sender_name": "Jordan Blake", "timestamp_ms": 1709317325000, "content": "answer me"})";
  const BadMessageCase cases[] = {
      {R"({"sender_name": "Jordan Blake", "content": "no time"})",
       "message has no \"timestamp_ms\""},
      {R"({"sender_name": "Jordan Blake", "timestamp_ms": "yesterday"})",
       "\"timestamp_ms\" \"yesterday\" is not a time in milliseconds"},
      {R"({"sender_name": "Jordan Blake", "timestamp_ms": 1.5e12})",
       "\"timestamp_ms\" 1500000000000.0 is not a time in milliseconds"},
      {R"({"sender_name": "Jordan Blake", "timestamp_ms": -5})",
       "\"timestamp_ms\" -5 is not a time in milliseconds"},
      {R"("hello")", "message is a string, not a JSON object"},
      {R"(null)", "message is null, not a JSON object"},
  };
  for (const BadMessageCase& c : cases) {
    const Imported got = ImportText(Thread(good + "," + c.message + "," + good));
    ASSERT_TRUE(got.status) << c.message;
    EXPECT_EQ(got.sink.events.size(), 2u) << c.message;
    ASSERT_EQ(got.sink.rejections.size(), 1u) << c.message;
    EXPECT_EQ(got.sink.rejections[0].where.file, "message_1.json");
    EXPECT_EQ(got.sink.rejections[0].where.record, "messages[1]");
    EXPECT_EQ(got.sink.rejections[0].reason, c.reason) << c.message;
  }
}

TEST(MetaImporter, FailsOnTruncatedJsonNamingFileAndOffset) {
  std::string json = Fixture(kInstagramThread);
  json.resize(700);
  const Imported got = ImportText(json, kInstagramThread);
  ASSERT_FALSE(got.status);
  EXPECT_EQ(got.status.error().code, ErrorCode::kInvalidInput);
  const std::string& message = got.status.error().message;
  // The file now ends inside the string "timestamp_ms".
  EXPECT_EQ(
      message.rfind(kInstagramThread + ": not valid JSON at byte 700 (line 30, column 18): ", 0),
      0u)
      << message;
  EXPECT_NE(message.find("missing closing quote"), std::string::npos) << message;
}

TEST(MetaImporter, FailsOnFileWithoutMessages) {
  const Imported got = ImportText(R"({"participants": [], "title": "x"})");
  ASSERT_FALSE(got.status);
  EXPECT_EQ(got.status.error().message,
            "message_1.json: not a Meta messages file: no \"messages\" list");
  const Imported array = ImportText("[]");
  ASSERT_FALSE(array.status);
  EXPECT_EQ(array.status.error().message,
            "message_1.json: not a Meta messages file: the document is an array, not an object");
}

struct SniffCase {
  std::string name;
  std::string head;
  int score;
};

TEST(MetaImporter, SniffsThreadFilesFromContent) {
  const SniffCase cases[] = {
      {"message_1.json", Fixture(kInstagramThread), 95},
      {"whatever.json", Fixture(kFacebookThread), 95},
      {"message_3.json", R"({"participants": [{"name": "A"}], "messages": []})", 60},
      {"thread.json", R"({"participants": [{"name": "A"}], "messages": []})", 40},
      {"result.json",
       R"({"name": "Jordan Blake", "type": "personal_chat", "messages": [{"id": 1,
           "type": "message", "date": "2024-01-14T20:01:12", "from_id": "user5550999"}]})",
       0},
      {"message_1.json", "[]", 0},
      {"message_1.json", "", 0},
  };
  const auto importer = MakeMetaImporter();
  for (const SniffCase& c : cases) {
    EXPECT_EQ(importer->Sniff(c.name, c.head), c.score) << c.name << ": " << c.head.substr(0, 80);
  }
  EXPECT_EQ(importer->Name(), "meta");
}

}  // namespace
}  // namespace stalkguard::importers
