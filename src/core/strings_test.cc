#include "core/strings.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace sg = stalkguard;

namespace {

TEST(TrimAscii, RemovesAsciiWhitespaceAtBothEnds) {
  struct Case {
    std::string_view in;
    std::string_view want;
  };
  const Case kCases[] = {
      {"", ""},
      {" \t\n\v\f\r", ""},
      {"abc", "abc"},
      {"  abc\r\n", "abc"},
      {"\va b\f", "a b"},
      {" a \t b ", "a \t b"},
      // U+00A0 and U+3000 are not ASCII white space.
      {"\xC2\xA0x\xE3\x80\x80", "\xC2\xA0x\xE3\x80\x80"},
  };
  for (const Case& c : kCases) EXPECT_EQ(sg::TrimAscii(c.in), c.want) << '"' << c.in << '"';
}

TEST(TrimAscii, RemovesOnlyTheGivenCharacters) {
  EXPECT_EQ(sg::TrimAscii("\t a \r\n", " \t"), "a \r\n");
  EXPECT_EQ(sg::TrimAscii("\va\v", " \t\r\n\f"), "\va\v");
  EXPECT_EQ(sg::TrimAscii("--a-b--", "-"), "a-b");
  EXPECT_EQ(sg::TrimAscii("abc", ""), "abc");
}

TEST(TrimAscii, ReturnsAViewOfTheInput) {
  const std::string_view in = "  abc  ";
  const std::string_view out = sg::TrimAscii(in);
  EXPECT_EQ(out.data(), in.data() + 2);
  EXPECT_EQ(out.size(), 3u);
}

TEST(AsciiLower, LowersOnlyAsciiLetters) {
  EXPECT_EQ(sg::AsciiLower("Image/JPEG; Name=\"X.JPG\""), "image/jpeg; name=\"x.jpg\"");
  EXPECT_EQ(sg::AsciiLower("@[`{"), "@[`{");  // the neighbours of 'A'..'Z' and 'a'..'z'
  // UTF-8 passes unchanged: "ÄÉ" stays upper case, and no byte of it is touched.
  EXPECT_EQ(sg::AsciiLower("\xC3\x84\xC3\x89"), "\xC3\x84\xC3\x89");
  EXPECT_EQ(sg::AsciiLower(""), "");
}

TEST(AsciiLower, LowersOneCharacter) {
  EXPECT_EQ(sg::AsciiLower('A'), 'a');
  EXPECT_EQ(sg::AsciiLower('Z'), 'z');
  EXPECT_EQ(sg::AsciiLower('m'), 'm');
  EXPECT_EQ(sg::AsciiLower('1'), '1');
  EXPECT_EQ(sg::AsciiLower('\xC4'), '\xC4');
}

TEST(StartsWithIgnoreCase, ComparesAsciiLettersWithoutCase) {
  EXPECT_TRUE(sg::StartsWithIgnoreCase("HTTPS://example.org", "https://"));
  EXPECT_TRUE(sg::StartsWithIgnoreCase("www.example.org", "WWW."));
  EXPECT_TRUE(sg::StartsWithIgnoreCase("abc", ""));
  EXPECT_FALSE(sg::StartsWithIgnoreCase("http", "https"));
  EXPECT_FALSE(sg::StartsWithIgnoreCase(" https://", "https://"));
  EXPECT_FALSE(sg::StartsWithIgnoreCase("\xC3\x84", "\xC3\xA4"));  // "Ä" is not "ä" here
}

TEST(Utf8Prefix, CutsOnACharacterBoundary) {
  struct Case {
    std::string_view in;
    size_t max_bytes;
    std::string_view want;
  };
  const Case kCases[] = {
      {"", 0, ""},
      {"abc", 3, "abc"},
      {"abc", 10, "abc"},
      {"abc", 2, "ab"},
      {"abc", 0, ""},
      {"a\xC3\xA9", 2, "a"},          // "é" would be split
      {"a\xC3\xA9", 3, "a\xC3\xA9"},  //
      {"\xF0\x9F\x98\x80!", 3, ""},   // U+1F600 would be split
      {"\xF0\x9F\x98\x80!", 4, "\xF0\x9F\x98\x80"},
      {"ab\xE2\x82\xAC", 4, "ab"},  // so would "€"
      {"\x80\x80\x80", 2, ""},      // stray continuation bytes
      {"ab\xE9"
       "cd",
       3, "ab\xE9"},  // Latin-1 "é" is not a sequence to keep whole
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(sg::Utf8Prefix(c.in, c.max_bytes), c.want)
        << testing::PrintToString(c.in) << " " << c.max_bytes;
  }
}

struct Base64Case {
  std::string_view in;
  std::optional<std::string_view> want;
};

void ExpectDecodes(const Base64Case& c, const sg::Base64Options& options) {
  const std::optional<std::string> got = sg::DecodeBase64(c.in, options);
  if (c.want) {
    ASSERT_TRUE(got.has_value()) << '"' << c.in << '"';
    EXPECT_EQ(*got, *c.want) << '"' << c.in << '"';
  } else {
    EXPECT_FALSE(got.has_value()) << '"' << c.in << "\" gave \"" << got.value_or("") << '"';
  }
}

TEST(DecodeBase64, DecodesWithOrWithoutPadding) {
  const Base64Case kCases[] = {
      {"", ""},
      {"aGk=", "hi"},
      {"aGk", "hi"},
      {"aA==", "h"},
      {"aA", "h"},
      {"aGVsbG8=", "hello"},
      {"aGVsbG8h", "hello!"},
      {"AP8=", std::string_view("\x00\xFF", 2)},
  };
  for (const Base64Case& c : kCases) ExpectDecodes(c, {});
}

TEST(DecodeBase64, TakesBothAlphabets) {
  const Base64Case kCases[] = {
      {"+/+/", "\xFB\xFF\xBF"},
      {"-_-_", "\xFB\xFF\xBF"},
      {"+_-/", "\xFB\xFF\xBF"},
  };
  for (const Base64Case& c : kCases) ExpectDecodes(c, {});
}

TEST(DecodeBase64, RejectsTheUrlSafeAlphabetWhenAskedTo) {
  const sg::Base64Options standard_only{.url_safe = false};
  ExpectDecodes({"+/+/", "\xFB\xFF\xBF"}, standard_only);
  ExpectDecodes({"-_-_", std::nullopt}, standard_only);
  ExpectDecodes({"+/+_", std::nullopt}, standard_only);
}

TEST(DecodeBase64, SkipsLineBreaksAnywhere) {
  const Base64Case kCases[] = {
      {"aGVs\r\nbG8=\r\n", "hello"},
      {"\na\nG\nk\n=\n", "hi"},
      {"aA=\n=", "h"},
      {"\r\n", ""},
  };
  for (const Base64Case& c : kCases) ExpectDecodes(c, {});
}

TEST(DecodeBase64, SkipsSpacesAndTabsOnlyWhenAskedTo) {
  const Base64Case kCases[] = {
      {"aGVs bG8=", "hello"},
      {"\taGk= ", "hi"},
      {"aA= =", "h"},
      {" \t ", ""},
  };
  for (const Base64Case& c : kCases) {
    ExpectDecodes(c, {.skip_spaces = true});
    ExpectDecodes({c.in, std::nullopt}, {});
  }
}

TEST(DecodeBase64, RejectsMalformedInputByDefault) {
  const Base64Case kCases[] = {
      {"*", std::nullopt},
      {"aGk*", std::nullopt},
      {std::string_view("aG\0k", 4), std::nullopt},
      {"\xC3\xA9", std::nullopt},
      {"a", std::nullopt},         // one character is no byte
      {"aGVsb", std::nullopt},     // nor is the fifth
      {"aGk==", std::nullopt},     // one '=' too many
      {"aA=", std::nullopt},       // one '=' too few
      {"aGVs=", std::nullopt},     // '=' after a whole group
      {"=", std::nullopt},         //
      {"aA==aA==", std::nullopt},  // data after the padding
      {"aB==", std::nullopt},      // unused bits that are not zero
      {"aGl=", std::nullopt},      //
  };
  for (const Base64Case& c : kCases) ExpectDecodes(c, {});
}

TEST(DecodeBase64, LenientSkipsPaddingAnywhereAndDropsLeftOverBits) {
  const sg::Base64Options lenient{.lenient = true};
  const Base64Case kCases[] = {
      {"aGk=", "hi"},         {"aGk==", "hi"},
      {"a=G=k", "hi"},        {"aA==aA==", "h\x06\x80"},
      {"aB==", "h"},          {"a", ""},
      {"aGVsb", "hel"},       {"=", ""},
      {"aGk*", std::nullopt}, {"aG k", std::nullopt},
  };
  for (const Base64Case& c : kCases) ExpectDecodes(c, lenient);
}

}  // namespace
