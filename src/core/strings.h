// Small byte-string helpers the importers share: trimming, ASCII case folding, cutting UTF-8
// and base64. None looks at the C locale, and trimming and case folding look at ASCII only, so
// a byte of a UTF-8 sequence always passes through unchanged. Pure functions, safe from any
// thread.
//
//   std::string mime = AsciiLower(TrimAscii(" Image/JPEG "));  // "image/jpeg"
//   std::optional<std::string> bytes = DecodeBase64("aGk=");    // "hi"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stalkguard {

// What std::isspace accepts in the "C" locale: space, \t, \n, \v, \f and \r.
inline constexpr std::string_view kAsciiWhitespace = " \t\n\v\f\r";

// `s` without the bytes of `chars` at either end. The result views `s`'s bytes.
std::string_view TrimAscii(std::string_view s, std::string_view chars = kAsciiWhitespace);

// `c`, or `s` byte by byte, with 'A'..'Z' made 'a'..'z'; every other byte is kept.
char AsciiLower(char c);
std::string AsciiLower(std::string_view s);

// Whether `s` starts with `prefix`, comparing ASCII letters without regard to case.
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// The longest start of `s` of at most `max_bytes` bytes that does not end inside a UTF-8
// sequence: `s` itself when it is short enough. Only continuation bytes (10xxxxxx) are
// looked at, so invalid input is cut without harm. The result views `s`'s bytes.
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// How DecodeBase64 reads its input. The defaults take either alphabet and reject anything
// that is not well-formed base64, so one input has at most one meaning.
struct Base64Options {
  // Also take the URL-safe alphabet ('-' for '+', '_' for '/'), mixed with the standard one.
  // Off: '-' and '_' are errors.
  bool url_safe = true;
  // Skip spaces and tabs wherever they stand, as "\r" and "\n" always are.
  bool skip_spaces = false;
  // Off (strict): '=' padding may be left out, but when present it must be exactly what
  // completes the last group, and only skipped characters may follow it; a lone last
  // character, or unused bits that are not zero, make the input invalid.
  // On: '=' is skipped wherever it stands and the bits after the last whole byte are dropped.
  bool lenient = false;
};

// The bytes encoded in `text`, or nullopt when `text` is not base64 as `options` read it.
// Empty text (or text of skipped characters only) decodes to "".
std::optional<std::string> DecodeBase64(std::string_view text, const Base64Options& options = {});

}  // namespace stalkguard
