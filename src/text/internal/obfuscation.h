// Steps 2-4 of Normalize, each rewriting a NormalizedText in place and keeping its source map
// in step. They expect the output of step 1 (lower case, single spaces). Internal to text/.
#pragma once

#include "text/normalizer.h"

namespace stalkguard::text::internal {

// "k i l l", "d.i.e", "k-i-l-l", "k. i. l. l" -> "kill", "die": three or more single letters
// (or leet characters, with at least two letters) separated by one repeated separator of up to
// three characters. Runs of only the one-letter chat words ("u r a", "i c u") are left alone.
void JoinSpacedLetters(NormalizedText& text);

// "k1ll", "a$$", "@ss", "sh!t", "5lut" -> "kill", "ass", "ass", "shit", "slut", in words that
// also contain letters. Numbers, times, prices, ordinals and units ("5pm", "2nd", "10:30"),
// ids and years ("user123", "covid19"), URLs and e-mail addresses are left alone.
void UndoLeetspeak(NormalizedText& text);

// Runs of three or more of the same letter become two: "sooooo" -> "soo".
void CollapseRepeatedLetters(NormalizedText& text);

}  // namespace stalkguard::text::internal
