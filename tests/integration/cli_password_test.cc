// Runs the real `stalkguard password` with a marker password on standard input and checks the
// marker never comes back out: not on stdout, not on stderr, not in --json.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/integration/run_binary.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using stalkguard::testing::CommandResult;
using stalkguard::testing::RunStalkguard;
using stalkguard::testing::TerminalSession;

namespace {

constexpr const char* kMarker = "MARKER-Zq7!pw-1234";

CommandResult Stalkguard(const std::string& args, const std::string& input) {
  return RunStalkguard(args, input);
}

TEST(CliPassword, MarkerNeverInTextOutput) {
  const CommandResult run = Stalkguard(
      "password --no-save --account mail --account bank",
      std::string(kMarker) + "\n" + kMarker + "\nforum\tpassword\nshop\t" + kMarker + "\n");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.find(kMarker), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("Zq7"), std::string::npos);
  EXPECT_NE(run.out.find("reused: with bank, shop"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("common password: yes"), std::string::npos) << run.out;
}

TEST(CliPassword, MarkerNeverInJson) {
  const CommandResult run = Stalkguard("password --no-save --json",
                                       std::string("mail\t") + kMarker + "\nforum\tpassword\n");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.find(kMarker), std::string::npos) << run.out;
  std::istringstream lines(run.out);
  std::string line;
  int objects = 0;
  while (std::getline(lines, line)) {
    const json j = json::parse(line);
    EXPECT_FALSE(j.contains("password"));
    if (j["account"] == "forum") {
      EXPECT_TRUE(j["common"].get<bool>());
      EXPECT_LE(j["score"].get<int>(), 1);
    } else {
      EXPECT_EQ(j["account"], "mail");
      EXPECT_FALSE(j["common"].get<bool>());
    }
    ++objects;
  }
  EXPECT_EQ(objects, 2);
}

TEST(CliPassword, MarkerNeverInCsvErrors) {
  const fs::path csv =
      fs::temp_directory_path() / ("sg-password-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(csv) << "name,url,username,password\n"
                     << "mail,https://mail.example,alice," << kMarker << "\n"
                     << "bad,https://bad.example," << kMarker << "\n";
  const CommandResult run = Stalkguard("password --no-save --json --csv " + csv.string(), "");
  fs::remove(csv);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.find(kMarker), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(":3: "), std::string::npos) << run.out;  // the bad row, by line
  EXPECT_NE(run.out.find("\"account\":\"mail (alice)\""), std::string::npos) << run.out;
}

TEST(CliPassword, PasswordOnCommandLineIsRefused) {
  const CommandResult run = Stalkguard(std::string("password ") + kMarker, "");
  EXPECT_NE(run.exit_code, 0);
  // Refused without being repeated back.
  EXPECT_EQ(run.out.find("Zq7"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("never taken as arguments"), std::string::npos) << run.out;
}

// At a real terminal the password is typed at a prompt with echo off: what the terminal shows
// (the prompt, the report, and the echo of everything typed) never holds it, and the process
// could leave no core file while it holds the password.
TEST(CliPassword, TerminalPromptDoesNotEchoThePassword) {
  // The program must lower the core limit itself: start it with the highest one allowed.
  rlimit core{};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &core), 0);
  const rlimit saved = core;
  core.rlim_cur = core.rlim_max;
  ASSERT_EQ(::setrlimit(RLIMIT_CORE, &core), 0);
  TerminalSession term({"password", "--no-save", "--account", "mail"});
  ::setrlimit(RLIMIT_CORE, &saved);
  std::string shown = term.ReadUntil("(not shown): ");
  ASSERT_NE(shown.find("Password for mail (not shown): "), std::string::npos) << shown;
  // While it waits for the password, a crash could leave no core file to find it in.
  std::ifstream limits("/proc/" + std::to_string(term.pid()) + "/limits");
  std::string line;
  bool core_limit_seen = false;
  while (std::getline(limits, line)) {
    if (line.rfind("Max core file size", 0) != 0) continue;
    core_limit_seen = true;
    std::istringstream fields(line.substr(std::string("Max core file size").size()));
    std::string soft;
    fields >> soft;
    EXPECT_EQ(soft, "0") << line;
  }
  EXPECT_TRUE(core_limit_seen);
  term.Type(kMarker);
  EXPECT_EQ(term.Finish(&shown), 0) << shown;
  EXPECT_EQ(shown.find("Zq7"), std::string::npos) << shown;
  EXPECT_NE(shown.find("strength:"), std::string::npos) << shown;
  EXPECT_NE(shown.find("1 password checked"), std::string::npos) << shown;
}

// The summary kept for the check-up names accounts, never the password: no file of the store
// holds the marker.
TEST(CliPassword, SavedSummaryHoldsNoPassword) {
  const fs::path dir = fs::temp_directory_path() / ("sg-password-db-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const CommandResult run =
      Stalkguard("password --db " + (dir / "store.db").string(),
                 std::string("mail\t") + kMarker + "\nbank\t" + kMarker + "\n");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  std::string all;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    all += std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::remove_all(dir);
  EXPECT_NE(all.find("password-audit"), std::string::npos);
  EXPECT_NE(all.find("mail: reused with bank"), std::string::npos);
  EXPECT_EQ(all.find(kMarker), std::string::npos);
  EXPECT_EQ(all.find("Zq7"), std::string::npos);
}

TEST(CliPassword, MissingCommonListIsNamed) {
  const CommandResult run = Stalkguard("password --no-save --common /nonexistent/list.sgpw", "x\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("/nonexistent/list.sgpw"), std::string::npos) << run.out;
}

}  // namespace
