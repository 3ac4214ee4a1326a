#include "checkup/oversharing/internal/location_share.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace in = stalkguard::checkup::internal;

namespace {

// The coordinates FindCoordinates sees in `text`, as written.
std::vector<std::string> Coordinates(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : in::FindCoordinates(text))
    out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using Strings = std::vector<std::string>;

TEST(FindCoordinates, FindsPairsAsExportsAndPeopleWriteThem) {
  EXPECT_EQ(Coordinates("Live location: 51.44012, -2.59741"), Strings{"51.44012, -2.59741"});
  EXPECT_EQ(Coordinates("Place: Elmfield Park, Briar Lane (51.44012, -2.59741)"),
            Strings{"51.44012, -2.59741"});
  EXPECT_EQ(Coordinates("im here 51.440123,-2.597412 lol"), Strings{"51.440123,-2.597412"});
  EXPECT_EQ(Coordinates("51.4401° N, 2.5974° W"), Strings{"51.4401° N, 2.5974° W"});
  EXPECT_EQ(Coordinates("51.440N 2.597W"), Strings{"51.440N 2.597W"});
  EXPECT_EQ(Coordinates("geo:51.44,-2.59;u=35 ok"), Strings{"geo:51.44,-2.59;u=35"});
  EXPECT_EQ(Coordinates("-33.8688, 151.2093 and 40.7128, -74.0060"),
            (Strings{"-33.8688, 151.2093", "40.7128, -74.0060"}));
}

TEST(FindCoordinates, LeavesOtherNumbersAlone) {
  for (const char* text : {
           "the bill was 12.50, 3.99 each",  // too few decimals
           "51.44, -2.59",                   // a bare pair needs four
           "95.44012, -2.59741",             // latitude beyond 90
           "51.44012, -192.59741",           // longitude beyond 180
           "0.0000, 0.0000",                 // nowhere
           "version 1.2.3456, 4.5678",       // part of a version number
           "1234.56789, 2.34567",            // four digits before the point
           "call 07700 900321",
           "score 3-1, 45.5%",
           "",
           "geo:",
           "geology: 51.4, -2.5",
       }) {
    EXPECT_TRUE(Coordinates(text).empty()) << text;
  }
}

TEST(IsPinnedMapLink, TakesMapLinksThatPinAPoint) {
  for (const char* url : {
           "https://maps.google.com/?q=53.8,-1.5",
           "https://maps.google.co.uk/maps?q=53.80080%2C-1.54910",
           "https://www.google.com/maps/@51.4401,-2.5974,17z",
           "https://www.google.com/maps/place/Elmfield+Park/@51.44,-2.59,15z/data=!3m1",
           "https://maps.apple.com/?ll=51.4401,-2.5974&q=Dropped%20Pin",
           "https://www.openstreetmap.org/?mlat=51.4401&mlon=-2.5974#map=17/51.4401/-2.5974",
           "https://www.openstreetmap.org/#map=17/51.4401/-2.5974",
           "https://www.bing.com/maps?cp=51.4401~-2.5974&lvl=16",
           "https://waze.com/ul?ll=51.4401,-2.5974&navigate=yes",
           "https://share.here.com/l/51.4401,-2.5974",
           "https://w3w.co/filled.count.soap",
           "https://what3words.com/filled.count.soap",
           "HTTPS://MAPS.GOOGLE.COM/?Q=53.8,-1.5",
       }) {
    EXPECT_TRUE(in::IsPinnedMapLink(url)) << url;
  }
}

TEST(IsPinnedMapLink, LeavesOtherLinksAlone) {
  for (const char* url : {
           "https://maps.google.com/?q=Elmfield+Park",  // a name, not a point
           "https://maps.app.goo.gl/AbCdEf123",         // a short link says nothing itself
           "https://example.com/?q=53.8,-1.5",          // not a maps site
           "https://maps.google.com.evil.example/?q=53.8,-1.5&x",
           "https://www.google.com/search?q=51.44,-2.59",  // Google, but not maps
           "https://what3words.com/about",
           "https://www.openstreetmap.org/#map=17/151.4401/-2.5974",
           "",
           "https://",
       }) {
    EXPECT_FALSE(in::IsPinnedMapLink(url)) << url;
  }
}

}  // namespace
