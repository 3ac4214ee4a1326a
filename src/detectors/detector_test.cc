#include "detectors/detector.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

TEST(MakeExcerpt, ShowsTheSpanWithContextCutAtWords) {
  const std::string text =
      "hello there, this is a long message and I know where you live now so watch out friend";
  const size_t begin = text.find("I know");
  const sg::TextSpan span{begin, begin + std::string("I know where you live").size()};
  EXPECT_EQ(sg::detect::MakeExcerpt(text, span, 12),
            "...message and I know where you live now so...");
  EXPECT_EQ(sg::detect::MakeExcerpt("short", {0, 5}, 12), "short");
}

TEST(MakeExcerpt, NeverCutsACharacterInHalf) {
  const std::string text = "ééééééééé threat ééééééééé";
  const size_t begin = text.find("threat");
  const std::string out = sg::detect::MakeExcerpt(text, {begin, begin + 6}, 3);
  EXPECT_NE(out.find("threat"), std::string::npos);
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    // Every multi-byte sequence stays whole: a lead byte 0xC3 is followed by its continuation.
    if (static_cast<unsigned char>(out[i]) == 0xC3) {
      EXPECT_EQ(static_cast<unsigned char>(out[i + 1]) & 0xC0, 0x80);
    }
  }
  EXPECT_NE(static_cast<unsigned char>(out[3]) & 0xC0, 0x80) << out;
}

TEST(MakeExcerpt, FlattensLineBreaks) {
  EXPECT_EQ(sg::detect::MakeExcerpt("one\ntwo", {0, 7}), "one two");
}
