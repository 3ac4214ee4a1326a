// Perturb: rewrites a message the way people slip abuse past filters, to measure how much of
// the classifier's recall survives (docs/evaluation.md, "Robustness"). Deterministic for a seed.
//
//   Perturb("you are an idiot", Perturbation::kLeetspeak, 7);  // "y0u 4re an id10t"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stalkguard::classifier {

enum class Perturbation {
  kLeetspeak,        // "idiot" -> "id10t", "ass" -> "a$$"
  kSpacedLetters,    // "kill" -> "k i l l" or "k.i.l.l"
  kLookalikes,       // Latin letters -> Cyrillic and Greek look-alikes ("idiоt" with U+043E)
  kRepeatedLetters,  // "stupid" -> "stuuuupid"
  kZeroWidth,        // U+200B and friends inside words
  kMixed,            // one of the above, chosen per word
};

inline constexpr Perturbation kAllPerturbations[] = {
    Perturbation::kLeetspeak,       Perturbation::kSpacedLetters, Perturbation::kLookalikes,
    Perturbation::kRepeatedLetters, Perturbation::kZeroWidth,     Perturbation::kMixed};

std::string_view PerturbationName(Perturbation kind);
std::optional<Perturbation> PerturbationFromName(std::string_view name);

// Rewrites each word of three or more ASCII letters with probability `rate` (kSpacedLetters:
// up to three words, never two adjacent ones). Other bytes are copied.
std::string Perturb(std::string_view text, Perturbation kind, uint64_t seed, double rate = 0.6);

}  // namespace stalkguard::classifier
