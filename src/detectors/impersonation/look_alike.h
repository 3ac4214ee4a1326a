// Look-alike names: whether an account name is made to pass for another one ("Sаm Lее" with
// Cyrillic letters, "sam.lee_official", "samlee2", "Samm Lee") or is simply the same name, or
// another name altogether ("Pam Lee", "Sam Leeds"). Used by the impersonation and ban-evasion
// detectors; pure functions, safe from any thread.
//
//   if (auto m = CompareNames("Sаm Lее", "Sam Lee")) ...  // 0.92, "same letters with Cyrillic
//                                                         //  look-alikes"
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stalkguard::detect {

// The confusable skeleton of a name (Unicode TS #39 through ICU's uspoof_getSkeleton, after
// NFKC case folding), lower case, with accents, separators (". _ -", spaces, emoji and other
// symbols) and trailing digits removed, and "rn" read as "m": "Ѕаm_Lее 2", "sarn.lee" and
// "sam.lee" are all "samlee". A leading "platform:" as in identity keys is dropped.
std::string NameSkeleton(std::string_view name);

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions) between
// two UTF-8 strings, counted in code points.
size_t DamerauLevenshtein(std::string_view a, std::string_view b);

// What differs between a look-alike and its reference.
enum class LookAlikeKind {
  kScript,      // letters of another script: Cyrillic "а" for "a"
  kCharacters,  // other look-alike characters: "1" for "l", "rn" for "m", fullwidth letters
  kAccents,     // accents added
  kAffix,       // a word such as "official" or "real" added
  kDigits,      // digits added or dropped at the end
  kSeparators,  // only separators, spacing, case or symbols: "sam_lee" for "sam.lee"
  kEdit,        // one letter doubled, dropped, swapped or changed
};

struct LookAlikeMatch {
  double similarity = 0;  // in [0, 1]: 0.9 and more means made to look identical
  std::string reason;     // "same letters with Cyrillic look-alikes", "adds '_official'"
  LookAlikeKind kind = LookAlikeKind::kEdit;
};

// Whether `candidate` (a display name or handle) looks made to pass for `reference` (one of the
// protected person's names or handles, or a blocked sender's name). nullopt when they are the
// same name (identical code points, or only ASCII case and spacing differ) or different names.
// Reasons and similarities, strongest first:
//   "same letters with Cyrillic look-alikes" (or Greek, ...)   0.92
//   "same letters with look-alike characters" ("0" for "o")     0.85
//   "same letters with accents"                                  0.8
//   "adds '_official'" (also "real", "the", "its", "backup"...)  0.75
//   "adds digits"                                                0.75
//   "same name with different separators" ("sam_lee", "sam.lee") 0.7
//   "one letter doubled", "two letters swapped", "one letter changed" for a look-alike letter
//   ("i" for "l"), "one letter dropped" from a double                  0.65-0.7
//   any other single edit, only in names of ten letters or more       0.6
// Adding other letters ("Sam Leeds") and changing one letter of a short name ("Pam Lee") are
// other names.
std::optional<LookAlikeMatch> CompareNames(std::string_view candidate, std::string_view reference);

}  // namespace stalkguard::detect
