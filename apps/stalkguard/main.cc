// stalkguard: finds stalking and harassment in a person's own communications.
#include <CLI/CLI.hpp>

#include "apps/stalkguard/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "stalkguard: find stalking and harassment in your own messages, and keep the evidence"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "stalkguard 0.1.0");
  int exit_code = stalkguard::cli::kExitOk;
  stalkguard::cli::AddScanCommand(app, exit_code);
  stalkguard::cli::AddContactsCommand(app, exit_code);
  stalkguard::cli::AddCasesCommand(app, exit_code);
  stalkguard::cli::AddClassifyCommand(app, exit_code);
  stalkguard::cli::AddAppsCommand(app, exit_code);
  stalkguard::cli::AddLinkCommand(app, exit_code);
  stalkguard::cli::AddExportCommand(app, exit_code);
  stalkguard::cli::AddVerifyCommand(app, exit_code);
  stalkguard::cli::AddReportCommand(app, exit_code);
  stalkguard::cli::AddPasswordCommand(app, exit_code);
  stalkguard::cli::AddCheckupCommand(app, exit_code);
  stalkguard::cli::AddAdminCommand(app, exit_code);
  stalkguard::cli::AddServeCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
