// Runs the real `stalkguard admin` on a service database in a temporary folder: households,
// users (password on stdin and at a pseudo-terminal, never echoed or printed back), tokens that
// the service library then accepts, and revocation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "service/accounts/accounts.h"
#include "tests/integration/run_binary.h"

namespace fs = std::filesystem;
namespace svc = stalkguard::service;
using stalkguard::testing::CommandResult;
using stalkguard::testing::RunStalkguard;
using stalkguard::testing::TerminalSession;

namespace {

constexpr char kPassword[] = "Marker-violet-anchor-29";

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliAdmin : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-admin-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Admin(const std::string& args, const std::string& input = "",
                      bool with_stderr = true) const {
    return RunStalkguard("admin " + args + " --data " + dir_.string(), input, with_stderr);
  }

  // A household with one user, made through the CLI.
  void AddLeeFamily() {
    const CommandResult household = Admin("household add 'Lee family'");
    ASSERT_EQ(household.exit_code, 0) << household.out;
    ASSERT_NE(household.out.find("household 1: Lee family"), std::string::npos) << household.out;
    const CommandResult user =
        Admin("user add --household 1 --login sam --role protected", kPassword + std::string("\n"));
    ASSERT_EQ(user.exit_code, 0) << user.out;
  }

  fs::path dir_;
};

}  // namespace

TEST_F(CliAdmin, HouseholdsAndUsersAreAddedAndListed) {
  AddLeeFamily();
  const CommandResult added = Admin("household add 'Park family'");
  ASSERT_EQ(added.exit_code, 0) << added.out;
  EXPECT_NE(added.out.find((dir_ / "households" / "2" / "stalkguard.db").string()),
            std::string::npos)
      << added.out;
  const CommandResult households = Admin("household list", "", false);
  ASSERT_EQ(households.exit_code, 0);
  EXPECT_EQ(households.out.rfind("1\tLee family\t", 0), 0u) << households.out;
  EXPECT_NE(households.out.find("\n2\tPark family\t"), std::string::npos) << households.out;

  const CommandResult guardian =
      Admin("user add --household 1 --login dad --role guardian", "Quiet lantern over 7 hills\n");
  ASSERT_EQ(guardian.exit_code, 0) << guardian.out;
  EXPECT_NE(guardian.out.find("user 2: dad (guardian) in household 1"), std::string::npos)
      << guardian.out;
  const CommandResult users = Admin("user list --household 1", "", false);
  ASSERT_EQ(users.exit_code, 0);
  EXPECT_EQ(users.out.rfind("1\tsam\tprotected\t", 0), 0u) << users.out;
  EXPECT_NE(users.out.find("\n2\tdad\tguardian\t"), std::string::npos) << users.out;

  const CommandResult taken =
      Admin("user add --household 2 --login SAM --role guardian", kPassword + std::string("\n"));
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.out.find("taken"), std::string::npos) << taken.out;
  const CommandResult nowhere = Admin("user list --household 7");
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(nowhere.out.find("no household 7"), std::string::npos) << nowhere.out;
}

TEST_F(CliAdmin, TokenIsPrintedOnceAndWorksUntilRevoked) {
  AddLeeFamily();
  const CommandResult created = Admin("token create --login sam --name phone", "", false);
  ASSERT_EQ(created.exit_code, 0) << created.out;
  ASSERT_FALSE(created.out.empty());
  const std::string token = created.out.substr(0, created.out.size() - 1);
  EXPECT_EQ(created.out.back(), '\n');
  EXPECT_EQ(token.size(), svc::kTokenLength) << created.out;
  EXPECT_TRUE(token.starts_with("sgt_")) << created.out;

  // Nothing on disk holds the token or the password.
  for (const fs::directory_entry& file : fs::directory_iterator(dir_)) {
    const std::string bytes = FileBytes(file.path());
    EXPECT_EQ(bytes.find(token), std::string::npos) << file.path();
    EXPECT_EQ(bytes.find(kPassword), std::string::npos) << file.path();
  }
  {
    auto accounts = svc::Accounts::Open((dir_ / "service.db").string());
    ASSERT_TRUE(accounts) << accounts.error().message;
    auto who = (*accounts)->Authenticate(token);
    ASSERT_TRUE(who) << who.error().message;
    EXPECT_EQ(who->household_id, 1);
    EXPECT_EQ(who->login, "sam");
    EXPECT_EQ(who->role, svc::Role::kProtected);
    EXPECT_TRUE((*accounts)->CheckPassword("sam", kPassword));
  }

  const CommandResult revoked = Admin("token revoke --login sam --name phone");
  ASSERT_EQ(revoked.exit_code, 0) << revoked.out;
  EXPECT_EQ(revoked.out.find(token), std::string::npos);
  {
    auto accounts = svc::Accounts::Open((dir_ / "service.db").string());
    ASSERT_TRUE(accounts);
    EXPECT_FALSE((*accounts)->Authenticate(token));
  }
  const CommandResult again = Admin("token revoke --login sam --name phone");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("no live token"), std::string::npos) << again.out;
  EXPECT_EQ(Admin("token create --login nobody --name phone").exit_code, 1);
}

TEST_F(CliAdmin, WeakPasswordIsRefusedWithoutBeingShown) {
  ASSERT_EQ(Admin("household add Lee").exit_code, 0);
  const CommandResult weak =
      Admin("user add --household 1 --login sam --role protected", "password1234\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.out.find("too easy to guess"), std::string::npos) << weak.out;
  EXPECT_EQ(weak.out.find("password1234"), std::string::npos) << weak.out;
  const CommandResult none = Admin("user add --household 1 --login sam --role protected", "");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.out.find("no password"), std::string::npos) << none.out;
  EXPECT_EQ(Admin("user list --household 1", "", false).out, "");
}

TEST_F(CliAdmin, PasswordGivenAsArgumentIsRefusedWithoutBeingShown) {
  ASSERT_EQ(Admin("household add Lee").exit_code, 0);
  const CommandResult run =
      Admin("user add --household 1 --login sam --role protected " + std::string(kPassword), "");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("never given on the command line"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(kPassword), std::string::npos) << run.out;
  const CommandResult bad_role = Admin("user add --household 1 --login sam --role parent", "");
  EXPECT_NE(bad_role.exit_code, 0);
}

TEST_F(CliAdmin, PromptAsksTwiceWithoutEcho) {
  ASSERT_EQ(Admin("household add Lee").exit_code, 0);
  {
    TerminalSession term({"admin", "user", "add", "--data", dir_.string(), "--household", "1",
                          "--login", "dad", "--role", "guardian"});
    std::string shown = term.ReadUntil("(not shown): ");
    ASSERT_NE(shown.find("Password for dad (not shown): "), std::string::npos) << shown;
    term.Type(kPassword);
    shown += term.ReadUntil("again: ");
    term.Type(kPassword);
    EXPECT_EQ(term.Finish(&shown), 0) << shown;
    EXPECT_EQ(shown.find(kPassword), std::string::npos) << shown;
    EXPECT_NE(shown.find("user 1: dad (guardian)"), std::string::npos) << shown;
  }
  {
    TerminalSession term({"admin", "user", "add", "--data", dir_.string(), "--household", "1",
                          "--login", "mum", "--role", "guardian"});
    term.ReadUntil("(not shown): ");
    term.Type(kPassword);
    term.ReadUntil("again: ");
    term.Type("Marker-violet-anchor-30");
    std::string shown;
    EXPECT_EQ(term.Finish(&shown), 1) << shown;
    EXPECT_NE(shown.find("differ"), std::string::npos) << shown;
  }
}
