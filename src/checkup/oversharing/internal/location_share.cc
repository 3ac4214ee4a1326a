#include "checkup/oversharing/internal/location_share.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

namespace stalkguard::checkup::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view lower) {
  if (at > s.size() || s.size() - at < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(s[at + i]) != lower[i]) return false;
  }
  return true;
}

struct Number {
  double value = 0;
  int decimals = 0;
  size_t end = 0;
};

// A decimal number at `at`: an optional sign, one to three digits, optionally a point and more
// digits. Four or more digits before the point, or a second point ("1.2.3"), is no coordinate.
std::optional<Number> ReadNumber(std::string_view s, size_t at) {
  size_t i = at;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  const size_t int_begin = i;
  double value = 0;
  while (i < s.size() && IsDigit(s[i]) && i - int_begin < 4) value = value * 10 + (s[i++] - '0');
  const size_t int_digits = i - int_begin;
  if (int_digits == 0 || int_digits > 3) return std::nullopt;
  int decimals = 0;
  if (i + 1 < s.size() && s[i] == '.' && IsDigit(s[i + 1])) {
    ++i;
    double scale = 0.1;
    for (; i < s.size() && IsDigit(s[i]); ++i, ++decimals) {
      if (decimals < 15) {  // beyond that the digits no longer change a double
        value += (s[i] - '0') * scale;
        scale /= 10;
      }
    }
  }
  if (i < s.size() && (IsDigit(s[i]) || (s[i] == '.' && i + 1 < s.size() && IsDigit(s[i + 1])))) {
    return std::nullopt;
  }
  return Number{negative ? -value : value, decimals, i};
}

// A degree sign and a hemisphere letter after a number: "53.8008° N", "1.5491W".
struct Mark {
  bool degree = false;
  char hemisphere = 0;  // lower case, 0 when none
  size_t end = 0;
};

Mark ReadMark(std::string_view s, size_t at, std::string_view hemispheres) {
  Mark mark{false, 0, at};
  size_t i = at;
  if (s.substr(i, 2) == "\xC2\xB0") {
    mark.degree = true;
    i += 2;
    mark.end = i;
  }
  if (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && hemispheres.find(Lower(s[i])) != std::string_view::npos &&
      (i + 1 == s.size() || !IsAlpha(s[i + 1]))) {
    mark.hemisphere = Lower(s[i]);
    mark.end = i + 1;
  }
  return mark;
}

enum class Mode { kText, kUrl };

// Where the second number of a pair starts after the first ends at `at`, or npos. Text takes a
// comma or semicolon, or only spaces after a hemisphere letter ("53.8 N 1.5 W"); links also
// take an encoded comma, "~" (Bing) and "/" (OpenStreetMap's "#map=15/53.8/-1.5").
size_t SecondNumberAt(std::string_view s, size_t at, Mode mode, bool after_hemisphere) {
  size_t i = at;
  while (i < s.size() && s[i] == ' ' && i - at < 2) ++i;
  if (i < s.size() && (s[i] == ',' || s[i] == ';')) {
    ++i;
  } else if (mode == Mode::kUrl && StartsWithNoCase(s, i, "%2c")) {
    i += 3;
  } else if (mode == Mode::kUrl && i < s.size() && (s[i] == '~' || s[i] == '/')) {
    ++i;
  } else if (!(mode == Mode::kText && after_hemisphere && i > at)) {
    return std::string_view::npos;
  }
  const size_t spaces_from = i;
  while (i < s.size() && s[i] == ' ' && i - spaces_from < 2) ++i;
  return i;
}

struct Pair {
  size_t end = 0;
  int decimals = 0;     // the fewer of the two numbers
  bool marked = false;  // both numbers carry a degree sign or a hemisphere
};

// A valid latitude/longitude pair starting at `at`.
std::optional<Pair> ReadPair(std::string_view s, size_t at, Mode mode) {
  const auto lat = ReadNumber(s, at);
  if (!lat) return std::nullopt;
  const Mark lat_mark = ReadMark(s, lat->end, "ns");
  const size_t second =
      SecondNumberAt(s, lat_mark.end, mode, /*after_hemisphere=*/lat_mark.hemisphere != 0);
  if (second == std::string_view::npos) return std::nullopt;
  const auto lon = ReadNumber(s, second);
  if (!lon) return std::nullopt;
  const Mark lon_mark = ReadMark(s, lon->end, "ew");
  const double lat_value = lat_mark.hemisphere == 's' ? -std::fabs(lat->value) : lat->value;
  const double lon_value = lon_mark.hemisphere == 'w' ? -std::fabs(lon->value) : lon->value;
  if (std::fabs(lat_value) > 90 || std::fabs(lon_value) > 180) return std::nullopt;
  if (lat_value == 0 && lon_value == 0) return std::nullopt;
  const bool marked = (lat_mark.degree || lat_mark.hemisphere != 0) &&
                      (lon_mark.degree || lon_mark.hemisphere != 0);
  return Pair{lon_mark.end, std::min(lat->decimals, lon->decimals), marked};
}

// Whether a number may start at `at`: a digit, or a sign before one, not inside a word or
// another number.
bool NumberStartsAt(std::string_view s, size_t at) {
  const char c = s[at];
  const bool sign = (c == '-' || c == '+') && at + 1 < s.size() && IsDigit(s[at + 1]);
  if (!sign && !IsDigit(c)) return false;
  if (at == 0) return true;
  const char before = s[at - 1];
  return !IsDigit(before) && !IsAlpha(before) && before != '.' && before != '-' && before != '+';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The value of `key` ("mlat=") as a number, when `key` starts a parameter of `s`.
std::optional<Number> ParamNumber(std::string_view s, std::string_view key) {
  for (size_t at = s.find(key); at != std::string_view::npos; at = s.find(key, at + 1)) {
    if (at > 0 && std::string_view("?&#;/").find(s[at - 1]) == std::string_view::npos) continue;
    if (auto n = ReadNumber(s, at + key.size())) return n;
  }
  return std::nullopt;
}

bool HasCoordinateParams(std::string_view s) {
  for (const auto& [lat_key, lon_keys] :
       {std::pair<std::string_view, std::string_view>{"mlat=", "mlon="},
        {"lat=", "lon="},
        {"lat=", "lng="},
        {"lat=", "long="}}) {
    const auto lat = ParamNumber(s, lat_key);
    const auto lon = ParamNumber(s, lon_keys);
    if (lat && lon && lat->decimals > 0 && lon->decimals > 0 && std::fabs(lat->value) <= 90 &&
        std::fabs(lon->value) <= 180) {
      return true;
    }
  }
  return false;
}

bool HasCoordinatePair(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!NumberStartsAt(s, i)) continue;
    if (const auto pair = ReadPair(s, i, Mode::kUrl); pair && pair->decimals > 0) return true;
  }
  return false;
}

// "filled.count.soap": three words of letters joined by dots.
bool IsThreeWordAddress(std::string_view segment) {
  int dots = 0;
  size_t word = 0;
  for (char c : segment) {
    if (c == '.') {
      if (word == 0) return false;
      ++dots;
      word = 0;
    } else if (IsAlpha(c)) {
      ++word;
    } else {
      return false;
    }
  }
  return dots == 2 && word > 0;
}

// "google.com", "google.co.uk", "google.com.au" after `prefix`, but not "google.com.evil.example".
bool IsGoogleHost(std::string_view host, std::string_view prefix) {
  if (!host.starts_with(prefix)) return false;
  std::string_view suffix = host.substr(prefix.size());
  for (int label = 0; label < 2 && !suffix.empty(); ++label) {
    const size_t dot = std::min(suffix.find('.'), suffix.size());
    if (dot < 2 || dot > 3) return false;
    for (char c : suffix.substr(0, dot)) {
      if (!IsAlpha(c)) return false;
    }
    suffix.remove_prefix(dot == suffix.size() ? dot : dot + 1);
  }
  return suffix.empty() && host.size() > prefix.size();
}

bool IsMapsSite(std::string_view host, std::string_view rest) {
  return IsGoogleHost(host, "maps.google.") ||
         (IsGoogleHost(host, "google.") && rest.starts_with("/maps")) || host == "maps.apple.com" ||
         host == "openstreetmap.org" || host == "osm.org" || host.ends_with(".openstreetmap.org") ||
         (host == "bing.com" && rest.starts_with("/maps")) || host == "waze.com" ||
         host.ends_with(".waze.com") || host == "here.com" || host.ends_with(".here.com");
}

}  // namespace

std::vector<TextSpan> FindCoordinates(std::string_view text) {
  std::vector<TextSpan> spans;
  size_t i = 0;
  while (i < text.size()) {
    if (StartsWithNoCase(text, i, "geo:") && (i == 0 || !IsAlpha(text[i - 1]))) {
      if (ReadPair(text, i + 4, Mode::kUrl)) {
        size_t end = i + 4;
        while (end < text.size() && !IsSpace(text[end])) ++end;  // ";u=35" and the like
        spans.push_back({i, end});
        i = end;
        continue;
      }
    }
    if (NumberStartsAt(text, i)) {
      if (const auto pair = ReadPair(text, i, Mode::kText)) {
        const int needed = pair->marked ? kMarkedCoordinateDecimals : kTextCoordinateDecimals;
        if (pair->decimals >= needed) {
          spans.push_back({i, pair->end});
          i = pair->end;
          continue;
        }
      }
    }
    ++i;
  }
  return spans;
}

bool IsPinnedMapLink(std::string_view url) {
  std::string lower(url);
  for (char& c : lower) c = Lower(c);
  std::string_view s = lower;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (s.starts_with(scheme)) {
      s.remove_prefix(scheme.size());
      break;
    }
  }
  const size_t host_end = std::min(s.find_first_of("/?#"), s.size());
  std::string_view host = s.substr(0, host_end);
  const std::string_view rest = s.substr(host_end);
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (const size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host.starts_with("www.")) host.remove_prefix(4);

  if (host == "what3words.com" || host == "w3w.co" || host.ends_with(".what3words.com")) {
    std::string_view segment = rest;
    while (segment.starts_with("/")) segment.remove_prefix(1);
    segment = segment.substr(0, std::min(segment.find_first_of("/?#"), segment.size()));
    return IsThreeWordAddress(segment);
  }
  if (!IsMapsSite(host, rest)) return false;
  return HasCoordinatePair(rest) || HasCoordinateParams(rest);
}

}  // namespace stalkguard::checkup::internal
