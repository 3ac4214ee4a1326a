// The subcommands of the stalkguard binary. Each cmd_<verb>.cc adds its flags to the app and
// runs the library code behind it; anything worth testing lives in src/.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace stalkguard::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // nothing or not everything could be done
inline constexpr int kExitRejected = 2;  // done, but some input records were rejected
inline constexpr int kExitTampered = 3;  // verify: the evidence does not check out

// Each Add*Command registers one subcommand; its exit code is written to `exit_code` when it
// runs.
void AddScanCommand(CLI::App& app, int& exit_code);
void AddContactsCommand(CLI::App& app, int& exit_code);
void AddClassifyCommand(CLI::App& app, int& exit_code);
void AddCasesCommand(CLI::App& app, int& exit_code);
void AddAppsCommand(CLI::App& app, int& exit_code);
void AddLinkCommand(CLI::App& app, int& exit_code);
void AddExportCommand(CLI::App& app, int& exit_code);
void AddVerifyCommand(CLI::App& app, int& exit_code);
void AddReportCommand(CLI::App& app, int& exit_code);
void AddPasswordCommand(CLI::App& app, int& exit_code);
void AddCheckupCommand(CLI::App& app, int& exit_code);
void AddAdminCommand(CLI::App& app, int& exit_code);
void AddServeCommand(CLI::App& app, int& exit_code);

// The --db option, the same on every subcommand that touches the store.
void AddDbOption(CLI::App& command, std::string& db);

}  // namespace stalkguard::cli
