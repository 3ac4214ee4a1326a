#include "text/normalizer.h"

#include <algorithm>

#include "text/internal/obfuscation.h"
#include "text/internal/unicode_fold.h"

namespace stalkguard::text {
namespace {

namespace in = internal;

// A segment is one character and the marks NFKC may join to it. A base with thousands of marks
// ("Zalgo" text, fuzzers) is cut so that the work per byte stays bounded.
constexpr size_t kMaxSegmentCodePoints = 64;

// Writes step 1's output: bytes with their source ranges, white space collapsed to single
// spaces with none at either end.
class Emitter {
 public:
  explicit Emitter(NormalizedText& out) : out_(out) {}

  void Space(size_t begin, size_t end) {
    if (!in_space_) {
      in_space_ = true;
      space_begin_ = static_cast<uint32_t>(begin);
    }
    space_end_ = static_cast<uint32_t>(end);
  }

  void Byte(char c, size_t begin, size_t end) {
    if (in_space_) {
      in_space_ = false;
      if (!out_.text.empty()) Push(' ', space_begin_, space_end_);
    }
    Push(c, static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
  }

 private:
  void Push(char c, uint32_t begin, uint32_t end) {
    out_.text.push_back(c);
    out_.source.push_back(SourceRange{begin, end});
  }

  NormalizedText& out_;
  bool in_space_ = false;
  uint32_t space_begin_ = 0;
  uint32_t space_end_ = 0;
};

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// True when the code point at bytes[i] cannot join the segment before it: it starts a new one,
// is invisible (removed on its own, so it never widens a neighbour's span) or is not UTF-8.
bool StartsSegment(std::string_view bytes, size_t i) {
  uint32_t cp;
  return in::DecodeUtf8(bytes, i, cp) == 0 || in::IsInvisible(cp) || in::HasBoundaryBefore(cp);
}

void FoldPass(std::string_view original, NormalizedText& out) {
  Emitter emit(out);
  thread_local std::string piece;
  const size_t n = original.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(original[i]);
    // ASCII fast path: everything but a letter followed by a combining mark ("e\u0301").
    if (c < 0x80 && (i + 1 == n || static_cast<unsigned char>(original[i + 1]) < 0x80 ||
                     StartsSegment(original, i + 1))) {
      if (IsAsciiSpace(c)) {
        emit.Space(i, i + 1);
      } else if (c >= 0x20 && c != 0x7F) {
        emit.Byte(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c), i, i + 1);
      }
      ++i;
      continue;
    }
    uint32_t cp;
    const size_t len = in::DecodeUtf8(original, i, cp);
    if (len == 0) {
      for (char b : std::string_view("\xEF\xBF\xBD")) emit.Byte(b, i, i + 1);  // U+FFFD
      ++i;
      continue;
    }
    if (in::IsInvisible(cp)) {
      i += len;
      continue;
    }
    size_t end = i + len;
    for (size_t count = 1; end < n && count < kMaxSegmentCodePoints; ++count) {
      if (StartsSegment(original, end)) break;
      uint32_t next;
      end += in::DecodeUtf8(original, end, next);
    }
    piece.clear();
    in::FoldSegment(original.substr(i, end - i), piece);
    for (char b : piece) {
      if (b == ' ') {
        emit.Space(i, end);
      } else {
        emit.Byte(b, i, end);
      }
    }
    i = end;
  }
}

}  // namespace

void Normalize(std::string_view original_utf8, NormalizedText& out) {
  if (original_utf8.size() > kMaxNormalizeInput) {
    original_utf8 = original_utf8.substr(0, kMaxNormalizeInput);
  }
  out.text.clear();
  out.source.clear();
  out.original_size = original_utf8.size();
  out.text.reserve(original_utf8.size());
  out.source.reserve(original_utf8.size());
  FoldPass(original_utf8, out);
  in::JoinSpacedLetters(out);
  in::UndoLeetspeak(out);
  in::CollapseRepeatedLetters(out);
}

NormalizedText Normalize(std::string_view original_utf8) {
  NormalizedText out;
  Normalize(original_utf8, out);
  return out;
}

TextSpan ToOriginal(const NormalizedText& normalized, size_t begin, size_t end) {
  const size_t size = normalized.text.size();
  begin = std::min(begin, size);
  end = std::clamp(end, begin, size);
  if (begin == end) {
    size_t at = 0;
    if (begin < size) {
      at = normalized.source[begin].begin;
    } else if (size > 0) {
      at = normalized.source[size - 1].end;
    }
    return TextSpan{at, at};
  }
  return TextSpan{normalized.source[begin].begin, normalized.source[end - 1].end};
}

}  // namespace stalkguard::text
