// libFuzzer target: the text normaliser. Any bytes in; the output must be valid UTF-8, the
// offset map must cover every output byte with a non-empty range inside the input, in order,
// and ToOriginal must stay inside the input for any range asked of it.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "core/utf8.h"
#include "text/normalizer.h"

namespace text = stalkguard::text;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static text::NormalizedText norm;  // reused, as a scan over many messages would
  text::Normalize(input, norm);
  if (!stalkguard::IsValidUtf8(norm.text)) __builtin_trap();
  if (norm.source.size() != norm.text.size() || norm.original_size != size) __builtin_trap();
  uint32_t last_begin = 0;
  for (const text::SourceRange& range : norm.source) {
    if (range.begin >= range.end || range.end > size || range.begin < last_begin) {
      __builtin_trap();
    }
    last_begin = range.begin;
  }
  // A few ranges derived from the input itself, including empty and out-of-range ones.
  const size_t n = norm.text.size();
  const size_t a = size > 0 ? data[0] % (n + 2) : 0;
  const size_t b = size > 1 ? data[1] % (n + 2) : n;
  for (const auto& [begin, end] : {std::pair{a, b}, std::pair{b, a}, std::pair{size_t{0}, n}}) {
    const stalkguard::TextSpan span = text::ToOriginal(norm, begin, end);
    if (span.begin > span.end || span.end > size) __builtin_trap();
  }
  // Normalising is idempotent enough that a second pass must not crash either.
  const text::NormalizedText again = text::Normalize(norm.text);
  if (!stalkguard::IsValidUtf8(again.text)) __builtin_trap();
  return 0;
}
