#include "classifier/perturb.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <vector>

namespace stalkguard::classifier {
namespace {

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Leetspeak substitutions seen in the wild, several per letter.
std::string_view Leet(char lower, std::mt19937_64& rng) {
  static constexpr std::string_view a[] = {"4", "@"}, e[] = {"3"}, i[] = {"1", "!"}, o[] = {"0"},
                                    s[] = {"$", "5"}, t[] = {"7"}, l[] = {"1"}, g[] = {"9"},
                                    b[] = {"8"};
  auto pick = [&](const auto& options) {
    return options[rng() % (sizeof(options) / sizeof(options[0]))];
  };
  switch (lower) {
    case 'a':
      return pick(a);
    case 'e':
      return pick(e);
    case 'i':
      return pick(i);
    case 'o':
      return pick(o);
    case 's':
      return pick(s);
    case 't':
      return pick(t);
    case 'l':
      return pick(l);
    case 'g':
      return pick(g);
    case 'b':
      return pick(b);
    default:
      return {};
  }
}

// Cyrillic and Greek letters drawn like Latin ones (the usual confusables of spam and abuse).
std::string_view Lookalike(char lower) {
  switch (lower) {
    case 'a':
      return "\xD0\xB0";  // U+0430 CYRILLIC SMALL LETTER A
    case 'c':
      return "\xD1\x81";  // U+0441
    case 'e':
      return "\xD0\xB5";  // U+0435
    case 'i':
      return "\xD1\x96";  // U+0456
    case 'j':
      return "\xD1\x98";  // U+0458
    case 'o':
      return "\xD0\xBE";  // U+043E
    case 'p':
      return "\xD1\x80";  // U+0440
    case 's':
      return "\xD1\x95";  // U+0455
    case 'x':
      return "\xD1\x85";  // U+0445
    case 'y':
      return "\xD1\x83";  // U+0443
    case 'k':
      return "\xCE\xBA";  // U+03BA GREEK SMALL LETTER KAPPA
    case 'v':
      return "\xCE\xBD";  // U+03BD GREEK SMALL LETTER NU
    case 'h':
      return "\xD2\xBB";  // U+04BB CYRILLIC SMALL LETTER SHHA
    case 'd':
      return "\xD4\x81";  // U+0501 CYRILLIC SMALL LETTER KOMI DE
    default:
      return {};
  }
}

constexpr std::string_view kZeroWidthChars[] = {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",
                                                "\xEF\xBB\xBF", "\xE2\x81\xA0"};

void RewriteWord(std::string_view word, Perturbation kind, std::mt19937_64& rng, std::string& out) {
  const size_t n = word.size();
  switch (kind) {
    case Perturbation::kLeetspeak: {
      // One or two letters, as in "id10t" or "b!tch"; a word with no leet letter stays.
      std::vector<size_t> candidates;
      for (size_t i = 0; i < n; ++i) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
        if (!Leet(lower, rng).empty()) candidates.push_back(i);
      }
      std::vector<bool> change(n, false);
      const size_t changes = std::min<size_t>(candidates.size(), 1 + rng() % 2);
      for (size_t k = 0; k < changes; ++k) change[candidates[rng() % candidates.size()]] = true;
      for (size_t i = 0; i < n; ++i) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
        if (change[i]) {
          out += Leet(lower, rng);
        } else {
          out.push_back(word[i]);
        }
      }
      return;
    }
    case Perturbation::kSpacedLetters: {
      static constexpr std::string_view separators[] = {" ", ".", " ", "-", "*"};
      const std::string_view sep = separators[rng() % 5];
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out += sep;
        out.push_back(word[i]);
      }
      return;
    }
    case Perturbation::kLookalikes: {
      size_t changed = 0;
      for (size_t i = 0; i < n; ++i) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
        const std::string_view glyph = Lookalike(lower);
        if (!glyph.empty() && (changed == 0 || rng() % 2 == 0)) {
          out += glyph;
          ++changed;
        } else {
          out.push_back(word[i]);
        }
      }
      return;
    }
    case Perturbation::kRepeatedLetters: {
      const size_t at = 1 + rng() % (n - 1);
      const size_t times = 3 + rng() % 4;
      for (size_t i = 0; i < n; ++i) {
        out.append(i == at ? times : 1, word[i]);
      }
      return;
    }
    case Perturbation::kZeroWidth: {
      const size_t at = 1 + rng() % (n - 1);
      for (size_t i = 0; i < n; ++i) {
        if (i == at || (i > 0 && rng() % 4 == 0)) out += kZeroWidthChars[rng() % 5];
        out.push_back(word[i]);
      }
      return;
    }
    case Perturbation::kMixed:
      break;
  }
}

}  // namespace

std::string_view PerturbationName(Perturbation kind) {
  switch (kind) {
    case Perturbation::kLeetspeak:
      return "leetspeak";
    case Perturbation::kSpacedLetters:
      return "spaced";
    case Perturbation::kLookalikes:
      return "lookalikes";
    case Perturbation::kRepeatedLetters:
      return "repeated";
    case Perturbation::kZeroWidth:
      return "zero_width";
    case Perturbation::kMixed:
      return "mixed";
  }
  return "mixed";
}

std::optional<Perturbation> PerturbationFromName(std::string_view name) {
  for (const Perturbation kind : kAllPerturbations) {
    if (PerturbationName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string Perturb(std::string_view text, Perturbation kind, uint64_t seed, double rate) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  struct Word {
    size_t begin, end;
    bool rewrite = false;
  };
  std::vector<Word> words;
  for (size_t i = 0; i < text.size();) {
    if (!IsLetter(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsLetter(text[j])) ++j;
    if (j - i >= 3) words.push_back({i, j});
    i = j;
  }
  if (kind == Perturbation::kSpacedLetters) {
    // Spacing out every word would make any text unreadable; people space out the words that
    // would be caught. Up to three words are picked, never two in a row: "s t u p i d i d i o t"
    // cannot be read back even by a person.
    std::vector<size_t> order(words.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::shuffle(order.begin(), order.end(), rng);
    size_t picked = 0;
    for (const size_t k : order) {
      if (picked == 3) break;
      const bool next_to_picked =
          (k > 0 && words[k - 1].rewrite) || (k + 1 < words.size() && words[k + 1].rewrite);
      if (next_to_picked) continue;
      words[k].rewrite = true;
      ++picked;
    }
  } else {
    for (Word& w : words) w.rewrite = coin(rng) < rate;
  }
  std::string out;
  out.reserve(text.size() * 2);
  size_t copied = 0;
  for (const Word& w : words) {
    if (!w.rewrite) continue;
    out.append(text.substr(copied, w.begin - copied));
    const Perturbation this_kind =
        kind == Perturbation::kMixed ? kAllPerturbations[rng() % 5] : kind;
    RewriteWord(text.substr(w.begin, w.end - w.begin), this_kind, rng, out);
    copied = w.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace stalkguard::classifier
