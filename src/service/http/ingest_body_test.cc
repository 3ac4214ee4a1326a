// The shapes an ingest body may take, and what a bad event or a bad body gives.
#include "service/http/ingest_body.h"

#include <gtest/gtest.h>

namespace sv = stalkguard::service;

namespace {

const std::string kOne =
    R"({"time":"2024-03-01T22:10:00Z","platform":"sms","sender":{"id":"+447700900999"},"text":"hi"})";
const std::string kTwo =
    R"({"time":"2024-03-01T22:11:00Z","platform":"sms","sender":{"id":"+447700900999"},"text":"yo"})";

sv::IngestBody Parse(const std::string& body, const std::string& type = "application/json") {
  auto parsed =
      sv::ParseIngestBody(body, type, "api request 1", stalkguard::importers::ImportOptions());
  EXPECT_TRUE(parsed) << parsed.error().message;
  return parsed ? std::move(*parsed) : sv::IngestBody{};
}

}  // namespace

TEST(IngestBody, OneEventAnArrayAnObjectOfEventsAndJsonLines) {
  EXPECT_EQ(Parse(kOne).events.size(), 1u);
  EXPECT_EQ(Parse("[" + kOne + "," + kTwo + "]").events.size(), 2u);
  EXPECT_EQ(Parse("{\"events\": [" + kOne + "," + kTwo + "]}").events.size(), 2u);
  const sv::IngestBody lines = Parse(kOne + "\n" + kTwo + "\n", "application/x-ndjson");
  ASSERT_EQ(lines.events.size(), 2u);
  EXPECT_EQ(lines.events[1].text, "yo");
  EXPECT_EQ(lines.events[1].source.file, "api request 1");
  EXPECT_EQ(lines.events[1].source.record, "line 2");
  EXPECT_EQ(lines.positions, (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(Parse("[]").events.empty());
}

TEST(IngestBody, BadEventsAreNamedByPositionAndTheRestKept) {
  const sv::IngestBody body = Parse("[" + kOne + ", {\"text\": \"no time\"}, 7, " + kTwo + "]");
  EXPECT_EQ(body.total, 4);
  ASSERT_EQ(body.events.size(), 2u);
  EXPECT_EQ(body.positions, (std::vector<int64_t>{1, 4}));
  ASSERT_EQ(body.rejections.size(), 2u);
  EXPECT_EQ(body.rejections[0].index, 2);
  EXPECT_EQ(body.rejections[1].index, 3);
  EXPECT_FALSE(body.rejections[0].reason.empty());
}

TEST(IngestBody, ABodyOfNoAcceptedShapeIsAnError) {
  for (const std::string body : {"{not json", "\"text\"", "42", "{\"events\": 3}"}) {
    auto parsed = sv::ParseIngestBody(body, "application/json", "api",
                                      stalkguard::importers::ImportOptions());
    EXPECT_FALSE(parsed) << body;
  }
}
