// What the check-up remembers of the last password audit: how many accounts were checked and
// which need a new password and why. Never a password, nor anything derived from one (no hash,
// no length, no score per account): only counts and account names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checkup/checkup.h"
#include "checkup/password_audit.h"
#include "core/result.h"
#include "store/store.h"

namespace stalkguard::checkup {

inline constexpr std::string_view kPasswordAuditKey = "password-audit";

struct PasswordAuditSummary {
  int64_t audited_ms = 0;
  int accounts = 0;
  int weak = 0;    // zxcvbn score below 3
  int common = 0;  // on the common-password list
  int reused = 0;  // share a password with another account
  // "bank: reused with mail", one per account that needs a new password.
  std::vector<std::string> to_change;
};

PasswordAuditSummary Summarise(const std::vector<AccountAudit>& audits, int64_t audited_ms);

// The store record (key kPasswordAuditKey, JSON value) and back. A value that is not one
// gives an error naming the record.
store::CheckupRecord ToRecord(const PasswordAuditSummary& summary);
Result<PasswordAuditSummary> FromRecord(const store::CheckupRecord& record);

// The "passwords" item: fix when any account needs a new password, ok when the last audit
// found none, unknown when there was none.
CheckItem PasswordItem(const std::optional<PasswordAuditSummary>& last_audit);

}  // namespace stalkguard::checkup
