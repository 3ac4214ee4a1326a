// Normalize: turns a message into the text every text detector reads (patterns, classifier),
// undoing the usual tricks to slip past filters, and keeps a map from each normalised byte back
// to the original bytes so that a finding can point at what the person actually received.
//
//   NormalizedText norm = Normalize("I kn0w wh3re u l i v e");  // "i know where ulive"
//   TextSpan span = ToOriginal(norm, 2, 6);                      // "kn0w" in the original
//
// The steps, in order (docs/text-normalisation.md says why each exists):
//   1. Unicode NFKC with case folding; invalid UTF-8 becomes U+FFFD; zero-width and other
//      invisible characters are removed; look-alike letters (Cyrillic, Greek, small capitals,
//      accents, mathematical and fullwidth forms) fold to their Latin skeleton; typographic
//      quotes and dashes become ASCII; runs of white space become one space, trimmed.
//   2. Three or more single letters with one repeated separator are joined: "k i l l", "d.i.e";
//      a one-letter word before or after stays apart when the rest is a known word ("I w i l l"
//      -> "i will"), and "y o u", "y o u r" join because they are words.
//   3. Leetspeak inside words that also contain letters: "k1ll", "a$$", "@ss", "sh!t". '1' is
//      read as "i" or "l" and '8', '9' as "b", "g" by which reading is a known word: "ki11",
//      "u9ly", "8itch"; "gr8" stays. Numbers, prices, times, ordinals and phone numbers stay as
//      they are: "at 5", "£20", "10:30", "2nd".
//   4. Runs of three or more of the same letter become two: "sooooo" -> "soo".
// The result is lower case UTF-8 meant for matching, not for display.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace stalkguard::text {

// Original bytes [begin, end) that one normalised byte came from. Several normalised bytes can
// share a range ("ﬁ" -> "fi"), and one range can cover removed bytes (a collapsed run of
// spaces, the tail of "sooooo").
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct NormalizedText {
  std::string text;                 // normalised, valid UTF-8
  std::vector<SourceRange> source;  // source[i] is where text[i] came from; same size as text
  size_t original_size = 0;         // bytes of the original that were read
};

// Longest input read, in bytes; the rest of a longer message is ignored so that offsets fit in
// 32 bits. No real message comes close.
inline constexpr size_t kMaxNormalizeInput = (size_t{1} << 31) - 1;

// Normalises `original_utf8` (any bytes; invalid UTF-8 is tolerated). Never fails. Safe to call
// from several threads at once: the ICU objects are shared read-only, caches are per thread.
NormalizedText Normalize(std::string_view original_utf8);

// The same, reusing `out`'s buffers, which is what a scan over millions of messages should call.
void Normalize(std::string_view original_utf8, NormalizedText& out);

// Maps normalised bytes [begin, end) to the span of the original that produced them. Arguments
// are clamped to the text; an empty range maps to an empty span at the matching position.
TextSpan ToOriginal(const NormalizedText& normalized, size_t begin, size_t end);

}  // namespace stalkguard::text
