#include "importers/sms_xml/internal/text_repair.h"

#include <cstdint>

#include "core/utf8.h"

namespace stalkguard::importers::sms_xml {
namespace {

// Returns the code unit of the UTF-16 surrogate encoded as three bytes at `in[pos]`
// (ED A0..BF xx), or 0 when there is none.
uint32_t SurrogateAt(std::string_view in, size_t pos) {
  if (pos + 3 > in.size()) return 0;
  const auto b0 = static_cast<unsigned char>(in[pos]);
  const auto b1 = static_cast<unsigned char>(in[pos + 1]);
  const auto b2 = static_cast<unsigned char>(in[pos + 2]);
  if (b0 != 0xED || b1 < 0xA0 || b1 > 0xBF || (b2 & 0xC0) != 0x80) return 0;
  return 0xD000 | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
}

}  // namespace

std::string CleanText(std::string_view in) {
  if (IsValidUtf8(in)) return std::string(in);
  std::string out;
  out.reserve(in.size());
  size_t copied = 0;
  for (size_t i = 0; i < in.size();) {
    const uint32_t high = SurrogateAt(in, i);
    if (high == 0) {
      ++i;
      continue;
    }
    out.append(in.substr(copied, i - copied));
    const uint32_t low = high < 0xDC00 ? SurrogateAt(in, i + 3) : 0;
    if (low >= 0xDC00) {
      AppendUtf8(out, 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
      i += 6;
    } else {
      AppendUtf8(out, 0xFFFD);
      i += 3;
    }
    copied = i;
  }
  out.append(in.substr(copied));
  return IsValidUtf8(out) ? out : SanitizeUtf8(out);
}

std::string Quote(std::string_view value) {
  const bool cut = value.size() > 40;
  return "\"" + CleanText(value.substr(0, 40)) + (cut ? "...\"" : "\"");
}

}  // namespace stalkguard::importers::sms_xml
