// How a rejection names a JSON value, shared by the importers that read JSON documents.
// Header-only so that only the importers that already parse with simdjson pull it in.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "core/strings.h"

namespace stalkguard::importers {

// A JSON value as a rejection quotes it: `"2024-13-01T10:00:00"`, `[1,2]`, cut to 60 bytes on
// a character boundary.
inline std::string QuoteJson(simdjson::dom::element value) {
  constexpr size_t kQuoteBytes = 60;
  std::string text = simdjson::to_string(value);
  if (text.size() > kQuoteBytes) {
    text.resize(Utf8Prefix(text, kQuoteBytes).size());
    text += "...";
  }
  return text;
}

// "an array", "a string", ... for "must be a string, not an array".
inline std::string_view JsonKind(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace stalkguard::importers
