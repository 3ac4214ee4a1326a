#include "detectors/impersonation/look_alike.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace detect = stalkguard::detect;

namespace {

TEST(NameSkeleton, FoldsLookAlikesSeparatorsAndTrailingDigits) {
  EXPECT_EQ(detect::NameSkeleton("Sam Lee"), detect::NameSkeleton("Ѕаm Lее"));  // Cyrillic
  EXPECT_EQ(detect::NameSkeleton("sam.lee"), detect::NameSkeleton("SAM_LEE 2"));
  EXPECT_EQ(detect::NameSkeleton("sam lee"), detect::NameSkeleton("ＳＡＭ ＬＥＥ"));  // fullwidth
  EXPECT_EQ(detect::NameSkeleton("sam lee"), detect::NameSkeleton("Sám Lée 🌸"));
  EXPECT_EQ(detect::NameSkeleton("instagram:sam.lee"), detect::NameSkeleton("sam.lee"));
  EXPECT_EQ(detect::NameSkeleton("samlee1"), detect::NameSkeleton("samlee"));
  EXPECT_NE(detect::NameSkeleton("sam lee"), detect::NameSkeleton("pam lee"));
  EXPECT_EQ(detect::NameSkeleton("2024"), "");
  // Lower-case Cyrillic letters whose skeleton is a small capital or another non-Latin letter.
  EXPECT_EQ(detect::NameSkeleton("вкмнтп"), "bkmhtn");
}

TEST(DamerauLevenshtein, CountsEditsInCodePoints) {
  EXPECT_EQ(detect::DamerauLevenshtein("", ""), 0u);
  EXPECT_EQ(detect::DamerauLevenshtein("samlee", "samlee"), 0u);
  EXPECT_EQ(detect::DamerauLevenshtein("samlee", "sammlee"), 1u);
  EXPECT_EQ(detect::DamerauLevenshtein("samlee", "smalee"), 1u);  // a swap is one edit
  EXPECT_EQ(detect::DamerauLevenshtein("samlee", "pamlee"), 1u);
  EXPECT_EQ(detect::DamerauLevenshtein("samlee", "samleeds"), 2u);
  EXPECT_EQ(detect::DamerauLevenshtein("sаm", "sam"), 1u);  // Cyrillic а is one code point
  EXPECT_EQ(detect::DamerauLevenshtein("abc", ""), 3u);
}

struct Case {
  std::string candidate;
  std::string reference;
  bool match;
  std::string reason;  // checked when not empty
  double min_similarity = 0;
};

TEST(CompareNames, TellsLookAlikesFromTheSameAndFromOtherNames) {
  const std::vector<Case> cases = {
      // Made to pass for the reference.
      {"Sаm Lее", "Sam Lee", true, "same letters with Cyrillic look-alikes", 0.9},
      {"Sαm Lee", "Sam Lee", true, "same letters with Greek look-alikes", 0.9},
      {"ЅаmLее", "Sam Lee", true, "same letters with Cyrillic look-alikes", 0.9},
      {"ＳＡＭ ＬＥＥ", "Sam Lee", true, "same letters with look-alike characters", 0.8},
      {"Sam 1ee", "Sam Lee", true, "same letters with look-alike characters", 0.8},
      {"Sám Lée", "Sam Lee", true, "same letters with accents", 0.75},
      {"sam.lee_official", "instagram:sam.lee", true, "adds '_official'", 0.7},
      {"real_sam_lee", "Sam Lee", true, "adds 'real_'", 0.7},
      {"the.real.samlee", "sam.lee", true, "adds 'the.' and 'real.'", 0.7},
      {"sarn.lee", "sam.lee", true, "same letters with look-alike characters", 0.8},
      {"samlee2", "Sam Lee", true, "adds digits", 0.7},
      {"sam_lee2", "instagram:sam.lee", true, "adds digits", 0.7},
      {"sam_lee", "instagram:sam.lee", true, "same name with different separators", 0.65},
      {"Samm Lee", "Sam Lee", true, "one letter doubled", 0.65},
      {"Sma Lee", "Sam Lee", true, "two letters swapped", 0.65},
      {"Sam Le", "Sam Lee", true, "one letter dropped", 0.6},
      {"Sam Lii", "Sam Lil", true, "one letter changed", 0.65},  // i for l
      {"Samantha Leeson", "Samantha Leeton", true, "one letter changed", 0.55},
      // The same name: not impersonation.
      {"Sam Lee", "Sam Lee", false, ""},
      {"sam  lee", "Sam Lee", false, ""},
      {"instagram:sam.lee", "sam.lee", false, ""},
      // Other names.
      {"Sam Leeds", "Sam Lee", false, ""},  // another surname, not a disguise
      {"Sam Lees", "Sam Lee", false, ""},
      {"Pam Lee", "Sam Lee", false, ""},  // one letter changed in a short name: another person
      {"Sam", "Sam Lee", false, ""},
      {"Jordan Blake", "Sam Lee", false, ""},
      {"samleefanclub", "Sam Lee", false, ""},
      {"", "Sam Lee", false, ""},
      {"🌸🌸", "Sam Lee", false, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("\"" + c.candidate + "\" vs \"" + c.reference + "\"");
    const std::optional<detect::LookAlikeMatch> m = detect::CompareNames(c.candidate, c.reference);
    ASSERT_EQ(m.has_value(), c.match) << (m ? m->reason : "no match");
    if (!m) continue;
    if (!c.reason.empty()) {
      EXPECT_EQ(m->reason, c.reason);
    }
    EXPECT_GE(m->similarity, c.min_similarity);
    EXPECT_LE(m->similarity, 1.0);
  }
}

TEST(CompareNames, RanksScriptLookAlikesAboveAffixesAboveEdits) {
  const double script = detect::CompareNames("Sаm Lее", "Sam Lee")->similarity;
  const double affix = detect::CompareNames("sam_lee_official", "Sam Lee")->similarity;
  const double edit = detect::CompareNames("Samm Lee", "Sam Lee")->similarity;
  EXPECT_GT(script, affix);
  EXPECT_GT(affix, edit);
}

}  // namespace
