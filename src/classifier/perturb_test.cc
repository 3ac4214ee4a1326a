#include "classifier/perturb.h"

#include <gtest/gtest.h>

namespace stalkguard::classifier {
namespace {

TEST(Perturb, IsDeterministicForASeed) {
  for (const Perturbation kind : kAllPerturbations) {
    EXPECT_EQ(Perturb("you are a stupid idiot", kind, 42),
              Perturb("you are a stupid idiot", kind, 42))
        << PerturbationName(kind);
  }
}

TEST(Perturb, ChangesEveryWordAtFullRate) {
  for (const Perturbation kind : kAllPerturbations) {
    if (kind == Perturbation::kSpacedLetters) continue;
    const std::string out = Perturb("stupid idiot", kind, 3, 1.0);
    EXPECT_EQ(out.find("stupid"), std::string::npos) << PerturbationName(kind) << ": " << out;
    EXPECT_EQ(out.find("idiot"), std::string::npos) << PerturbationName(kind) << ": " << out;
  }
}

TEST(Perturb, SpacesOutAFewWords) {
  const std::string out = Perturb("kill", Perturbation::kSpacedLetters, 1);
  EXPECT_EQ(out.size(), 7u) << out;  // "k i l l", "k.i.l.l", ...
  EXPECT_EQ(out[0], 'k');
  EXPECT_EQ(out[2], 'i');
}

TEST(Perturb, LeavesShortWordsAndPunctuationAlone) {
  EXPECT_EQ(Perturb("I am, ok?", Perturbation::kLeetspeak, 5, 1.0), "I am, ok?");
}

TEST(Perturb, NamesRoundTrip) {
  for (const Perturbation kind : kAllPerturbations) {
    EXPECT_EQ(PerturbationFromName(PerturbationName(kind)), kind);
  }
  EXPECT_FALSE(PerturbationFromName("rot13"));
}

}  // namespace
}  // namespace stalkguard::classifier
