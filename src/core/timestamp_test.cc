#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <limits>

namespace sg = stalkguard;

TEST(Timestamp, ParsesUtcAndOffsets) {
  struct Case {
    const char* text;
    int64_t utc_ms;
    int32_t offset;
    bool known;
  } cases[] = {
      {"1970-01-01T00:00:00Z", 0, 0, false},
      {"2024-01-01T00:00:00.301Z", 1704067200301, 0, false},
      {"2024-03-01T19:22:05+01:00", 1709317325000, 60, true},
      {"2024-03-01 13:22:05-0500", 1709317325000, -300, true},
  };
  for (const auto& c : cases) {
    auto t = sg::ParseRfc3339(c.text);
    ASSERT_TRUE(t) << c.text;
    EXPECT_EQ(t->utc_ms, c.utc_ms) << c.text;
    EXPECT_EQ(t->offset_minutes, c.offset) << c.text;
    EXPECT_EQ(t->offset_known, c.known) << c.text;
  }
}

TEST(Timestamp, RejectsImpossibleAndZonelessTimes) {
  for (const char* text : {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00",
                           "yesterday", "2024-01-01T25:00:00Z", "2024-01-01T00:00:00Zjunk"}) {
    EXPECT_FALSE(sg::ParseRfc3339(text)) << text;
  }
}

TEST(Timestamp, FormatsRoundTrip) {
  for (const char* text : {"2024-03-01T19:22:05+01:00", "1999-12-31T23:59:59.250Z",
                           "2024-06-30T08:00:00-07:00", "1965-04-02T10:00:00Z"}) {
    auto t = sg::ParseRfc3339(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(sg::FormatRfc3339(*t), text);
  }
}

TEST(Timestamp, CivilConversionIsInverse) {
  for (int64_t ms : {int64_t{0}, int64_t{-1}, int64_t{951782400000}, int64_t{4102444799999}}) {
    EXPECT_EQ(sg::CivilToUnixMs(sg::UnixMsToCivil(ms)), ms);
  }
}

TEST(Timestamp, CivilConversionAtTheEdgesOfTheRange) {
  // No overflow at the extremes (UBSan checks this in the debug preset); the times before
  // 1970 land on the right day.
  const sg::CivilTime low = sg::UnixMsToCivil(std::numeric_limits<int64_t>::min());
  EXPECT_GE(low.hour, 0);
  EXPECT_LT(low.hour, 24);
  const sg::CivilTime high = sg::UnixMsToCivil(std::numeric_limits<int64_t>::max());
  EXPECT_GE(high.millisecond, 0);
  const sg::CivilTime before = sg::UnixMsToCivil(-1);
  EXPECT_EQ(before.year, 1969);
  EXPECT_EQ(before.month, 12);
  EXPECT_EQ(before.day, 31);
  EXPECT_EQ(before.hour, 23);
  EXPECT_EQ(before.millisecond, 999);
}
