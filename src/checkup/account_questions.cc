#include "checkup/account_questions.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace stalkguard::checkup {
namespace {

using json = nlohmann::json;

constexpr std::string_view kAnswerPrefix = "answer:";

// What one kind of question is about, and what to do when the answer is the unsafe one. The
// steps are general on purpose: menus move between app versions, the aim does not.
struct QuestionKind {
  std::string_view item;
  std::string_view area;
  std::string_view title;
  std::string_view text;  // empty for two-factor, asked per account
  Answer safe;
  std::string_view fine;  // summary when the answer is the safe one
  std::string_view fix;   // summary when it is not
  std::vector<std::string_view> steps;
};

const std::vector<QuestionKind>& Kinds() {
  static const std::vector<QuestionKind> kinds = {
      {"two-factor",
       "Accounts",
       "Is two-step verification on for every account?",
       "",
       Answer::kYes,
       "Two-step verification is on for every account you named.",
       "Two-step verification is off for some accounts: a password alone lets anyone who learns "
       "it in.",
       {"Turn on two-step verification in each account's security settings (listed below).",
        "Prefer an authenticator app or a security key to text-message codes: someone with your "
        "phone or SIM can read texts.",
        "Save the backup codes somewhere only you can reach."}},
      {"shared-devices",
       "Phone",
       "Does anyone else use your phone or computer, or know its passcode?",
       "Does anyone else use your phone or computer, or know its passcode or fingerprint unlock?",
       Answer::kNo,
       "Nobody else uses your devices or knows their passcode.",
       "Someone else can unlock your phone or computer: they can read your messages and install "
       "apps on it.",
       {"Change the passcode to one nobody has seen you type, and remove fingerprints or faces "
        "you did not add.",
        "If you must share a computer, give each person their own account with its own "
        "password.",
        "Run `stalkguard apps` on the phone's app list to look for monitoring apps."}},
      {"account-passwords-known",
       "Accounts",
       "Does anyone else know your Apple ID, Google or e-mail password?",
       "Does anyone else know the password of your Apple ID, Google account or main e-mail?",
       Answer::kNo,
       "Nobody else knows the passwords of your main accounts.",
       "Someone else knows a main account's password: with it they can read your cloud backups, "
       "see your location and reset your other passwords, without touching your phone.",
       {"Change that password from a device only you use, to one you have not used anywhere "
        "else.",
        "Then check the devices signed in to the account and sign out the ones you do not know.",
        "If this could make the person angry or dangerous, talk to a support service first "
        "(see the report's actions)."}},
      {"signed-in-sessions",
       "Accounts",
       "Have you signed out devices you do not know from your accounts?",
       "Have you checked, this month, which devices are signed in to your e-mail and social "
       "media, and signed out the ones you do not know?",
       Answer::kYes,
       "You have checked the signed-in devices and signed out the ones you do not know.",
       "Devices signed in to your accounts have not been checked: someone may still be signed "
       "in on theirs.",
       {"In each account's security settings, open the list of signed-in devices or active "
        "sessions.",
        "Sign out every device you do not recognise, then change the password.",
        "Take a screenshot of the list first: an unknown device is evidence."}},
      {"location-sharing",
       "Phone",
       "Is your location shared with anyone?",
       "Is your location shared with anyone through Find My, Google Maps location sharing, "
       "Life360, Snap Map or a similar app?",
       Answer::kNo,
       "Your location is not shared with anyone.",
       "Your location is shared: whoever it is shared with can see where you are at any time.",
       {"Open each app that can share your location (Find My, Google Maps, Life360, Snap Map, "
        "WhatsApp live location) and review who can see it.",
        "Stop sharing with anyone you do not trust completely; Snap Map has Ghost Mode.",
        "If the person would notice and it could put you in danger, plan it with a support "
        "service first."}},
      {"recovery-details",
       "Accounts",
       "Are your accounts' recovery details yours alone?",
       "Are the recovery phone number and e-mail address on your accounts ones only you can "
       "reach?",
       Answer::kYes,
       "The recovery details of your accounts are yours alone.",
       "A recovery number or address is not yours alone: whoever reaches it can reset your "
       "passwords.",
       {"In each account's security settings, replace recovery numbers and addresses that "
        "someone else can read.",
        "Check the security questions too: pick answers nobody could guess or look up."}},
  };
  return kinds;
}

const QuestionKind& KindOf(std::string_view item) {
  for (const QuestionKind& kind : Kinds()) {
    if (kind.item == item) return kind;
  }
  return Kinds().front();
}

// Where two-step verification lives for a platform the profile names, when we know.
std::string TwoFactorWhere(std::string_view platform) {
  if (platform == "whatsapp") return "WhatsApp: Settings > Account > Two-step verification";
  if (platform == "telegram")
    return "Telegram: Settings > Privacy and Security > Two-Step Verification";
  if (platform == "instagram" || platform == "facebook" || platform == "messenger") {
    return "Accounts Centre > Password and security > Two-factor authentication";
  }
  if (platform == "tiktok") return "TikTok: Settings and privacy > Security > 2-step verification";
  if (platform == "snapchat") return "Snapchat: Settings > Two-Factor Authentication";
  if (platform == "email") return "your e-mail provider's security settings";
  return "the account's security settings";
}

// "WhatsApp" for "whatsapp": the name as the platform writes it, when we know it.
std::string PlatformName(std::string_view platform) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"whatsapp", "WhatsApp"}, {"tiktok", "TikTok"},       {"instagram", "Instagram"},
      {"telegram", "Telegram"}, {"facebook", "Facebook"},   {"messenger", "Messenger"},
      {"snapchat", "Snapchat"}, {"twitter", "X (Twitter)"}, {"x", "X"},
      {"discord", "Discord"},   {"signal", "Signal"},       {"reddit", "Reddit"}};
  for (const auto& [key, name] : kNames) {
    if (key == platform) return std::string(name);
  }
  std::string name(platform);
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

struct Account {
  std::string key;       // identity key
  std::string label;     // "sam@example.org (e-mail)"
  std::string platform;  // "email", "instagram", ...
};

std::vector<Account> ProfileAccounts(const Profile& profile) {
  std::vector<Account> out;
  for (const Identity& id : profile.identities) {
    if (id.kind == IdentityKind::kEmail) {
      out.push_back({id.Key(), id.value + " (e-mail)", "email"});
    } else if (id.kind == IdentityKind::kHandle) {
      const size_t colon = id.value.find(':');
      if (colon == std::string::npos) continue;
      std::string platform = id.value.substr(0, colon);
      out.push_back(
          {id.Key(), PlatformName(platform) + " (" + id.value.substr(colon + 1) + ")", platform});
    }
  }
  return out;
}

}  // namespace

std::string_view ToString(Answer answer) {
  switch (answer) {
    case Answer::kYes:
      return "yes";
    case Answer::kNo:
      return "no";
    case Answer::kUnsure:
      return "unsure";
  }
  return "unsure";
}

std::optional<Answer> ParseAnswer(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "y" || lower == "yes") return Answer::kYes;
  if (lower == "n" || lower == "no") return Answer::kNo;
  if (lower == "u" || lower == "unsure" || lower == "not sure" || lower == "?") {
    return Answer::kUnsure;
  }
  return std::nullopt;
}

std::vector<AccountQuestion> AccountQuestions(const Profile& profile) {
  std::vector<AccountQuestion> out;
  for (const Account& account : ProfileAccounts(profile)) {
    out.push_back({"two-factor:" + account.key, "two-factor", account.label, account.platform,
                   "Is two-step verification on for " + account.label + "?", Answer::kYes});
  }
  for (const QuestionKind& kind : Kinds()) {
    if (kind.text.empty()) continue;
    out.push_back({std::string(kind.item), std::string(kind.item), "", "", std::string(kind.text),
                   kind.safe});
  }
  return out;
}

AnswerBook AnswerBook::FromRecords(const std::vector<store::CheckupRecord>& records,
                                   std::vector<std::string>* problems) {
  AnswerBook book;
  for (const store::CheckupRecord& record : records) {
    if (!record.key.starts_with(kAnswerPrefix)) continue;
    const json value = json::parse(record.value, nullptr, /*allow_exceptions=*/false);
    std::optional<Answer> answer;
    if (value.is_object() && value.contains("answer") && value["answer"].is_string()) {
      answer = ParseAnswer(value["answer"].get<std::string>());
    }
    if (!answer) {
      if (problems != nullptr) problems->push_back(record.key + ": not an answer");
      continue;
    }
    book.answers_[record.key.substr(kAnswerPrefix.size())] = *answer;
  }
  return book;
}

std::optional<Answer> AnswerBook::Get(std::string_view question_id) const {
  auto it = answers_.find(question_id);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

void AnswerBook::Set(const std::string& question_id, Answer answer) {
  answers_[question_id] = answer;
  changed_[question_id] = answer;
}

std::vector<store::CheckupRecord> AnswerBook::ChangedRecords() const {
  std::vector<store::CheckupRecord> out;
  for (const auto& [id, answer] : changed_) {
    out.push_back({std::string(kAnswerPrefix) + id,
                   json{{"answer", std::string(ToString(answer))}}.dump(), 0});
  }
  return out;
}

std::vector<CheckItem> AccountItems(const std::vector<AccountQuestion>& questions,
                                    const AnswerBook& answers) {
  std::vector<CheckItem> out;
  for (const AccountQuestion& q : questions) {
    auto item =
        std::find_if(out.begin(), out.end(), [&](const CheckItem& i) { return i.id == q.item; });
    const QuestionKind& kind = KindOf(q.item);
    if (item == out.end()) {
      out.push_back(CheckItem{q.item,
                              std::string(kind.area),
                              std::string(kind.title),
                              ItemStatus::kOk,
                              std::string(kind.fine),
                              {},
                              {}});
      item = out.end() - 1;
    }
    const std::optional<Answer> answer = answers.Get(q.id);
    const std::string who = q.account.empty() ? std::string() : q.account + ": ";
    if (!answer || *answer == Answer::kUnsure) {
      // Per account only: for a single question the summary already says it is unanswered.
      if (!q.account.empty() || answer) {
        item->evidence.push_back(Line(who + (answer ? "you were not sure" : "not answered yet")));
      }
      if (item->status == ItemStatus::kOk) item->status = ItemStatus::kUnknown;
    } else if (*answer != q.safe) {
      item->evidence.push_back(Line(who + "you answered " + std::string(ToString(*answer))));
      item->status = ItemStatus::kFix;
    } else if (!q.account.empty()) {
      item->evidence.push_back(Line(who + "on"));
    }
  }
  for (CheckItem& item : out) {
    const QuestionKind& kind = KindOf(item.id);
    if (item.status == ItemStatus::kFix) {
      item.summary = std::string(kind.fix);
      item.steps.assign(kind.steps.begin(), kind.steps.end());
    } else if (item.status == ItemStatus::kUnknown) {
      item.summary = "Not answered yet: " + std::string(kind.title);
      item.steps = {
          "Answer it with `stalkguard checkup --ask`; the answer is kept for the next "
          "check-up."};
    }
  }
  // Where to turn two-step verification on, for each account that lacks it.
  for (CheckItem& item : out) {
    if (item.id != "two-factor" || item.status == ItemStatus::kOk) continue;
    for (const AccountQuestion& q : questions) {
      if (q.item != "two-factor" || answers.Get(q.id) == Answer::kYes) continue;
      item.steps.push_back(q.account + ": " + TwoFactorWhere(q.platform) + ".");
    }
  }
  return out;
}

}  // namespace stalkguard::checkup
