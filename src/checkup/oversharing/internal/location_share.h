// Points on a map in a message: coordinates written out ("53.80080, -1.54910", as Telegram
// exports a shared location; "53.8008° N, 1.5491° W"), geo: URIs, and links to a maps site
// that pin a point (Google, Apple, OpenStreetMap, Bing, Waze and HERE links with coordinates,
// what3words addresses). Pure functions over any bytes, safe from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "core/finding.h"

namespace stalkguard::checkup::internal {

// Digits after the decimal point both numbers of a bare pair in text need: four is about 10 m.
// Fewer would take prices and scores ("12.50, 3.99") for places.
inline constexpr int kTextCoordinateDecimals = 4;
// With a degree sign or N/S/E/W on both numbers the pair is unmistakable; three is about 100 m.
inline constexpr int kMarkedCoordinateDecimals = 3;

// Latitude/longitude pairs in `text`, ordered by position: bare pairs with at least
// kTextCoordinateDecimals, pairs marked with degrees or hemispheres with at least
// kMarkedCoordinateDecimals, and geo: URIs with any precision. Values out of range (latitude
// beyond 90, longitude beyond 180) and 0,0 are not places.
std::vector<TextSpan> FindCoordinates(std::string_view text);

// Whether `url` is a link to a maps site that pins a point: coordinates in its path, query or
// fragment (at least one decimal each), or a what3words address. A maps link to a name
// ("?q=Elmfield+Park") or a short link (maps.app.goo.gl/...) does not say where it points.
bool IsPinnedMapLink(std::string_view url);

}  // namespace stalkguard::checkup::internal
