// Byte classes for the ASCII passes of Normalize, as one table lookup each: these checks run
// on every byte of every message. Internal to text/.
#pragma once

#include <array>
#include <cstdint>

namespace stalkguard::text::internal {

enum CharClass : uint16_t {
  kLetter = 1 << 0,     // a-z (the passes after step 1 only see lower case)
  kDigit = 1 << 1,      // 0-9
  kLeet = 1 << 2,       // may stand for a letter in leetspeak: 0 1 3 4 5 7 8 9 @ $ !
  kJoinable = 1 << 3,   // may stand alone in "k i l l": a letter or 0 1 3 4 5 7 @ $
  kSeparator = 1 << 4,  // may separate spaced-out letters: space . - _ * / \ | ~ + = :
  kWordish = 1 << 5,    // part of a word: letters, digits, @ $ ! ' and every non-ASCII byte
  kLeetWord = 1 << 6,   // part of a leetspeak word: letters, digits, @ $ !
  kSpace = 1 << 7,      // ASCII white space
  kUpper = 1 << 8,      // A-Z
  kControl = 1 << 9,    // C0 controls but white space, and DEL: dropped
};

constexpr std::array<uint16_t, 256> MakeCharClasses() {
  std::array<uint16_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint16_t v = 0;
    if (c >= 'a' && c <= 'z') v |= kLetter | kJoinable | kWordish | kLeetWord;
    if (c >= 'A' && c <= 'Z') v |= kUpper;
    if (c >= '0' && c <= '9') v |= kDigit | kWordish | kLeetWord;
    if (c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@' ||
        c == '$') {
      v |= kLeet | kJoinable;
    }
    if (c == '8' || c == '9') v |= kLeet;  // only where "b" or "g" makes a known word: "u9ly"
    if (c == '!') v |= kLeet;
    if (c == '@' || c == '$' || c == '!') v |= kWordish | kLeetWord;
    if (c == '\'' || c >= 0x80) v |= kWordish;
    if (c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '/' || c == '\\' ||
        c == '|' || c == '~' || c == '+' || c == '=' || c == ':') {
      v |= kSeparator;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') v |= kSpace;
    if ((c < 0x20 && !(v & kSpace)) || c == 0x7F) v |= kControl;
    t[c] = v;
  }
  return t;
}

inline constexpr std::array<uint16_t, 256> kCharClasses = MakeCharClasses();

inline bool Is(char c, uint16_t classes) {
  return (kCharClasses[static_cast<unsigned char>(c)] & classes) != 0;
}

}  // namespace stalkguard::text::internal
