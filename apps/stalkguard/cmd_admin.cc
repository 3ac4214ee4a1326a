// `stalkguard admin ...`: what the operator of `stalkguard serve` does by hand: households,
// their users and API tokens, in <DIR>/service.db (docs/service-accounts.md).
//
//   stalkguard admin household add NAME | household list
//   stalkguard admin user add --household ID --login L --role protected|guardian|admin
//   stalkguard admin user list --household ID
//   stalkguard admin token create --login L --name N | token revoke --login L --name N
//
// Passwords come from a prompt without echo, or one line of standard input; never from the
// command line. A token is printed once, on stdout alone, so that it can be piped.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/terminal.h"
#include "checkup/password_audit.h"
#include "core/timestamp.h"
#include "service/accounts/accounts.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

namespace svc = stalkguard::service;

struct AdminFlags {
  std::string data;
  std::string name;
  int64_t household = 0;
  std::string login;
  std::string role;
};

std::string DefaultDataDir() {
  return std::filesystem::path(store::DefaultDatabasePath()).parent_path().string();
}

std::string DataDir(const AdminFlags& flags) {
  return flags.data.empty() ? DefaultDataDir() : flags.data;
}

std::string CreatedText(int64_t utc_ms) { return FormatRfc3339(Timestamp{utc_ms, 0, false}); }

int Fail(const Error& error) {
  std::fprintf(stderr, "stalkguard admin: %s\n", error.message.c_str());
  return kExitFailed;
}

// The password of a new user: asked twice without echo at a terminal, else one line of stdin.
Result<std::string> ReadNewPassword(const std::string& login) {
  if (::isatty(STDIN_FILENO) == 0) {
    std::string line;
    line.reserve(kMaxSecretLine + 1);
    if (!ReadSecretLine(line) || line.empty())
      return MakeError(ErrorCode::kInvalidInput, "no password on standard input");
    return line;
  }
  std::string first = Prompt(("Password for " + login + " (not shown): ").c_str(), false);
  std::string again = Prompt("Same password again: ", false);
  const bool same = first == again;
  checkup::Wipe(again);
  if (!same) {
    checkup::Wipe(first);
    return MakeError(ErrorCode::kInvalidInput, "the two passwords differ");
  }
  return first;
}

int RunAdmin(const std::string& action, const AdminFlags& flags) {
  const std::string data_dir = DataDir(flags);
  auto opened = svc::Accounts::Open((std::filesystem::path(data_dir) / "service.db").string());
  if (!opened) return Fail(opened.error());
  svc::Accounts& accounts = **opened;

  if (action == "household add") {
    auto household = accounts.CreateHousehold(flags.name);
    if (!household) return Fail(household.error());
    std::printf("household %lld: %s\nits store: %s\n", static_cast<long long>(household->id),
                household->name.c_str(), svc::HouseholdStorePath(data_dir, household->id).c_str());
  } else if (action == "household list") {
    auto households = accounts.ListHouseholds();
    if (!households) return Fail(households.error());
    for (const svc::Household& h : *households)
      std::printf("%lld\t%s\t%s\n", static_cast<long long>(h.id), h.name.c_str(),
                  CreatedText(h.created_ms).c_str());
  } else if (action == "user add") {
    const std::optional<svc::Role> role = svc::RoleFromString(flags.role);
    if (!role) return Fail({ErrorCode::kInvalidInput, "a role is protected, guardian or admin"});
    DisableCoreDumps();
    auto password = ReadNewPassword(flags.login);
    if (!password) return Fail(password.error());
    auto user = accounts.AddUser(flags.household, flags.login, *password, *role);
    checkup::Wipe(*password);
    if (!user) return Fail(user.error());
    std::printf("user %lld: %s (%s) in household %lld\n", static_cast<long long>(user->id),
                user->login.c_str(), std::string(svc::ToString(user->role)).c_str(),
                static_cast<long long>(user->household_id));
  } else if (action == "user list") {
    auto users = accounts.ListUsers(flags.household);
    if (!users) return Fail(users.error());
    for (const svc::User& u : *users)
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(u.id), u.login.c_str(),
                  std::string(svc::ToString(u.role)).c_str(), CreatedText(u.created_ms).c_str());
  } else if (action == "token create" || action == "token revoke") {
    auto user = accounts.FindUser(flags.login);
    if (!user) return Fail(user.error());
    if (action == "token revoke") {
      if (Status s = accounts.RevokeToken(user->id, flags.name); !s) return Fail(s.error());
      std::printf("token \"%s\" of %s revoked\n", flags.name.c_str(), user->login.c_str());
      return kExitOk;
    }
    auto token = accounts.CreateToken(user->id, flags.name);
    if (!token) return Fail(token.error());
    std::printf("%s\n", token->c_str());
    std::fflush(stdout);
    checkup::Wipe(*token);
    std::fprintf(
        stderr, "API token \"%s\" for %s (%s, household %lld): shown this once, keep it now\n",
        flags.name.c_str(), user->login.c_str(), std::string(svc::ToString(user->role)).c_str(),
        static_cast<long long>(user->household_id));
  }
  return kExitOk;
}

// One leaf command: its --data option and what runs it.
CLI::App* AddAction(CLI::App& group, const std::string& verb, const std::string& help,
                    std::shared_ptr<AdminFlags> flags, int& exit_code) {
  CLI::App* cmd = group.add_subcommand(verb, help);
  cmd->add_option("--data", flags->data,
                  "Folder of the service database service.db (default: " + DefaultDataDir() + ")");
  const std::string action = group.get_name() + " " + verb;
  cmd->callback([cmd, action, flags, &exit_code] {
    if (!cmd->remaining().empty()) {
      std::fprintf(stderr,
                   "stalkguard admin: unexpected arguments, not repeated here (a password is "
                   "never given on the command line: type it at the prompt or on standard "
                   "input)\n");
      exit_code = kExitFailed;
      return;
    }
    exit_code = RunAdmin(action, *flags);
  });
  return cmd;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<AdminFlags>();
  CLI::App* admin = app.add_subcommand(
      "admin", "Manage the households, users and API tokens of `stalkguard serve`");
  admin->require_subcommand(1);

  CLI::App* household = admin->add_subcommand("household", "Households (one per protected person)");
  household->require_subcommand(1);
  AddAction(*household, "add", "Add a household; prints its id", flags, exit_code)
      ->add_option("NAME", flags->name, "Its name, unique on this service")
      ->required();
  AddAction(*household, "list", "List the households: id, name, created", flags, exit_code);

  CLI::App* user = admin->add_subcommand("user", "Users of a household");
  user->require_subcommand(1);
  CLI::App* user_add =
      AddAction(*user, "add",
                "Add a user; the password is asked without echo (or read as one line of "
                "standard input), never given on the command line",
                flags, exit_code);
  user_add->add_option("--household", flags->household, "Household id")->required();
  user_add->add_option("--login", flags->login, "Login, unique on this service")->required();
  user_add->add_option("--role", flags->role, "protected, guardian or admin")
      ->required()
      ->check(CLI::IsMember({"protected", "guardian", "admin"}));
  // A leftover argument may be a password: refuse it without printing it back (CLI11's own
  // error would).
  user_add->allow_extras();
  CLI::App* user_list = AddAction(*user, "list",
                                  "List a household's users: id, login, role, "
                                  "created",
                                  flags, exit_code);
  user_list->add_option("--household", flags->household, "Household id")->required();

  CLI::App* token = admin->add_subcommand("token", "API tokens (for live ingest and scripts)");
  token->require_subcommand(1);
  for (const char* verb : {"create", "revoke"}) {
    const bool create = std::string(verb) == "create";
    CLI::App* cmd = AddAction(
        *token, verb,
        create ? "Create a token for a user and print it, once" : "Revoke a user's token by name",
        flags, exit_code);
    cmd->add_option("--login", flags->login, "The user's login")->required();
    cmd->add_option("--name", flags->name, "The token's name, e.g. the device it is for")
        ->required();
  }
}

}  // namespace stalkguard::cli
