// FeatureExtractor: turns a message into hashed sparse features, the same way for training,
// evaluation and inference. The message is prepared (normalised, lower case), split into tokens
// (words, "!" and "?", emoji; URLs become "url" and @handles "@user"), and hashed fastText-style
// into 2^bucket_bits buckets: word unigrams and bigrams, and character n-grams of the tokens
// joined by single spaces (so n-grams also span word boundaries: "u die").
//
//   FeatureExtractor extractor(FeatureOptions{});
//   FeatureScratch scratch;
//   extractor.Extract("I will find you", scratch);  // scratch.ids: bucket per n-gram
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/internal/input_text.h"

namespace stalkguard::classifier {

struct FeatureOptions {
  uint32_t bucket_bits = 20;  // 2^bits buckets shared by every kind of feature
  uint32_t char_min = 2;      // character n-gram lengths, in bytes of the prepared text
  uint32_t char_max = 5;
  uint32_t word_ngrams = 2;  // 1: unigrams, 2: unigrams and bigrams
  // Runs of one letter squeezed to one ("stuupid" -> "stupid"), so that stretched words share
  // features with plain ones. 0: none; 1: character n-grams are read squeezed, words keep their
  // spelling (model version 1); 2: also, a word or bigram with a run gets its squeezed form as a
  // second feature ("youu overr" adds "you over"; "kill" adds "kil").
  uint32_t squeeze_repeats = 2;
  // Shapes of the chunks of the prepared text that hold a digit (model version 3): each
  // whitespace-separated chunk with a digit ("09061701461", "£1.50", "150ppm", "87121") is read as
  // a shape, digit runs by their length, letter runs as one letter ("d11", "£d1.d2", "d3a",
  // "d5"), hashed as a word and as bigrams with the words on either side ("call d11", "to d5").
  // Spam is told by phone numbers, short codes and prices whose digits the n-grams see only
  // one by one. 0: none; 1: on.
  uint32_t shapes = 1;
};

// One token of the prepared text.
struct Token {
  uint32_t begin = 0;  // bytes [begin, end) of the prepared text (FeatureScratch::input)
  uint32_t end = 0;
  uint32_t joined = 0;  // where its bytes start in FeatureScratch::joined
  uint32_t length = 0;  // bytes in `joined` ("url" for a whole URL)
  uint64_t hash = 0;
  uint64_t squeezed_hash = 0;  // of the bytes with letter runs squeezed (squeeze_repeats >= 2)
};

// A chunk of the prepared text holding a digit, read as a shape (FeatureOptions::shapes).
struct ShapeChunk {
  uint64_t hash = 0;
  uint32_t first = 0;  // tokens [first, last) lie inside the chunk; first > 0: a word before it
  uint32_t last = 0;
};

// Where one feature was read from: bytes [begin, end) of FeatureScratch::joined.
struct FeatureOrigin {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Buffers reused from message to message so that the hot path does not allocate once they have
// grown. One per thread; never shared.
struct FeatureScratch {
  internal::InputText input;  // the prepared message
  std::vector<Token> tokens;
  std::vector<ShapeChunk> shapes;     // chunks with a digit (FeatureOptions::shapes)
  std::string joined;                 // " tok tok tok ", what character n-grams are read from
  std::vector<uint32_t> ids;          // bucket of every n-gram, duplicates included
  std::string squeezed;               // `joined` with letter runs squeezed (squeeze_repeats)
  std::vector<uint32_t> squeezed_at;  // position in `joined` of each byte of `squeezed`
};

class FeatureExtractor {
 public:
  explicit FeatureExtractor(const FeatureOptions& options);

  const FeatureOptions& options() const { return options_; }
  uint32_t buckets() const { return uint32_t{1} << options_.bucket_bits; }

  // Prepares and tokenises `message` into scratch.input, scratch.tokens and scratch.joined.
  void Tokenize(std::string_view message, FeatureScratch& scratch) const;

  // Tokenises text that has been prepared already (internal::PrepareInput, i.e.
  // text::Normalize) into scratch.tokens and scratch.joined; token offsets point into
  // `prepared`, and scratch.input is left alone.
  void TokenizePrepared(std::string_view prepared, FeatureScratch& scratch) const;

  // Fills scratch.ids from the tokens of the last Tokenize call. Character n-grams come first,
  // in order of their start in `joined`, then word unigrams and bigrams, then shapes.
  void Hash(FeatureScratch& scratch) const;

  // Hash, also recording where each id was read from (explanations; not the hot path).
  void HashWithOrigins(FeatureScratch& scratch, std::vector<FeatureOrigin>& origins) const;

  // Tokenize and Hash.
  void Extract(std::string_view message, FeatureScratch& scratch) const {
    Tokenize(message, scratch);
    Hash(scratch);
  }

  // Extract, then sorts scratch.ids and removes duplicates (training and tests; inference
  // removes duplicates on the fly instead).
  std::span<const uint32_t> ExtractUnique(std::string_view message, FeatureScratch& scratch) const;

 private:
  // Fills scratch.shapes from the prepared text `s` and the tokens read from it.
  void ReadShapes(std::string_view s, FeatureScratch& scratch) const;
  template <bool kWithOrigins>
  void HashImpl(FeatureScratch& scratch, std::vector<FeatureOrigin>* origins) const;

  FeatureOptions options_;
  int shift_;  // 64 - bucket_bits
};

}  // namespace stalkguard::classifier
