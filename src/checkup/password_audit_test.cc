#include "checkup/password_audit.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "checkup/password_csv.h"

namespace sc = stalkguard::checkup;

namespace {

bool Says(const sc::PasswordRating& r, std::string_view words) {
  return std::any_of(r.feedback.begin(), r.feedback.end(),
                     [&](const std::string& s) { return s.find(words) != std::string::npos; });
}

const sc::CommonPasswords& Common() {
  static const sc::CommonPasswords common = [] {
    auto loaded = sc::CommonPasswords::Load(SG_COMMON_PASSWORDS);
    EXPECT_TRUE(loaded) << loaded.error().message;
    return loaded ? *loaded : sc::CommonPasswords();
  }();
  return common;
}

TEST(Score, Thresholds) {
  EXPECT_EQ(sc::ScoreForGuesses(999), 0);
  EXPECT_EQ(sc::ScoreForGuesses(1e3), 1);
  EXPECT_EQ(sc::ScoreForGuesses(1e6), 2);
  EXPECT_EQ(sc::ScoreForGuesses(1e8), 3);
  EXPECT_EQ(sc::ScoreForGuesses(1e10), 4);
}

TEST(CrackTime, Text) {
  EXPECT_EQ(sc::CrackTimeText(0.2), "less than a second");
  EXPECT_EQ(sc::CrackTimeText(1), "1 second");
  EXPECT_EQ(sc::CrackTimeText(3 * 3600 + 5), "3 hours");
  EXPECT_EQ(sc::CrackTimeText(86400.0 * 365 * 500), "centuries");
}

TEST(Rate, WeakPassword) {
  const sc::PasswordRating r = sc::Rate("password");
  EXPECT_LE(r.score, 1);
  EXPECT_EQ(r.crack_time_fast, "less than a second");
  EXPECT_TRUE(Says(r, "common word")) << testing::PrintToString(r.feedback);
  EXPECT_TRUE(Says(r, "short"));
}

TEST(Rate, StrongPassphrase) {
  const sc::PasswordRating r = sc::Rate("correct horse battery staple 9!");
  EXPECT_EQ(r.score, 4);
  EXPECT_GE(r.guesses, 1e10);
  EXPECT_FALSE(Says(r, "short"));
}

TEST(Rate, PatternsAreNamed) {
  EXPECT_TRUE(Says(sc::Rate("sdfghjkl"), "Keyboard")) << "keyboard pattern";
  EXPECT_TRUE(Says(sc::Rate("abcdefgh1234"), "Sequences"));
  EXPECT_TRUE(Says(sc::Rate("aaaaaaaaaaaa"), "Repeated"));
  EXPECT_TRUE(Says(sc::Rate("19/04/1987"), "Dates"));
}

TEST(Rate, UserInputsCount) {
  const double plain = sc::Rate("alicewonder77").log2_guesses;
  const double with_name = sc::Rate("alicewonder77", {"alicewonder"}).log2_guesses;
  EXPECT_LT(with_name, plain);
}

TEST(Rate, LongPasswordIsCapped) {
  const std::string long_pw(5000, 'x');
  const sc::PasswordRating r = sc::Rate(long_pw);
  EXPECT_GE(r.score, 0);  // returns, quickly, without reading past the cap
}

TEST(Common, HitAndMiss) {
  ASSERT_GT(Common().size(), 9000u);
  EXPECT_TRUE(Common().Contains("password"));
  EXPECT_TRUE(Common().Contains("PASSWORD"));  // lower-cased before hashing
  EXPECT_TRUE(Common().Contains("123456"));
  EXPECT_TRUE(Common().Contains("qwerty"));
  EXPECT_FALSE(Common().Contains("correct horse battery staple 9!"));
  EXPECT_FALSE(Common().Contains("MARKER-Zq7!pw-1234"));
}

TEST(Common, RoundTripAndBadFiles) {
  const auto set = sc::CommonPasswords::FromPasswords({"one", "two", "ONE"});
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains("two"));
  EXPECT_FALSE(set.Contains("three"));
  const std::string bytes = set.Serialize();
  EXPECT_EQ(bytes.substr(0, 4), "SGPW");
  EXPECT_EQ(bytes.size(), 12u + 16u);

  auto missing = sc::CommonPasswords::Load("/nonexistent/common.sgpw");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/common.sgpw"), std::string::npos);
}

TEST(Auditor, ReuseGroupsAccounts) {
  sc::PasswordAuditor auditor(Common());
  auditor.Add("bank", "Tr0ub4dor&3-horse-staple");
  auditor.Add("email", "unique-and-long-passphrase-42");
  auditor.Add("shop", "Tr0ub4dor&3-horse-staple");
  auditor.Add("forum", "Tr0ub4dor&3-horse-staple");
  const std::vector<sc::AccountAudit> audits = auditor.Finish();
  ASSERT_EQ(audits.size(), 4u);
  EXPECT_EQ(audits[0].reused_with, (std::vector<std::string>{"shop", "forum"}));
  EXPECT_TRUE(audits[1].reused_with.empty());
  EXPECT_FALSE(audits[1].needs_change);
  EXPECT_EQ(audits[2].reused_with, (std::vector<std::string>{"bank", "forum"}));
  EXPECT_TRUE(audits[3].needs_change);
  EXPECT_NE(audits[3].step.find("unique to this account"), std::string::npos);
}

TEST(Auditor, CommonPasswordIsFlagged) {
  sc::PasswordAuditor auditor(Common());
  auditor.Add("bank", "password");
  const auto audits = auditor.Finish();
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_TRUE(audits[0].common);
  EXPECT_TRUE(audits[0].needs_change);
  EXPECT_LE(audits[0].rating.score, 1);
  EXPECT_TRUE(Says(audits[0].rating, "most common passwords"));
}

TEST(Csv, Bitwarden) {
  const std::string text =
      "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,"
      "login_totp\n"
      ",,login,Bank,\"multi\nline, note\",,0,https://bank.example,alice,\"pa,ss\"\"word\",\n"
      ",,note,Secret note,text,,0,,,,\n"
      ",,login,Mail,,,0,https://mail.example,alice@mail.example,hunter2,\n";
  auto csv = sc::ReadPasswordCsv(text, "bw.csv");
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->layout, sc::CsvLayout::kBitwarden);
  ASSERT_EQ(csv->entries.size(), 2u);
  EXPECT_EQ(csv->entries[0].account, "Bank (alice)");
  EXPECT_EQ(csv->entries[0].password, "pa,ss\"word");
  EXPECT_EQ(csv->entries[0].line, 2);
  EXPECT_EQ(csv->entries[1].line, 5);  // the quoted newline counts
  EXPECT_EQ(csv->skipped, 1);
  EXPECT_TRUE(csv->errors.empty());
  sc::WipePasswords(*csv);
  EXPECT_TRUE(csv->entries[0].password.empty());
}

TEST(Csv, ChromeWithBadRow) {
  const std::string text =
      "name,url,username,password,note\r\n"
      "example.com,https://example.com/login,bob,s3cret,\r\n"
      "broken,https://b.example,bob\r\n"
      "\"quoted\"x,https://c.example,bob,pw,\r\n"
      "shop,https://shop.example,,\"with\r\nnewline\",note\r\n";
  auto csv = sc::ReadPasswordCsv(text, "chrome.csv");
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->layout, sc::CsvLayout::kChrome);
  ASSERT_EQ(csv->entries.size(), 2u);
  EXPECT_EQ(csv->entries[0].account, "example.com (bob)");
  EXPECT_EQ(csv->entries[1].account, "shop");
  EXPECT_EQ(csv->entries[1].password, "with\r\nnewline");
  ASSERT_EQ(csv->errors.size(), 2u);
  EXPECT_EQ(csv->errors[0].rfind("chrome.csv:3: ", 0), 0u) << csv->errors[0];
  EXPECT_EQ(csv->errors[1].rfind("chrome.csv:4: ", 0), 0u) << csv->errors[1];
  for (const std::string& e : csv->errors) EXPECT_EQ(e.find("pw"), std::string::npos);
}

TEST(Csv, Firefox) {
  const std::string text =
      "\"url\",\"username\",\"password\",\"httpRealm\",\"formActionOrigin\",\"guid\","
      "\"timeCreated\",\"timeLastUsed\",\"timePasswordChanged\"\n"
      "\"https://accounts.example.org\",\"carol\",\"a \"\"quoted\"\" pw\",,\"https://"
      "accounts.example.org\",\"{1}\",\"1\",\"1\",\"1\"\n"
      "\"https://open.example\",\"carol\",\"unterminated,,,,,,\n";
  auto csv = sc::ReadPasswordCsv(text, "ff.csv");
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->layout, sc::CsvLayout::kFirefox);
  ASSERT_EQ(csv->entries.size(), 1u);
  EXPECT_EQ(csv->entries[0].account, "accounts.example.org (carol)");
  EXPECT_EQ(csv->entries[0].password, "a \"quoted\" pw");
  ASSERT_EQ(csv->errors.size(), 1u);
  EXPECT_EQ(csv->errors[0].rfind("ff.csv:3: ", 0), 0u) << csv->errors[0];
}

TEST(Csv, UnknownHeader) {
  auto csv = sc::ReadPasswordCsv("a,b,c\n1,2,3\n", "other.csv");
  ASSERT_FALSE(csv);
  EXPECT_NE(csv.error().message.find("other.csv"), std::string::npos);
}

TEST(Wipe, ClearsEveryByte) {
  std::string s = "MARKER-Zq7!pw-1234 and more to leave the small buffer";
  const char* data = s.data();
  const size_t cap = s.capacity();
  sc::Wipe(s);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.data(), data);
  for (size_t i = 0; i < cap; ++i) EXPECT_EQ(data[i], '\0');
}

}  // namespace
