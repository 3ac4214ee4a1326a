// The password part of the safety check-up: how strong each password is (zxcvbn), whether it is
// on the common-password list, and which accounts share one. Passwords are only ever held as
// long as a call needs them: nothing here logs, stores or returns a password.
//
//   SG_ASSIGN_OR_RETURN(CommonPasswords common,
//   CommonPasswords::Load(DefaultCommonPasswordsPath())); PasswordAuditor auditor(common);
//   auditor.Add("bank", password, {"alice"});  // then wipe `password`
//   for (const AccountAudit& a : auditor.Finish()) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::checkup {

// zxcvbn-c's cost grows with the length of the password; it sees at most this many bytes (cut
// at a UTF-8 boundary). The rest is not counted, so a longer password is rated no stronger
// than its first 64 bytes: an underestimate, never an overestimate.
inline constexpr size_t kMaxRatedBytes = 64;

struct PasswordRating {
  double log2_guesses = 0;      // zxcvbn's entropy in bits
  double guesses = 1;           // 2^log2_guesses
  int score = 0;                // 0..4: guesses < 1e3, 1e6, 1e8, 1e10, else 4
  std::string crack_time_fast;  // offline attack on a fast hash, 1e10 guesses per second
  std::string crack_time_slow;  // offline attack on a slow hash (bcrypt...), 1e4 guesses per second
  std::vector<std::string> feedback;  // our own sentences: they never quote the password
};

// Rates `password` with zxcvbn. `user_inputs` are words an attacker would try first (the
// person's name, the account's name); empty ones are skipped. Safe from several threads.
PasswordRating Rate(std::string_view password, const std::vector<std::string>& user_inputs = {});

// zxcvbn's score for a number of guesses.
int ScoreForGuesses(double guesses);

// "less than a second", "3 hours", "5 months", "centuries".
std::string CrackTimeText(double seconds);

// The common-password list in its shipped form (docs/formats/common-passwords.md): sorted
// 64-bit keyed hashes of the lower-cased passwords. Immutable once loaded: safe from several
// threads.
class CommonPasswords {
 public:
  static constexpr char kMagic[4] = {'S', 'G', 'P', 'W'};
  static constexpr uint32_t kVersion = 1;

  // Reads a .sgpw file. Missing file, bad magic or version, or a size that does not match the
  // count: an error naming the file.
  static Result<CommonPasswords> Load(const std::string& path);
  // Builds the set from passwords (the build tool and tests); duplicates are dropped.
  static CommonPasswords FromPasswords(const std::vector<std::string>& passwords);

  // Whether the lower-cased (ASCII) password is on the list. A false "yes" has odds of about
  // size / 2^64.
  bool Contains(std::string_view password) const;
  size_t size() const { return hashes_.size(); }
  // The file's bytes: header then hashes, little-endian.
  std::string Serialize() const;

  // SipHash-2-4 (crypto_shorthash) of the ASCII-lower-cased password under the published key.
  static uint64_t Hash(std::string_view password);

 private:
  std::vector<uint64_t> hashes_;  // sorted, unique
};

// config/passwords/common.sgpw beside the binary or above it; $STALKGUARD_COMMON_PASSWORDS wins.
std::string DefaultCommonPasswordsPath();

// What the check-up says about one account's password.
struct AccountAudit {
  std::string account;
  PasswordRating rating;
  bool common = false;
  std::vector<std::string> reused_with;  // the other accounts with the same password
  bool needs_change = false;             // weak (score < 3), common or reused
  std::string step;                      // what to do, one sentence
};

// Audits passwords one account at a time. Add() rates the password and keeps only a BLAKE2b of
// it under a key drawn at random for this auditor, so reuse can be found at the end; the caller
// wipes its own copy. Not safe from several threads.
class PasswordAuditor {
 public:
  explicit PasswordAuditor(const CommonPasswords& common);
  ~PasswordAuditor();
  PasswordAuditor(const PasswordAuditor&) = delete;
  PasswordAuditor& operator=(const PasswordAuditor&) = delete;

  void Add(std::string account, std::string_view password,
           const std::vector<std::string>& user_inputs = {});
  // One entry per Add, in order, with reuse filled in.
  std::vector<AccountAudit> Finish();

 private:
  const CommonPasswords& common_;
  unsigned char key_[32];
  std::vector<AccountAudit> audits_;
  std::vector<std::string> digests_;  // keyed BLAKE2b-256 per audit
};

// Overwrites every byte `s` owns (up to its capacity), then clears it.
void Wipe(std::string& s);

}  // namespace stalkguard::checkup
