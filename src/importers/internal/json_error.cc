#include "importers/internal/json_error.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

namespace stalkguard::importers {
namespace {

// SAX handler that accepts everything and remembers where the first syntax error is.
class JsonErrorLocator {
 public:
  using Json = nlohmann::json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(Json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string&, const Json::exception& error) {
    // `position` counts the bytes read including the offending one (or the end of input).
    offset = position > 0 ? position - 1 : 0;
    // "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error ..."
    std::string_view what = error.what();
    const size_t column = what.find("column ");
    const size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    reason = std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
    return false;
  }

  std::optional<size_t> offset;
  std::string reason;
};

}  // namespace

std::string DescribeJsonError(const std::string& file, std::string_view original,
                              std::string_view parsed, std::string_view parser_message,
                              const std::vector<size_t>& grown_at, size_t growth) {
  JsonErrorLocator locator;
  try {
    (void)nlohmann::json::sax_parse(parsed.begin(), parsed.end(), &locator);
  } catch (...) {
    locator.offset.reset();  // the locator is a courtesy; the real parser's verdict stands
  }
  if (!locator.offset) return file + ": not valid JSON: " + std::string(parser_message);
  size_t offset = std::min(*locator.offset, parsed.size());
  size_t shift = 0;
  for (size_t i = 0; i < grown_at.size() && grown_at[i] + growth * i < offset; ++i) {
    shift += growth;
  }
  offset = std::min(offset - std::min(shift, offset), original.size());
  const std::string_view before = original.substr(0, offset);
  const size_t newline = before.rfind('\n');
  const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t column = newline == std::string_view::npos ? offset + 1 : offset - newline;
  return file + ": not valid JSON at byte " + std::to_string(offset) + " (line " +
         std::to_string(line) + ", column " + std::to_string(column) + "): " + locator.reason;
}

}  // namespace stalkguard::importers
