// The classifier's outputs, in the order they are stored in a model file and reported.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace stalkguard::classifier {

inline constexpr int kNumOutputs = 6;

// Index of each output in score arrays and weight rows.
enum Output : int {
  kToxic = 0,           // rude, hostile or abusive language
  kInsult = 1,          // an insult aimed at a person
  kIdentityAttack = 2,  // hate or contempt for a group: race, religion, gender, sexuality...
  kThreat = 3,          // intent to harm, intimidation, "I know where you live"
  kSexual = 4,          // sexual content aimed at the reader, sexual coercion, sextortion
  kSpam = 5,            // unsolicited bulk or commercial messages
};

// Stored names: the finding category and the JSON key. Renaming one is a data migration.
inline constexpr std::array<std::string_view, kNumOutputs> kOutputNames = {
    "toxic", "insult", "identity_attack", "threat", "sexual", "spam"};

inline std::optional<int> OutputFromName(std::string_view name) {
  for (int i = 0; i < kNumOutputs; ++i) {
    if (kOutputNames[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace stalkguard::classifier
