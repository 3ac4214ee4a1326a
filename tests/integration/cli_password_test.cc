// Runs the real `stalkguard password` with a marker password on standard input and checks the
// marker never comes back out: not on stdout, not on stderr, not in --json.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kMarker = "MARKER-Zq7!pw-1234";

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs the binary with `input` on standard input (from a file: popen has one direction only).
CommandResult Stalkguard(const std::string& args, const std::string& input) {
  const fs::path in_path =
      fs::temp_directory_path() / ("sg-password-in-" + std::to_string(::getpid()));
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command =
      std::string(SG_BINARY) + " " + args + " <" + in_path.string() + " 2>&1";
  CommandResult run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::remove(in_path);
  return run;
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

// Everything the terminal shows, read from the pty's master side until `until` appears (or
// the child closes it, or two seconds pass without output).
std::string ReadTerminal(int master, const std::string& until = "") {
  std::string shown;
  char buf[1024];
  while (until.empty() || shown.find(until) == std::string::npos) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has closed its side
    shown.append(buf, static_cast<size_t>(n));
  }
  return shown;
}

// At a real terminal the password is typed at a prompt with echo off: what the terminal shows
// (the prompt, the report, and the echo of everything typed) never holds it.
TEST(CliPassword, TerminalPromptDoesNotEchoThePassword) {
  int master = -1;
  const pid_t child = ::forkpty(&master, nullptr, nullptr, nullptr);
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::execl(SG_BINARY, SG_BINARY, "password", "--no-save", "--account", "mail", nullptr);
    ::_exit(127);
  }
  std::string shown = ReadTerminal(master, "(not shown): ");
  ASSERT_NE(shown.find("Password for mail (not shown): "), std::string::npos) << shown;
  const std::string typed = std::string(kMarker) + "\n";
  ASSERT_EQ(::write(master, typed.data(), typed.size()), static_cast<ssize_t>(typed.size()));
  shown += ReadTerminal(master);
  int status = 0;
  // A child still running five seconds on is waiting for input it never got: a failure.
  for (int i = 0; i < 50 && ::waitpid(child, &status, WNOHANG) == 0; ++i) ::usleep(100'000);
  if (::kill(child, 0) == 0 && ::waitpid(child, &status, WNOHANG) == 0) {
    ::kill(child, SIGKILL);
    ::waitpid(child, &status, 0);
  }
  ::close(master);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << shown;
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
