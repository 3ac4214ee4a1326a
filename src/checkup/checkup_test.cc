// The check-up items that need no messages: the account questions and their stored answers,
// the password audit summary, and the reading order.
#include "checkup/checkup.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "checkup/account_questions.h"
#include "checkup/password_summary.h"

namespace sg = stalkguard;
namespace sc = stalkguard::checkup;

namespace {

sg::Profile SamsProfile() {
  sg::Profile p;
  p.names = {"Sam Lee"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                  {sg::IdentityKind::kEmail, "sam.lee@example.org"},
                  {sg::IdentityKind::kHandle, "instagram:sam.lee"}};
  return p;
}

const sc::CheckItem& ItemOf(const std::vector<sc::CheckItem>& items, const std::string& id) {
  auto it =
      std::find_if(items.begin(), items.end(), [&](const sc::CheckItem& i) { return i.id == id; });
  if (it == items.end()) {
    ADD_FAILURE() << "no item " << id;
    static const sc::CheckItem none;
    return none;
  }
  return *it;
}

std::vector<std::string> Texts(const sc::CheckItem& item) {
  std::vector<std::string> out;
  for (const sc::ItemEvidence& e : item.evidence) out.push_back(e.text);
  return out;
}

}  // namespace

TEST(AccountQuestions, AskTwoFactorForEachAccountButNotForPhones) {
  const auto questions = sc::AccountQuestions(SamsProfile());
  std::vector<std::string> ids;
  for (const auto& q : questions) ids.push_back(q.id);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "two-factor:email:sam.lee@example.org"), 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "two-factor:handle:instagram:sam.lee"), 1);
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(),
                          [](const std::string& id) { return id.find("+44") != id.npos; }),
            0);
  for (const char* id : {"shared-devices", "account-passwords-known", "signed-in-sessions",
                         "location-sharing", "recovery-details"}) {
    EXPECT_EQ(std::count(ids.begin(), ids.end(), id), 1) << id;
  }
}

TEST(AccountQuestions, ParseAnswerTakesShortFormsAndNothingElse) {
  EXPECT_EQ(sc::ParseAnswer("Y"), sc::Answer::kYes);
  EXPECT_EQ(sc::ParseAnswer("no"), sc::Answer::kNo);
  EXPECT_EQ(sc::ParseAnswer("Not sure"), sc::Answer::kUnsure);
  EXPECT_EQ(sc::ParseAnswer("?"), sc::Answer::kUnsure);
  EXPECT_FALSE(sc::ParseAnswer(""));
  EXPECT_FALSE(sc::ParseAnswer("yes please"));
}

TEST(AccountQuestions, UnansweredQuestionsAreUnknownWithHowToAnswer) {
  const auto items = sc::AccountItems(sc::AccountQuestions(SamsProfile()), sc::AnswerBook());
  for (const sc::CheckItem& item : items) {
    EXPECT_EQ(item.status, sc::ItemStatus::kUnknown) << item.id;
    ASSERT_FALSE(item.steps.empty()) << item.id;
    EXPECT_NE(item.steps[0].find("--ask"), std::string::npos) << item.id;
  }
  EXPECT_EQ(ItemOf(items, "two-factor").evidence.size(), 2u);
}

TEST(AccountQuestions, UnsafeAnswerIsFixWithStepsSafeAnswerIsOk) {
  const auto questions = sc::AccountQuestions(SamsProfile());
  sc::AnswerBook answers;
  answers.Set("two-factor:email:sam.lee@example.org", sc::Answer::kYes);
  answers.Set("two-factor:handle:instagram:sam.lee", sc::Answer::kNo);
  answers.Set("shared-devices", sc::Answer::kYes);       // someone else knows the passcode
  answers.Set("location-sharing", sc::Answer::kNo);      // not shared: fine
  answers.Set("signed-in-sessions", sc::Answer::kYes);   // checked: fine
  answers.Set("recovery-details", sc::Answer::kUnsure);  // not sure: unknown
  answers.Set("account-passwords-known", sc::Answer::kNo);
  const auto items = sc::AccountItems(questions, answers);

  const sc::CheckItem& two_factor = ItemOf(items, "two-factor");
  EXPECT_EQ(two_factor.status, sc::ItemStatus::kFix);
  EXPECT_EQ(Texts(two_factor), (std::vector<std::string>{"sam.lee@example.org (e-mail): on",
                                                         "Instagram (sam.lee): you answered no"}));
  // Where to turn it on, for the one account that lacks it only.
  EXPECT_NE(two_factor.steps.back().find("Instagram (sam.lee): Accounts Centre"),
            std::string::npos);
  EXPECT_EQ(std::count_if(two_factor.steps.begin(), two_factor.steps.end(),
                          [](const std::string& s) { return s.find("e-mail)") != s.npos; }),
            0);

  EXPECT_EQ(ItemOf(items, "shared-devices").status, sc::ItemStatus::kFix);
  EXPECT_FALSE(ItemOf(items, "shared-devices").steps.empty());
  EXPECT_EQ(ItemOf(items, "location-sharing").status, sc::ItemStatus::kOk);
  EXPECT_TRUE(ItemOf(items, "location-sharing").steps.empty());
  EXPECT_EQ(ItemOf(items, "signed-in-sessions").status, sc::ItemStatus::kOk);
  EXPECT_EQ(ItemOf(items, "recovery-details").status, sc::ItemStatus::kUnknown);
  EXPECT_EQ(ItemOf(items, "account-passwords-known").status, sc::ItemStatus::kOk);
}

TEST(AccountQuestions, AnswersRoundTripThroughStoreRecords) {
  sc::AnswerBook answers;
  answers.Set("shared-devices", sc::Answer::kNo);
  answers.Set("two-factor:email:sam.lee@example.org", sc::Answer::kUnsure);
  std::vector<sg::store::CheckupRecord> records = answers.ChangedRecords();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].key, "answer:shared-devices");
  records.push_back({"answer:broken", "{\"answer\":\"maybe\"}", 0});
  records.push_back({"password-audit", "{}", 0});  // not an answer: ignored
  std::vector<std::string> problems;
  const sc::AnswerBook loaded = sc::AnswerBook::FromRecords(records, &problems);
  EXPECT_EQ(loaded.Get("shared-devices"), sc::Answer::kNo);
  EXPECT_EQ(loaded.Get("two-factor:email:sam.lee@example.org"), sc::Answer::kUnsure);
  EXPECT_FALSE(loaded.Get("broken"));
  EXPECT_EQ(problems, (std::vector<std::string>{"answer:broken: not an answer"}));
  EXPECT_TRUE(loaded.ChangedRecords().empty());
}

TEST(PasswordSummary, NoAuditIsUnknownWithTheCommandToRun) {
  const sc::CheckItem item = sc::PasswordItem(std::nullopt);
  EXPECT_EQ(item.status, sc::ItemStatus::kUnknown);
  ASSERT_FALSE(item.steps.empty());
  EXPECT_NE(item.steps[0].find("stalkguard password"), std::string::npos);
}

TEST(PasswordSummary, AccountsToChangeAreFixAndSurviveTheRecord) {
  std::vector<sc::AccountAudit> audits(3);
  audits[0].account = "mail";
  audits[0].rating.score = 4;
  audits[0].reused_with = {"bank"};
  audits[0].needs_change = true;
  audits[1].account = "bank";
  audits[1].rating.score = 4;
  audits[1].reused_with = {"mail"};
  audits[1].needs_change = true;
  audits[2].account = "forum";
  audits[2].rating.score = 1;
  audits[2].common = true;
  audits[2].needs_change = true;
  const sc::PasswordAuditSummary summary = sc::Summarise(audits, 1'795'000'000'000);
  EXPECT_EQ(summary.accounts, 3);
  EXPECT_EQ(summary.weak, 1);
  EXPECT_EQ(summary.common, 1);
  EXPECT_EQ(summary.reused, 2);

  const sg::store::CheckupRecord record = sc::ToRecord(summary);
  EXPECT_EQ(record.key, "password-audit");
  auto back = sc::FromRecord(record);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->to_change, summary.to_change);

  const sc::CheckItem item = sc::PasswordItem(*back);
  EXPECT_EQ(item.status, sc::ItemStatus::kFix);
  EXPECT_EQ(Texts(item),
            (std::vector<std::string>{"mail: reused with bank", "bank: reused with mail",
                                      "forum: on the list of common passwords; weak"}));
  EXPECT_NE(item.summary.find("3 of 3"), std::string::npos);
  EXPECT_NE(item.summary.find("2026-11-18"), std::string::npos);
}

TEST(PasswordSummary, CleanAuditIsOkAndBrokenRecordIsAnError) {
  std::vector<sc::AccountAudit> audits(1);
  audits[0].account = "mail";
  audits[0].rating.score = 4;
  EXPECT_EQ(sc::PasswordItem(sc::Summarise(audits, 0)).status, sc::ItemStatus::kOk);
  auto broken = sc::FromRecord({"password-audit", "{\"accounts\":\"two\"}", 0});
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("password-audit"), std::string::npos);
}

TEST(Checkup, ReadingOrderIsFixThenUnknownThenOkAndCounts) {
  std::vector<sc::CheckItem> items(4);
  items[0].id = "a";
  items[0].status = sc::ItemStatus::kOk;
  items[1].id = "b";
  items[1].status = sc::ItemStatus::kUnknown;
  items[2].id = "c";
  items[2].status = sc::ItemStatus::kFix;
  items[3].id = "d";
  items[3].status = sc::ItemStatus::kFix;
  sc::SortForReading(items);
  std::string order;
  for (const auto& i : items) order += i.id;
  EXPECT_EQ(order, "cdba");
  const sc::CheckupCounts counts = sc::Count(items);
  EXPECT_EQ(counts.fix, 2);
  EXPECT_EQ(counts.unknown, 1);
  EXPECT_EQ(counts.ok, 1);
}
