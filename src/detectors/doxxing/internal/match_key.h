// MatchKey: normalised text reduced to its words, joined without separators and with street
// words in one spelling ("Lane" and "ln" both "ln"), so that profile data matches however it
// is punctuated, spaced or abbreviated: "12, Mill Ln." and "12 mill lane" are both "12millln".
// Every word remembers which normalised bytes it came from; a match must start and end at word
// boundaries, so "Sam Lee" is not found in "Sam Leeds" and "12 Mill Lane" is not found in
// "312 Mill Lane".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::detect::internal {

struct MatchKey {
  struct Word {
    uint32_t key_begin;  // chars[key_begin, key_end) is the word
    uint32_t key_end;
    uint32_t norm_begin;  // normalised bytes it came from
    uint32_t norm_end;
    bool respelled;  // "lane" written as "ln": its bytes map to the whole word
  };

  // `chars` and `word_end` only grow, so that a thread reusing one key does not allocate;
  // `size` bytes of each are in use.
  std::string chars;
  std::vector<uint8_t> word_end;  // 1 where a word's last byte is
  std::vector<Word> words;
  size_t size = 0;

  std::string_view view() const { return std::string_view(chars).substr(0, size); }
};

// Builds the key of normalised text (text::Normalize output), reusing `out`'s buffers. Words
// are runs of ASCII letters and digits and of other scripts' letters.
void BuildMatchKey(std::string_view normalized, MatchKey& out);

// Whether `needle` (a key's chars) occurs at the start of word `word` and ends at a word end.
inline bool KeyMatchAt(const MatchKey& key, size_t word, std::string_view needle) {
  const size_t at = key.words[word].key_begin;
  return !needle.empty() && at + needle.size() <= key.size &&
         key.word_end[at + needle.size() - 1] && key.view().substr(at, needle.size()) == needle;
}

// The normalised bytes [begin, end) of key bytes [at, at + length), where `at` starts word
// `word`.
void KeyToNormalized(const MatchKey& key, size_t word, size_t length, uint32_t& begin,
                     uint32_t& end);

// Whether a word of a key (already in its one spelling) is a street word: "st", "ln", "rd"...
bool IsStreetWord(std::string_view canonical_word);

}  // namespace stalkguard::detect::internal
