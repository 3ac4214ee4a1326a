#include <gtest/gtest.h>

#include "importers/internal/json_error.h"
#include "importers/internal/media_type.h"

namespace sgi = stalkguard::importers;

TEST(MimeTypeForName, ReadsTheExtensionCaseBlind) {
  EXPECT_EQ(sgi::MimeTypeForName("IMG-20240301-WA0001.JPG"), "image/jpeg");
  EXPECT_EQ(sgi::MimeTypeForName("invoice.pdf.exe"),
            "application/vnd.microsoft.portable-executable");
  EXPECT_EQ(sgi::MimeTypeForName("notes"), "application/octet-stream");
  EXPECT_EQ(sgi::MimeTypeForName("x.unknownext", "image/*"), "image/*");
}

TEST(LastPathComponent, SplitsOnEitherSlash) {
  EXPECT_EQ(sgi::LastPathComponent("a/b/c.jpg"), "c.jpg");
  EXPECT_EQ(sgi::LastPathComponent("a\\c.jpg"), "c.jpg");
  EXPECT_EQ(sgi::LastPathComponent("c.jpg"), "c.jpg");
}

TEST(DescribeJsonError, NamesLineAndColumn) {
  const std::string doc = "{\n  \"a\": 1,\n  \"b\": }\n";
  const std::string message = sgi::DescribeJsonError("x.json", doc, doc, "TAPE_ERROR");
  EXPECT_NE(message.find("x.json: not valid JSON at byte"), std::string::npos) << message;
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
}

TEST(DescribeJsonError, MapsRewrittenOffsetsBack) {
  // The parser saw "\u000B" where the file had "\x0B": two bytes longer, once, before the error.
  const std::string original = "{\"t\": \"a\\x0Bb\",\n!";
  const std::string parsed = "{\"t\": \"a\\u000Bb\",\n!";
  const std::string message = sgi::DescribeJsonError("r.json", original, parsed, "x", {8}, 2);
  EXPECT_NE(message.find("at byte 16 (line 2, column 1)"), std::string::npos) << message;
}
