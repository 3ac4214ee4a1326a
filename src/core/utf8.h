// Small UTF-8 helpers every importer needs. Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stalkguard {

// Appends the UTF-8 form of `code_point`; lone surrogates and values past U+10FFFF become
// U+FFFD.
void AppendUtf8(std::string& out, uint32_t code_point);
bool IsValidUtf8(std::string_view bytes);
// Copies `bytes`, replacing each invalid sequence with U+FFFD, so text from a file in the
// wrong encoding stays readable and never breaks JSON or the database.
std::string SanitizeUtf8(std::string_view bytes);

}  // namespace stalkguard
