// The one place where the classifier turns a raw message into the text its features are read
// from: text::Normalize (NFKC, case folding, look-alikes, leetspeak, spacing, repeats), so that
// obfuscated abuse reaches the model as plain words. Training, evaluation and inference all go
// through here, so a model always sees its input prepared the way it was trained. Internal to
// classifier/.
#pragma once

#include <string_view>

#include "text/normalizer.h"

namespace stalkguard::classifier::internal {

using InputText = text::NormalizedText;

// Names the preparation in the model file; a model trained on input prepared otherwise is
// refused at load. Change it whenever text::Normalize changes what it outputs.
inline constexpr std::string_view kInputPreparation = "text.Normalize/2";

// Prepares `raw` into `out`, reusing its buffers. Never fails; safe from several threads.
inline void PrepareInput(std::string_view raw, InputText& out) { text::Normalize(raw, out); }

// Maps prepared bytes [begin, end) back to the original span.
inline TextSpan ToOriginal(const InputText& input, size_t begin, size_t end) {
  return text::ToOriginal(input, begin, end);
}

}  // namespace stalkguard::classifier::internal
