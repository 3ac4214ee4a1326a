#include "importers/sms_xml/internal/text_repair.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace sx = stalkguard::importers::sms_xml;

namespace {

// U+1F600 as Android writes it, "&#55357;&#56832;", once an XML parser has decoded each half.
constexpr std::string_view kHigh = "\xED\xA0\xBD";  // U+D83D
constexpr std::string_view kLow = "\xED\xB8\x80";   // U+DE00
constexpr std::string_view kGrinning = "\xF0\x9F\x98\x80";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

TEST(CleanText, KeepsValidUtf8AsItIs) {
  for (const std::string_view s : {"", "hello", "caf\xC3\xA9", "\xF0\x9F\x98\x80 ok"}) {
    EXPECT_EQ(sx::CleanText(s), s);
  }
}

TEST(CleanText, JoinsASurrogatePairIntoOneCharacter) {
  EXPECT_EQ(sx::CleanText(Cat({kHigh, kLow})), kGrinning);
  EXPECT_EQ(sx::CleanText(Cat({"I know where you live ", kHigh, kLow, "!"})),
            Cat({"I know where you live ", kGrinning, "!"}));
  EXPECT_EQ(sx::CleanText(Cat({kHigh, kLow, kHigh, kLow})), Cat({kGrinning, kGrinning}));
  // U+10FFFF, the last code point: DBFF DFFF.
  EXPECT_EQ(sx::CleanText("\xED\xAF\xBF\xED\xBF\xBF"), "\xF4\x8F\xBF\xBF");
}

TEST(CleanText, ReplacesEachLoneSurrogate) {
  struct Case {
    std::string in;
    std::string want;
  };
  const Case kCases[] = {
      {Cat({"a", kHigh, "b"}), Cat({"a", kReplacement, "b"})},
      {Cat({"a", kLow, "b"}), Cat({"a", kReplacement, "b"})},
      {Cat({kHigh}), Cat({kReplacement})},
      {Cat({kLow, kHigh}), Cat({kReplacement, kReplacement})},
      {Cat({kHigh, kHigh, kLow}), Cat({kReplacement, kGrinning})},
      {Cat({kHigh, "x", kLow}), Cat({kReplacement, "x", kReplacement})},
  };
  for (const Case& c : kCases)
    EXPECT_EQ(sx::CleanText(c.in), c.want) << testing::PrintToString(c.in);
}

TEST(CleanText, ReplacesOtherInvalidBytes) {
  EXPECT_EQ(sx::CleanText("caf\xE9"), Cat({"caf", kReplacement}));
  EXPECT_EQ(sx::CleanText(Cat({"\xE9 ", kHigh, kLow})), Cat({kReplacement, " ", kGrinning}));
}

TEST(Quote, QuotesAShortValueWhole) {
  EXPECT_EQ(sx::Quote("yesterday"), "\"yesterday\"");
  EXPECT_EQ(sx::Quote(""), "\"\"");
}

TEST(Quote, CutsALongValueAfterFortyBytes) {
  const std::string forty(40, 'x');
  EXPECT_EQ(sx::Quote(forty), "\"" + forty + "\"");
  EXPECT_EQ(sx::Quote(forty + "y"), "\"" + forty + "...\"");
}

TEST(Quote, MakesTheValueValidUtf8) {
  EXPECT_EQ(sx::Quote(Cat({kHigh, kLow})), Cat({"\"", kGrinning, "\""}));
  // A cut through a character leaves a broken sequence, which becomes U+FFFD.
  EXPECT_EQ(sx::Quote(std::string(39, 'x') + "\xC3\xA9"),
            "\"" + std::string(39, 'x') + std::string(kReplacement) + "...\"");
}

}  // namespace
