#include "importers/sms_xml/internal/readable_date.h"

#include <gtest/gtest.h>

#include <optional>
#include <string_view>

namespace sx = stalkguard::importers::sms_xml;

namespace {

constexpr int64_t k1Mar2024At182205Utc = 1709317325000;

TEST(OffsetFromReadableDate, ReadsTheLayoutsOfCommonLocales) {
  struct Case {
    std::string_view text;
    std::optional<int32_t> minutes;
  };
  const Case kCases[] = {
      {"1 Mar 2024 18:22:05", 0},
      {"Mar 1, 2024 6:22:05 PM", 0},
      {"Fri, 1 March 2024 at 19:22:05", 60},
      {"01/03/2024 13:22:05", -300},
      {"2024-03-01 23:52:05", 330},
      {"1 Mar 2024 6:22:05 p.m.", 0},
      {"3/1/24 6:22 PM", 0},  // minutes only
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(sx::OffsetFromReadableDate(c.text, k1Mar2024At182205Utc), c.minutes) << c.text;
  }
}

TEST(OffsetFromReadableDate, LeavesTheOffsetUnknownWhenUnsure) {
  const std::string_view kCases[] = {
      "",
      "tomorrow",
      "1 Mar 2024 18:29:05",          // not a whole quarter-hour from UTC
      "1 Mar 2024 18:22:06",          // seconds do not agree
      "1 M\xC3\xA4rz 2024 18:22:05",  // a month name this does not read
      "1 Mar Apr 2024 18:22:05",      // two months
      "1 Mar 2024 18:22:05 PM",       // hour 18 with PM
      "1 Mar 2024 18:22:05 AM PM",    //
      "1 Mar 2024 18",                // no minutes
      "1 Mar 12024 18:22:05",         // a five-digit number
      "1/3/2024/5 18:22:05 1",        // too many numbers
  };
  for (const std::string_view text : kCases) {
    EXPECT_EQ(sx::OffsetFromReadableDate(text, k1Mar2024At182205Utc), std::nullopt) << text;
  }
}

TEST(OffsetFromReadableDate, TakesTheDayMonthOrderThatLandsNearUtc) {
  // 3 Jan 2024 10:00 UTC. "03/01/2024 10:00" is 0 as day/month; as month/day (1 Mar) it is
  // two months off, so only one reading is near.
  EXPECT_EQ(sx::OffsetFromReadableDate("03/01/2024 10:00", 1704276000000), 0);
  // 1 Feb 2024 00:00 UTC. "01/02/2024 00:00" reads as 1 Feb and as 2 Jan: 2 Jan is a month off.
  EXPECT_EQ(sx::OffsetFromReadableDate("01/02/2024 00:00", 1706745600000), 0);
  // 1 Jan 2024 12:00 UTC: "01/01/2024 12:00" reads the same both ways.
  EXPECT_EQ(sx::OffsetFromReadableDate("01/01/2024 12:00", 1704110400000), 0);
}

}  // namespace
