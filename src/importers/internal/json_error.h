// A readable message for a JSON document that does not parse, naming where it breaks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::importers {

// `result.json: not valid JSON at byte 812 (line 30, column 1): syntax error while parsing ...`.
// simdjson says what is wrong but not where, so this runs a second, building-nothing parse on
// the error path only. `parsed` is what the parser was given; when an importer rewrote parts
// of `original` first, `grown_at` lists the original offsets where the text grew by
// `growth` bytes each, so the reported position is the file's own. `parser_message` is used
// when no position can be found.
std::string DescribeJsonError(const std::string& file, std::string_view original,
                              std::string_view parsed, std::string_view parser_message,
                              const std::vector<size_t>& grown_at = {}, size_t growth = 0);

}  // namespace stalkguard::importers
