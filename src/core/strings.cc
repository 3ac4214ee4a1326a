#include "core/strings.h"

#include <array>
#include <cstdint>

namespace stalkguard {
namespace {

// What one input byte is to the base64 decoder: a value 0..63, or one of the classes below.
enum : uint8_t {
  kUrlSafe62 = 64,  // '-'
  kUrlSafe63,       // '_'
  kPad,             // '='
  kLineBreak,       // '\r', '\n'
  kSpace,           // ' ', '\t'
  kInvalid,
};

constexpr std::array<uint8_t, 256> MakeBase64Table() {
  std::array<uint8_t, 256> table{};
  table.fill(kInvalid);
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<uint8_t>(i);
  }
  table['-'] = kUrlSafe62;
  table['_'] = kUrlSafe63;
  table['='] = kPad;
  table['\r'] = kLineBreak;
  table['\n'] = kLineBreak;
  table[' '] = kSpace;
  table['\t'] = kSpace;
  return table;
}

constexpr std::array<uint8_t, 256> kBase64Table = MakeBase64Table();

}  // namespace

std::string_view TrimAscii(std::string_view s, std::string_view chars) {
  const size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return s.substr(s.size());
  return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != AsciiLower(prefix[i])) return false;
  }
  return true;
}

std::string_view Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::optional<std::string> DecodeBase64(std::string_view text, const Base64Options& options) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;  // the low `bits` bits are not yet written out
  int bits = 0;
  size_t padding = 0;
  for (const char c : text) {
    uint8_t value = kBase64Table[static_cast<unsigned char>(c)];
    switch (value) {
      case kLineBreak:
        continue;
      case kSpace:
        if (!options.skip_spaces) return std::nullopt;
        continue;
      case kPad:
        if (!options.lenient) ++padding;
        continue;
      case kInvalid:
        return std::nullopt;
      case kUrlSafe62:
      case kUrlSafe63:
        if (!options.url_safe) return std::nullopt;
        value = value == kUrlSafe62 ? 62 : 63;
        break;
      default:
        break;
    }
    if (padding > 0) return std::nullopt;  // data after the padding
    acc = (acc << 6 | value) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (!options.lenient) {
    // Two or three characters in the last group leave 4 or 2 bits over, which must be zero
    // and may be followed by two or one '='. One character alone leaves 6: no byte at all.
    if (bits == 6 || (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
    if (padding != 0 && padding != static_cast<size_t>(bits / 2)) return std::nullopt;
  }
  return out;
}

}  // namespace stalkguard
