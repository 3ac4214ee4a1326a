// Account hygiene: what no export shows (is two-step verification on, who else uses the phone,
// who can see the person's location), asked once as yes / no / not sure and kept in the store,
// so the next check-up starts from the answers already given.
//
//   std::vector<AccountQuestion> questions = AccountQuestions(profile);
//   AnswerBook answers = AnswerBook::FromRecords(store.ListCheckupRecords());
//   answers.Set(questions[0].id, Answer::kNo);   // then store.PutCheckupRecords(answers.Records())
//   std::vector<CheckItem> items = AccountItems(questions, answers);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checkup/checkup.h"
#include "core/profile.h"
#include "store/store.h"

namespace stalkguard::checkup {

enum class Answer { kYes, kNo, kUnsure };

std::string_view ToString(Answer answer);  // "yes", "no", "unsure"
// "y", "yes", "n", "no", "u", "unsure", "not sure", "?", any case; nothing else.
std::optional<Answer> ParseAnswer(std::string_view text);

struct AccountQuestion {
  std::string id;        // stable, stored: "two-factor:email:sam@example.org", "shared-devices"
  std::string item;      // the check-up item it feeds: "two-factor", "shared-devices", ...
  std::string account;   // for two-factor questions: "sam@example.org (e-mail)"; else empty
  std::string platform;  // for two-factor questions: "email", "instagram", ...
  std::string text;      // the question as asked
  Answer safe = Answer::kYes;  // the answer that needs nothing done
};

// The questions for this person: two-step verification for each account in the profile (its
// e-mail addresses and platform handles), then the device and sharing questions.
std::vector<AccountQuestion> AccountQuestions(const Profile& profile);

// The answers given so far, by question id.
class AnswerBook {
 public:
  // Reads the "answer:<id>" records; a record that cannot be read is left out and named in
  // `problems` ("answer:x: not an answer").
  static AnswerBook FromRecords(const std::vector<store::CheckupRecord>& records,
                                std::vector<std::string>* problems = nullptr);

  std::optional<Answer> Get(std::string_view question_id) const;
  void Set(const std::string& question_id, Answer answer);
  // The answers set since loading, as records to store.
  std::vector<store::CheckupRecord> ChangedRecords() const;

 private:
  std::map<std::string, Answer, std::less<>> answers_;
  std::map<std::string, Answer, std::less<>> changed_;
};

// One item per question kind ("two-factor" gathers every account): fix when an answer is the
// unsafe one, unknown when a question is unanswered or "not sure", ok otherwise.
std::vector<CheckItem> AccountItems(const std::vector<AccountQuestion>& questions,
                                    const AnswerBook& answers);

}  // namespace stalkguard::checkup
