// Runs the real `stalkguard password` with a marker password on standard input and checks the
// marker never comes back out: not on stdout, not on stderr, not in --json.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
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
      "password --account mail --account bank",
      std::string(kMarker) + "\n" + kMarker + "\nforum\tpassword\nshop\t" + kMarker + "\n");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.find(kMarker), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("Zq7"), std::string::npos);
  EXPECT_NE(run.out.find("reused: with bank, shop"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("common password: yes"), std::string::npos) << run.out;
}

TEST(CliPassword, MarkerNeverInJson) {
  const CommandResult run =
      Stalkguard("password --json", std::string("mail\t") + kMarker + "\nforum\tpassword\n");
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
  const CommandResult run = Stalkguard("password --json --csv " + csv.string(), "");
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

TEST(CliPassword, MissingCommonListIsNamed) {
  const CommandResult run = Stalkguard("password --common /nonexistent/list.sgpw", "x\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("/nonexistent/list.sgpw"), std::string::npos) << run.out;
}

}  // namespace
