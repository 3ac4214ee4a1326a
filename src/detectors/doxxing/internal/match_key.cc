#include "detectors/doxxing/internal/match_key.h"

#include <algorithm>
#include <cstdint>

namespace stalkguard::detect::internal {
namespace {

bool IsAsciiWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

// The length of the word character at t[i], or 0 when it separates words. Normalised text has
// Latin look-alikes folded to ASCII already; what is left outside ASCII is either another
// script's letters (kept, so an Arabic or Chinese name is one word) or symbols, punctuation
// and emoji, which separate words: "🏠12 Mill Lane" still has "12" as a word, "£12" too.
size_t WordCharAt(std::string_view t, size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return IsAsciiWordByte(c) ? 1 : 0;
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > t.size()) return 1;
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  const bool letter = (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
                      (cp >= 0x370 && cp <= 0x1FFF) || (cp >= 0x3040 && cp <= 0x9FFF) ||
                      (cp >= 0xAC00 && cp <= 0xD7AF);
  return letter ? len : 0;
}

struct Spelling {
  std::string_view word;
  std::string_view canonical;
};

// Street words and their abbreviations in one spelling. "saint" and "street" share "st" as
// they share the abbreviation: "St Mary's" must match "Saint Mary's". The mapping only has to
// be the same on both sides of a comparison, not to be English.
constexpr Spelling kSpellings[] = {
    {"street", "st"},   {"saint", "st"},     {"road", "rd"},      {"lane", "ln"},
    {"avenue", "ave"},  {"av", "ave"},       {"drive", "dr"},     {"close", "cl"},
    {"court", "ct"},    {"place", "pl"},     {"square", "sq"},    {"crescent", "cres"},
    {"terrace", "tce"}, {"terr", "tce"},     {"gardens", "gdns"}, {"boulevard", "blvd"},
    {"highway", "hwy"}, {"parkway", "pkwy"}, {"mount", "mt"},     {"grove", "gr"},
};
constexpr std::string_view kStreetWords[] = {
    "st",   "rd",   "ln",   "ave",    "dr",   "cl",   "ct",    "pl",   "sq",
    "cres", "tce",  "gdns", "blvd",   "hwy",  "pkwy", "gr",    "way",  "walk",
    "row",  "hill", "mews", "parade", "rise", "view", "green", "park",
};

// Letters that start a word of kSpellings, so that most words are never compared.
constexpr uint32_t SpellingLetters() {
  uint32_t mask = 0;
  for (const Spelling& s : kSpellings) mask |= 1u << (s.word[0] - 'a');
  return mask;
}

std::string_view Canonical(std::string_view word) {
  if (word.size() < 2 || word.size() > 9 || word[0] < 'a' || word[0] > 'z' ||
      !(SpellingLetters() & (1u << (word[0] - 'a')))) {
    return word;
  }
  for (const Spelling& s : kSpellings)
    if (s.word == word) return s.canonical;
  return word;
}

}  // namespace

bool IsStreetWord(std::string_view canonical_word) {
  return std::find(std::begin(kStreetWords), std::end(kStreetWords), canonical_word) !=
         std::end(kStreetWords);
}

void BuildMatchKey(std::string_view t, MatchKey& out) {
  // A respelled word grows by one byte at most ("av" -> "ave"), and a two-byte word is
  // followed by a separator, so the key never needs more than 1.5 times the text.
  const size_t capacity = t.size() + t.size() / 2 + 4;
  if (out.chars.size() < capacity) {
    out.chars.resize(capacity);
    out.word_end.resize(capacity);
  }
  out.words.clear();
  size_t n = 0;
  size_t i = 0;
  while (i < t.size()) {
    size_t len = WordCharAt(t, i);
    if (len == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (len != 0) {
      j += len;
      len = j < t.size() ? WordCharAt(t, j) : 0;
    }
    const std::string_view word = t.substr(i, j - i);
    const std::string_view canonical = Canonical(word);
    const size_t start = n;
    for (char c : canonical) {
      out.chars[n] = c;
      out.word_end[n] = 0;
      ++n;
    }
    out.word_end[n - 1] = 1;
    out.words.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(n),
                         static_cast<uint32_t>(i), static_cast<uint32_t>(j),
                         canonical.data() != word.data()});
    i = j;
  }
  out.size = n;
}

void KeyToNormalized(const MatchKey& key, size_t word, size_t length, uint32_t& begin,
                     uint32_t& end) {
  begin = key.words[word].norm_begin;
  const size_t last = key.words[word].key_begin + length;  // one past the last key byte
  size_t w = word;
  while (w + 1 < key.words.size() && key.words[w].key_end < last) ++w;
  const MatchKey::Word& end_word = key.words[w];
  end = end_word.respelled ? end_word.norm_end
                           : end_word.norm_begin + static_cast<uint32_t>(last - end_word.key_begin);
}

}  // namespace stalkguard::detect::internal
