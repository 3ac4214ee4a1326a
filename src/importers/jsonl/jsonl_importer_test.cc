#include "importers/jsonl/jsonl_importer.h"

#include <gtest/gtest.h>

#include "core/timestamp.h"
#include "core/utf8.h"
#include "importers/testing/collecting_sink.h"

namespace sg = stalkguard;
namespace sgi = stalkguard::importers;

namespace {

sgi::testing::CollectingSink ImportText(const std::string& text,
                                        const std::string& name = "in.jsonl") {
  sgi::ImportOptions options;
  options.normalizer = sg::IdentityNormalizer("GB");
  sgi::MemorySource source(name, text);
  sgi::testing::CollectingSink sink;
  auto status = sgi::MakeJsonlImporter()->Import(source, options, sink);
  EXPECT_TRUE(status) << status.error().message;
  return sink;
}

}  // namespace

TEST(JsonlImporter, ReadsTheFullSchema) {
  auto sink = ImportText(
      R"({"id":"m1","time":"2024-03-01T18:22:05+00:00","platform":"sms","channel":"sms",)"
      R"("direction":"incoming","sender":{"id":"07700 900999","name":"Jordan Blake"},)"
      R"("recipients":["+447700900123"],"thread":"t1","text":"look http://198.51.100.7/login",)"
      R"("attachments":[{"name":"a.txt","mime_type":"text/plain","data_base64":"aGk="}],)"
      R"("call":{"type":"missed","duration_s":0}})"
      "\n");
  ASSERT_EQ(sink.events.size(), 1u);
  const sg::Event& e = sink.events[0];
  EXPECT_EQ(e.native_id, "m1");
  EXPECT_EQ(e.platform, "sms");
  EXPECT_EQ(e.channel, sg::Channel::kSms);
  EXPECT_EQ(e.direction, sg::Direction::kIncoming);
  EXPECT_EQ(e.sender.identity.Key(), "phone:+447700900999");
  EXPECT_EQ(e.sender.display_name, "Jordan Blake");
  ASSERT_EQ(e.recipients.size(), 1u);
  EXPECT_EQ(e.recipients[0].identity.Key(), "phone:+447700900123");
  EXPECT_EQ(sg::FormatRfc3339(e.time), "2024-03-01T18:22:05+00:00");
  EXPECT_EQ(e.urls, std::vector<std::string>{"http://198.51.100.7/login"});
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].bytes, "hi");
  EXPECT_EQ(e.attachments[0].size, 2);
  EXPECT_EQ(e.attachments[0].sha256,
            "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4");
  EXPECT_EQ(e.call_type, sg::CallType::kMissed);
  EXPECT_EQ(e.source.record, "line 1");
}

TEST(JsonlImporter, ReadsTheBenchmarkCorpusLayout) {
  auto sink = ImportText(
      R"({"id":2,"sender":"+12025550020","recipient":"+16175551287","ts":"2024-01-01T00:00:04.257Z","channel":"sms","text":"hi"})"
      "\n");
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].native_id, "2");
  EXPECT_EQ(sink.events[0].time.utc_ms, 1704067204257);
  EXPECT_FALSE(sink.events[0].time.offset_known);
  EXPECT_EQ(sink.events[0].recipients[0].identity.value, "+16175551287");
}

TEST(JsonlImporter, RejectsBadLinesAndKeepsTheRest) {
  struct Case {
    std::string line;
    std::string reason_part;
  } cases[] = {
      {R"({"time":"2024-02-31T00:00:00Z","sender":"a@b.example","text":"x"})",
       "is not an RFC 3339"},
      {R"({"sender":"a@b.example","text":"no time"})", "no \"time\""},
      {R"({"time":"2024-01-01T00:00:00Z","channel":"pigeon"})", "unknown channel"},
      {R"({"time":"2024-01-01T00:00:00Z","text":"x")", "malformed JSON"},
      {R"([1,2,3])", "not a JSON object"},
      {R"({"time":"2024-01-01T00:00:00Z","text":5})", "must be a string"},
      {R"({"time":"2024-01-01T00:00:00Z","attachments":[{"name":"a","data_base64":"*"}]})",
       "not base64"},
  };
  for (const auto& c : cases) {
    const std::string text =
        R"({"time":"2024-01-01T00:00:00Z","sender":"x@y.example","text":"ok"})"
        "\n" +
        c.line + "\n" + R"({"time":"2024-01-02T00:00:00Z","sender":"x@y.example","text":"ok2"})";
    auto sink = ImportText(text);
    EXPECT_EQ(sink.events.size(), 2u) << c.line;
    ASSERT_EQ(sink.rejections.size(), 1u) << c.line;
    EXPECT_EQ(sink.rejections[0].where.file, "in.jsonl");
    EXPECT_EQ(sink.rejections[0].where.record, "line 2");
    EXPECT_NE(sink.rejections[0].reason.find(c.reason_part), std::string::npos)
        << c.line << " -> " << sink.rejections[0].reason;
  }
}

TEST(JsonlImporter, ReplacesInvalidUtf8) {
  auto sink = ImportText(
      "{\"time\":\"2024-01-01T00:00:00Z\",\"sender\":\"a@b.example\",\"text\":\"caf\xE9\"}\n");
  // simdjson validates UTF-8 and refuses the document: the line is rejected, not garbled.
  EXPECT_EQ(sink.events.size() + sink.rejections.size(), 1u);
  for (const auto& e : sink.events) EXPECT_TRUE(sg::IsValidUtf8(e.text));
}

TEST(JsonlImporter, SniffsContentNotName) {
  auto importer = sgi::MakeJsonlImporter();
  const std::string line = R"({"ts":"2024-01-01T00:00:00Z","sender":"a","text":"b"})";
  EXPECT_GE(importer->Sniff("events.txt", line + "\n"), 80);
  EXPECT_GT(importer->Sniff("events.jsonl", line + "\n"), importer->Sniff("x", line + "\n"));
  EXPECT_EQ(importer->Sniff("events.jsonl", "hello world\n"), 0);
  EXPECT_EQ(importer->Sniff("result.json", R"({"name":"chat","messages":[]})"), 0);
}

// Addresses and names are read as views into the parser's buffer and copied only at the end
// of the line; every one of them must still hold its own text then.
TEST(JsonlImporter, KeepsEveryPartyOfALine) {
  auto sink =
      ImportText(R"({"time":"2024-03-01T18:22:05Z","platform":"whatsapp",)"
                 R"("sender":{"id":"Jordan\u0020B","name":"Jordan \"JB\" Blake"},)"
                 R"("recipients":[{"id":"sam@Example.org","name":"Sam"},"+447700900123",)"
                 R"({"name":"Al","id":"@al"}],)"
                 R"("text":"line\nbreak","sender_name":"J. Blake"})"
                 "\n"
                 R"({"time":"2024-03-01T18:22:06Z","sender":"x@y.example","id":123456789012})"
                 "\n");
  ASSERT_EQ(sink.events.size(), 2u);
  const sg::Event& e = sink.events[0];
  EXPECT_EQ(e.sender.identity.Key(), "handle:whatsapp:jordan b");
  EXPECT_EQ(e.sender.display_name, "J. Blake");
  ASSERT_EQ(e.recipients.size(), 3u);
  EXPECT_EQ(e.recipients[0].identity.Key(), "email:sam@example.org");
  EXPECT_EQ(e.recipients[0].display_name, "Sam");
  EXPECT_EQ(e.recipients[1].identity.Key(), "phone:+447700900123");
  EXPECT_EQ(e.recipients[1].display_name, "");
  EXPECT_EQ(e.recipients[2].identity.Key(), "handle:whatsapp:al");
  EXPECT_EQ(e.recipients[2].display_name, "Al");
  EXPECT_EQ(e.text, "line\nbreak");
  EXPECT_EQ(e.source.record, "line 1");
  EXPECT_EQ(e.raw.front(), '{');
  EXPECT_EQ(e.raw.back(), '}');
  const sg::Event& next = sink.events[1];
  EXPECT_EQ(next.native_id, "123456789012");
  EXPECT_EQ(next.platform, "chat");
  EXPECT_TRUE(next.recipients.empty());
  EXPECT_TRUE(next.sender.display_name.empty());
  EXPECT_EQ(next.source.record, "line 2");
}
