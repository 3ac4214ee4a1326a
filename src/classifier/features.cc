#include "classifier/features.h"

#include <algorithm>

namespace stalkguard::classifier {
namespace {

constexpr uint64_t kFnvPrime = 1099511628211ULL;
// Distinct starting points keep a word "ab" and the character bigram "ab" in different buckets.
constexpr uint64_t kCharSeed = 14695981039346656037ULL;
constexpr uint64_t kWordSeed = 0x6A09E667F3BCC909ULL;
constexpr uint64_t kBigramSalt = 0xBB67AE8584CAA73BULL;
constexpr uint64_t kShapeSeed = 0x3C6EF372FE94F82BULL;
constexpr uint64_t kShapeBeforeSalt = 0xA54FF53A5F1D36F1ULL;
constexpr uint64_t kShapeAfterSalt = 0x510E527FADE682D1ULL;
constexpr uint64_t kPairMultiplier = 0x2127599BF4325C37ULL;
constexpr size_t kMaxShape = 16;  // bytes of a shape; longer chunks are cut and marked

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes that continue a word: ASCII letters and digits, the apostrophe of "don't", and UTF-8
// sequences of up to three bytes (letters of other scripts). Four-byte sequences are nearly
// all emoji and become tokens of their own.
bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '_' ||
         (c >= 'A' && c <= 'Z') || (c >= 0x80 && c < 0xF0);
}

bool IsHandleByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z');
}

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

bool IsUrlStart(std::string_view rest) {
  // text::Normalize squeezes "www." to "ww.".
  return rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") ||
         rest.starts_with("ww.");
}

// Bytes of a UTF-8 sequence from its lead byte (1 for a stray continuation byte).
size_t Utf8Length(unsigned char c) { return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1; }

// The shape of a chunk of prepared text: a digit run becomes 'd' and its length (13 for 13 or
// more), a run of letters (ASCII or other scripts) 'a', a currency sign itself, other
// punctuation itself with runs squeezed: "09061701461" -> "d11", "£1.50" -> "£d1.d2", "150ppm"
// -> "d3a", "5/9/03" -> "d1/d1/d2". Hashed with FNV-1a from kShapeSeed.
uint64_t ShapeHash(std::string_view chunk) {
  char shape[kMaxShape + 1];
  size_t len = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(chunk.data());
  const size_t n = chunk.size();
  size_t k = 0;
  while (k < n && len < kMaxShape) {
    const unsigned char c = b[k];
    if (IsDigit(c)) {
      size_t j = k;
      while (j < n && IsDigit(b[j])) ++j;
      if (len + 2 > kMaxShape) break;
      shape[len++] = 'd';
      shape[len++] = static_cast<char>(std::min<size_t>(j - k, 13));
      k = j;
      continue;
    }
    const size_t step = std::min(n - k, Utf8Length(c));
    const std::string_view symbol(chunk.data() + k, step);
    char mark;
    if (symbol == "\xC2\xA3" || symbol == "\xE2\x82\xAC" || symbol == "$") {
      if (len + step > kMaxShape) break;
      for (size_t q = 0; q < step; ++q) shape[len++] = chunk[k + q];
      k += step;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      mark = 'a';
    } else {
      mark = static_cast<char>(c);
    }
    if (len == 0 || shape[len - 1] != mark) shape[len++] = mark;
    k += step;
  }
  if (k < n) shape[len++] = '+';
  uint64_t h = kShapeSeed;
  for (size_t q = 0; q < len; ++q) h = (h ^ static_cast<unsigned char>(shape[q])) * kFnvPrime;
  return h;
}

}  // namespace

FeatureExtractor::FeatureExtractor(const FeatureOptions& options)
    : options_(options), shift_(64 - static_cast<int>(options.bucket_bits)) {}

void FeatureExtractor::Tokenize(std::string_view message, FeatureScratch& scratch) const {
  internal::PrepareInput(message, scratch.input);
  TokenizePrepared(scratch.input.text, scratch);
}

void FeatureExtractor::TokenizePrepared(std::string_view s, FeatureScratch& scratch) const {
  const size_t n = s.size();
  scratch.tokens.clear();
  scratch.shapes.clear();
  scratch.joined.clear();
  scratch.joined.push_back(' ');
  bool digits = false;
  auto emit = [&](size_t begin, size_t end, std::string_view bytes) {
    Token token;
    token.begin = static_cast<uint32_t>(begin);
    token.end = static_cast<uint32_t>(end);
    token.joined = static_cast<uint32_t>(scratch.joined.size());
    token.length = static_cast<uint32_t>(bytes.size());
    uint64_t h = kWordSeed;
    bool repeats = false;
    char previous = 0;
    for (const char c : bytes) {
      h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
      repeats |= c == previous;
      digits |= IsDigit(static_cast<unsigned char>(c));
      previous = c;
    }
    token.hash = h;
    token.squeezed_hash = h;
    if (repeats && options_.squeeze_repeats >= 2) {
      // The same hash, skipping each letter equal to the one before it (most words have no run).
      uint64_t q = kWordSeed;
      previous = 0;
      for (const char c : bytes) {
        if (c != previous || c < 'a' || c > 'z')
          q = (q ^ static_cast<unsigned char>(c)) * kFnvPrime;
        previous = c;
      }
      token.squeezed_hash = q;
    }
    scratch.joined.append(bytes);
    scratch.joined.push_back(' ');
    scratch.tokens.push_back(token);
  };
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    const std::string_view rest = s.substr(i);
    if (IsUrlStart(rest)) {
      size_t j = i;
      while (j < n && !IsSpace(static_cast<unsigned char>(s[j]))) ++j;
      emit(i, j, "url");
      i = j;
      continue;
    }
    if (c == '@' && i + 1 < n && IsHandleByte(static_cast<unsigned char>(s[i + 1]))) {
      size_t j = i + 1;
      while (j < n && IsHandleByte(static_cast<unsigned char>(s[j]))) ++j;
      emit(i, j, "@user");
      i = j;
      continue;
    }
    // U+FFFD stands for bytes that were not UTF-8. In the training data it comes almost only
    // from spam mails in other charsets, so the model would call any garbled message spam; it
    // separates tokens and is otherwise ignored.
    if (rest.starts_with("\xEF\xBF\xBD")) {
      i += 3;
      continue;
    }
    if (IsWordByte(c)) {
      size_t j = i;
      while (j < n && IsWordByte(static_cast<unsigned char>(s[j])) &&
             !s.substr(j).starts_with("\xEF\xBF\xBD")) {
        ++j;
      }
      // Quotes around a word ('hello') are not part of it.
      size_t b = i, e = j;
      while (b < e && s[b] == '\'') ++b;
      while (e > b && s[e - 1] == '\'') --e;
      if (b < e) emit(b, e, std::string_view(s.data() + b, e - b));
      i = j;
      continue;
    }
    if (c == '!' || c == '?') {
      size_t j = i;
      while (j < n && static_cast<unsigned char>(s[j]) == c) ++j;
      // "!" and "!!!" differ in tone; longer runs say nothing more.
      emit(i, j, std::string_view(s.data() + i, j - i > 1 ? 2 : 1));
      i = j;
      continue;
    }
    if (c >= 0xF0) {
      const size_t j = std::min(n, i + 4);
      emit(i, j, std::string_view(s.data() + i, j - i));
      i = j;
      continue;
    }
    ++i;  // other punctuation only separates tokens
  }
  if (digits && options_.shapes != 0) ReadShapes(s, scratch);
}

void FeatureExtractor::ReadShapes(std::string_view s, FeatureScratch& scratch) const {
  const size_t n = s.size();
  const auto& tokens = scratch.tokens;
  size_t t = 0;
  size_t i = 0;
  while (i < n) {
    if (IsSpace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < n && !IsSpace(static_cast<unsigned char>(s[e]))) ++e;
    const size_t chunk_end = e;
    size_t b = i;
    // Sentence punctuation around a chunk is not part of its shape: "(09061701461)." is "d11".
    while (b < e && std::string_view("([{'\"<").find(s[b]) != std::string_view::npos) ++b;
    while (e > b && std::string_view(".,;:!?)]}'\">").find(s[e - 1]) != std::string_view::npos) --e;
    bool digit = false;
    for (size_t k = b; k < e && !digit; ++k) digit = IsDigit(static_cast<unsigned char>(s[k]));
    if (digit && !IsUrlStart(s.substr(i))) {
      while (t < tokens.size() && tokens[t].end <= b) ++t;
      size_t last = t;
      while (last < tokens.size() && tokens[last].begin < e) ++last;
      if (last > t) {
        scratch.shapes.push_back(
            {ShapeHash(s.substr(b, e - b)), static_cast<uint32_t>(t), static_cast<uint32_t>(last)});
      }
    }
    i = chunk_end;
  }
}

template <bool kWithOrigins>
void FeatureExtractor::HashImpl(FeatureScratch& scratch,
                                std::vector<FeatureOrigin>* origins) const {
  std::vector<uint32_t>& ids = scratch.ids;
  ids.clear();
  if constexpr (kWithOrigins) origins->clear();
  std::string_view text = scratch.joined;
  if (options_.squeeze_repeats != 0) {
    scratch.squeezed.clear();
    if constexpr (kWithOrigins) scratch.squeezed_at.clear();
    for (size_t k = 0; k < text.size(); ++k) {
      const char c = text[k];
      if (k > 0 && c == text[k - 1] && c >= 'a' && c <= 'z') continue;
      scratch.squeezed.push_back(c);
      if constexpr (kWithOrigins) scratch.squeezed_at.push_back(static_cast<uint32_t>(k));
    }
    text = scratch.squeezed;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t len = text.size();
  const size_t min_n = options_.char_min;
  const size_t max_n = options_.char_max;
  const uint64_t mix = 0x9E3779B97F4A7C15ULL;
  if (min_n > 0 && len >= min_n) {
    for (size_t start = 0; start + min_n <= len; ++start) {
      uint64_t h = kCharSeed;
      const size_t end = std::min(len, start + max_n);
      for (size_t k = start; k < end; ++k) {
        h = (h ^ bytes[k]) * kFnvPrime;
        if (k + 1 - start >= min_n) {
          ids.push_back(static_cast<uint32_t>((h * mix) >> shift_));
          if constexpr (kWithOrigins) {
            if (options_.squeeze_repeats != 0) {
              // The n-gram ends where its last byte's run ends in `joined`.
              const uint32_t last = k + 1 < len ? scratch.squeezed_at[k + 1]
                                                : static_cast<uint32_t>(scratch.joined.size());
              origins->push_back({scratch.squeezed_at[start], last});
            } else {
              origins->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(k + 1)});
            }
          }
        }
      }
    }
  }
  if (options_.word_ngrams >= 1) {
    const Token* previous = nullptr;
    for (const Token& token : scratch.tokens) {
      ids.push_back(static_cast<uint32_t>((token.hash * mix) >> shift_));
      if constexpr (kWithOrigins) {
        origins->push_back({token.joined, token.joined + token.length});
      }
      // "youu" (the normaliser keeps two letters of a run) is also read as "you", a word seen
      // in training; the spelling itself stays a feature ("good" is not "god").
      if (token.squeezed_hash != token.hash) {
        ids.push_back(static_cast<uint32_t>((token.squeezed_hash * mix) >> shift_));
        if constexpr (kWithOrigins) {
          origins->push_back({token.joined, token.joined + token.length});
        }
      }
      if (options_.word_ngrams >= 2 && previous != nullptr) {
        const uint64_t h = (previous->hash * kPairMultiplier) ^ token.hash ^ kBigramSalt;
        ids.push_back(static_cast<uint32_t>((h * mix) >> shift_));
        if constexpr (kWithOrigins) {
          origins->push_back({previous->joined, token.joined + token.length});
        }
        if (token.squeezed_hash != token.hash || previous->squeezed_hash != previous->hash) {
          const uint64_t h2 =
              (previous->squeezed_hash * kPairMultiplier) ^ token.squeezed_hash ^ kBigramSalt;
          ids.push_back(static_cast<uint32_t>((h2 * mix) >> shift_));
          if constexpr (kWithOrigins) {
            origins->push_back({previous->joined, token.joined + token.length});
          }
        }
      }
      previous = &token;
    }
  }
  // A shape, and the shape with the word before it and with the word after it.
  const std::vector<Token>& tokens = scratch.tokens;
  for (const ShapeChunk& shape : scratch.shapes) {
    const uint32_t begin = tokens[shape.first].joined;
    const uint32_t end = tokens[shape.last - 1].joined + tokens[shape.last - 1].length;
    ids.push_back(static_cast<uint32_t>((shape.hash * mix) >> shift_));
    if constexpr (kWithOrigins) origins->push_back({begin, end});
    if (shape.first > 0) {
      const Token& before = tokens[shape.first - 1];
      const uint64_t h = (before.hash * kPairMultiplier) ^ shape.hash ^ kShapeBeforeSalt;
      ids.push_back(static_cast<uint32_t>((h * mix) >> shift_));
      if constexpr (kWithOrigins) origins->push_back({before.joined, end});
    }
    if (shape.last < tokens.size()) {
      const Token& after = tokens[shape.last];
      const uint64_t h = (shape.hash * kPairMultiplier) ^ after.hash ^ kShapeAfterSalt;
      ids.push_back(static_cast<uint32_t>((h * mix) >> shift_));
      if constexpr (kWithOrigins) origins->push_back({begin, after.joined + after.length});
    }
  }
}

void FeatureExtractor::Hash(FeatureScratch& scratch) const { HashImpl<false>(scratch, nullptr); }

void FeatureExtractor::HashWithOrigins(FeatureScratch& scratch,
                                       std::vector<FeatureOrigin>& origins) const {
  HashImpl<true>(scratch, &origins);
}

std::span<const uint32_t> FeatureExtractor::ExtractUnique(std::string_view message,
                                                          FeatureScratch& scratch) const {
  Extract(message, scratch);
  std::sort(scratch.ids.begin(), scratch.ids.end());
  scratch.ids.erase(std::unique(scratch.ids.begin(), scratch.ids.end()), scratch.ids.end());
  return scratch.ids;
}

}  // namespace stalkguard::classifier
