#include "service/accounts/accounts.h"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "checkup/password_audit.h"
#include "core/utf8.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"

namespace stalkguard::service {

// Generated from migrations/*.sql by cmake/EmbedMigrations.cmake.
extern const std::vector<std::string_view> kAccountsMigrations;

namespace {

namespace fs = std::filesystem;

using Key = std::array<unsigned char, crypto_generichash_KEYBYTES>;
using Digest = std::array<unsigned char, 32>;

// A use of a token is recorded at most this often, so that most requests only read.
constexpr int64_t kLastUsedGranularityMs = 60'000;
constexpr size_t kMaxHouseholdNameBytes = 100;
constexpr size_t kMaxLoginBytes = 64;
constexpr size_t kMaxTokenNameBytes = 64;
// zxcvbn's 3 of 4 is at least 1e8 guesses: the check-up's own line between weak and strong.
constexpr int kMinPasswordScore = 3;
// Interactive limits (64 MiB, about 0.1-0.5 s): a login must not tie up a worker for seconds,
// and several logins at once must fit in memory.
const unsigned long long kPwhashOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
const size_t kPwhashMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

constexpr char kNotAuthenticated[] = "wrong login or password";

using sqlite::Statement;

// Binds a digest (copied: digests are often temporaries).
void BindDigest(Statement& stmt, int i, const Digest& d) {
  stmt.BindBlobCopy(i, d.data(), d.size());
}

// The column as a digest; false when it is not exactly one.
bool ReadDigest(const Statement& stmt, int i, Digest& out) {
  const std::string_view bytes = stmt.ColumnBlob(i);
  if (bytes.size() != out.size()) return false;
  std::memcpy(out.data(), bytes.data(), out.size());
  return true;
}

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsLoginChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '@';
}

// Names are shown in the CLI and the dashboard: printable UTF-8 only.
Status CheckName(std::string_view what, std::string_view name, size_t max_bytes) {
  if (name.empty()) return MakeError(ErrorCode::kInvalidInput, std::string(what) + " is empty");
  if (name.size() > max_bytes)
    return MakeError(ErrorCode::kInvalidInput,
                     std::string(what) + " is longer than " + std::to_string(max_bytes) + " bytes");
  if (!IsValidUtf8(name))
    return MakeError(ErrorCode::kInvalidInput, std::string(what) + " is not valid UTF-8");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F)
      return MakeError(ErrorCode::kInvalidInput,
                       std::string(what) + " contains a control character");
  }
  return OkStatus();
}

Status CheckLogin(std::string_view login) {
  if (login.empty() || login.size() > kMaxLoginBytes)
    return MakeError(ErrorCode::kInvalidInput, "a login is 1 to 64 characters long");
  for (char c : login) {
    if (!IsLoginChar(c))
      return MakeError(ErrorCode::kInvalidInput,
                       "a login may hold only letters A-Z, digits and . _ - @");
  }
  return OkStatus();
}

// Says why a password is refused, without repeating any of it.
Status CheckPasswordStrength(std::string_view password, const std::string& login) {
  if (password.size() < kMinPasswordBytes)
    return MakeError(ErrorCode::kInvalidInput,
                     "password is shorter than " + std::to_string(kMinPasswordBytes) + " bytes");
  if (password.size() > kMaxPasswordBytes)
    return MakeError(ErrorCode::kInvalidInput,
                     "password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
  const checkup::PasswordRating rating = checkup::Rate(password, {login});
  if (rating.score < kMinPasswordScore) {
    std::string why = "password is too easy to guess (strength " + std::to_string(rating.score) +
                      " of 4, at least " + std::to_string(kMinPasswordScore) + " needed)";
    if (!rating.feedback.empty()) why += ": " + rating.feedback.front();
    return MakeError(ErrorCode::kInvalidInput, why);
  }
  return OkStatus();
}

// 32 random bytes as 43 characters of unpadded base64url.
std::string RandomSecret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, kVariant)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kVariant);
  std::string secret(text);
  sodium_memzero(bytes, sizeof bytes);
  sodium_memzero(text, sizeof text);
  return secret;
}

Result<Key> ReadKey(const std::string& key_path, int fd) {
  Key key{};
  unsigned char extra = 0;
  const ssize_t got = ::read(fd, key.data(), key.size());
  const ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (got != static_cast<ssize_t>(key.size()) || more != 0) {
    sodium_memzero(key.data(), key.size());
    return MakeError(ErrorCode::kIo, key_path + ": not a stalkguard service key (" +
                                         std::to_string(key.size()) + " bytes expected)");
  }
  return key;
}

// The key of the token and session hashes. A new key is written to a private file first and
// then linked into place, so two processes opening a new database at once agree on one key.
Result<Key> LoadOrCreateKey(const std::string& key_path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int fd = ::open(key_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) return ReadKey(key_path, fd);
    if (errno != ENOENT)
      return MakeError(ErrorCode::kIo, key_path + ": cannot read: " + std::strerror(errno));
    const std::string temp = key_path + ".new." + std::to_string(::getpid()) + "." +
                             std::to_string(randombytes_random());
    const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0)
      return MakeError(ErrorCode::kIo, temp + ": cannot create: " + std::strerror(errno));
    Key key{};
    randombytes_buf(key.data(), key.size());
    const bool written = ::write(out, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
                         ::fsync(out) == 0;
    ::close(out);
    const bool linked = written && ::link(temp.c_str(), key_path.c_str()) == 0;
    const int link_errno = errno;
    ::unlink(temp.c_str());
    if (linked) return key;
    sodium_memzero(key.data(), key.size());
    if (!written || link_errno != EEXIST)
      return MakeError(ErrorCode::kIo, key_path + ": cannot write: " + std::strerror(link_errno));
    // Another process made the key first: read theirs.
  }
  return MakeError(ErrorCode::kIo, key_path + ": cannot create the key");
}

}  // namespace

struct Accounts::Impl {
  std::string path;
  sqlite3* db = nullptr;
  Key key{};
  // A hash of a random password with the real limits, verified against for an unknown login.
  // Made by the first CheckPassword, whatever its login, so the first login costs the same
  // whether the login exists or not, and commands that never check a password never pay.
  std::string dummy_hash;
  std::once_flag dummy_once;
  std::function<int64_t()> now_ms;
  // Guards `db`: one connection is shared by every thread.
  std::mutex mutex;

  ~Impl() {
    sqlite3_close_v2(db);
    sodium_memzero(key.data(), key.size());
  }

  Error Fail(const std::string& what) const { return sqlite::Failure(db, path, what); }

  Status Exec(const char* sql) { return sqlite::Exec(db, path, sql); }

  Status Prepare(Statement& stmt, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, stmt.out(), nullptr) != SQLITE_OK)
      return tl::unexpected(Fail("cannot prepare statement"));
    return OkStatus();
  }

  Digest KeyedHash(std::string_view secret) const {
    Digest digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       key.data(), key.size());
    return digest;
  }

  // Caller holds `mutex`.
  Result<User> UserById(int64_t user_id) {
    Statement stmt;
    SG_RETURN_IF_ERROR(
        Prepare(stmt, "SELECT id, household_id, login, role, created_ms FROM users WHERE id = ?1"));
    stmt.BindInt(1, user_id);
    const int rc = stmt.Step();
    if (rc == SQLITE_DONE)
      return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(user_id));
    if (rc != SQLITE_ROW) return tl::unexpected(Fail("cannot read user"));
    return ReadUser(stmt, 0);
  }

  // A user from columns id, household_id, login, role, created_ms starting at `first`.
  Result<User> ReadUser(const Statement& stmt, int first) {
    User user;
    user.id = stmt.ColumnInt(first);
    user.household_id = stmt.ColumnInt(first + 1);
    user.login = stmt.ColumnText(first + 2);
    const std::optional<Role> role = RoleFromString(stmt.ColumnText(first + 3));
    if (!role)
      return MakeError(ErrorCode::kStore,
                       path + ": user " + std::to_string(user.id) + " has an unknown role");
    user.role = *role;
    user.created_ms = stmt.ColumnInt(first + 4);
    return user;
  }

  // Caller holds `mutex`.
  Status RequireHousehold(int64_t household_id) {
    Statement stmt;
    SG_RETURN_IF_ERROR(Prepare(stmt, "SELECT 1 FROM households WHERE id = ?1"));
    stmt.BindInt(1, household_id);
    const int rc = stmt.Step();
    if (rc == SQLITE_DONE)
      return MakeError(ErrorCode::kNotFound, "no household " + std::to_string(household_id));
    if (rc != SQLITE_ROW) return tl::unexpected(Fail("cannot read household"));
    return OkStatus();
  }
};

namespace {

Principal ToPrincipal(const User& user) {
  return Principal{user.household_id, user.id, user.login, user.role};
}

}  // namespace

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kProtected:
      return "protected";
    case Role::kGuardian:
      return "guardian";
    case Role::kAdmin:
      return "admin";
  }
  return "guardian";
}

std::optional<Role> RoleFromString(std::string_view name) {
  for (Role role : {Role::kProtected, Role::kGuardian, Role::kAdmin})
    if (ToString(role) == name) return role;
  return std::nullopt;
}

std::string HouseholdStorePath(const std::string& data_dir, int64_t household_id) {
  return (fs::path(data_dir) / "households" / std::to_string(household_id) / "stalkguard.db")
      .string();
}

Accounts::Accounts(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Accounts::~Accounts() = default;

Result<std::unique_ptr<Accounts>> Accounts::Open(const std::string& path, AccountsOptions options) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  std::error_code ec;
  const fs::path file(path);
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  // SQLite gives its -wal and -shm files the mode of the database: the password hashes and
  // token digests are for this service's user alone.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return MakeError(ErrorCode::kIo, path + ": cannot create: " + std::strerror(errno));
  ::close(fd);

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->now_ms = options.now_ms ? std::move(options.now_ms) : SystemNowMs;
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return tl::unexpected(impl->Fail("cannot open database"));
  }
  sqlite3_busy_timeout(impl->db, 5000);
  if (Status s = sqlite::UseWal(impl->db, path); !s) {
    return MakeError(ErrorCode::kStore,
                     path + ": not a stalkguard service database (" + s.error().message + ")");
  }
  SG_RETURN_IF_ERROR(impl->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  SG_RETURN_IF_ERROR(sqlite::ApplyMigrations(impl->db, path, kAccountsMigrations));
  SG_ASSIGN_OR_RETURN(impl->key,
                      LoadOrCreateKey(fs::path(path).replace_extension(".key").string()));
  return std::unique_ptr<Accounts>(new Accounts(std::move(impl)));
}

Result<Household> Accounts::CreateHousehold(const std::string& name) {
  SG_RETURN_IF_ERROR(CheckName("household name", name, kMaxHouseholdNameBytes));
  std::lock_guard lock(impl_->mutex);
  Household household{0, name, impl_->now_ms()};
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt, "INSERT INTO households (name, created_ms) VALUES (?1, ?2)"));
  stmt.BindTextCopy(1, name);
  stmt.BindInt(2, household.created_ms);
  const int rc = stmt.Step();
  if (rc == SQLITE_CONSTRAINT)
    return MakeError(ErrorCode::kInvalidInput, "a household named \"" + name + "\" exists");
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot add household"));
  household.id = sqlite3_last_insert_rowid(impl_->db);
  return household;
}

Result<std::vector<Household>> Accounts::ListHouseholds() {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt, "SELECT id, name, created_ms FROM households ORDER BY id"));
  std::vector<Household> out;
  int rc = SQLITE_ROW;
  while ((rc = stmt.Step()) == SQLITE_ROW)
    out.push_back({stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnInt(2)});
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list households"));
  return out;
}

Result<User> Accounts::AddUser(int64_t household_id, const std::string& login,
                               std::string_view password, Role role) {
  SG_RETURN_IF_ERROR(CheckLogin(login));
  {
    std::lock_guard lock(impl_->mutex);
    SG_RETURN_IF_ERROR(impl_->RequireHousehold(household_id));
  }
  SG_RETURN_IF_ERROR(CheckPasswordStrength(password, login));
  // Hashing takes a while and much memory: other requests go on meanwhile.
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), kPwhashOps, kPwhashMem) != 0)
    return MakeError(ErrorCode::kInternal, "cannot hash the password (out of memory)");

  std::lock_guard lock(impl_->mutex);
  User user{0, household_id, login, role, impl_->now_ms()};
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "INSERT INTO users (household_id, login, role, password_hash,"
                                    " created_ms) VALUES (?1, ?2, ?3, ?4, ?5)"));
  stmt.BindInt(1, household_id);
  stmt.BindTextCopy(2, login);
  stmt.BindTextCopy(3, ToString(role));
  stmt.BindTextCopy(4, hash);
  stmt.BindInt(5, user.created_ms);
  const int rc = stmt.Step();
  if (rc == SQLITE_CONSTRAINT)
    return MakeError(ErrorCode::kInvalidInput, "login \"" + login + "\" is taken");
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot add user"));
  user.id = sqlite3_last_insert_rowid(impl_->db);
  return user;
}

Result<std::vector<User>> Accounts::ListUsers(int64_t household_id) {
  std::lock_guard lock(impl_->mutex);
  SG_RETURN_IF_ERROR(impl_->RequireHousehold(household_id));
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "SELECT id, household_id, login, role, created_ms FROM users"
                                    " WHERE household_id = ?1 ORDER BY id"));
  stmt.BindInt(1, household_id);
  std::vector<User> out;
  int rc = SQLITE_ROW;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    SG_ASSIGN_OR_RETURN(User user, impl_->ReadUser(stmt, 0));
    out.push_back(std::move(user));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list users"));
  return out;
}

Result<User> Accounts::FindUser(std::string_view login) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt, "SELECT id, household_id, login, role, created_ms FROM users WHERE login = ?1"));
  stmt.BindTextCopy(1, login);
  const int rc = stmt.Step();
  if (rc == SQLITE_DONE)
    return MakeError(ErrorCode::kNotFound, "no user with login \"" + std::string(login) + "\"");
  if (rc != SQLITE_ROW) return tl::unexpected(impl_->Fail("cannot read user"));
  return impl_->ReadUser(stmt, 0);
}

Result<Principal> Accounts::CheckPassword(std::string_view login, std::string_view password) {
  std::call_once(impl_->dummy_once, [this] {
    char dummy[crypto_pwhash_STRBYTES];
    const std::string random_password = RandomSecret();
    // Out of memory leaves it empty; verifying against "" fails like a wrong password.
    if (crypto_pwhash_str(dummy, random_password.data(), random_password.size(), kPwhashOps,
                          kPwhashMem) == 0)
      impl_->dummy_hash = dummy;
  });
  std::optional<User> user;
  std::string stored_hash;
  {
    std::lock_guard lock(impl_->mutex);
    Statement stmt;
    SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                      "SELECT id, household_id, login, role, created_ms,"
                                      " password_hash FROM users WHERE login = ?1"));
    stmt.BindTextCopy(1, login);
    const int rc = stmt.Step();
    if (rc == SQLITE_ROW) {
      SG_ASSIGN_OR_RETURN(user, impl_->ReadUser(stmt, 0));
      stored_hash = stmt.ColumnText(5);
    } else if (rc != SQLITE_DONE) {
      return tl::unexpected(impl_->Fail("cannot read user"));
    }
  }
  // An unknown login is verified against the dummy hash: the same work, the same answer.
  const std::string& hash = user ? stored_hash : impl_->dummy_hash;
  const bool matches =
      crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  if (!user || !matches) return MakeError(ErrorCode::kNotFound, kNotAuthenticated);

  // Hashes made under older limits are brought up to the current ones while the password is
  // at hand. A failure keeps the old hash, which still verifies; the next login tries again.
  if (crypto_pwhash_str_needs_rehash(hash.c_str(), kPwhashOps, kPwhashMem) != 0) {
    char fresh[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(fresh, password.data(), password.size(), kPwhashOps, kPwhashMem) == 0) {
      std::lock_guard lock(impl_->mutex);
      Statement stmt;
      if (impl_->Prepare(stmt, "UPDATE users SET password_hash = ?1 WHERE id = ?2")) {
        stmt.BindTextCopy(1, fresh);
        stmt.BindInt(2, user->id);
        stmt.Step();
      }
    }
  }
  return ToPrincipal(*user);
}

Result<std::string> Accounts::CreateToken(int64_t user_id, const std::string& name) {
  SG_RETURN_IF_ERROR(CheckName("token name", name, kMaxTokenNameBytes));
  std::lock_guard lock(impl_->mutex);
  SG_RETURN_IF_ERROR(impl_->UserById(user_id));
  std::string token = std::string(kTokenPrefix) + RandomSecret();
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt, "INSERT INTO api_tokens (user_id, name, token_hash, created_ms) VALUES (?1,?2,?3,?4)"));
  stmt.BindInt(1, user_id);
  stmt.BindTextCopy(2, name);
  BindDigest(stmt, 3, impl_->KeyedHash(token));
  stmt.BindInt(4, impl_->now_ms());
  const int rc = stmt.Step();
  if (rc == SQLITE_CONSTRAINT) {
    sodium_memzero(token.data(), token.size());
    return MakeError(ErrorCode::kInvalidInput, "user " + std::to_string(user_id) +
                                                   " already has a token named \"" + name + "\"");
  }
  if (rc != SQLITE_DONE) {
    sodium_memzero(token.data(), token.size());
    return tl::unexpected(impl_->Fail("cannot add token"));
  }
  return token;
}

Result<Principal> Accounts::Authenticate(std::string_view token) {
  if (token.size() != kTokenLength || !token.starts_with(kTokenPrefix))
    return MakeError(ErrorCode::kNotFound, "not a stalkguard API token");
  // The lookup is by a keyed hash: without the key, timing the index search tells an attacker
  // nothing about which bytes of a guess are right.
  const Digest digest = impl_->KeyedHash(token);
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "SELECT u.id, u.household_id, u.login, u.role, u.created_ms,"
                                    " t.id, t.token_hash, t.last_used_ms FROM api_tokens t"
                                    " JOIN users u ON u.id = t.user_id"
                                    " WHERE t.token_hash = ?1 AND t.revoked_ms IS NULL"));
  BindDigest(stmt, 1, digest);
  const int rc = stmt.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tl::unexpected(impl_->Fail("cannot read token"));
  Digest stored{};
  if (rc == SQLITE_DONE || !ReadDigest(stmt, 6, stored) ||
      sodium_memcmp(stored.data(), digest.data(), digest.size()) != 0) {
    return MakeError(ErrorCode::kNotFound, "unknown or revoked API token");
  }
  SG_ASSIGN_OR_RETURN(const User user, impl_->ReadUser(stmt, 0));
  const int64_t token_id = stmt.ColumnInt(5);
  const int64_t now = impl_->now_ms();
  if (stmt.ColumnIsNull(7) || now - stmt.ColumnInt(7) >= kLastUsedGranularityMs) {
    Statement touch;
    SG_RETURN_IF_ERROR(
        impl_->Prepare(touch, "UPDATE api_tokens SET last_used_ms = ?1 WHERE id = ?2"));
    touch.BindInt(1, now);
    touch.BindInt(2, token_id);
    if (touch.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot record token use"));
  }
  return ToPrincipal(user);
}

Status Accounts::RemoveUser(int64_t user_id) {
  std::lock_guard lock(impl_->mutex);
  SG_RETURN_IF_ERROR(impl_->UserById(user_id));
  SG_RETURN_IF_ERROR(impl_->Exec("BEGIN IMMEDIATE"));
  Status removed = OkStatus();
  for (const char* sql :
       {"DELETE FROM sessions WHERE user_id = ?1", "DELETE FROM api_tokens WHERE user_id = ?1",
        "DELETE FROM users WHERE id = ?1"}) {
    Statement stmt;
    removed = impl_->Prepare(stmt, sql);
    if (!removed) break;
    stmt.BindInt(1, user_id);
    if (stmt.Step() != SQLITE_DONE) {
      removed = tl::unexpected(impl_->Fail("cannot remove user"));
      break;
    }
  }
  if (!removed) {
    (void)impl_->Exec("ROLLBACK");
    return removed;
  }
  return impl_->Exec("COMMIT");
}

Status Accounts::RevokeToken(int64_t user_id, const std::string& name) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "UPDATE api_tokens SET revoked_ms = ?1"
                                    " WHERE user_id = ?2 AND name = ?3 AND revoked_ms IS NULL"));
  stmt.BindInt(1, impl_->now_ms());
  stmt.BindInt(2, user_id);
  stmt.BindTextCopy(3, name);
  if (stmt.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot revoke token"));
  if (sqlite3_changes(impl_->db) == 0) {
    return MakeError(ErrorCode::kNotFound, "user " + std::to_string(user_id) +
                                               " has no live token named \"" + name + "\"");
  }
  return OkStatus();
}

Result<std::string> Accounts::CreateSession(int64_t user_id, int64_t ttl_ms) {
  if (ttl_ms <= 0) return MakeError(ErrorCode::kInvalidInput, "a session must last some time");
  std::lock_guard lock(impl_->mutex);
  SG_RETURN_IF_ERROR(impl_->UserById(user_id));
  const int64_t now = impl_->now_ms();
  Statement sweep;
  SG_RETURN_IF_ERROR(impl_->Prepare(sweep, "DELETE FROM sessions WHERE expires_ms <= ?1"));
  sweep.BindInt(1, now);
  if (sweep.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot end old sessions"));

  std::string session_id = RandomSecret();
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "INSERT INTO sessions (user_id, session_hash, created_ms,"
                                    " expires_ms) VALUES (?1, ?2, ?3, ?4)"));
  stmt.BindInt(1, user_id);
  BindDigest(stmt, 2, impl_->KeyedHash(session_id));
  stmt.BindInt(3, now);
  stmt.BindInt(4, now + ttl_ms);
  if (stmt.Step() != SQLITE_DONE) {
    sodium_memzero(session_id.data(), session_id.size());
    return tl::unexpected(impl_->Fail("cannot add session"));
  }
  return session_id;
}

Result<Principal> Accounts::SessionPrincipal(std::string_view session_id) {
  if (session_id.size() != kSessionIdLength)
    return MakeError(ErrorCode::kNotFound, "not a stalkguard session");
  const Digest digest = impl_->KeyedHash(session_id);
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "SELECT u.id, u.household_id, u.login, u.role, u.created_ms,"
                                    " s.session_hash FROM sessions s"
                                    " JOIN users u ON u.id = s.user_id"
                                    " WHERE s.session_hash = ?1 AND s.expires_ms > ?2"));
  BindDigest(stmt, 1, digest);
  stmt.BindInt(2, impl_->now_ms());
  const int rc = stmt.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tl::unexpected(impl_->Fail("cannot read session"));
  Digest stored{};
  if (rc == SQLITE_DONE || !ReadDigest(stmt, 5, stored) ||
      sodium_memcmp(stored.data(), digest.data(), digest.size()) != 0) {
    return MakeError(ErrorCode::kNotFound, "session expired, ended or unknown");
  }
  SG_ASSIGN_OR_RETURN(const User user, impl_->ReadUser(stmt, 0));
  return ToPrincipal(user);
}

Status Accounts::EndSession(std::string_view session_id) {
  if (session_id.size() != kSessionIdLength) return OkStatus();
  const Digest digest = impl_->KeyedHash(session_id);
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt, "DELETE FROM sessions WHERE session_hash = ?1"));
  BindDigest(stmt, 1, digest);
  if (stmt.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot end session"));
  return OkStatus();
}

}  // namespace stalkguard::service
