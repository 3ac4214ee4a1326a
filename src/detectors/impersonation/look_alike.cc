#include "detectors/impersonation/look_alike.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "detectors/impersonation/internal/name_text.h"

namespace stalkguard::detect {
namespace {

// Words added to a name to pass a copy off as the real account: "sam.lee_official",
// "real_sam_lee", "its.samlee", "samlee.backup".
constexpr std::string_view kAffixes[] = {
    "official", "real", "the",     "its",    "itsme",   "iam",  "im",   "thisis",  "not",  "backup",
    "new",      "alt",  "private", "priv",   "fanpage", "fan",  "page", "account", "acct", "acc",
    "main",     "spam", "secret",  "second", "og",      "xoxo", "xo",   "xx",      "x",
};

// Letters that pass for each other at a glance and that the confusables skeleton keeps apart.
constexpr std::array<std::pair<char32_t, char32_t>, 9> kSimilarLetters = {{
    {U'i', U'l'},
    {U'i', U'j'},
    {U'u', U'v'},
    {U'c', U'e'},
    {U'a', U'o'},
    {U'g', U'q'},
    {U'n', U'h'},
    {U't', U'f'},
    {U'v', U'y'},
}};

// Names shorter than this (in letters) change into another real name with any one edit:
// "Pam Lee" is not "Sam Lee".
constexpr size_t kMinLettersForAnyEdit = 10;

constexpr double kScriptLookAlike = 0.92;
constexpr double kCharacterLookAlike = 0.85;
constexpr double kAccents = 0.8;
constexpr double kAffix = 0.75;
constexpr double kAffixWithScript = 0.8;
constexpr double kDigits = 0.75;
constexpr double kSeparators = 0.7;
constexpr double kNearEdit = 0.7;
constexpr double kDroppedDouble = 0.65;
constexpr double kAnyEdit = 0.6;

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCCasefoldInstance(status);
  }();
  return instance;
}

const icu::Normalizer2* Nfd() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return instance;
}

// ICU documents the checking and skeleton functions as safe from several threads on one
// configured checker.
const USpoofChecker* SpoofChecker() {
  static const USpoofChecker* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    uspoof_setChecks(checker, USPOOF_CONFUSABLE, &status);
    return U_SUCCESS(status) ? checker : nullptr;
  }();
  return instance;
}

// Identity keys carry their platform ("instagram:sam.lee"); names never have a colon there.
std::string_view WithoutPlatform(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= s.size()) return s;
  for (char c : s.substr(0, colon)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.';
    if (!word) return s;
  }
  return s.substr(colon + 1);
}

icu::UnicodeString Folded(std::string_view s) {
  const icu::UnicodeString raw =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = NfkcCasefold()->normalize(raw, status);
  return U_SUCCESS(status) ? out : raw;
}

bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }

void StripTrailingDigits(std::u32string& s) {
  while (!s.empty() && IsDigit(s.back())) s.pop_back();
}

// Letters and digits of `u`, without combining marks.
std::u32string AlnumOf(const icu::UnicodeString& u) {
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(c)) out += static_cast<char32_t>(c);
  }
  return out;
}

// Lower-case letters the skeleton leaves outside ASCII although they read as a Latin letter:
// small capitals, and what lower-case Cyrillic and Greek letters become ("в" -> "ʙ",
// "к" -> "ĸ", "п" -> "π"). The same gap the text normaliser fills for messages.
char32_t LatinLetterFor(char32_t c) {
  static constexpr std::pair<char32_t, char32_t> kTable[] = {
      {U'ᴀ', U'a'}, {U'ʙ', U'b'}, {U'ᴄ', U'c'}, {U'ᴅ', U'd'}, {U'ᴇ', U'e'}, {U'ꞓ', U'e'},
      {U'ɢ', U'g'}, {U'ʜ', U'h'}, {U'ɪ', U'i'}, {U'ᴊ', U'j'}, {U'ȷ', U'j'}, {U'ᴋ', U'k'},
      {U'ĸ', U'k'}, {U'ʟ', U'l'}, {U'ᴍ', U'm'}, {U'ʍ', U'm'}, {U'ɴ', U'n'}, {U'π', U'n'},
      {U'ᴏ', U'o'}, {U'ᴘ', U'p'}, {U'ʀ', U'r'}, {U'ᴛ', U't'}, {U'ᴜ', U'u'}, {U'μ', U'u'},
      {U'ᴠ', U'v'}, {U'ᴡ', U'w'}, {U'ш', U'w'}, {U'ᴢ', U'z'},
  };
  if (c < 0x80) return c;
  for (const auto& [from, to] : kTable)
    if (c == from) return to;
  return c;
}

std::u32string ComputeSkeleton(std::string_view name) {
  icu::UnicodeString folded = Folded(WithoutPlatform(name));
  // Trailing digits and separators go first, before the skeleton turns "1" into "l".
  int32_t end = folded.length();
  while (end > 0) {
    const UChar32 c = folded.char32At(end - 1);
    if (u_isalpha(c)) break;
    end -= U16_LENGTH(c);
  }
  folded.truncate(end);
  icu::UnicodeString skeleton;
  UErrorCode status = U_ZERO_ERROR;
  if (const USpoofChecker* checker = SpoofChecker()) {
    uspoof_getSkeletonUnicodeString(checker, 0, folded, skeleton, &status);
  }
  if (!SpoofChecker() || U_FAILURE(status)) skeleton = folded;
  skeleton.foldCase();
  std::u32string out = AlnumOf(skeleton);
  for (char32_t& c : out) c = LatinLetterFor(c);
  // The skeleton writes "m" as "rn". Folding back keeps one letter one letter, so that a swap
  // in "Sma Lee" stays one edit away from "Sam Lee".
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == U'r' && out[i + 1] == U'n') out.replace(i, 2, 1, U'm');
  }
  StripTrailingDigits(out);
  return out;
}

// Skeletons remembered per thread before the memo starts again.
constexpr size_t kSkeletonMemo = 16384;

// The conduct detectors compare the same contact names again on every batch of live ingest,
// and ICU's skeleton is the dearest step of a comparison: each thread remembers those it made.
std::u32string SkeletonOf(std::string_view name) {
  thread_local std::unordered_map<std::string, std::u32string> memo;
  thread_local std::string key;
  key.assign(name);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  if (memo.size() >= kSkeletonMemo) memo.clear();
  std::u32string skeleton = ComputeSkeleton(name);
  memo.emplace(key, skeleton);
  return skeleton;
}

// Letters and digits of `s` with case folded and nothing else changed: "ＳＡＭ" stays
// fullwidth, so it can be told apart from "sam".
std::u32string PlainOf(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  return AlnumOf(u);
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  u.toUTF8String(out);
  return out;
}

std::u32string ToU32(std::string_view s) {
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    out += static_cast<char32_t>(c);
  }
  return out;
}

size_t Osa(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<size_t> d((n + 1) * (m + 1));
  auto at = [&](size_t i, size_t j) -> size_t& { return d[i * (m + 1) + j]; };
  for (size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(n, m);
}

// Scripts other than Latin (and Common/Inherited) whose letters `candidate` uses and
// `reference` does not: "Cyrillic", "Cyrillic and Greek".
std::string ForeignScripts(const icu::UnicodeString& candidate,
                           const icu::UnicodeString& reference) {
  auto scripts = [](const icu::UnicodeString& u) {
    std::set<UScriptCode> out;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      if (!u_isalpha(c)) continue;
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(c, &status);
      if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED &&
          script != USCRIPT_LATIN) {
        out.insert(script);
      }
    }
    return out;
  };
  const std::set<UScriptCode> own = scripts(reference);
  std::string names;
  for (UScriptCode script : scripts(candidate)) {
    if (own.count(script)) continue;
    if (!names.empty()) names += " and ";
    names += uscript_getName(script);
  }
  return names;
}

bool HasMarks(const icu::UnicodeString& u) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString nfd = Nfd()->normalize(u, status);
  for (int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) return true;
  }
  return false;
}

struct AffixSkeleton {
  std::string_view word;
  std::u32string skeleton;
};

const std::vector<AffixSkeleton>& AffixSkeletons() {
  static const std::vector<AffixSkeleton> instance = [] {
    std::vector<AffixSkeleton> out;
    for (std::string_view a : kAffixes) out.push_back({a, SkeletonOf(a)});
    // Longest first, so that "itsme" is stripped before "its".
    std::stable_sort(out.begin(), out.end(), [](const AffixSkeleton& x, const AffixSkeleton& y) {
      return x.skeleton.size() > y.skeleton.size();
    });
    return out;
  }();
  return instance;
}

// The affix as written in the candidate, with the separator that joins it to the name:
// "_official", "real_". Falls back to the bare word.
std::string AffixAsWritten(const std::string& lower_candidate, std::string_view word, bool prefix) {
  const size_t at = prefix ? lower_candidate.find(word) : lower_candidate.rfind(word);
  if (at == std::string::npos) return std::string(word);
  auto is_sep = [](char c) { return c == '_' || c == '.' || c == '-' || c == ' '; };
  if (prefix) {
    const size_t end = at + word.size();
    std::string out(word);
    if (end < lower_candidate.size() && is_sep(lower_candidate[end])) out += lower_candidate[end];
    return out;
  }
  std::string out;
  if (at > 0 && is_sep(lower_candidate[at - 1])) out += lower_candidate[at - 1];
  return out + std::string(word);
}

// Strips up to three known affixes from either end of `skeleton` to reach `reference`.
std::optional<std::vector<std::pair<std::string_view, bool>>> StripAffixes(
    std::u32string skeleton, const std::u32string& reference) {
  std::vector<std::pair<std::string_view, bool>> stripped;  // word, was a prefix
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    for (const AffixSkeleton& a : AffixSkeletons()) {
      const size_t n = a.skeleton.size();
      if (n == 0 || skeleton.size() <= n + reference.size() / 2) continue;
      if (skeleton.compare(skeleton.size() - n, n, a.skeleton) == 0) {
        skeleton.resize(skeleton.size() - n);
        StripTrailingDigits(skeleton);
        stripped.emplace_back(a.word, false);
        changed = true;
      } else if (skeleton.compare(0, n, a.skeleton) == 0) {
        skeleton.erase(0, n);
        stripped.emplace_back(a.word, true);
        changed = true;
      }
      if (changed) break;
    }
    if (skeleton == reference && !stripped.empty()) return stripped;
    if (!changed) break;
  }
  return std::nullopt;
}

bool Similar(char32_t a, char32_t b) {
  for (const auto& [x, y] : kSimilarLetters)
    if ((a == x && b == y) || (a == y && b == x)) return true;
  return false;
}

// One edit between skeletons that a reader would not notice, or nullopt.
std::optional<LookAlikeMatch> NearEdit(const std::u32string& c, const std::u32string& r,
                                       size_t reference_letters) {
  const bool long_name = reference_letters >= kMinLettersForAnyEdit;
  size_t i = 0;
  while (i < c.size() && i < r.size() && c[i] == r[i]) ++i;
  if (c.size() == r.size() + 1) {
    const bool doubled = (i > 0 && c[i] == c[i - 1]) || (i + 1 < c.size() && c[i] == c[i + 1]);
    if (doubled) return LookAlikeMatch{kNearEdit, "one letter doubled", LookAlikeKind::kEdit};
    if (long_name) return LookAlikeMatch{kAnyEdit, "one letter added", LookAlikeKind::kEdit};
    return std::nullopt;
  }
  if (c.size() + 1 == r.size()) {
    const bool doubled = (i > 0 && r[i] == r[i - 1]) || (i + 1 < r.size() && r[i] == r[i + 1]);
    if (doubled) return LookAlikeMatch{kDroppedDouble, "one letter dropped", LookAlikeKind::kEdit};
    if (long_name) return LookAlikeMatch{kAnyEdit, "one letter dropped", LookAlikeKind::kEdit};
    return std::nullopt;
  }
  if (c.size() != r.size() || i >= c.size()) return std::nullopt;
  if (i + 1 < c.size() && c[i] == r[i + 1] && c[i + 1] == r[i])
    return LookAlikeMatch{kNearEdit, "two letters swapped", LookAlikeKind::kEdit};
  if (Similar(c[i], r[i]))
    return LookAlikeMatch{kNearEdit, "one letter changed", LookAlikeKind::kEdit};
  if (long_name) return LookAlikeMatch{kAnyEdit, "one letter changed", LookAlikeKind::kEdit};
  return std::nullopt;
}

}  // namespace

std::string NameSkeleton(std::string_view name) { return ToUtf8(SkeletonOf(name)); }

size_t DamerauLevenshtein(std::string_view a, std::string_view b) {
  return Osa(ToU32(a), ToU32(b));
}

std::optional<LookAlikeMatch> CompareNames(std::string_view candidate, std::string_view reference) {
  candidate = WithoutPlatform(candidate);
  reference = WithoutPlatform(reference);
  if (internal::LooseName(candidate) == internal::LooseName(reference))
    return std::nullopt;  // the same name
  const std::u32string c_skeleton = SkeletonOf(candidate);
  const std::u32string r_skeleton = SkeletonOf(reference);
  if (c_skeleton.empty() || r_skeleton.empty()) return std::nullopt;
  const bool same = c_skeleton == r_skeleton;
  const auto affixes = same ? std::nullopt : StripAffixes(c_skeleton, r_skeleton);
  // Most pairs are other names altogether: the skeletons tell, before the dearer folding and
  // script checks.
  if (!same && !affixes && Osa(c_skeleton, r_skeleton) != 1) return std::nullopt;

  const icu::UnicodeString c_folded = Folded(candidate);
  const icu::UnicodeString r_folded = Folded(reference);

  if (same) {
    const std::string scripts = ForeignScripts(c_folded, r_folded);
    if (!scripts.empty()) {
      return LookAlikeMatch{kScriptLookAlike, "same letters with " + scripts + " look-alikes",
                            LookAlikeKind::kScript};
    }
    std::u32string c_plain = PlainOf(candidate);
    std::u32string r_plain = PlainOf(reference);
    if (c_plain == r_plain)
      return LookAlikeMatch{kSeparators, "same name with different separators",
                            LookAlikeKind::kSeparators};
    const size_t c_digits = c_plain.size();
    StripTrailingDigits(c_plain);
    StripTrailingDigits(r_plain);
    if (c_plain == r_plain) {
      return c_digits > r_plain.size()
                 ? LookAlikeMatch{kDigits, "adds digits", LookAlikeKind::kDigits}
                 : LookAlikeMatch{kSeparators, "drops digits", LookAlikeKind::kDigits};
    }
    if (HasMarks(c_folded) && !HasMarks(r_folded))
      return LookAlikeMatch{kAccents, "same letters with accents", LookAlikeKind::kAccents};
    return LookAlikeMatch{kCharacterLookAlike, "same letters with look-alike characters",
                          LookAlikeKind::kCharacters};
  }

  if (affixes) {
    const std::string scripts = ForeignScripts(c_folded, r_folded);
    std::string lower;
    c_folded.toUTF8String(lower);
    std::string reason = "adds ";
    for (size_t k = 0; k < affixes->size(); ++k) {
      if (k > 0) reason += k + 1 == affixes->size() ? " and " : ", ";
      reason += '\'';
      reason += AffixAsWritten(lower, (*affixes)[k].first, (*affixes)[k].second);
      reason += '\'';
    }
    if (!scripts.empty()) {
      return LookAlikeMatch{kAffixWithScript, reason + " and uses " + scripts + " look-alikes",
                            LookAlikeKind::kAffix};
    }
    return LookAlikeMatch{kAffix, reason, LookAlikeKind::kAffix};
  }

  std::u32string r_letters = AlnumOf(r_folded);
  StripTrailingDigits(r_letters);
  return NearEdit(c_skeleton, r_skeleton, r_letters.size());
}

}  // namespace stalkguard::detect
