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
