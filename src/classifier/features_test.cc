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

TEST(FeatureExtractor, OriginsMatchIds) {
  const FeatureExtractor extractor{FeatureOptions{}};
  FeatureScratch scratch;
  extractor.Extract("send me the pics", scratch);
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
