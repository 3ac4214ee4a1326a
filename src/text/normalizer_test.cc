#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace sg = stalkguard;
namespace text = stalkguard::text;

namespace {

// One normalisation case: `input` must become `expected`, and the normalised `word` (a
// substring of `expected`) must map back to `original` in the input.
struct Case {
  std::string input;
  std::string expected;
  std::string word;      // empty: only the text is checked
  std::string original;  // what `word` maps back to
};

std::string Printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void CheckMapIsSane(std::string_view input, const text::NormalizedText& norm) {
  ASSERT_EQ(norm.source.size(), norm.text.size()) << Printable(input);
  EXPECT_TRUE(sg::IsValidUtf8(norm.text)) << Printable(input);
  uint32_t last_begin = 0;
  for (size_t i = 0; i < norm.source.size(); ++i) {
    EXPECT_LT(norm.source[i].begin, norm.source[i].end) << Printable(input) << " byte " << i;
    EXPECT_LE(norm.source[i].end, input.size()) << Printable(input) << " byte " << i;
    EXPECT_LE(last_begin, norm.source[i].begin) << Printable(input) << " byte " << i;
    last_begin = norm.source[i].begin;
  }
}

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE("input: \"" + Printable(c.input) + "\"");
    const text::NormalizedText norm = text::Normalize(c.input);
    EXPECT_EQ(norm.text, c.expected);
    CheckMapIsSane(c.input, norm);
    if (c.word.empty()) continue;
    const size_t at = norm.text.find(c.word);
    ASSERT_NE(at, std::string::npos) << "\"" << c.word << "\" not in \"" << norm.text << "\"";
    const sg::TextSpan span = text::ToOriginal(norm, at, at + c.word.size());
    ASSERT_LE(span.end, c.input.size());
    EXPECT_EQ(c.input.substr(span.begin, span.end - span.begin), c.original)
        << "span of \"" << c.word << "\"";
  }
}

TEST(Normalize, LowerCasesAndCollapsesWhiteSpace) {
  RunCases({
      {"Hello World", "hello world", "world", "World"},
      {"  I KNOW\t\twhere  you\r\nlive  ", "i know where you live", "where you", "where  you"},
      {"line\none", "line one", "line one", "line\none"},
      {"", "", "", ""},
      {" \t\n ", "", "", ""},
      {"a\x01"
       "b\x7F"
       "c",
       "abc", "abc",
       "a\x01"
       "b\x7F"
       "c"},
  });
}

TEST(Normalize, AppliesNfkcAndCaseFolding) {
  RunCases({
      // Fullwidth, mathematical bold and circled letters, a ligature, sharp s, a compatibility
      // space.
      {"ＫＩＬＬ you", "kill you", "kill", "ＫＩＬＬ"},
      {"\xF0\x9D\x90\xA4\xF0\x9D\x90\xA2\xF0\x9D\x90\xA5\xF0\x9D\x90\xA5", "kill", "kill",
       "\xF0\x9D\x90\xA4\xF0\x9D\x90\xA2\xF0\x9D\x90\xA5\xF0\x9D\x90\xA5"},
      {"ⓚⓘⓛⓛ", "kill", "kill", "ⓚⓘⓛⓛ"},
      {"ﬁnd you", "find you", "find", "ﬁnd"},
      {"STRASSE Straße", "strasse strasse", "strasse strasse", "STRASSE Straße"},
      {"see\u00A0you", "see you", "see you", "see\u00A0you"},
      // A letter and a combining accent are one segment: both map to the two original chars.
      {"cafe\u0301 now", "cafe now", "cafe", "cafe\u0301"},
  });
}

TEST(Normalize, RemovesInvisibleCharacters) {
  RunCases({
      {"k\u200Bi\u200Cl\u200Dl", "kill", "kill", "k\u200Bi\u200Cl\u200Dl"},
      {"\uFEFFhello", "hello", "hello", "hello"},
      {"sh\u00ADit", "shit", "shit", "sh\u00ADit"},
      {"di\u2060e\u2064", "die", "die", "di\u2060e"},
      {"\u202Ekill\u202C", "kill", "kill", "kill"},
      {"a \u200B b", "a b", "a b", "a \u200B b"},
      {"emoji\uFE0F", "emoji", "emoji", "emoji"},
  });
}

TEST(Normalize, FoldsLookAlikesToLatin) {
  RunCases({
      // Cyrillic а, е, о, і, р, с, у, х and Greek ο, ν in otherwise Latin words.
      {"i kn\u043Ew wh\u0435r\u0435 you live", "i know where you live", "know", "kn\u043Ew"},
      {"\u0430ss", "ass", "ass", "\u0430ss"},
      {"k\u0456ll", "kill", "kill", "k\u0456ll"},
      {"\u0440\u0441\u0443\u0445", "pcyx", "pcyx", "\u0440\u0441\u0443\u0445"},
      {"l\u03BF\u03BDe", "love", "love", "l\u03BF\u03BDe"},
      // Small capitals, Cyrillic ka and em, accents and stroked letters.
      {"\u1D0B\u026A\u029F\u029F", "kill", "kill", "\u1D0B\u026A\u029F\u029F"},
      {"\u043A\u0456ll \u043Ce", "kill me", "me", "\u043Ce"},
      {"k\u00EFll", "kill", "kill", "k\u00EFll"},
      {"\u0142ove", "love", "love", "\u0142ove"},
      // Greek kappa, tau, chi and omega, which the skeleton keeps Greek.
      {"na\u03BAed \u03C4\u03C9\u03C7", "naked twx", "naked", "na\u03BAed"},
      // Zalgo: stacked marks on Latin letters go.
      {"k\u0338\u0322i\u0335l\u0337l", "kill", "kill", "k\u0338\u0322i\u0335l\u0337l"},
      // Typographic quotes and dashes become ASCII.
      {"you\u2019re mine \u2014 ok", "you're mine - ok", "you're", "you\u2019re"},
      {"\u201Chi\u201D", "\"hi\"", "\"hi\"", "\u201Chi\u201D"},
  });
}

TEST(Normalize, KeepsOtherScriptsAndEmoji) {
  RunCases({
      // Per code point folding turns Cyrillic look-alikes into Latin even in Russian words: the
      // normalised text is for matching, not for reading.
      {"\u043F\u0440\u0438\u0432\u0435\u0442", "np\u0438bet", "", ""},
      {"\u0645\u0631\u062D\u0628\u0627", "\u0645\u0631\u062D\u0628\u0627", "", ""},
      {"\u4F60\u597D", "\u4F60\u597D", "", ""},
      {"ok \U0001F600", "ok \U0001F600", "\U0001F600", "\U0001F600"},
      {"\u0928\u092E\u0938\u094D\u0924\u0947", "\u0928\u092E\u0938\u094D\u0924\u0947", "", ""},
  });
}

TEST(Normalize, ReplacesInvalidUtf8) {
  RunCases({
      {"a\xFF"
       "b",
       "a\uFFFDb", "\uFFFD", "\xFF"},
      {"\xE2\x82", "\uFFFD\uFFFD", "", ""},
      {"\xC0\xAF", "\uFFFD\uFFFD", "", ""},
      // Each bad byte becomes three: the output outgrows the input (a fuzzer found this).
      {"\xFF\xFF\xFF\xFF\xFF\xFF then plain ascii text",
       "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD then plain ascii text", "ascii", "ascii"},
      {"bad \xFF\xFE utf8 \xE2\x82 \xC0\xAF ctl\x01\x7F\t\r\n end",
       "bad \uFFFD\uFFFD utf8 \uFFFD\uFFFD \uFFFD\uFFFD ctl end", "ctl end",
       "ctl\x01\x7F\t\r\n end"},
  });
}

TEST(Normalize, UndoesLeetspeak) {
  RunCases({
      {"i will k1ll you", "i will kill you", "kill", "k1ll"},
      {"what an a$$", "what an ass", "ass", "a$$"},
      {"h0e", "hoe", "hoe", "h0e"},
      {"d1e", "die", "die", "d1e"},
      {"5lut", "slut", "slut", "5lut"},
      {"@ss", "ass", "ass", "@ss"},
      {"sh!t!", "shit!", "shit", "sh!t"},
      {"I KN0W WH3RE U L1VE", "i know where u live", "where", "WH3RE"},
      {"b@stard.", "bastard.", "bastard", "b@stard"},
      {"n00b l33t h4x0r", "noob leet haxor", "haxor", "h4x0r"},
      {"$hit", "shit", "shit", "$hit"},
  });
}

TEST(Normalize, ReadsAmbiguousLeetAsKnownWords) {
  RunCases({
      // '1' is "i" or "l", whichever makes a known word.
      {"i will ki11 you", "i will kill you", "kill", "ki11"},
      {"bu11shit", "bullshit", "bullshit", "bu11shit"},
      {"$1ut", "slut", "slut", "$1ut"},
      {"1oser", "loser", "loser", "1oser"},
      {"1d1ot", "idiot", "idiot", "1d1ot"},
      {"ki11ing", "killing", "killing", "ki11ing"},
      {"u sme11 :)", "u smell :)", "smell", "sme11"},
      // Both readings known: the commoner in the training messages, then "i".
      {"al1 of them", "all of them", "all", "al1"},
      {"fa1l", "fall", "fall", "fa1l"},
      // No known reading: "11" after a letter is "ll", any other '1' is "i".
      {"zwi11x zu1x", "zwillx zuix", "zwillx", "zwi11x"},
      // '8' and '9' are "b" and "g" only when that makes a known word.
      {"ur u9ly", "ur ugly", "ugly", "u9ly"},
      {"8itch!", "bitch!", "bitch", "8itch"},
      {"f*cking 9ay", "f*cking gay", "gay", "9ay"},
      {"8u11y", "bully", "bully", "8u11y"},
      // Two different digits before a letter, when the word reads as a common one.
      {"b17ch", "bitch", "bitch", "b17ch"},
      {"54tan 83en", "satan been", "been", "83en"},
      // "nd" after a 4 is no ordinal.
      {"you 4nd me", "you and me", "and", "4nd"},
  });
}

TEST(Normalize, LeavesDigitsForSoundsAlone) {
  RunCases({
      {"gr8 m8 h8er sk8er l8r 8ball 9gag", "gr8 m8 h8er sk8er l8r 8ball 9gag", "", ""},
      {"8pm 9am 8th 9th 1st 11am 2nd", "8pm 9am 8th 9th 1st 11am 2nd", "", ""},
      {"B2B 4x4 2018 99 1 8 9", "b2b 4x4 2018 99 1 8 9", "", ""},
      {"\u00A38.99 $9 at 10:30 or 9:15", "\u00A38.99 $9 at 10:30 or 9:15", "", ""},
      {"call 07700 900890 or +44 7700 900123", "call 07700 900890 or +44 7700 900123", "", ""},
      {"covid19 mar14 sw19 10th 19yo 5am 15mins sh17",
       "covid19 mar14 sw19 10th 19yo 5am 15mins sh17", "", ""},
  });
}

TEST(Normalize, LeavesNumbersAlone) {
  RunCases({
      {"see you at 5", "see you at 5", "", ""},
      {"it was \u00A320", "it was \u00A320", "", ""},
      {"meet at 10:30 ok", "meet at 10:30 ok", "", ""},
      {"call +44 7700 900123", "call +44 7700 900123", "", ""},
      {"5pm on the 2nd, 3rd or 21st", "5pm on the 2nd, 3rd or 21st", "", ""},
      {"user123 covid19 in 2024", "user123 covid19 in 2024", "", ""},
      {"b4 4u 4ever mp3", "b4 4u 4ever mp3", "", ""},
      {"10km in 45mins", "10km in 45mins", "", ""},
      {"stop!! now!", "stop!! now!", "", ""},
      {"it costs $5", "it costs $5", "", ""},
      {"mail Sam.Lee@example.com or see https://x.example/a1b3",
       "mail sam.lee@example.com or see https://x.example/a1b3", "", ""},
  });
}

TEST(Normalize, JoinsSpacedLetters) {
  RunCases({
      {"i will k i l l you", "i will kill you", "kill", "k i l l"},
      {"d.i.e", "die", "die", "d.i.e"},
      {"k-i-l-l yourself", "kill yourself", "kill", "k-i-l-l"},
      {"s l u t", "slut", "slut", "s l u t"},
      {"K. I. L. L.", "kill.", "kill", "K. I. L. L"},
      {"d_1_e", "die", "die", "d_1_e"},
      {"u l i v e at", "ulive at", "", ""},
      {"i will k  i  l  l you", "i will kill you", "kill", "k  i  l  l"},
  });
}

TEST(Normalize, KeepsOneLetterWordsOutOfSpacedWords) {
  RunCases({
      {"I w i l l hunt you", "i will hunt you", "i will", "I w i l l"},
      {"I w i l l hunt you", "i will hunt you", "will", "w i l l"},
      {"you are s t u p i d i swear", "you are stupid i swear", "stupid i", "s t u p i d i"},
      {"y o u r a loser", "your a loser", "your a", "y o u r a"},
      {"a k i l l e r", "a killer", "killer", "k i l l e r"},
      // The letters are the word itself.
      {"i d i o t", "idiot", "idiot", "i d i o t"},
      {"a s s", "ass", "ass", "a s s"},
  });
}

TEST(Normalize, JoinsShortSpacedWords) {
  RunCases({
      {"y o u", "you", "you", "y o u"},
      {"y o u r mine", "your mine", "your", "y o u r"},
      // Two spaced words in a row still become one.
      {"I h a t e y o u", "ihateyou", "", ""},
      {"k 1 l l", "kill", "kill", "k 1 l l"},
  });
}

TEST(Normalize, LeavesOrdinarySingleLettersAlone) {
  RunCases({
      {"u r a liar", "u r a liar", "", ""},
      {"i c u", "i c u", "", ""},
      {"plan a or b", "plan a or b", "", ""},
      {"e.g. this", "e.g. this", "", ""},
      {"version 1.2.3", "version 1.2.3", "", ""},
      {"a-b", "a-b", "", ""},
      // Spaced digits among letters, when no common word comes of them.
      {"a 1 b", "a 1 b", "", ""},
      {"x 1 y z", "x 1 y z", "", ""},
      {"i 4 u", "i 4 u", "", ""},
      {"i 8 a b", "i 8 a b", "", ""},
      {"y r u", "y r u", "", ""},
      {"r u ok", "r u ok", "", ""},
  });
}

TEST(Normalize, CollapsesRepeatedLetters) {
  RunCases({
      {"sooooo good", "soo good", "soo", "sooooo"},
      {"kiiiiill", "kiill", "kiill", "kiiiiill"},
      {"see you", "see you", "see", "see"},
      {"whyyyy", "whyy", "whyy", "whyyyy"},
      {"\u00E9\u00E9\u00E9\u00E9", "ee", "ee", "\u00E9\u00E9\u00E9\u00E9"},
      {"\u0436\u0436\u0436\u0436", "\u0436\u0436", "\u0436\u0436", "\u0436\u0436\u0436\u0436"},
      {"1000 !!!!", "1000 !!!!", "", ""},
  });
}

TEST(Normalize, CombinesTheTricks) {
  RunCases({
      // "u l i v e" joins into one word; patterns allow a missing space for this reason.
      {"I kn0w wh3re u l i v e", "i know where ulive", "know where", "kn0w wh3re"},
      {"i'm \u1D21\u1D00\u1D1B\u1D04\u029C\u026A\u0274\u0262 y\u043Eu \u200B!!!",
       "i'm watching you !!!", "watching", "\u1D21\u1D00\u1D1B\u1D04\u029C\u026A\u0274\u0262"},
      // A fully spaced-out sentence becomes one word; patterns allow the missing spaces.
      {"Y O U   W I L L   R E G R E T", "youwillregret", "", ""},
      {"plzzzz answer meeeee", "plzz answer mee", "mee", "meeeee"},
  });
}

TEST(ToOriginal, ClampsAndMapsEmptyRanges) {
  const std::string input = "  Hi  there ";
  const text::NormalizedText norm = text::Normalize(input);
  ASSERT_EQ(norm.text, "hi there");
  EXPECT_EQ(text::ToOriginal(norm, 0, 100).begin, 2u);
  EXPECT_EQ(text::ToOriginal(norm, 0, 100).end, 11u);
  const sg::TextSpan at_there = text::ToOriginal(norm, 3, 3);
  EXPECT_EQ(at_there.begin, 6u);
  EXPECT_TRUE(at_there.empty());
  EXPECT_TRUE(text::ToOriginal(norm, 50, 60).empty());
  const text::NormalizedText empty = text::Normalize("");
  EXPECT_TRUE(text::ToOriginal(empty, 0, 1).empty());
}

TEST(Normalize, ReusesTheOutput) {
  text::NormalizedText norm;
  text::Normalize("FIRST message here", norm);
  text::Normalize("2nd", norm);
  EXPECT_EQ(norm.text, "2nd");
  EXPECT_EQ(norm.source.size(), 3u);
  EXPECT_EQ(norm.original_size, 3u);
}

}  // namespace

namespace {

// Pure ASCII messages take a faster path; any non-ASCII byte sends the whole message down the
// general one. Both must agree.
TEST(Normalize, AsciiFastPathMatchesGeneralPath) {
  const std::string prefix = "\u00E9t\u00E9 ";  // "été ": folds to "ete ", a word of its own
  for (const std::string input :
       {"Hello  World", "\ttabs\tand\nlines\r\n", "  lead and trail  ", "ctl\x01here\x7F",
        "k i l l u", "d.i.e d-1-e", "sooooo kiiiiill", "a$$ @ss k1ll 5pm 10:30 \u00A3",
        "stop!!! NOW", "x  y  z", "i c u r a", "     ", "ki11 u9ly $1ut gr8 a 1 b",
        "I w i l l y o u r a"}) {
    SCOPED_TRACE("input: \"" + Printable(input) + "\"");
    const text::NormalizedText ascii = text::Normalize(input);
    const text::NormalizedText general = text::Normalize(prefix + input);
    const std::string expected = ascii.text.empty() ? "ete" : "ete " + ascii.text;
    EXPECT_EQ(general.text, expected);
    CheckMapIsSane(prefix + input, general);
    for (size_t i = 0; i < ascii.text.size(); ++i) {
      const text::SourceRange& a = ascii.source[i];
      const text::SourceRange& g = general.source[i + 4];
      EXPECT_EQ(a.begin + prefix.size(), g.begin) << "byte " << i;
      EXPECT_EQ(a.end + prefix.size(), g.end) << "byte " << i;
    }
  }
}

}  // namespace
