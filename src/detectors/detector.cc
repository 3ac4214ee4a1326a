#include "detectors/detector.h"

#include <algorithm>

namespace stalkguard::detect {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string MakeExcerpt(std::string_view text, TextSpan span, size_t context_bytes) {
  size_t begin = std::min(span.begin, text.size());
  size_t end = std::clamp(span.end, begin, text.size());
  if (begin == end) end = std::min(text.size(), begin + 2 * context_bytes);
  size_t from = begin > context_bytes ? begin - context_bytes : 0;
  size_t to = std::min(text.size(), end + context_bytes);
  while (from > 0 && IsContinuation(text[from])) --from;
  while (to < text.size() && IsContinuation(text[to])) ++to;
  // Prefer to cut at a space so that no word is shown in half.
  if (from > 0 && text[from - 1] != ' ') {
    const size_t space = text.find(' ', from);
    if (space != std::string_view::npos && space < begin) from = space + 1;
  }
  if (to < text.size() && text[to] != ' ') {
    const size_t space = text.rfind(' ', to);
    if (space != std::string_view::npos && space >= end) to = space;
  }
  std::string out;
  if (from > 0) out += "...";
  for (char c : text.substr(from, to - from))
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (to < text.size()) out += "...";
  return out;
}

}  // namespace stalkguard::detect
