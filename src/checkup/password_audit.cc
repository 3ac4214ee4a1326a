#include "checkup/password_audit.h"

#include <sodium.h>
#include <zxcvbn.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include "core/data_path.h"
#include "core/strings.h"

namespace stalkguard::checkup {
namespace {

// Published on purpose (docs/formats/common-passwords.md): the hashes only make the list
// compact, they hide nothing. Exactly crypto_shorthash_KEYBYTES (16) bytes.
constexpr unsigned char kCommonKey[crypto_shorthash_KEYBYTES] = {
    's', 't', 'a', 'l', 'k', 'g', 'u', 'a', 'r', 'd', '-', 'p', 'w', '-', 'v', '1'};
constexpr size_t kHeaderBytes = 12;  // magic, version, count

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint64_t GetLe(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// The sentence for one kind of zxcvbn match; empty for kinds that say nothing useful.
std::string_view SentenceFor(int type) {
  switch (type) {
    case DICTIONARY_MATCH:
      return "It is built on a common word or name, which attackers try first.";
    case DICT_LEET_MATCH:
      return "Swapping letters for look-alike symbols (a->@, o->0) barely slows an attacker.";
    case USER_MATCH:
    case USER_LEET_MATCH:
      return "It contains your name or the account's name, which attackers try first.";
    case REPEATS_MATCH:
      return "Repeated characters or words (aaa, abcabc) are easy to guess.";
    case SEQUENCE_MATCH:
      return "Sequences such as abc or 1234 are easy to guess.";
    case SPATIAL_MATCH:
      return "Keyboard patterns such as qwerty or zxcvb are easy to guess.";
    case DATE_MATCH:
    case YEAR_MATCH:
      return "Dates and years, especially ones tied to you, are easy to guess.";
    default:
      return {};
  }
}

}  // namespace

void Wipe(std::string& s) {
  s.resize(s.capacity());
  sodium_memzero(s.data(), s.size());
  s.clear();
}

int ScoreForGuesses(double guesses) {
  if (guesses < 1e3) return 0;
  if (guesses < 1e6) return 1;
  if (guesses < 1e8) return 2;
  if (guesses < 1e10) return 3;
  return 4;
}

std::string CrackTimeText(double seconds) {
  constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kMonth = kDay * 31,
                   kYear = kMonth * 12, kCentury = kYear * 100;
  if (!(seconds >= 1)) return "less than a second";
  if (seconds >= kCentury) return "centuries";
  struct Unit {
    double seconds;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{kYear, "year"}, {kMonth, "month"},   {kDay, "day"},
                                    {kHour, "hour"}, {kMinute, "minute"}, {1, "second"}};
  for (const Unit& unit : kUnits) {
    if (seconds < unit.seconds) continue;
    const long n = std::lround(std::floor(seconds / unit.seconds));
    return std::to_string(n) + " " + unit.name + (n == 1 ? "" : "s");
  }
  return "less than a second";
}

PasswordRating Rate(std::string_view password, const std::vector<std::string>& user_inputs) {
  // zxcvbn-c wants a NUL-terminated string; the copy lives on the stack and is wiped.
  char buffer[kMaxRatedBytes + 1];
  const std::string_view rated = Utf8Prefix(password, kMaxRatedBytes);
  std::memcpy(buffer, rated.data(), rated.size());
  buffer[rated.size()] = '\0';

  std::vector<const char*> dict;
  for (const std::string& word : user_inputs)
    if (!word.empty()) dict.push_back(word.c_str());
  dict.push_back(nullptr);

  ZxcMatch_t* info = nullptr;
  const double bits = rated.empty() ? 0.0 : ZxcvbnMatch(buffer, dict.data(), &info);
  sodium_memzero(buffer, sizeof buffer);

  PasswordRating rating;
  rating.log2_guesses = bits;
  rating.guesses = std::exp2(bits);
  rating.score = ScoreForGuesses(rating.guesses);
  rating.crack_time_fast = CrackTimeText(rating.guesses / 1e10);
  rating.crack_time_slow = CrackTimeText(rating.guesses / 1e4);

  // The weakest parts first: matches by entropy per character, lowest first.
  std::vector<const ZxcMatch_t*> matches;
  for (const ZxcMatch_t* m = info; m != nullptr; m = m->Next) matches.push_back(m);
  std::stable_sort(matches.begin(), matches.end(), [](const ZxcMatch_t* a, const ZxcMatch_t* b) {
    return a->Entrpy / std::max(a->Length, 1) < b->Entrpy / std::max(b->Length, 1);
  });
  std::set<std::string_view> said;
  if (rating.score < 4) {
    for (const ZxcMatch_t* m : matches) {
      const int type = static_cast<int>(m->Type);
      std::string_view sentence = SentenceFor(type & ~MULTIPLE_MATCH);
      if (!sentence.empty() && said.insert(sentence).second) rating.feedback.emplace_back(sentence);
      if ((type & MULTIPLE_MATCH) != 0) {
        sentence = SentenceFor(REPEATS_MATCH);
        if (said.insert(sentence).second) rating.feedback.emplace_back(sentence);
      }
    }
  }
  if (info != nullptr) ZxcvbnFreeInfo(info);
  if (password.size() < 12)
    rating.feedback.emplace_back(
        "It is short: use at least 12 characters, such as four or more random words.");
  if (rating.score < 3 && rating.feedback.empty())
    rating.feedback.emplace_back("Add more words or characters that do not follow a pattern.");
  return rating;
}

uint64_t CommonPasswords::Hash(std::string_view password) {
  SG_CHECK(SodiumReady(), "sodium_init failed");
  std::string lower = AsciiLower(password);
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(lower.data()), lower.size(),
                   kCommonKey);
  Wipe(lower);
  return GetLe(out, 8);
}

CommonPasswords CommonPasswords::FromPasswords(const std::vector<std::string>& passwords) {
  CommonPasswords set;
  set.hashes_.reserve(passwords.size());
  for (const std::string& p : passwords) set.hashes_.push_back(Hash(p));
  std::sort(set.hashes_.begin(), set.hashes_.end());
  set.hashes_.erase(std::unique(set.hashes_.begin(), set.hashes_.end()), set.hashes_.end());
  return set;
}

Result<CommonPasswords> CommonPasswords::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return MakeError(ErrorCode::kNotFound,
                     path +
                         ": cannot open the common-password list (build it with "
                         "build_common_passwords, see docs/formats/common-passwords.md)");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, 4) != 0)
    return MakeError(ErrorCode::kInvalidInput, path + ": not a common-password list (bad magic)");
  if (GetLe(p + 4, 4) != kVersion)
    return MakeError(ErrorCode::kUnsupported,
                     path + ": common-password list version " + std::to_string(GetLe(p + 4, 4)) +
                         " (this build reads " + std::to_string(kVersion) + ")");
  const uint64_t count = GetLe(p + 8, 4);
  if (bytes.size() != kHeaderBytes + count * 8)
    return MakeError(ErrorCode::kInvalidInput,
                     path + ": size does not match the count of " + std::to_string(count));
  CommonPasswords set;
  set.hashes_.resize(count);
  for (uint64_t i = 0; i < count; ++i) set.hashes_[i] = GetLe(p + kHeaderBytes + 8 * i, 8);
  if (!std::is_sorted(set.hashes_.begin(), set.hashes_.end()))
    return MakeError(ErrorCode::kInvalidInput, path + ": hashes are not sorted");
  return set;
}

bool CommonPasswords::Contains(std::string_view password) const {
  return std::binary_search(hashes_.begin(), hashes_.end(), Hash(password));
}

std::string CommonPasswords::Serialize() const {
  std::string out(kMagic, 4);
  PutU32(out, kVersion);
  PutU32(out, static_cast<uint32_t>(hashes_.size()));
  out.reserve(kHeaderBytes + 8 * hashes_.size());
  for (uint64_t h : hashes_) PutU64(out, h);
  return out;
}

std::string DefaultCommonPasswordsPath() {
  return FindDataPath("config/passwords/common.sgpw", "STALKGUARD_COMMON_PASSWORDS");
}

PasswordAuditor::PasswordAuditor(const CommonPasswords& common) : common_(common) {
  SG_CHECK(SodiumReady(), "sodium_init failed");
  crypto_generichash_keygen(key_);
}

PasswordAuditor::~PasswordAuditor() { sodium_memzero(key_, sizeof key_); }

void PasswordAuditor::Add(std::string account, std::string_view password,
                          const std::vector<std::string>& user_inputs) {
  AccountAudit audit;
  audit.account = std::move(account);
  audit.rating = Rate(password, user_inputs);
  audit.common = common_.Contains(password);
  if (audit.common) {
    audit.rating.feedback.insert(audit.rating.feedback.begin(),
                                 "It is on the list of the most common passwords: attackers try "
                                 "those first, on every account.");
    audit.rating.score = std::min(audit.rating.score, 1);
  }
  std::string digest(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), digest.size(),
                     reinterpret_cast<const unsigned char*>(password.data()), password.size(), key_,
                     sizeof key_);
  digests_.push_back(std::move(digest));
  audits_.push_back(std::move(audit));
}

std::vector<AccountAudit> PasswordAuditor::Finish() {
  std::vector<size_t> order(audits_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return digests_[a] < digests_[b]; });
  for (size_t start = 0; start < order.size();) {
    size_t end = start + 1;
    while (end < order.size() && digests_[order[end]] == digests_[order[start]]) ++end;
    for (size_t i = start; i < end && end - start > 1; ++i) {
      std::vector<size_t> others;
      for (size_t j = start; j < end; ++j)
        if (j != i) others.push_back(order[j]);
      std::sort(others.begin(), others.end());
      for (size_t j : others) audits_[order[i]].reused_with.push_back(audits_[j].account);
    }
    start = end;
  }
  for (AccountAudit& a : audits_) {
    if (!a.reused_with.empty())
      a.rating.feedback.insert(a.rating.feedback.begin(),
                               "You use this password on other accounts too: one leak opens "
                               "them all.");
    a.needs_change = a.rating.score < 3 || a.common || !a.reused_with.empty();
    a.step = a.needs_change ? "Change it to a long passphrase unique to this account; turn on "
                              "two-factor authentication."
                            : "Keep it; turn on two-factor authentication if it is not on yet.";
  }
  for (std::string& d : digests_) Wipe(d);
  digests_.clear();
  std::vector<AccountAudit> out = std::move(audits_);
  audits_.clear();
  return out;
}

}  // namespace stalkguard::checkup
