// `stalkguard contacts [--db FILE] [--json] [--tz ZONE]`: the contact table of a store, as the
// last scan left it, without importing anything.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/contact_table.h"
#include "apps/stalkguard/store_view.h"

namespace stalkguard::cli {
namespace {

struct ContactsFlags {
  std::string db;
  std::string tz;
  bool json = false;
};

int RunContacts(const ContactsFlags& flags) {
  std::optional<StoreView> view = OpenStoreView(flags.db, flags.tz);
  if (!view) return kExitFailed;
  const std::string& db = view->db;
  const TimeZone& zone = view->zone;
  auto contacts = view->store->ContactSummaries();
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
