#include "classifier/datasets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace stalkguard::classifier {
namespace {

TEST(SplitOf, IsStableAndNearTheIntendedShares) {
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 20000; ++i) {
    const std::string text = "message number " + std::to_string(i);
    EXPECT_EQ(SplitOf(text), SplitOf(std::string(text)));
    ++counts[static_cast<int>(SplitOf(text))];
  }
  EXPECT_NEAR(counts[static_cast<int>(Split::kValidation)] / 20000.0, 0.20, 0.015);
  EXPECT_NEAR(counts[static_cast<int>(Split::kCalibration)] / 20000.0, 0.10, 0.015);
}

TEST(DecodeHtmlEntities, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(DecodeHtmlEntities("a &amp; b &lt;3 &#128514; &#x41; &quot;q&quot;"),
            "a & b <3 \xF0\x9F\x98\x82 A \"q\"");
  EXPECT_EQ(DecodeHtmlEntities("AT&T & &unknown; &#;"), "AT&T & &unknown; &#;");
}

TEST(CleanTweet, DropsMentionsAndRetweetMarkers) {
  EXPECT_EQ(CleanTweet("RT @mayasolovely: As a woman you shouldn't complain"),
            "As a woman you shouldn't complain");
  EXPECT_EQ(CleanTweet("@USER @USER Go home you're drunk!!! URL"), "Go home you're drunk!!! url");
  EXPECT_EQ(CleanTweet("mail me at jo@example.org about URLs"),
            "mail me at jo@example.org about URLs");
}

TEST(EmailText, ReadsSubjectAndPlainBody) {
  EXPECT_EQ(EmailText("From: a@example.org\nSubject: Hello\n  there\n\nBody line\n", 100),
            "Hello there\nBody line\n");
}

TEST(EmailText, WalksMultipartAndDecodes) {
  const std::string mail =
      "Subject: Offer\n"
      "Content-Type: multipart/alternative; boundary=\"XX\"\n\n"
      "preamble\n"
      "--XX\n"
      "Content-Type: text/plain\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "Buy n=\now =3D cheap\n"
      "--XX\n"
      "Content-Type: text/html\n"
      "Content-Transfer-Encoding: base64\n\n"
      "PGI+Qk9MRDwvYj4gJmFtcDsgdGV4dA==\n"
      "--XX\n"
      "Content-Type: image/png\n\n"
      "binary\n"
      "--XX--\n";
  const std::string text = EmailText(mail, 1000);
  EXPECT_NE(text.find("Buy now = cheap"), std::string::npos) << text;
  EXPECT_NE(text.find("BOLD  & text"), std::string::npos) << text;
  EXPECT_EQ(text.find("binary"), std::string::npos) << text;
}

TEST(EmailText, CutsLongBodies) {
  const std::string mail = "Subject: s\n\n" + std::string(5000, 'x');
  EXPECT_LE(EmailText(mail, 100).size(), 102u);
}

TEST(LoadPublicDataSet, HateCheckThreatsOnlyWhereTheFunctionalitySaysSo) {
  const auto dir = std::filesystem::temp_directory_path() / "sg-hatecheck-test";
  std::filesystem::create_directories(dir / "hatecheck");
  {
    std::ofstream out(dir / "hatecheck" / "train.csv");
    out << "text,label_gold,functionality,target_ident,direction,case_id,templ_id\n"
        << "I am going to kill all women.,hateful,threat_dir_h,women,general,1,81\n"
        << "I hate women.,hateful,derog_neg_emote_h,women,general,2,1\n"
        << "if only w0men like you had their throats cut,hateful,spell_leet_h,women,general,3,9\n"
        << "I will hurt you.,non-hateful,target_indiv_nh,,,4,500\n"
        << "We should just hang all these pictures.,non-hateful,target_obj_nh,,,5,501\n";
  }
  const auto set = LoadPublicDataSet("hatecheck", dir.string());
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ(set->examples.size(), 5u);
  EXPECT_EQ(set->examples[0].labels[kThreat], 1);
  EXPECT_EQ(set->examples[1].labels[kThreat], 0);
  // A threat spelled in leetspeak and a threat to one person are threats the functionality
  // does not name: left open rather than taught as "no threat".
  EXPECT_EQ(set->examples[2].labels[kThreat], kUnknown);
  EXPECT_EQ(set->examples[2].labels[kIdentityAttack], 1);
  EXPECT_EQ(set->examples[3].labels[kThreat], kUnknown);
  EXPECT_EQ(set->examples[3].labels[kInsult], 1);
  EXPECT_EQ(set->examples[4].labels[kThreat], 0);
  std::filesystem::remove_all(dir);
}

TEST(LoadOwnExamples, ReadsKindsAndLabels) {
  const auto path = std::filesystem::temp_directory_path() / "sg-own-examples-test.tsv";
  {
    std::ofstream out(path);
    out << "# comment\n"
        << "threat\tthreat,toxic\tI know where you live\n"
        << "banter\t-\tI'll kill you at Mario Kart lol\n";
  }
  const auto set = LoadOwnExamples(path.string());
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ(set->examples.size(), 2u);
  EXPECT_EQ(set->examples[0].group, "threat");
  EXPECT_EQ(set->examples[0].labels[kThreat], 1);
  EXPECT_EQ(set->examples[0].labels[kToxic], 1);
  EXPECT_EQ(set->examples[0].labels[kSexual], 0);
  EXPECT_EQ(set->examples[1].labels[kThreat], 0);
  EXPECT_EQ(set->examples[1].text, "I'll kill you at Mario Kart lol");
  std::filesystem::remove(path);
}

TEST(LoadOwnExamples, NamesTheLineOfAnUnknownOutput) {
  const auto path = std::filesystem::temp_directory_path() / "sg-own-examples-bad.tsv";
  {
    std::ofstream out(path);
    out << "threat\tthreat\tok\nx\tmenace\tbad label\n";
  }
  const auto set = LoadOwnExamples(path.string());
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message, path.string() + ":2: unknown output \"menace\"");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace stalkguard::classifier
