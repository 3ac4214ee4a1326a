#include "classifier/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace stalkguard::classifier {
namespace {

std::vector<uint32_t> Unique(const FeatureExtractor& extractor, std::string_view text) {
  FeatureScratch scratch;
  const auto ids = extractor.ExtractUnique(text, scratch);
  return {ids.begin(), ids.end()};
}

std::vector<std::string> Tokens(std::string_view text) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  extractor.Tokenize(text, scratch);
  std::vector<std::string> tokens;
  for (const Token& t : scratch.tokens) tokens.push_back(scratch.joined.substr(t.joined, t.length));
  return tokens;
}

TEST(FeatureExtractor, CountsCharacterAndWordNgrams) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  extractor.Extract("ab", scratch);
  // " ab " holds " a", " ab", " ab ", "ab", "ab ", "b " and the word "ab".
  EXPECT_EQ(scratch.joined, " ab ");
  EXPECT_EQ(scratch.ids.size(), 7u);
  extractor.Extract("ab cd", scratch);
  // " ab cd ": 2-grams 6, 3-grams 5, 4-grams 4, 5-grams 3; words ab, cd and "ab cd".
  EXPECT_EQ(scratch.ids.size(), 6u + 5 + 4 + 3 + 3);
}

TEST(FeatureExtractor, IdsStayWithinBuckets) {
  FeatureOptions options;
  options.bucket_bits = 10;
  const FeatureExtractor extractor(options);
  for (const uint32_t id : Unique(extractor, "Some message with words, emoji 😀 and ünïcödé")) {
    EXPECT_LT(id, 1024u);
  }
}

TEST(FeatureExtractor, IsDeterministic) {
  const FeatureExtractor a{FeatureOptions{}}, b{FeatureOptions{}};
  EXPECT_EQ(Unique(a, "I will find you"), Unique(b, "I will find you"));
}

TEST(FeatureExtractor, WordOrderChangesBigrams) {
  const FeatureExtractor extractor{FeatureOptions{}};
  EXPECT_NE(Unique(extractor, "dog bites man"), Unique(extractor, "man bites dog"));
}

TEST(FeatureExtractor, ObfuscatedWordsShareFeaturesWithPlainOnes) {
  const FeatureExtractor extractor{FeatureOptions{}};
  const auto plain = Unique(extractor, "i will kill you");
  for (const std::string_view obfuscated :
       {"I WILL KILL YOU", "i will k i l l you", "i will k1ll you", "i will ki\u200Bll you",
        "i will kіll уou"}) {
    EXPECT_EQ(Unique(extractor, obfuscated), plain) << obfuscated;
  }
}

TEST(FeatureExtractor, StretchedWordsShareCharacterNgrams) {
  FeatureOptions options;
  options.word_ngrams = 0;
  const FeatureExtractor extractor(options);
  EXPECT_EQ(Unique(extractor, "i will kiiiiill youuuu"), Unique(extractor, "i will kill you"));
  options.squeeze_repeats = 0;
  const FeatureExtractor unsqueezed(options);
  EXPECT_NE(Unique(unsqueezed, "i will kiiiiill you"), Unique(unsqueezed, "i will kill you"));
}

TEST(FeatureExtractor, StretchedWordsShareWordFeatures) {
  // The normaliser keeps two letters of a run ("youuu" -> "youu"); a word with a run also
  // counts its squeezed form, so the stretched message holds every feature of the plain one.
  const auto contains = [](const std::vector<uint32_t>& all, const std::vector<uint32_t>& part) {
    return std::includes(all.begin(), all.end(), part.begin(), part.end());
  };
  const FeatureExtractor extractor{FeatureOptions{}};
  const auto plain = Unique(extractor, "bend you over");
  EXPECT_TRUE(contains(Unique(extractor, "bend youuu overrrrr"), plain));
  // A word with a doubled letter keeps its own feature besides the squeezed one.
  const auto good = Unique(extractor, "good");
  EXPECT_TRUE(contains(good, Unique(extractor, "god")));
  EXPECT_NE(good, Unique(extractor, "god"));
  FeatureOptions options;
  options.squeeze_repeats = 1;  // character n-grams only, as in model version 1
  const FeatureExtractor characters_only(options);
  EXPECT_FALSE(contains(Unique(characters_only, "bend youuu overrrrr"),
                        Unique(characters_only, "bend you over")));
}

TEST(FeatureExtractor, TokenizesUrlsHandlesAndPunctuation) {
  EXPECT_EQ(Tokens("look: https://x.example/a?b=c !!! ok?"),
            (std::vector<std::string>{"look", "url", "!!", "ok", "?"}));
  EXPECT_EQ(Tokens("cc @12345 www.example.org/x"),
            (std::vector<std::string>{"cc", "@user", "url"}));
  EXPECT_EQ(Tokens("'don't' stop"), (std::vector<std::string>{"don't", "stop"}));
  EXPECT_EQ(Tokens(""), std::vector<std::string>{});
  // Bytes that are not UTF-8 become U+FFFD in normalisation and then only separate tokens.
  EXPECT_EQ(Tokens("caf\xE9 \xFF\xFEok"), (std::vector<std::string>{"caf", "ok"}));
}

TEST(FeatureExtractor, TokensPointAtThePreparedText) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  extractor.Tokenize("Hello,  WORLD", scratch);
  ASSERT_EQ(scratch.tokens.size(), 2u);
  const Token& world = scratch.tokens[1];
  EXPECT_EQ(scratch.input.text.substr(world.begin, world.end - world.begin), "world");
}

TEST(FeatureExtractor, ChunksWithDigitsAreReadAsShapes) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  const auto shapes = [&](std::string_view text) {
    extractor.Tokenize(text, scratch);
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const ShapeChunk& c : scratch.shapes) out.emplace_back(c.first, c.last);
    return out;
  };
  // Tokens: call 0, 09061701461 1, now 2, ! 3, £1 4, 50 5, 150ppm 6.
  EXPECT_EQ(shapes("Call (09061701461) now! £1.50, 150ppm"),
            (std::vector<std::pair<uint32_t, uint32_t>>{{1, 2}, {4, 6}, {6, 7}}));
  EXPECT_TRUE(shapes("no digits here").empty());
  EXPECT_TRUE(shapes("see www.4-tc.biz").empty());  // a link is a link, whatever it holds
  // Numbers of the same shape share the feature, whatever their digits; the word before
  // and after count with it.
  const auto with = [](const std::vector<uint32_t>& all, const std::vector<uint32_t>& part) {
    return std::includes(all.begin(), all.end(), part.begin(), part.end());
  };
  FeatureOptions only_shapes;
  only_shapes.char_min = only_shapes.char_max = 0;
  only_shapes.word_ngrams = 0;
  const FeatureExtractor shapes_only(only_shapes);
  EXPECT_EQ(Unique(shapes_only, "txt WIN to 87121 now"),
            Unique(shapes_only, "txt WIN to 69888 now"));
  EXPECT_NE(Unique(shapes_only, "to 87121"), Unique(shapes_only, "to 871210"));
  EXPECT_NE(Unique(shapes_only, "to 87121"), Unique(shapes_only, "at 87121"));
  EXPECT_EQ(Unique(shapes_only, "£900").size(), 1u);
  EXPECT_TRUE(with(Unique(extractor, "win £900 now"), Unique(shapes_only, "win £100 now")));
  FeatureOptions off;
  off.shapes = 0;
  const FeatureExtractor no_shapes(off);
  // The shape and "call d11"; no word after it.
  EXPECT_EQ(Unique(no_shapes, "call 09061701461").size() + 2,
            Unique(extractor, "call 09061701461").size());
}

TEST(FeatureExtractor, OriginsMatchIds) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  extractor.Extract("send me the pics, £5 (0800 123)", scratch);
  const std::vector<uint32_t> ids = scratch.ids;
  std::vector<FeatureOrigin> origins;
  extractor.HashWithOrigins(scratch, origins);
  EXPECT_EQ(scratch.ids, ids);
  ASSERT_EQ(origins.size(), ids.size());
  for (const FeatureOrigin& o : origins) {
    EXPECT_LT(o.begin, o.end);
    EXPECT_LE(o.end, scratch.joined.size());
  }
}

}  // namespace
}  // namespace stalkguard::classifier
