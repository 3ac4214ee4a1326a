// The service database of `stalkguard serve`: households (tenants), their users and roles, API
// tokens and dashboard sessions, in one small SQLite file apart from the households' own event
// stores. Secrets never reach it in clear (docs/service-accounts.md).
//
//   SG_ASSIGN_OR_RETURN(auto accounts, Accounts::Open(data_dir + "/service.db"));
//   SG_ASSIGN_OR_RETURN(Principal who, accounts->Authenticate(bearer_token));
//
// Failures: kNotFound when a login, token or session does not authenticate (and for unknown
// ids), kInvalidInput for a refused name, login or password, kStore when the database fails.
// No message ever repeats a password, token or session id.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::service {

// protected: the person the household protects; sees everything stored for it, and what a
// guardian sees. guardian: findings and the excerpts behind them, never the message history.
// admin: manages the household's users and tokens; sees what a guardian sees.
enum class Role { kProtected, kGuardian, kAdmin };
std::string_view ToString(Role role);  // "protected", "guardian", "admin"
std::optional<Role> RoleFromString(std::string_view name);

struct Household {
  int64_t id = 0;
  std::string name;
  int64_t created_ms = 0;  // UTC
};

struct User {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string login;
  Role role = Role::kGuardian;
  int64_t created_ms = 0;  // UTC
};

// Who a request acts as, after authentication.
struct Principal {
  int64_t household_id = 0;
  int64_t user_id = 0;
  std::string login;
  Role role = Role::kGuardian;
};

struct AccountsOptions {
  // UTC milliseconds now; the system clock when empty. Tests inject their own.
  std::function<int64_t()> now_ms;
};

// Lengths of tokens and session ids (characters) and of passwords (bytes).
inline constexpr std::string_view kTokenPrefix = "sgt_";
inline constexpr size_t kTokenLength = 47;       // "sgt_" + 43 base64url of 32 random bytes
inline constexpr size_t kSessionIdLength = 43;   // base64url of 32 random bytes
inline constexpr size_t kMinPasswordBytes = 10;  // and a zxcvbn strength of at least 3 of 4
inline constexpr size_t kMaxPasswordBytes = 1024;

// Safe to use from several threads at once (the HTTP server's workers): one connection behind
// a mutex; password hashing runs outside it.
class Accounts {
 public:
  // Opens the database at `path`, creating it (mode 0600, and its folder) when missing, and
  // brings its schema up to date. The key that hashes tokens and sessions is kept in the file
  // beside it with the extension .key (service.db -> service.key, mode 0600), made on first
  // open; losing it ends every token and session, not the passwords. Fails when the file is
  // not a SQLite database, was written by a newer stalkguard, or the key file is unreadable.
  static Result<std::unique_ptr<Accounts>> Open(const std::string& path,
                                                AccountsOptions options = {});
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // Names are 1 to 100 bytes of UTF-8 without control characters, unique across the service.
  Result<Household> CreateHousehold(const std::string& name);
  Result<std::vector<Household>> ListHouseholds();  // by id

  // Logins are 1 to 64 of A-Z a-z 0-9 . _ - @, unique across the service whatever their case.
  // The password is hashed with crypto_pwhash_str (argon2id). A password shorter than 10 bytes,
  // longer than 1024, or rated below 3 of 4 by zxcvbn (with the login as a word an attacker
  // tries first) is refused with the reason. kNotFound when the household does not exist.
  Result<User> AddUser(int64_t household_id, const std::string& login, std::string_view password,
                       Role role);
  Result<std::vector<User>> ListUsers(int64_t household_id);  // by id
  // The user with this login (any case); kNotFound when there is none.
  Result<User> FindUser(std::string_view login);
  // Removes the user with their tokens and sessions, so nothing they held still works.
  // kNotFound when the user does not exist.
  Status RemoveUser(int64_t user_id);

  // Same error for an unknown login and a wrong password; an unknown login still costs one
  // argon2id verification, so the time taken does not tell them apart. Takes a fraction of a
  // second and 64 MiB while it hashes.
  Result<Principal> CheckPassword(std::string_view login, std::string_view password);

  // A new API token for the user, returned once: "sgt_" + 43 characters of base64url of 32
  // random bytes. Only its keyed BLAKE2b-256 is stored, with `name` (1 to 64 bytes, printable,
  // one live token per name and user), the creation time and the last use. kNotFound when the
  // user does not exist.
  Result<std::string> CreateToken(int64_t user_id, const std::string& name);
  // The token's user; kNotFound for a malformed, unknown or revoked token. Records the use at
  // most once a minute, so most calls only read.
  Result<Principal> Authenticate(std::string_view token);
  // kNotFound when the user has no live token of that name.
  Status RevokeToken(int64_t user_id, const std::string& name);

  // A dashboard session for the user, valid for `ttl_ms` (> 0): an opaque random id returned
  // once and stored only as its keyed hash. Expired sessions are deleted as new ones begin.
  Result<std::string> CreateSession(int64_t user_id, int64_t ttl_ms);
  // kNotFound once the session has expired or ended, or for an id never issued.
  Result<Principal> SessionPrincipal(std::string_view session_id);
  // Ends the session; ending one that is unknown or already over is not an error.
  Status EndSession(std::string_view session_id);

  struct Impl;

 private:
  explicit Accounts(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where a household's own event store lives: <data_dir>/households/<id>/stalkguard.db
std::string HouseholdStorePath(const std::string& data_dir, int64_t household_id);

}  // namespace stalkguard::service
