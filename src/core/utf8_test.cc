#include "core/utf8.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

TEST(Utf8, AppendsEveryRange) {
  std::string s;
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) sg::AppendUtf8(s, cp);
  EXPECT_EQ(s, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  std::string lone;
  sg::AppendUtf8(lone, 0xD83D);
  EXPECT_EQ(lone, "\xEF\xBF\xBD");
}

TEST(Utf8, SanitizeReplacesOnlyBadBytes) {
  EXPECT_TRUE(sg::IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(sg::IsValidUtf8("caf\xE9"));       // Latin-1 é
  EXPECT_FALSE(sg::IsValidUtf8("\xED\xA0\xBD"));  // encoded surrogate
  EXPECT_FALSE(sg::IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_EQ(sg::SanitizeUtf8("caf\xE9!"), "caf\xEF\xBF\xBD!");
}
