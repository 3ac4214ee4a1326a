#include "checkup/password_summary.h"

#include <nlohmann/json.hpp>

#include "core/timestamp.h"

namespace stalkguard::checkup {
namespace {

using json = nlohmann::json;

std::string Why(const AccountAudit& audit) {
  std::vector<std::string> parts;
  if (audit.common) parts.push_back("on the list of common passwords");
  if (audit.rating.score < 3) parts.push_back("weak");
  if (!audit.reused_with.empty()) {
    std::string reused = "reused with ";
    for (size_t i = 0; i < audit.reused_with.size(); ++i) {
      reused += (i == 0 ? "" : ", ") + audit.reused_with[i];
    }
    parts.push_back(reused);
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

}  // namespace

PasswordAuditSummary Summarise(const std::vector<AccountAudit>& audits, int64_t audited_ms) {
  PasswordAuditSummary summary;
  summary.audited_ms = audited_ms;
  summary.accounts = static_cast<int>(audits.size());
  for (const AccountAudit& audit : audits) {
    if (audit.rating.score < 3) ++summary.weak;
    if (audit.common) ++summary.common;
    if (!audit.reused_with.empty()) ++summary.reused;
    if (audit.needs_change) summary.to_change.push_back(audit.account + ": " + Why(audit));
  }
  return summary;
}

store::CheckupRecord ToRecord(const PasswordAuditSummary& summary) {
  const json value = {{"audited_ms", summary.audited_ms},
                      {"accounts", summary.accounts},
                      {"weak", summary.weak},
                      {"common", summary.common},
                      {"reused", summary.reused},
                      {"to_change", summary.to_change}};
  return {std::string(kPasswordAuditKey), value.dump(), 0};
}

Result<PasswordAuditSummary> FromRecord(const store::CheckupRecord& record) {
  const json value = json::parse(record.value, nullptr, /*allow_exceptions=*/false);
  PasswordAuditSummary summary;
  try {
    summary.audited_ms = value.at("audited_ms").get<int64_t>();
    summary.accounts = value.at("accounts").get<int>();
    summary.weak = value.at("weak").get<int>();
    summary.common = value.at("common").get<int>();
    summary.reused = value.at("reused").get<int>();
    summary.to_change = value.at("to_change").get<std::vector<std::string>>();
  } catch (const json::exception&) {
    return MakeError(ErrorCode::kInvalidInput,
                     "check-up record \"" + record.key + "\": not a password audit summary");
  }
  return summary;
}

CheckItem PasswordItem(const std::optional<PasswordAuditSummary>& last_audit) {
  CheckItem item{"passwords",
                 "Passwords",
                 "Are your passwords strong and used only once?",
                 ItemStatus::kUnknown,
                 "",
                 {},
                 {}};
  if (!last_audit || last_audit->accounts == 0) {
    item.summary = "Your passwords have not been checked yet.";
    item.steps = {
        "Export your passwords from your password manager (Bitwarden, Chrome or Firefox) and "
        "run `stalkguard password --csv FILE`, then delete the export; or run `stalkguard "
        "password` and type them at the prompt."};
    return item;
  }
  const PasswordAuditSummary& s = *last_audit;
  const std::string when = "checked " + FormatUtcDate(s.audited_ms);
  if (s.to_change.empty()) {
    item.status = ItemStatus::kOk;
    item.summary = "All " + std::to_string(s.accounts) +
                   " passwords are strong, uncommon and used once (" + when + ").";
    return item;
  }
  item.status = ItemStatus::kFix;
  item.summary = std::to_string(s.to_change.size()) + " of " + std::to_string(s.accounts) +
                 " passwords need changing (" + when + "): " + std::to_string(s.weak) + " weak, " +
                 std::to_string(s.common) + " common, " + std::to_string(s.reused) + " reused.";
  for (const std::string& account : s.to_change) item.evidence.push_back(Line(account));
  item.steps = {
      "Change these passwords first, starting with e-mail: whoever reads your e-mail can reset "
      "every other password.",
      "Give each account its own password: a password manager makes and remembers them.",
      "Change them from a device only you use, and run `stalkguard password` again to check."};
  return item;
}

}  // namespace stalkguard::checkup
