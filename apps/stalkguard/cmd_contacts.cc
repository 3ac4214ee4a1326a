// `stalkguard contacts [--db FILE] [--json] [--tz ZONE]`: the contact table of a store, as the
// last scan left it, without importing anything.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/contact_table.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

struct ContactsFlags {
  std::string db;
  std::string tz;
  bool json = false;
};

int RunContacts(const ContactsFlags& flags) {
  const std::string db = flags.db.empty() ? store::DefaultDatabasePath() : flags.db;
  TimeZone zone = TimeZone::Host();
  if (!flags.tz.empty()) {
    auto named = TimeZone::Named(flags.tz);
    if (!named) {
      std::fprintf(stderr, "stalkguard: --tz: %s\n", named.error().message.c_str());
      return kExitFailed;
    }
    zone = *named;
  }
  auto store = store::SqliteStore::Open(db);
  if (!store) {
    std::fprintf(stderr, "stalkguard: %s\n", store.error().message.c_str());
    return kExitFailed;
  }
  auto contacts = (*store)->ContactSummaries();
  if (!contacts) {
    std::fprintf(stderr, "stalkguard: %s\n", contacts.error().message.c_str());
    return kExitFailed;
  }
  if (flags.json) {
    std::cout << nlohmann::json{{"store", db}, {"contacts", ContactsJson(*contacts)}}.dump(2)
              << "\n";
  } else {
    std::printf("Store: %s\n", db.c_str());
    PrintContactTable(*contacts, zone);
  }
  return kExitOk;
}

}  // namespace

void AddContactsCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ContactsFlags>();
  CLI::App* cmd = app.add_subcommand("contacts", "List the contacts in the store");
  AddDbOption(*cmd, flags->db);
  cmd->add_flag("--json", flags->json, "Print one JSON document instead of a table");
  cmd->add_option("--tz", flags->tz, "IANA time zone to show times in (default: this machine's)");
  cmd->callback([flags, &exit_code] { exit_code = RunContacts(*flags); });
}

}  // namespace stalkguard::cli
