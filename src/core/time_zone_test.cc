#include "core/time_zone.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

TEST(TimeZone, AppliesDaylightSaving) {
  auto london = sg::TimeZone::Named("Europe/London");
  ASSERT_TRUE(london);
  sg::Timestamp summer = london->FromLocal({2024, 7, 1, 18, 30, 0, 0});
  EXPECT_EQ(summer.offset_minutes, 60);
  EXPECT_EQ(sg::FormatRfc3339(summer), "2024-07-01T18:30:00+01:00");
  sg::Timestamp winter = london->FromLocal({2024, 1, 1, 18, 30, 0, 0});
  EXPECT_EQ(winter.offset_minutes, 0);
  EXPECT_EQ(winter.utc_ms, sg::CivilToUnixMs({2024, 1, 1, 18, 30, 0, 0}));
}

TEST(TimeZone, RejectsUnknownNames) { EXPECT_FALSE(sg::TimeZone::Named("Mars/Olympus_Mons")); }

TEST(TimeZone, OffsetAtAnInstant) {
  auto london = sg::TimeZone::Named("Europe/London");
  ASSERT_TRUE(london);
  EXPECT_EQ(london->OffsetMinutesAt(sg::CivilToUnixMs({2024, 7, 1, 12, 0, 0, 0})), 60);
  EXPECT_EQ(london->OffsetMinutesAt(sg::CivilToUnixMs({2024, 1, 1, 12, 0, 0, 0})), 0);
}
