// `stalkguard password [--csv FILE] [--json] [--account NAME]...`: the password part of the
// safety check-up. Rates each password (zxcvbn), says whether it is a common one and which
// accounts share it, and what to do. Passwords come from a prompt without echo, from standard
// input (one a line, or `account<TAB>password`) or from a password manager's CSV export; never
// from the command line. They are not printed, logged or stored, core dumps are turned off
// for the run, and the buffers holding them are wiped. What is kept, for `stalkguard checkup`,
// is a summary in the store: how many were checked and which accounts need a new password.
#include <sodium.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/terminal.h"
#include "checkup/password_audit.h"
#include "checkup/password_csv.h"
#include "checkup/password_summary.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

using json = nlohmann::ordered_json;
namespace sc = stalkguard::checkup;

struct PasswordFlags {
  std::string csv;
  std::string common;
  std::vector<std::string> accounts;
  bool json = false;
  std::string db;
  bool no_save = false;
};

std::vector<std::string> UserInputs(const std::string& account) {
  std::vector<std::string> words;
  std::string word;
  for (char c : account + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word.push_back(c);
    } else {
      if (word.size() >= 3) words.push_back(word);
      word.clear();
    }
  }
  return words;
}

void AuditStdin(const PasswordFlags& flags, sc::PasswordAuditor& auditor) {
  std::string line;
  line.reserve(kMaxSecretLine + 1);
  if (::isatty(STDIN_FILENO) != 0) {
    std::vector<std::string> accounts = flags.accounts;
    for (size_t i = 0;; ++i) {
      std::string account;
      if (i < accounts.size()) {
        account = accounts[i];
      } else if (!flags.accounts.empty()) {
        break;
      } else {
        account = Prompt("Account name (empty to finish): ", true);
        if (account.empty()) break;
      }
      std::string password = Prompt(("Password for " + account + " (not shown): ").c_str(), false);
      if (!password.empty()) auditor.Add(account, password, UserInputs(account));
      sc::Wipe(password);
    }
    return;
  }
  for (size_t n = 0; ReadSecretLine(line);) {
    if (line.empty()) continue;
    std::string account;
    std::string_view password = line;
    const size_t tab = line.find('\t');
    if (tab != std::string::npos) {
      account = line.substr(0, tab);
      password = std::string_view(line).substr(tab + 1);
    } else if (n < flags.accounts.size()) {
      account = flags.accounts[n];
    }
    ++n;
    // A name we make up is not a word an attacker would try.
    const std::vector<std::string> inputs = UserInputs(account);
    if (account.empty()) account = "password " + std::to_string(n);
    if (!password.empty()) auditor.Add(account, password, inputs);
    sc::Wipe(line);
    line.reserve(kMaxSecretLine + 1);
  }
  sc::Wipe(line);
}

Status AuditCsv(const std::string& path, sc::PasswordAuditor& auditor, int& rejected) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::string text;
  char buffer[1 << 14];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    if (text.capacity() < text.size() + got) {
      std::string bigger;
      bigger.reserve(2 * (text.size() + got));
      bigger = text;
      sc::Wipe(text);
      text.swap(bigger);
    }
    text.append(buffer, got);
  }
  sodium_memzero(buffer, sizeof buffer);
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) {
    sc::Wipe(text);
    return MakeError(ErrorCode::kIo, path + ": read failed");
  }
  auto csv = sc::ReadPasswordCsv(text, path);
  sc::Wipe(text);
  if (!csv) return tl::unexpected(csv.error());
  for (const std::string& error : csv->errors) std::fprintf(stderr, "%s\n", error.c_str());
  rejected = static_cast<int>(csv->errors.size());
  for (const sc::PasswordEntry& e : csv->entries) {
    std::vector<std::string> inputs = UserInputs(e.account);
    auditor.Add(e.account, e.password, inputs);
  }
  sc::WipePasswords(*csv);
  return OkStatus();
}

const char* ScoreWord(int score) {
  static constexpr const char* kWords[] = {"very weak", "weak", "fair", "strong", "very strong"};
  return kWords[std::clamp(score, 0, 4)];
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void PrintText(const std::vector<sc::AccountAudit>& audits) {
  size_t to_change = 0;
  for (const sc::AccountAudit& a : audits) {
    to_change += a.needs_change ? 1 : 0;
    std::printf("%s\n", a.account.c_str());
    std::printf("  strength: %d of 4 (%s)\n", a.rating.score, ScoreWord(a.rating.score));
    std::printf("  time to crack offline: %s (fast hash), %s (slow hash)\n",
                a.rating.crack_time_fast.c_str(), a.rating.crack_time_slow.c_str());
    std::printf("  common password: %s\n", a.common ? "yes" : "no");
    std::printf("  reused: %s\n",
                a.reused_with.empty() ? "no" : ("with " + Join(a.reused_with)).c_str());
    for (const std::string& f : a.rating.feedback) std::printf("  - %s\n", f.c_str());
    std::printf("  what to do: %s\n\n", a.step.c_str());
  }
  std::printf("%zu password%s checked, %zu to change.\n", audits.size(),
              audits.size() == 1 ? "" : "s", to_change);
}

void PrintJson(const std::vector<sc::AccountAudit>& audits) {
  for (const sc::AccountAudit& a : audits) {
    json j = {{"account", a.account},
              {"score", a.rating.score},
              {"guesses_log10", std::round(a.rating.log2_guesses * std::log10(2.0) * 100) / 100},
              {"crack_time_offline_fast", a.rating.crack_time_fast},
              {"crack_time_offline_slow", a.rating.crack_time_slow},
              {"common", a.common},
              {"reused_with", a.reused_with},
              {"feedback", a.rating.feedback},
              {"needs_change", a.needs_change},
              {"step", a.step}};
    std::printf("%s\n", j.dump().c_str());
  }
}

// Keeps the audit's summary (counts and account names, never a password) for the check-up.
Status SaveSummary(const std::string& db_flag, const std::vector<sc::AccountAudit>& audits) {
  const std::string db = db_flag.empty() ? store::DefaultDatabasePath() : db_flag;
  SG_ASSIGN_OR_RETURN(auto store, store::SqliteStore::Open(db));
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return store->PutCheckupRecords({sc::ToRecord(sc::Summarise(audits, now))});
}

int RunPassword(const PasswordFlags& flags) {
  DisableCoreDumps();
  const std::string path = flags.common.empty() ? sc::DefaultCommonPasswordsPath() : flags.common;
  auto common = sc::CommonPasswords::Load(path);
  if (!common) {
    std::fprintf(stderr, "stalkguard password: %s\n", common.error().message.c_str());
    return kExitFailed;
  }
  sc::PasswordAuditor auditor(*common);
  int rejected = 0;
  if (!flags.csv.empty()) {
    if (Status s = AuditCsv(flags.csv, auditor, rejected); !s) {
      std::fprintf(stderr, "stalkguard password: %s\n", s.error().message.c_str());
      return kExitFailed;
    }
  } else {
    AuditStdin(flags, auditor);
  }
  const std::vector<sc::AccountAudit> audits = auditor.Finish();
  if (!flags.no_save && !audits.empty()) {
    if (Status s = SaveSummary(flags.db, audits); !s) {
      std::fprintf(stderr, "stalkguard password: %s\n", s.error().message.c_str());
      return kExitFailed;
    }
  }
  if (flags.json) {
    PrintJson(audits);
  } else {
    PrintText(audits);
  }
  if (rejected > 0)
    std::fprintf(stderr, "%d row%s of %s could not be read (see above).\n", rejected,
                 rejected == 1 ? "" : "s", flags.csv.c_str());
  return kExitOk;
}

}  // namespace

void AddPasswordCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<PasswordFlags>();
  CLI::App* cmd = app.add_subcommand(
      "password",
      "Check how strong your passwords are, whether they are common and where you reuse them "
      "(asked without echo, or read from standard input or a password manager's CSV export; "
      "never given on the command line)");
  cmd->add_option("--csv", flags->csv,
                  "Bitwarden, Chrome or Firefox password export (CSV) to check instead of "
                  "standard input")
      ->check(CLI::ExistingFile);
  cmd->add_option("--account", flags->accounts,
                  "Name of an account to check; asked for in order (repeat for more)");
  cmd->add_option("--common", flags->common,
                  "Common-password list (default: $STALKGUARD_COMMON_PASSWORDS, else "
                  "config/passwords/common.sgpw)");
  cmd->add_flag("--json", flags->json, "Print one JSON object per account (never the password)");
  AddDbOption(*cmd, flags->db);
  cmd->add_flag("--no-save", flags->no_save,
                "Keep nothing; by default the store keeps how many passwords were checked and "
                "which accounts need a new one (never a password) for `stalkguard checkup`");
  // Anything left over may be a password typed as an argument: refuse it without repeating it
  // (CLI11's own error would print it back).
  cmd->allow_extras();
  cmd->callback([cmd, flags, &exit_code] {
    if (!cmd->remaining().empty()) {
      std::fprintf(stderr,
                   "stalkguard password: passwords are never taken as arguments (they would stay "
                   "in the shell history); type them at the prompt or give them on standard "
                   "input\n");
      exit_code = kExitFailed;
      return;
    }
    exit_code = RunPassword(*flags);
  });
}

}  // namespace stalkguard::cli
