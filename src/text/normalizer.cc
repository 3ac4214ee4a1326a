#include "text/normalizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "text/internal/char_class.h"
#include "text/internal/obfuscation.h"
#include "text/internal/unicode_fold.h"

namespace stalkguard::text {
namespace {

namespace in = internal;

// A segment is one character and the marks NFKC may join to it. A base with thousands of marks
// ("Zalgo" text, fuzzers) is cut so that the work per byte stays bounded.
constexpr size_t kMaxSegmentCodePoints = 64;

// Writes step 1's output: bytes with their source ranges, white space collapsed to single
// spaces with none at either end. Writes go to buffers sized up front (the ASCII path never
// writes more bytes than it reads), which is most of the speed of the ASCII path.
class Emitter {
 public:
  Emitter(NormalizedText& out, size_t input_size) : out_(out) { Grow(input_size + 1); }
  ~Emitter() {
    out_.text.resize(size_);
    out_.source.resize(size_);
  }

  void Space(size_t begin, size_t end) {
    if (!in_space_) {
      in_space_ = true;
      space_begin_ = static_cast<uint32_t>(begin);
    }
    space_end_ = static_cast<uint32_t>(end);
  }

  // Room for `bytes` more bytes and a space before them, plus one byte for each of the
  // `input_left` input bytes still to come, which the ASCII path writes without asking.
  void Reserve(size_t bytes, size_t input_left) {
    const size_t needed = size_ + bytes + 1 + input_left;
    if (needed > out_.text.size()) Grow(std::max(needed, 2 * out_.text.size()));
  }

  // Callers Reserve() first, except on the ASCII path: one byte out per byte in, and a space
  // only for a white space byte already read.
  void Byte(char c, size_t begin, size_t end) {
    if (in_space_) {
      in_space_ = false;
      if (size_ > 0) Put(' ', space_begin_, space_end_);
    }
    Put(c, static_cast<uint32_t>(begin), static_cast<uint32_t>(end));
  }

 private:
  void Put(char c, uint32_t begin, uint32_t end) {
    out_.text[size_] = c;
    out_.source[size_] = SourceRange{begin, end};
    ++size_;
  }

  void Grow(size_t size) {
    out_.text.resize(size);
    out_.source.resize(size);
  }

  NormalizedText& out_;
  size_t size_ = 0;
  bool in_space_ = false;
  uint32_t space_begin_ = 0;
  uint32_t space_end_ = 0;
};

// True when the code point at bytes[i] cannot join the segment before it: it starts a new one,
// is invisible (removed on its own, so it never widens a neighbour's span) or is not UTF-8.
bool StartsSegment(std::string_view bytes, size_t i) {
  uint32_t cp;
  return in::DecodeUtf8(bytes, i, cp) == 0 || in::IsInvisible(cp) || in::HasBoundaryBefore(cp);
}

bool IsAscii(std::string_view s) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    any |= word;
  }
  for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080ull) == 0;
}

// Maps each ASCII byte to what step 1 makes of it: lower case, white space as ' '.
constexpr std::array<char, 128> MakeAsciiFold() {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    const uint16_t cls = in::kCharClasses[c];
    t[c] = (cls & in::kSpace)   ? ' '
           : (cls & in::kUpper) ? static_cast<char>(c + 32)
                                : static_cast<char>(c);
  }
  return t;
}
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

// Which of steps 2-4 can change the text; the ASCII path finds out while it folds, so that
// most messages skip the other passes.
struct LaterSteps {
  bool join = true;
  bool leet = true;
  bool collapse = true;
};

// Which of steps 2-4 can change `text`, found with one branch-free pass of independent checks:
// two single letters close together ("k i", "d.i") may start "k i l l", three equal letters
// need collapsing, a leet character may be leetspeak.
LaterSteps FindLaterSteps(std::string_view text) {
  // Unsigned 0/1 values combined with & and |: no branch per byte.
  const auto has = [](uint16_t cls, uint16_t mask) {
    return static_cast<unsigned>((cls & mask) != 0);
  };
  const auto same = [](char a, char b) { return static_cast<unsigned>(a == b); };
  uint16_t cls1 = 0;  // classes of the previous two bytes
  uint16_t cls2 = 0;
  char c1 = 0;  // the previous two bytes
  char c2 = 0;
  unsigned recent_singles = 0;  // bit k: a single letter ended k + 1 bytes ago
  unsigned singles = 0;
  unsigned repeat = 0;
  uint16_t seen = 0;
  for (const char c : text) {
    const uint16_t cls = in::kCharClasses[static_cast<unsigned char>(c)];
    const unsigned single =
        has(cls, in::kSeparator) & has(cls1, in::kJoinable) & (has(cls2, in::kWordish) ^ 1u);
    singles |= single & static_cast<unsigned>((recent_singles & 0xEu) != 0);
    recent_singles = (recent_singles << 1) | single;
    repeat |= has(cls, in::kLetter) & same(c, c1) & same(c, c2);
    seen |= cls;
    cls2 = cls1;
    cls1 = cls;
    c2 = c1;
    c1 = c;
  }
  return LaterSteps{singles != 0, (seen & in::kLeet) != 0, repeat != 0};
}

// Step 1 for a message that is all ASCII, the common case.
LaterSteps FoldAscii(std::string_view original, NormalizedText& out) {
  size_t n = original.size();
  size_t i = 0;
  while (i < n && in::Is(original[i], in::kSpace | in::kControl)) ++i;
  while (n > i && in::Is(original[n - 1], in::kSpace | in::kControl)) --n;
  out.text.resize(n - i);
  out.source.resize(n - i);
  char* text = out.text.data();
  SourceRange* source = out.source.data();
  // Usually nothing is removed (no tabs, line breaks, double spaces or control characters):
  // then byte k comes from byte k, and the loops below are plain copies.
  bool removes = false;
  char prev = 0;
  for (size_t k = i; k < n; ++k) {
    const char c = original[k];
    removes = removes || (in::Is(c, in::kControl | in::kSpace) && (c != ' ' || prev == ' '));
    prev = c;
  }
  size_t w = 0;
  if (!removes) {
    for (size_t k = i; k < n; ++k, ++w) {
      text[w] = kAsciiFold[static_cast<unsigned char>(original[k])];
      source[w] = SourceRange{static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1)};
    }
  } else {
    // Branch-free but for control characters: a space after a space only widens the first
    // one's source range.
    bool prev_space = false;
    for (size_t k = i; k < n; ++k) {
      const auto c = static_cast<unsigned char>(original[k]);
      if (in::kCharClasses[c] & in::kControl) continue;
      const char folded = kAsciiFold[c];
      const bool space = folded == ' ';
      const bool merge = space && prev_space;
      const size_t at = w - merge;
      text[at] = folded;
      source[at].begin = merge ? source[at].begin : static_cast<uint32_t>(k);
      source[at].end = static_cast<uint32_t>(k + 1);
      w = at + 1;
      prev_space = space;
    }
  }
  out.text.resize(w);
  out.source.resize(w);
  return FindLaterSteps(out.text);
}

LaterSteps FoldPass(std::string_view original, NormalizedText& out) {
  if (IsAscii(original)) return FoldAscii(original, out);
  Emitter emit(out, original.size());
  thread_local std::string piece;
  const size_t n = original.size();
  size_t i = 0;
  while (i < n) {
    const char c = original[i];
    // ASCII fast path: everything but a letter followed by a combining mark ("e\u0301").
    if (static_cast<unsigned char>(c) < 0x80 &&
        (i + 1 == n || static_cast<unsigned char>(original[i + 1]) < 0x80 ||
         StartsSegment(original, i + 1))) {
      const uint16_t cls = in::kCharClasses[static_cast<unsigned char>(c)];
      if (cls & in::kSpace) {
        emit.Space(i, i + 1);
      } else if (!(cls & in::kControl)) {
        emit.Byte((cls & in::kUpper) ? static_cast<char>(c + ('a' - 'A')) : c, i, i + 1);
      }
      ++i;
      continue;
    }
    uint32_t cp;
    const size_t len = in::DecodeUtf8(original, i, cp);
    if (len == 0) {
      emit.Reserve(3, n - i - 1);
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
    emit.Reserve(piece.size(), n - end);
    for (char b : piece) {
      if (b == ' ') {
        emit.Space(i, end);
      } else {
        emit.Byte(b, i, end);
      }
    }
    i = end;
  }
  return LaterSteps{};
}

}  // namespace

void Normalize(std::string_view original_utf8, NormalizedText& out) {
  if (original_utf8.size() > kMaxNormalizeInput) {
    original_utf8 = original_utf8.substr(0, kMaxNormalizeInput);
  }
  out.text.clear();
  out.source.clear();
  out.original_size = original_utf8.size();
  const LaterSteps steps = FoldPass(original_utf8, out);
  if (steps.join) in::JoinSpacedLetters(out);
  if (steps.leet) in::UndoLeetspeak(out);
  if (steps.collapse) in::CollapseRepeatedLetters(out);
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
