#include "text/internal/obfuscation.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "text/internal/char_class.h"
#include "text/internal/unicode_fold.h"
#include "text/internal/word_list.h"

namespace stalkguard::text::internal {
namespace {

bool IsLetter(char c) { return Is(c, kLetter); }
bool IsDigit(char c) { return Is(c, kDigit); }

// Characters that stand for letters in leetspeak and what they stand for first. Three are
// ambiguous and settled by ReadAsWord: '1' is "i" ("k1ll", "d1e") or "l" ("ki11", "$1ut"), '8'
// and '9' are "b" and "g" ("8itch", "u9ly") only when that makes a known word, since they stand
// for sounds more often ("gr8", "h8er", "sk8"). 2 and 6 stand only for sounds ("2day").
char LeetLetter(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    case '9':
      return 'g';
    case '@':
      return 'a';
    case '$':
      return 's';
    case '!':
      return 'i';
    default:
      return 0;
  }
}

// Most ambiguous '1's tried in one word (2^4 readings); longer words are not in the list.
constexpr size_t kMaxAmbiguous = 4;

// Reads `word` (letters and leet characters, lower case) into `reading`, same length: the
// unambiguous leet characters become their letter, and each '1' becomes "i" or "l" so that the
// reading is a known word, the commonest one (WordRank), "i" before "l" among equals ("a11" ->
// "all", not "ali"). Returns the reading's rank. With no known reading, a "11" after a letter is
// "ll" ("bu11y"; English has "ll" everywhere and "ii" hardly anywhere), any other '1' is "i", and
// '8' and '9' stay digits.
int ReadAsWord(std::string_view word, std::string& reading) {
  reading.assign(word);
  size_t ones[kMaxAmbiguous];
  size_t count = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (IsLetter(c)) continue;
    if (c == '1' && count++ < kMaxAmbiguous) ones[count - 1] = i;
    if (const char letter = LeetLetter(c)) reading[i] = letter;
  }
  if (count <= kMaxAmbiguous && word.size() <= 20) {
    int best = kUnknownWord;
    unsigned best_mask = 0;
    for (unsigned mask = 0; mask < (1u << count); ++mask) {
      for (size_t k = 0; k < count; ++k) reading[ones[k]] = (mask >> k) & 1u ? 'l' : 'i';
      const int rank = WordRank(reading);
      if (rank > best) {
        best = rank;
        best_mask = mask;
      }
    }
    if (best != kUnknownWord) {
      for (size_t k = 0; k < count; ++k) reading[ones[k]] = (best_mask >> k) & 1u ? 'l' : 'i';
      return best;
    }
  }
  for (size_t i = 0; i < word.size();) {
    const char c = word[i];
    if (c == '8' || c == '9') reading[i] = c;
    if (c != '1') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < word.size() && word[j] == '1') ++j;
    const char letter = j - i == 2 && i > 0 && IsLetter(word[i - 1]) ? 'l' : 'i';
    for (; i < j; ++i) reading[i] = letter;
  }
  return kUnknownWord;
}

// One-letter words of ordinary chat. A run made only of them ("u r a", "i c u", "y r u") is a
// sentence, not a spaced-out word, and joining it would break "(you|u) (are|r) a".
bool IsChatLetter(char c) {
  return c == 'a' || c == 'i' || c == 'u' || c == 'r' || c == 'y' || c == 'c' || c == 'n' ||
         c == 'o' || c == 'k';
}

// Words with leet-looking digits that are really chat, products or units.
constexpr std::string_view kLeetExceptions[] = {"4ever", "4eva", "mp3", "mp4",
                                                "ps4",   "ps5",  "3ds", "4x4"};

// Suffixes after a number that make it a quantity, a time or an ordinal: "5pm", "2nd", "10k".
constexpr std::string_view kUnitSuffixes[] = {
    "st", "nd", "rd",  "th",  "am", "pm", "h",   "hr",  "hrs", "min",  "mins", "m",
    "km", "mi", "k",   "kg",  "g",  "lb", "lbs", "s",   "sec", "secs", "x",    "yo",
    "y",  "yr", "yrs", "mo",  "d",  "ft", "cm",  "mm",  "ml",  "l",    "p",    "mb",
    "gb", "kb", "tb",  "mph", "w",  "v",  "hz",  "ghz", "mhz", "ish",  "ers",  "days"};

bool IsUnit(std::string_view suffix) {
  return std::find(std::begin(kUnitSuffixes), std::end(kUnitSuffixes), suffix) !=
         std::end(kUnitSuffixes);
}

// Decides whether text[begin, end), a run of letters, digits and @$!, is a leetspeak word.
bool IsLeetWord(std::string_view word) {
  if (word.size() < 3) return false;  // "b4", "4u", "i5": too short to tell from chat or codes
  size_t letters = 0;
  bool leet = false;
  for (char c : word) {
    letters += IsLetter(c);
    leet = leet || LeetLetter(c) != 0;
  }
  if (letters == 0 || !leet) return false;
  if (std::find(std::begin(kLeetExceptions), std::end(kLeetExceptions), word) !=
      std::end(kLeetExceptions)) {
    return false;
  }
  // A run of different digits is a number ("covid19", "user123", "10th"), unless a letter follows
  // and the word reads as a common one ("b17ch", "83en", "54tan"); a doubled one can be leet
  // ("n00b", "l33t"); three or more digits are always a number.
  bool different_digits = false;
  for (size_t i = 0; i < word.size();) {
    if (!IsDigit(word[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < word.size() && IsDigit(word[j])) ++j;
    if (j - i >= 3) return false;
    if (j - i == 2 && word[i] != word[i + 1]) {
      if (j == word.size() || !IsLetter(word[j])) return false;
      different_digits = true;
    }
    i = j;
  }
  size_t digits = 0;
  while (digits < word.size() && IsDigit(word[digits])) ++digits;
  if (digits > 0) {
    const std::string_view rest = word.substr(digits);
    // "st", "nd" and "rd" only make ordinals of 1, 2 and 3: "4nd" is "and".
    const char ordinal = rest == "st" ? '1' : rest == "nd" ? '2' : rest == "rd" ? '3' : 0;
    const bool unit = ordinal != 0
                          ? word[digits - 1] == ordinal
                          : std::all_of(rest.begin(), rest.end(), IsLetter) && IsUnit(rest);
    if (unit) return false;
  }
  if (different_digits) {
    while (!word.empty() && word.back() == '!') word.remove_suffix(1);
    thread_local std::string reading;
    return word.size() >= 4 && ReadAsWord(word, reading) >= kCommonWord;
  }
  return true;
}

// URLs and e-mail addresses are left as they are: other detectors read them from the original
// event, and "b@stard" must still count as a word.
bool IsAddressToken(std::string_view token) {
  if (token.find("://") != std::string_view::npos || token.substr(0, 4) == "www.") return true;
  const size_t at = token.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  for (size_t dot = token.find('.', at); dot != std::string_view::npos;
       dot = token.find('.', dot + 1)) {
    if (dot + 1 < token.size() && (IsLetter(token[dot + 1]) || IsDigit(token[dot + 1]))) {
      return true;
    }
  }
  return false;
}

void RewriteLeetWord(std::string& text, size_t begin, size_t end) {
  // Trailing "!" is punctuation ("stop!"), as is a leading one.
  size_t last = end;
  while (last > begin && text[last - 1] == '!') --last;
  const size_t first = begin < last && text[begin] == '!' ? begin + 1 : begin;
  if (first >= last) return;
  const std::string_view word(text.data() + first, last - first);
  if (word.find_first_of("189") == std::string_view::npos) {
    for (size_t i = first; i < last; ++i) {
      if (const char letter = LeetLetter(text[i]); letter != 0 && !IsLetter(text[i])) {
        text[i] = letter;
      }
    }
    return;
  }
  thread_local std::string reading;
  ReadAsWord(word, reading);
  text.replace(first, last - first, reading);
}

// The first position at or after `from` holding a single letter (or leet character) followed by
// a separator: where a spaced-out word may start. The scan is branch-free per byte since it
// runs over every message and such positions are rare.
size_t FindSingle(std::string_view s, size_t from) {
  const size_t n = s.size();
  if (n < 2) return n;
  const auto cls = [&](size_t k) { return kCharClasses[static_cast<unsigned char>(s[k])]; };
  if (from == 0) {
    if ((cls(0) & kJoinable) && (cls(1) & kSeparator)) return 0;
    from = 1;
  }
  for (size_t i = from; i + 1 < n; ++i) {
    // One branch per byte, not three: the three tests are combined as 0/1 values.
    const unsigned hit = static_cast<unsigned>((cls(i) & kJoinable) != 0) &
                         static_cast<unsigned>((cls(i + 1) & kSeparator) != 0) &
                         static_cast<unsigned>((cls(i - 1) & kWordish) == 0);
    if (hit != 0) return i;
  }
  return n;
}

// The singles [begin, end) of a run that are one spaced-out word; fewer than three: none.
struct JoinRange {
  size_t begin = 0;
  size_t end = 0;
};

// English's one-letter words, which may stand before or after a spaced-out word and are not
// part of it: "I w i l l hunt you", "y o u r a joke".
bool IsOneLetterWord(char c) { return c == 'a' || c == 'i'; }

// Decides which singles of a run (at `singles` in `s`, three or more, `sep` between them) to join.
// The run is joined when it reads as a known word ("i d i o t"); failing that, with space
// separators, the run without a leading or trailing "a" or "i", if that reads as one ("i w i l l"
// -> "i will", "y o u r a" -> "your a"). Otherwise a run joins as before when it has two
// letters, unless its separators are spaces and it holds a leet character ("a 1 b", "i 4 u") or
// only one-letter chat words ("u r a", "i c u").
JoinRange ChooseJoin(std::string_view s, const std::vector<size_t>& singles, std::string_view sep) {
  thread_local std::string word;
  thread_local std::string reading;
  word.clear();
  size_t letters = 0;
  bool all_chat = true;
  for (size_t pos : singles) {
    word.push_back(s[pos]);
    letters += IsLetter(s[pos]);
    all_chat = all_chat && IsChatLetter(s[pos]);
  }
  const size_t n = singles.size();
  if (letters < 2) return {};
  const bool spaces_only = sep.find_first_not_of(' ') == std::string_view::npos;
  // Spaced digits and chat letters are usually what they look like: joining them needs a word
  // of everyday messages ("y o u r"), not one of the dictionary's rarities ("a 1 b" -> "alb").
  const bool sentence_like = spaces_only && (all_chat || letters < n);
  const int needed = sentence_like ? kCommonWord : kUnknownWord + 1;
  const size_t trim_first = spaces_only && IsOneLetterWord(word.front()) ? 1 : 0;
  const size_t trim_last = spaces_only && IsOneLetterWord(word.back()) ? 1 : 0;
  const JoinRange candidates[] = {
      {0, n}, {trim_first, n}, {0, n - trim_last}, {trim_first, n - trim_last}};
  for (const JoinRange& c : candidates) {
    if (c.end - c.begin < 3) continue;
    if (ReadAsWord(std::string_view(word).substr(c.begin, c.end - c.begin), reading) >= needed) {
      return c;
    }
  }
  return sentence_like ? JoinRange{} : JoinRange{0, n};
}

}  // namespace

void JoinSpacedLetters(NormalizedText& norm) {
  const std::string& s = norm.text;
  const size_t n = s.size();
  // Decide first, then compact, so that every decision reads the text as it was.
  thread_local std::vector<std::pair<size_t, size_t>> drops;
  thread_local std::vector<size_t> singles;
  drops.clear();
  size_t i = 0;
  while ((i = FindSingle(s, i)) < n) {
    size_t sep_len = 0;
    while (i + 1 + sep_len < n && Is(s[i + 1 + sep_len], kSeparator) && sep_len < 4) ++sep_len;
    if (sep_len > 3) {
      i += 1 + sep_len;
      continue;
    }
    const std::string_view sep(s.data() + i + 1, sep_len);
    singles.clear();
    singles.push_back(i);
    size_t j = i + 1 + sep_len;
    while (j < n && Is(s[j], kJoinable) && (j + 1 == n || !Is(s[j + 1], kWordish))) {
      singles.push_back(j);
      if (j + 1 + sep_len < n && std::string_view(s.data() + j + 1, sep_len) == sep) {
        j += 1 + sep_len;
      } else {
        break;
      }
    }
    if (singles.size() < 3) {
      // The run may go on from its last single with another separator ("a-b c d e").
      i = singles.size() >= 2 ? singles.back() : i + 1;
      continue;
    }
    const JoinRange join = ChooseJoin(s, singles, sep);
    if (join.end - join.begin >= 3) {
      for (size_t k = join.begin; k + 1 < join.end; ++k)
        drops.emplace_back(singles[k] + 1, singles[k + 1]);
      i = singles.back() + 1;
    } else {
      i = singles.back();
    }
  }
  if (drops.empty()) return;
  size_t w = 0;
  size_t next_drop = 0;
  for (size_t r = 0; r < n;) {
    if (next_drop < drops.size() && r == drops[next_drop].first) {
      r = drops[next_drop].second;
      ++next_drop;
      continue;
    }
    norm.text[w] = norm.text[r];
    norm.source[w] = norm.source[r];
    ++w;
    ++r;
  }
  norm.text.resize(w);
  norm.source.resize(w);
}

void UndoLeetspeak(NormalizedText& norm) {
  std::string& s = norm.text;
  const size_t n = s.size();
  // Jump from leet character to leet character; most words have none.
  for (size_t i = 0; i < n;) {
    if (!Is(s[i], kLeet)) {
      ++i;
      continue;
    }
    size_t word_begin = i;
    while (word_begin > 0 && Is(s[word_begin - 1], kLeetWord)) --word_begin;
    size_t word_end = i + 1;
    while (word_end < n && Is(s[word_end], kLeetWord)) ++word_end;
    const size_t space_before = word_begin == 0 ? std::string::npos : s.rfind(' ', word_begin);
    const size_t token_begin = space_before == std::string::npos ? 0 : space_before + 1;
    size_t token_end = s.find(' ', word_end);
    if (token_end == std::string::npos) token_end = n;
    const std::string_view token(s.data() + token_begin, token_end - token_begin);
    if (IsAddressToken(token)) {
      i = token_end;
      continue;
    }
    if (IsLeetWord(std::string_view(s.data() + word_begin, word_end - word_begin))) {
      RewriteLeetWord(s, word_begin, word_end);
    }
    i = word_end;
  }
}

void CollapseRepeatedLetters(NormalizedText& norm, size_t keep) {
  std::string& s = norm.text;
  std::vector<SourceRange>& src = norm.source;
  const size_t n = s.size();
  if (keep == 0) keep = 1;
  // Most messages have no run to collapse: find the first one cheaply. Non-ASCII text takes
  // the general loop, since a repeated character there spans several bytes.
  size_t first = 0;
  bool non_ascii = false;
  for (size_t k = 0; k < n; ++k) non_ascii = non_ascii || static_cast<unsigned char>(s[k]) >= 0x80;
  if (!non_ascii) {
    first = n;
    size_t run = 1;
    for (size_t k = 1; k < n; ++k) {
      run = (s[k] == s[k - 1]) ? run + 1 : 1;
      if (run > keep && IsLetter(s[k])) {
        first = k + 1 - run;
        break;
      }
    }
    if (first == n) return;
  }
  // Reads stay at or ahead of writes, so compacting in place is safe.
  size_t w = first;
  size_t i = first;
  auto copy = [&](size_t from, size_t count) {
    if (w != from) {
      for (size_t k = 0; k < count; ++k) {
        s[w + k] = s[from + k];
        src[w + k] = src[from + k];
      }
    }
    w += count;
  };
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t unit = 1;
    bool letter = IsLetter(s[i]);
    if (c >= 0x80) {
      uint32_t cp;
      unit = DecodeUtf8(s, i, cp);
      if (unit == 0) unit = 1;
      letter = u_isalpha(static_cast<UChar32>(cp));
    }
    const std::string_view unit_bytes(s.data() + i, unit);
    size_t j = i + unit;
    while (letter && j + unit <= n && std::string_view(s.data() + j, unit) == unit_bytes) j += unit;
    const size_t run = (j - i) / unit;
    if (run <= keep) {
      copy(i, j - i);
    } else {
      // `keep` copies stay; the last stands for the rest of the run in the source map.
      const uint32_t run_end = src[j - 1].end;
      copy(i, keep * unit);
      for (size_t k = w - unit; k < w; ++k) src[k].end = run_end;
    }
    i = j;
  }
  s.resize(w);
  src.resize(w);
}

void SqueezeLetters(std::string_view text, NormalizedText& out) {
  const size_t n = text.size();
  out.original_size = n;
  out.text.resize(n);
  out.source.resize(n);
  char* dst = out.text.data();
  SourceRange* src = out.source.data();
  // Branch-free: a letter equal to the last byte written only widens that byte's source range.
  size_t w = 0;
  char last = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    const bool merge = c == last && IsLetter(c);
    const size_t at = w - merge;
    dst[at] = c;
    src[at].begin = merge ? src[at].begin : static_cast<uint32_t>(i);
    src[at].end = static_cast<uint32_t>(i + 1);
    w = at + 1;
    last = c;
  }
  out.text.resize(w);
  out.source.resize(w);
}

}  // namespace stalkguard::text::internal
