#include "service/accounts/accounts.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace sg = stalkguard;
namespace svc = stalkguard::service;
namespace fs = std::filesystem;

namespace {

// Strong enough for zxcvbn's 3 of 4, and easy to spot in a file.
constexpr char kSamPassword[] = "violet-anchor-29-tundra";
constexpr char kDadPassword[] = "Quiet lantern over 7 hills";

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-accounts-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "service.db").string();
    accounts_ = OpenAccounts();
  }
  void TearDown() override {
    accounts_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<svc::Accounts> OpenAccounts() {
    auto opened = svc::Accounts::Open(path_, {.now_ms = [this] { return now_ms_.load(); }});
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }

  int64_t Household(const std::string& name) {
    auto household = accounts_->CreateHousehold(name);
    EXPECT_TRUE(household) << household.error().message;
    return household ? household->id : 0;
  }

  svc::User User(int64_t household_id, const std::string& login, std::string_view password,
                 svc::Role role) {
    auto user = accounts_->AddUser(household_id, login, password, role);
    EXPECT_TRUE(user) << user.error().message;
    return user ? *user : svc::User{};
  }

  std::string Token(int64_t user_id, const std::string& name) {
    auto token = accounts_->CreateToken(user_id, name);
    EXPECT_TRUE(token) << token.error().message;
    return token ? *token : std::string();
  }

  // One value from the database, read with a connection of its own.
  std::string Query(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::string value = "(none)";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      value = text ? text : "NULL";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  fs::path dir_;
  std::string path_;
  std::atomic<int64_t> now_ms_{1'700'000'000'000};
  std::unique_ptr<svc::Accounts> accounts_;
};

TEST(Role, NamesGoBothWays) {
  for (svc::Role role : {svc::Role::kProtected, svc::Role::kGuardian, svc::Role::kAdmin})
    EXPECT_EQ(svc::RoleFromString(svc::ToString(role)), role);
  EXPECT_EQ(svc::ToString(svc::Role::kProtected), "protected");
  EXPECT_FALSE(svc::RoleFromString("Guardian"));
  EXPECT_FALSE(svc::RoleFromString(""));
}

TEST(HouseholdStorePath, IsTheHouseholdsOwnFolder) {
  EXPECT_EQ(svc::HouseholdStorePath("/srv/sg", 42), "/srv/sg/households/42/stalkguard.db");
}

TEST_F(AccountsTest, HouseholdsAndUsersAreListed) {
  ASSERT_TRUE(accounts_);
  now_ms_ = 1000;
  const int64_t lee = Household("Lee family");
  now_ms_ = 2000;
  const int64_t park = Household("Park family");
  const svc::User sam = User(lee, "sam", kSamPassword, svc::Role::kProtected);
  const svc::User dad = User(lee, "dad.lee", kDadPassword, svc::Role::kGuardian);
  User(park, "jo@park.example", kSamPassword, svc::Role::kAdmin);

  auto households = accounts_->ListHouseholds();
  ASSERT_TRUE(households);
  ASSERT_EQ(households->size(), 2u);
  EXPECT_EQ((*households)[0].name, "Lee family");
  EXPECT_EQ((*households)[0].created_ms, 1000);
  EXPECT_EQ((*households)[1].id, park);

  auto users = accounts_->ListUsers(lee);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].id, sam.id);
  EXPECT_EQ((*users)[0].role, svc::Role::kProtected);
  EXPECT_EQ((*users)[1].login, "dad.lee");
  EXPECT_EQ((*users)[1].household_id, lee);
  EXPECT_EQ((*users)[1].role, svc::Role::kGuardian);

  auto found = accounts_->FindUser("DAD.LEE");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, dad.id);
  EXPECT_EQ(accounts_->ListUsers(99).error().code, sg::ErrorCode::kNotFound);
  EXPECT_EQ(accounts_->AddUser(99, "x", kSamPassword, svc::Role::kGuardian).error().code,
            sg::ErrorCode::kNotFound);
}

TEST_F(AccountsTest, DuplicateHouseholdAndBadNamesAreRefused) {
  ASSERT_TRUE(accounts_);
  Household("Lee family");
  EXPECT_FALSE(accounts_->CreateHousehold("Lee family"));
  EXPECT_FALSE(accounts_->CreateHousehold(""));
  EXPECT_FALSE(accounts_->CreateHousehold("tab\there"));
  EXPECT_FALSE(accounts_->CreateHousehold(std::string(101, 'a')));
  const int64_t lee = Household("Lee family 2");
  for (const char* login : {"", "sam lee", "sam/lee", "s\xC3\xA0m"})
    EXPECT_EQ(accounts_->AddUser(lee, login, kSamPassword, svc::Role::kGuardian).error().code,
              sg::ErrorCode::kInvalidInput)
        << login;
}

TEST_F(AccountsTest, DuplicateLoginIsRefusedWhateverItsCase) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  const int64_t park = Household("Park family");
  User(lee, "sam", kSamPassword, svc::Role::kProtected);
  for (const char* login : {"sam", "Sam"}) {
    auto again = accounts_->AddUser(park, login, kDadPassword, svc::Role::kGuardian);
    ASSERT_FALSE(again) << login;
    EXPECT_EQ(again.error().code, sg::ErrorCode::kInvalidInput);
    EXPECT_NE(again.error().message.find("taken"), std::string::npos) << again.error().message;
  }
  EXPECT_EQ(accounts_->ListUsers(park)->size(), 0u);
}

TEST_F(AccountsTest, RightPasswordGivesThePrincipal) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  const svc::User sam = User(lee, "sam", kSamPassword, svc::Role::kProtected);
  auto who = accounts_->CheckPassword("Sam", kSamPassword);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user_id, sam.id);
  EXPECT_EQ(who->household_id, lee);
  EXPECT_EQ(who->login, "sam");
  EXPECT_EQ(who->role, svc::Role::kProtected);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownLoginGiveTheSameError) {
  ASSERT_TRUE(accounts_);
  User(Household("Lee family"), "sam", kSamPassword, svc::Role::kProtected);
  auto wrong = accounts_->CheckPassword("sam", "violet-anchor-29-tundrA");
  auto unknown = accounts_->CheckPassword("nobody", kSamPassword);
  auto empty = accounts_->CheckPassword("sam", "");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(empty);
  EXPECT_EQ(wrong.error().code, sg::ErrorCode::kNotFound);
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message, empty.error().message);
  EXPECT_EQ(wrong.error().message.find("tundr"), std::string::npos);
  EXPECT_EQ(unknown.error().message.find("nobody"), std::string::npos);
}

TEST_F(AccountsTest, WeakPasswordsAreRefusedWithTheReason) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  struct Case {
    const char* password;
    const char* reason;
  };
  const Case cases[] = {
      {"Tr0ub4d!", "shorter than 10 bytes"},
      {"password1234", "too easy to guess"},
      {"qwertyuiop", "too easy to guess"},
      {"samsamsam2024", "too easy to guess"},  // the login, repeated, and a year
  };
  for (const Case& c : cases) {
    auto user = accounts_->AddUser(lee, "sam", c.password, svc::Role::kProtected);
    ASSERT_FALSE(user) << c.password;
    EXPECT_EQ(user.error().code, sg::ErrorCode::kInvalidInput) << c.password;
    EXPECT_NE(user.error().message.find(c.reason), std::string::npos)
        << c.password << ": " << user.error().message;
    EXPECT_EQ(user.error().message.find(c.password), std::string::npos) << user.error().message;
  }
  EXPECT_FALSE(
      accounts_->AddUser(lee, "sam", std::string(1025, 'x') + kSamPassword, svc::Role::kGuardian));
  EXPECT_EQ(accounts_->ListUsers(lee)->size(), 0u);
}

TEST_F(AccountsTest, TokenAuthenticatesItsUser) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  const svc::User dad = User(lee, "dad", kDadPassword, svc::Role::kGuardian);
  const std::string token = Token(dad.id, "phone");
  ASSERT_EQ(token.size(), svc::kTokenLength);
  EXPECT_TRUE(token.starts_with("sgt_"));
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 4),
            std::string::npos)
      << token;
  auto who = accounts_->Authenticate(token);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user_id, dad.id);
  EXPECT_EQ(who->household_id, lee);
  EXPECT_EQ(who->role, svc::Role::kGuardian);
  EXPECT_NE(Token(dad.id, "laptop"), token);
  // The same name twice is refused while the first lives.
  EXPECT_EQ(accounts_->CreateToken(dad.id, "phone").error().code, sg::ErrorCode::kInvalidInput);
  EXPECT_EQ(accounts_->CreateToken(999, "phone").error().code, sg::ErrorCode::kNotFound);
}

TEST_F(AccountsTest, UnknownAndMalformedTokensFail) {
  ASSERT_TRUE(accounts_);
  const svc::User dad = User(Household("Lee family"), "dad", kDadPassword, svc::Role::kGuardian);
  std::string token = Token(dad.id, "phone");
  for (std::string bad : {std::string(), std::string("sgt_"), token.substr(0, 46), token + "A",
                          "sgx_" + token.substr(4)}) {
    auto who = accounts_->Authenticate(bad);
    ASSERT_FALSE(who) << bad;
    EXPECT_EQ(who.error().code, sg::ErrorCode::kNotFound);
  }
  token[20] = token[20] == 'A' ? 'B' : 'A';
  auto altered = accounts_->Authenticate(token);
  ASSERT_FALSE(altered);
  EXPECT_EQ(altered.error().code, sg::ErrorCode::kNotFound);
  EXPECT_EQ(altered.error().message.find(token.substr(4)), std::string::npos);
}

TEST_F(AccountsTest, RevokedTokenFails) {
  ASSERT_TRUE(accounts_);
  const svc::User dad = User(Household("Lee family"), "dad", kDadPassword, svc::Role::kGuardian);
  const std::string phone = Token(dad.id, "phone");
  const std::string laptop = Token(dad.id, "laptop");
  ASSERT_TRUE(accounts_->RevokeToken(dad.id, "phone"));
  auto who = accounts_->Authenticate(phone);
  ASSERT_FALSE(who);
  EXPECT_EQ(who.error().code, sg::ErrorCode::kNotFound);
  EXPECT_TRUE(accounts_->Authenticate(laptop));
  EXPECT_EQ(accounts_->RevokeToken(dad.id, "phone").error().code, sg::ErrorCode::kNotFound);
  // The name is free again, for a new token that the old one does not unlock.
  const std::string phone2 = Token(dad.id, "phone");
  EXPECT_TRUE(accounts_->Authenticate(phone2));
  EXPECT_FALSE(accounts_->Authenticate(phone));
}

TEST_F(AccountsTest, RemovedUserKeepsNoTokenSessionOrLogin) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  const svc::User dad = User(lee, "dad", kDadPassword, svc::Role::kGuardian);
  const svc::User sam = User(lee, "sam", kSamPassword, svc::Role::kProtected);
  const std::string token = Token(dad.id, "phone");
  auto session = accounts_->CreateSession(dad.id, 60'000);
  ASSERT_TRUE(session);
  ASSERT_TRUE(accounts_->RemoveUser(dad.id));
  EXPECT_FALSE(accounts_->Authenticate(token));
  EXPECT_FALSE(accounts_->SessionPrincipal(*session));
  EXPECT_FALSE(accounts_->CheckPassword("dad", kDadPassword));
  auto users = accounts_->ListUsers(lee);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].login, "sam");
  EXPECT_EQ(accounts_->RemoveUser(dad.id).error().code, sg::ErrorCode::kNotFound);
  // The login is free again.
  EXPECT_TRUE(accounts_->AddUser(lee, "dad", kDadPassword, svc::Role::kGuardian));
  EXPECT_TRUE(accounts_->CheckPassword("sam", kSamPassword));
  (void)sam;
}

TEST_F(AccountsTest, TokenOfHouseholdAGivesHouseholdAsPrincipalOnly) {
  ASSERT_TRUE(accounts_);
  const int64_t a = Household("A");
  const int64_t b = Household("B");
  const svc::User guardian_a = User(a, "guardian-a", kDadPassword, svc::Role::kGuardian);
  const svc::User guardian_b = User(b, "guardian-b", kSamPassword, svc::Role::kGuardian);
  const std::string token_a = Token(guardian_a.id, "ci");
  const std::string token_b = Token(guardian_b.id, "ci");
  auto who_a = accounts_->Authenticate(token_a);
  auto who_b = accounts_->Authenticate(token_b);
  ASSERT_TRUE(who_a);
  ASSERT_TRUE(who_b);
  EXPECT_EQ(who_a->household_id, a);
  EXPECT_EQ(who_a->user_id, guardian_a.id);
  EXPECT_EQ(who_b->household_id, b);
  EXPECT_EQ(who_b->user_id, guardian_b.id);
  // Revoking in one household touches nothing in the other, even under the same name.
  ASSERT_TRUE(accounts_->RevokeToken(guardian_b.id, "ci"));
  EXPECT_TRUE(accounts_->Authenticate(token_a));
  EXPECT_FALSE(accounts_->Authenticate(token_b));
  EXPECT_EQ(accounts_->RevokeToken(guardian_b.id, "ci").error().code, sg::ErrorCode::kNotFound);
  EXPECT_EQ(svc::HouseholdStorePath("/d", who_a->household_id), svc::HouseholdStorePath("/d", a));
}

TEST_F(AccountsTest, TokenUseIsRecordedAtMostOnceAMinute) {
  ASSERT_TRUE(accounts_);
  const svc::User dad = User(Household("Lee family"), "dad", kDadPassword, svc::Role::kGuardian);
  now_ms_ = 10'000'000;
  const std::string token = Token(dad.id, "phone");
  const std::string last_used = "SELECT last_used_ms FROM api_tokens WHERE name = 'phone'";
  EXPECT_EQ(Query(last_used), "NULL");
  ASSERT_TRUE(accounts_->Authenticate(token));
  EXPECT_EQ(Query(last_used), "10000000");
  now_ms_ += 59'999;
  ASSERT_TRUE(accounts_->Authenticate(token));
  EXPECT_EQ(Query(last_used), "10000000");
  now_ms_ += 1;
  ASSERT_TRUE(accounts_->Authenticate(token));
  EXPECT_EQ(Query(last_used), "10060000");
}

TEST_F(AccountsTest, SessionLastsItsTimeThenFails) {
  ASSERT_TRUE(accounts_);
  const svc::User sam = User(Household("Lee family"), "sam", kSamPassword, svc::Role::kProtected);
  now_ms_ = 5000;
  auto session = accounts_->CreateSession(sam.id, 3);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ(session->size(), svc::kSessionIdLength);
  auto who = accounts_->SessionPrincipal(*session);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user_id, sam.id);
  EXPECT_EQ(who->role, svc::Role::kProtected);
  now_ms_ = 5002;
  EXPECT_TRUE(accounts_->SessionPrincipal(*session));
  now_ms_ = 5003;
  auto expired = accounts_->SessionPrincipal(*session);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, sg::ErrorCode::kNotFound);
  // A new session sweeps out the expired one.
  ASSERT_TRUE(accounts_->CreateSession(sam.id, 60'000));
  EXPECT_EQ(Query("SELECT count(*) FROM sessions"), "1");
  EXPECT_EQ(accounts_->CreateSession(sam.id, 0).error().code, sg::ErrorCode::kInvalidInput);
  EXPECT_EQ(accounts_->CreateSession(999, 1000).error().code, sg::ErrorCode::kNotFound);
}

TEST_F(AccountsTest, EndedSessionFails) {
  ASSERT_TRUE(accounts_);
  const svc::User sam = User(Household("Lee family"), "sam", kSamPassword, svc::Role::kProtected);
  auto first = accounts_->CreateSession(sam.id, 60'000);
  auto second = accounts_->CreateSession(sam.id, 60'000);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_NE(*first, *second);
  ASSERT_TRUE(accounts_->EndSession(*first));
  EXPECT_FALSE(accounts_->SessionPrincipal(*first));
  EXPECT_TRUE(accounts_->SessionPrincipal(*second));
  EXPECT_TRUE(accounts_->EndSession(*first));
  EXPECT_TRUE(accounts_->EndSession("not a session"));
  EXPECT_FALSE(accounts_->SessionPrincipal(""));
}

TEST_F(AccountsTest, NoSecretReachesTheDatabaseFiles) {
  ASSERT_TRUE(accounts_);
  const int64_t lee = Household("Lee family");
  const svc::User sam = User(lee, "sam", kSamPassword, svc::Role::kProtected);
  User(lee, "dad", kDadPassword, svc::Role::kGuardian);
  ASSERT_TRUE(accounts_->CheckPassword("sam", kSamPassword));
  const std::string token = Token(sam.id, "phone");
  ASSERT_TRUE(accounts_->Authenticate(token));
  auto session = accounts_->CreateSession(sam.id, 60'000);
  ASSERT_TRUE(session);
  unsigned char raw[32];
  size_t raw_size = 0;
  ASSERT_EQ(sodium_base642bin(raw, sizeof raw, token.data() + 4, token.size() - 4, nullptr,
                              &raw_size, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  ASSERT_EQ(raw_size, sizeof raw);
  const std::vector<std::string> secrets = {kSamPassword,
                                            kDadPassword,
                                            token,
                                            token.substr(4),
                                            std::string(reinterpret_cast<char*>(raw), sizeof raw),
                                            *session};
  auto check = [&](const std::string& when) {
    bool any_file = false;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const fs::path file = path_ + suffix;
      if (!fs::exists(file)) continue;
      any_file = true;
      const std::string bytes = FileBytes(file);
      for (const std::string& secret : secrets)
        EXPECT_EQ(bytes.find(secret), std::string::npos) << when << ": " << file;
    }
    EXPECT_TRUE(any_file);
  };
  // While open the new rows sit in the WAL; after closing, in the database itself.
  ASSERT_TRUE(fs::exists(path_ + "-wal"));
  check("open");
  accounts_.reset();
  check("closed");
  // Nor does the key file hold any of them (it is 32 random bytes).
  EXPECT_EQ(fs::file_size(dir_ / "service.key"), 32u);
}

TEST_F(AccountsTest, FilesAreForTheServiceUserAlone) {
  ASSERT_TRUE(accounts_);
  Household("Lee family");
  for (const char* name : {"service.db", "service.key", "service.db-wal"}) {
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / name).c_str(), &info), 0) << name;
    EXPECT_EQ(info.st_mode & 0077, 0u) << name;
  }
}

TEST_F(AccountsTest, TokensAndSessionsSurviveAReopen) {
  ASSERT_TRUE(accounts_);
  const svc::User dad = User(Household("Lee family"), "dad", kDadPassword, svc::Role::kGuardian);
  const std::string token = Token(dad.id, "phone");
  auto session = accounts_->CreateSession(dad.id, 60'000);
  ASSERT_TRUE(session);
  accounts_ = OpenAccounts();
  ASSERT_TRUE(accounts_);
  EXPECT_TRUE(accounts_->Authenticate(token));
  EXPECT_TRUE(accounts_->SessionPrincipal(*session));
  EXPECT_TRUE(accounts_->CheckPassword("dad", kDadPassword));
  // Without the key, no token or session is recognised any more; passwords still are.
  accounts_.reset();
  fs::remove(dir_ / "service.key");
  accounts_ = OpenAccounts();
  ASSERT_TRUE(accounts_);
  EXPECT_FALSE(accounts_->Authenticate(token));
  EXPECT_FALSE(accounts_->SessionPrincipal(*session));
  EXPECT_TRUE(accounts_->CheckPassword("dad", kDadPassword));
}

TEST_F(AccountsTest, RefusesANewerSchemaAndADamagedKey) {
  accounts_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto newer = svc::Accounts::Open(path_);
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);

  const std::string other = (dir_ / "other.db").string();
  std::ofstream(dir_ / "other.key") << "short";
  auto damaged = svc::Accounts::Open(other);
  ASSERT_FALSE(damaged);
  EXPECT_NE(damaged.error().message.find("other.key"), std::string::npos);
}

TEST_F(AccountsTest, OpensOfANewDatabaseAtOnceAgreeOnSchemaAndKey) {
  // A server starting while the operator runs `stalkguard admin` on a fresh folder.
  const std::string fresh = (dir_ / "fresh" / "service.db").string();
  std::vector<std::unique_ptr<svc::Accounts>> opened(4);
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < opened.size(); ++i) {
    threads.emplace_back([&, i] {
      auto one = svc::Accounts::Open(fresh);
      if (one)
        opened[i] = std::move(*one);
      else
        errors[i] = one.error().message;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < opened.size(); ++i) ASSERT_TRUE(opened[i]) << errors[i];
  auto household = opened[0]->CreateHousehold("Lee family");
  ASSERT_TRUE(household);
  auto dad = opened[1]->AddUser(household->id, "dad", kDadPassword, svc::Role::kGuardian);
  ASSERT_TRUE(dad) << dad.error().message;
  auto token = opened[2]->CreateToken(dad->id, "phone");
  ASSERT_TRUE(token);
  for (const auto& accounts : opened) EXPECT_TRUE(accounts->Authenticate(*token));
}

TEST_F(AccountsTest, FourThreadsAuthenticateAtOnce) {
  ASSERT_TRUE(accounts_);
  const int64_t a = Household("A");
  const int64_t b = Household("B");
  const svc::User user_a = User(a, "guardian-a", kDadPassword, svc::Role::kGuardian);
  const svc::User user_b = User(b, "protected-b", kSamPassword, svc::Role::kProtected);
  const std::string token_a = Token(user_a.id, "t");
  const std::string token_b = Token(user_b.id, "t");
  std::atomic<int> wrong{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        // The clock moves, so some calls also write their last use.
        if (t == 0 && i % 50 == 0) now_ms_ += 61'000;
        const bool use_a = (i + t) % 2 == 0;
        auto who = accounts_->Authenticate(use_a ? token_a : token_b);
        if (!who) {
          ++failed;
          continue;
        }
        if (who->household_id != (use_a ? a : b) || who->user_id != (use_a ? user_a : user_b).id)
          ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
