// Steps 2-4 of Normalize, each rewriting a NormalizedText in place and keeping its source map
// in step. They expect the output of step 1 (lower case, single spaces). Internal to text/.
#pragma once

#include "text/normalizer.h"

namespace stalkguard::text::internal {

// "k i l l", "d.i.e", "k-i-l-l", "k. i. l. l" -> "kill", "die": three or more single letters
// (or leet characters, with at least two letters) separated by one repeated separator of up to
// three characters. With spaces, a leading or trailing "a" or "i" stays apart when only the rest
// is a known word ("I w i l l" -> "i will"); runs of only the one-letter chat words ("u r a",
// "i c u") or with a leet character ("a 1 b") are left alone unless they spell a common word
// ("y o u r").
void JoinSpacedLetters(NormalizedText& text);

// "k1ll", "a$$", "@ss", "sh!t", "5lut" -> "kill", "ass", "ass", "shit", "slut", in words that
// also contain letters; '1' becomes "i" or "l", '8' and '9' "b" and "g" or nothing, by the word
// list ("ki11", "u9ly"; "gr8" stays). Numbers, times, prices, ordinals and units ("5pm", "2nd",
// "10:30"), ids and years ("user123", "covid19"), URLs and e-mail addresses are left alone.
void UndoLeetspeak(NormalizedText& text);

// Runs of more than `keep` of the same letter become `keep`: with the default, "sooooo" ->
// "soo". The pattern layer squeezes with keep = 1 for matching.
void CollapseRepeatedLetters(NormalizedText& text, size_t keep = 2);

// Copies `text` into `out` with every run of one ASCII letter squeezed to a single letter
// ("kiill" -> "kil"); out.source maps each byte back to `text` (not to the original message).
// The pattern layer matches on this, so that stretched words match without "+" everywhere.
void SqueezeLetters(std::string_view text, NormalizedText& out);

}  // namespace stalkguard::text::internal
