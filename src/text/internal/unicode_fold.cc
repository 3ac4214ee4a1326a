#include "text/internal/unicode_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

#include <string>
#include <unordered_map>

#include "core/utf8.h"

namespace stalkguard::text::internal {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

// Only the skeleton table is used, so the checker is never changed after this and ICU allows
// concurrent calls on a const checker.
const USpoofChecker* SpoofChecker() {
  static const USpoofChecker* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    if (U_FAILURE(status)) return static_cast<USpoofChecker*>(nullptr);
    uspoof_setChecks(checker, USPOOF_CONFUSABLE, &status);
    return U_SUCCESS(status) ? checker : nullptr;
  }();
  return instance;
}

// Look-alikes the Unicode confusables table leaves outside ASCII (small capitals, Cyrillic
// letters it maps to other non-Latin letters) but that people use for Latin ones: "кιʟʟ".
struct ExtraFold {
  char32_t from;
  char to;
};
constexpr ExtraFold kExtraFolds[] = {
    {U'ᴀ', 'a'}, {U'ʙ', 'b'}, {U'ᴅ', 'd'}, {U'ᴇ', 'e'}, {U'ɢ', 'g'}, {U'ʜ', 'h'}, {U'ᴊ', 'j'},
    {U'ᴋ', 'k'}, {U'ĸ', 'k'}, {U'ʟ', 'l'}, {U'ᴍ', 'm'}, {U'ɴ', 'n'}, {U'ᴘ', 'p'}, {U'ǫ', 'q'},
    {U'ʀ', 'r'}, {U'ᴛ', 't'}, {U'к', 'k'}, {U'ҡ', 'k'}, {U'м', 'm'}, {U'н', 'h'}, {U'т', 't'},
    {U'в', 'b'}, {U'п', 'n'}, {U'ш', 'w'}, {U'β', 'b'}, {U'ε', 'e'}, {U'η', 'n'}, {U'μ', 'u'},
    {U'κ', 'k'}, {U'τ', 't'}, {U'χ', 'x'}, {U'ω', 'w'},
};

// Typographic punctuation whose skeleton is not the ASCII character people mean; the quotes
// matter because patterns are written with "'" ("you’re mine").
constexpr ExtraFold kPunctuationFolds[] = {
    {U'‘', '\''}, {U'’', '\''}, {U'‚', '\''}, {U'‛', '\''}, {U'′', '\''}, {U'“', '"'},
    {U'”', '"'},  {U'„', '"'},  {U'‟', '"'},  {U'″', '"'},  {U'‐', '-'},  {U'‑', '-'},
    {U'‒', '-'},  {U'–', '-'},  {U'—', '-'},  {U'―', '-'},  {U'−', '-'},
};

// Scripts whose letters are used to imitate Latin ones. Others (Arabic, Hebrew, Devanagari,
// CJK...) keep their letters: their skeletons would turn real words into Latin noise.
bool MayImitateLatin(uint32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(cp), &status)) {
    case USCRIPT_LATIN:
    case USCRIPT_CYRILLIC:
    case USCRIPT_GREEK:
    case USCRIPT_ARMENIAN:
    case USCRIPT_CHEROKEE:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return true;
    default:
      return false;
  }
}

bool IsMark(uint32_t cp) {
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// The ASCII skeleton of `cp`, without marks ("é" -> "e", "ł" -> "l"), or "" when it has none.
std::string AsciiSkeleton(uint32_t cp) {
  const USpoofChecker* checker = SpoofChecker();
  if (checker == nullptr) return {};
  UChar src[2];
  int32_t src_len = 0;
  UBool error = false;
  U16_APPEND(src, src_len, 2, static_cast<UChar32>(cp), error);
  if (error) return {};
  UChar skel[32];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t len = uspoof_getSkeleton(checker, 0, src, src_len, skel, 32, &status);
  if (U_FAILURE(status) || len <= 0 || len > 32) return {};
  std::string ascii;
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U16_NEXT(skel, i, len, c);
    if (c < 0x80) {
      ascii += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else if (!IsMark(static_cast<uint32_t>(c))) {
      return {};
    }
  }
  // The table maps "m" to "rn" (they look alike); for us the single letter is the useful one.
  if (ascii == "rn") return "m";
  return ascii;
}

// Folds one code point of NFKC-casefolded text; appends nothing for invisible characters.
void FoldCodePoint(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r') {
      out += ' ';
    } else if (cp >= 0x20 && cp != 0x7F) {
      out += static_cast<char>(cp);
    }
    return;
  }
  if (IsInvisible(cp)) return;
  const auto c = static_cast<UChar32>(cp);
  if (u_isUWhiteSpace(c)) {
    out += ' ';
    return;
  }
  if (u_charType(c) == U_CONTROL_CHAR) return;
  for (const ExtraFold& fold : kPunctuationFolds) {
    if (fold.from == cp) {
      out += fold.to;
      return;
    }
  }
  for (const ExtraFold& fold : kExtraFolds) {
    if (fold.from == cp) {
      out += fold.to;
      return;
    }
  }
  if (!u_isdigit(c) && MayImitateLatin(cp)) {
    std::string skeleton = AsciiSkeleton(cp);
    if (!skeleton.empty()) {
      out += skeleton;
      return;
    }
  }
  AppendUtf8(out, cp);
}

std::string ComputeFold(std::string_view segment) {
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(segment.data(), static_cast<int32_t>(segment.size())));
  icu::UnicodeString folded;
  const icu::Normalizer2* nfkc = NfkcCasefold();
  UErrorCode status = U_ZERO_ERROR;
  if (nfkc != nullptr) folded = nfkc->normalize(source, status);
  if (nfkc == nullptr || U_FAILURE(status)) folded = source;

  std::string out;
  bool ascii_base = false;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    const auto cp = static_cast<uint32_t>(c);
    // Marks on a letter that folded to ASCII are dropped: they are accents ("é" -> "e") or
    // the stacked marks of "Zalgo" text, which only hide the letters.
    if (ascii_base && IsMark(cp)) continue;
    const size_t before = out.size();
    FoldCodePoint(cp, out);
    if (out.size() > before) {
      ascii_base = static_cast<unsigned char>(out.back()) < 0x80 && out.back() != ' ';
    }
  }
  return out;
}

}  // namespace

size_t DecodeUtf8(std::string_view bytes, size_t i, uint32_t& code_point) {
  code_point = 0xFFFD;
  const auto b0 = static_cast<unsigned char>(bytes[i]);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  size_t len;
  uint32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > bytes.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(bytes[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  code_point = cp;
  return len;
}

bool HasBoundaryBefore(uint32_t code_point) {
  const icu::Normalizer2* nfkc = NfkcCasefold();
  return nfkc == nullptr || nfkc->hasBoundaryBefore(static_cast<UChar32>(code_point));
}

bool IsInvisible(uint32_t cp) {
  if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
      cp == 0x00AD || (cp >= 0x202A && cp <= 0x202E)) {
    return true;
  }
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

void FoldSegment(std::string_view segment, std::string& out) {
  // Segments are short (one character and its marks) and repeat a lot in real text (emoji,
  // accented letters, a user's own script), so the ICU work is done once per thread.
  constexpr size_t kMaxCachedSegment = 32;
  constexpr size_t kMaxCacheEntries = 1 << 16;
  thread_local std::unordered_map<std::string, std::string> cache;
  if (segment.size() > kMaxCachedSegment) {
    out += ComputeFold(segment);
    return;
  }
  thread_local std::string key;
  key.assign(segment);
  if (auto it = cache.find(key); it != cache.end()) {
    out += it->second;
    return;
  }
  if (cache.size() >= kMaxCacheEntries) cache.clear();
  const auto [it, inserted] = cache.emplace(key, ComputeFold(segment));
  out += it->second;
}

}  // namespace stalkguard::text::internal
