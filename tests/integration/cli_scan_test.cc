// Runs the real stalkguard binary on the example exports and reads its --json output.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

CommandResult Stalkguard(const std::string& args) {
  const std::string command = std::string(SG_BINARY) + " " + args + " 2>/dev/null";
  CommandResult run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class CliScan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "store.db").string();
    source_ = SG_SOURCE_DIR;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string ScanArgs(const std::string& paths) const {
    return "scan --json --tz Europe/London --db " + db_ + " --profile " + source_ +
           "/examples/profile.toml " + paths;
  }
  fs::path dir_;
  std::string db_, source_;
};

const json* ContactNamed(const json& report, const std::string& display) {
  for (const auto& c : report["contacts"])
    if (c["display"] == display) return &c;
  return nullptr;
}

}  // namespace

TEST_F(CliScan, ExamplesImportCleanlyAndLinkTheStalker) {
  CommandResult run = Stalkguard(ScanArgs(source_ + "/examples/exports"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json report = json::parse(run.out);
  EXPECT_GT(report["imported"]["events"].get<int>(), 100);
  EXPECT_EQ(report["imported"]["rejected"], 0);
  EXPECT_EQ(report["store"], db_);
  const json* jordan = ContactNamed(report, "Jordan Blake");
  ASSERT_NE(jordan, nullptr);
  // Phone, e-mail, WhatsApp, Telegram and Instagram are one person.
  EXPECT_GE((*jordan)["identities"].size(), 5u);
  EXPECT_FALSE((*jordan)["linked_because"].empty());
  EXPECT_GT((*jordan)["messages"]["incoming"].get<int>(), 50);
  // The protected person is not a contact of their own.
  EXPECT_EQ(ContactNamed(report, "Sam Lee"), nullptr);
}

TEST_F(CliScan, ScanningTwiceAddsNothing) {
  CommandResult first = Stalkguard(ScanArgs(source_ + "/examples/exports"));
  ASSERT_EQ(first.exit_code, 0);
  CommandResult second = Stalkguard(ScanArgs(source_ + "/examples/exports"));
  ASSERT_EQ(second.exit_code, 0);
  const json a = json::parse(first.out), b = json::parse(second.out);
  EXPECT_EQ(b["imported"]["events"], 0);
  EXPECT_EQ(b["imported"]["duplicates"], a["imported"]["events"]);
}

TEST_F(CliScan, RejectionsSetExitStatusTwoAndNameTheRecord) {
  CommandResult run = Stalkguard(ScanArgs(source_ + "/tests/fixtures/whatsapp/broken.txt"));
  EXPECT_EQ(run.exit_code, 2);
  const json report = json::parse(run.out);
  EXPECT_GT(report["imported"]["events"].get<int>(), 0);
  ASSERT_FALSE(report["rejected"].empty());
  EXPECT_EQ(report["rejected"][0]["source"], source_ + "/tests/fixtures/whatsapp/broken.txt");
  EXPECT_EQ(report["rejected"][0]["record"], "line 1");
}

TEST_F(CliScan, BadProfileFailsWithTheKeyNamed) {
  const std::string profile = (dir_ / "p.toml").string();
  FILE* f = std::fopen(profile.c_str(), "w");
  std::fputs("[person]\nphone = [\"+447700900123\"]\n", f);
  std::fclose(f);
  const std::string command = std::string(SG_BINARY) + " scan --db " + db_ + " --profile " +
                              profile + " " + source_ + "/examples/exports 2>&1";
  CommandResult run;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(run.out.find("unknown key \"person.phone\""), std::string::npos) << run.out;
}

TEST_F(CliScan, ExamplesYieldTheStalkerAsADangerCaseFirst) {
  CommandResult run = Stalkguard(ScanArgs(source_ + "/examples/exports"));
  ASSERT_EQ(run.exit_code, 0);
  const json report = json::parse(run.out);
  ASSERT_TRUE(report.contains("cases"));
  const json& cases = report["cases"];
  ASSERT_FALSE(cases.empty());
  const json& first = cases[0];
  EXPECT_EQ(first["contact"]["display"], "Jordan Blake");
  EXPECT_EQ(first["severity"], "danger");
  const auto forms = first["forms"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(forms.begin(), forms.end(), "excessive_contact"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "abusive_messages"), forms.end());
  EXPECT_TRUE(first["facts"]["refused"].get<bool>());
  EXPECT_GT(first["facts"]["messages_after_refusal"].get<int>(), 0);
  EXPECT_TRUE(first["facts"]["knows_whereabouts"].get<bool>());
  EXPECT_FALSE(first["actions"].empty());
  for (const auto& f : first["findings"]) {
    EXPECT_TRUE(f.contains("event") && f.contains("detector") && f.contains("category") &&
                f.contains("score") && f.contains("excerpt") && f.contains("why"));
  }
  // Sorted: severity never rises down the list.
  const std::vector<std::string> order = {"info", "watch", "warning", "danger"};
  auto rank = [&](const json& c) {
    return std::find(order.begin(), order.end(), c["severity"].get<std::string>()) - order.begin();
  };
  for (size_t i = 1; i < cases.size(); ++i) EXPECT_LE(rank(cases[i]), rank(cases[i - 1]));
  // Dad is trusted and only worried: never a warning.
  for (const auto& c : cases) {
    if (c["contact"]["display"] != "Dad") continue;
    EXPECT_EQ(c["trusted"], true);
    EXPECT_NE(c["severity"], "warning");
    EXPECT_NE(c["severity"], "danger");
  }

  // `stalkguard cases` lists what the scan stored.
  CommandResult listed = Stalkguard("cases --json --db " + db_);
  ASSERT_EQ(listed.exit_code, 0);
  const json stored = json::parse(listed.out);
  ASSERT_EQ(stored["cases"].size(), cases.size());
  EXPECT_EQ(stored["cases"][0]["contact"]["display"], "Jordan Blake");
  // Findings carry their evidence-log id, the same in the scan's output and the store's.
  std::multiset<std::string> scanned_ids, stored_ids;
  for (const auto& c : cases)
    for (const auto& f : c["findings"]) scanned_ids.insert(f.value("id", ""));
  for (const auto& c : stored["cases"])
    for (const auto& f : c["findings"]) stored_ids.insert(f.value("id", ""));
  EXPECT_EQ(scanned_ids, stored_ids);
  EXPECT_EQ(scanned_ids.count(""), 0u);
}

TEST(CliClassify, PrintsModelAndPatternFindingsPerLine) {
  const std::string command = "printf 'I know where you live\\nhave a lovely day\\n' | " +
                              std::string(SG_BINARY) + " classify";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ASSERT_EQ(WEXITSTATUS(::pclose(pipe)), 0);
  const size_t newline = out.find('\n');
  ASSERT_NE(newline, std::string::npos);
  const json threat = json::parse(out.substr(0, newline));
  const json kind = json::parse(out.substr(newline + 1));
  EXPECT_GT(threat["scores"]["threat"].get<double>(), 0.6);
  bool model = false, pattern = false;
  for (const auto& f : threat["findings"]) {
    model |= f["detector"] == "text.classifier" && f["category"] == "threat";
    pattern |= f["detector"] == "text.patterns" && f["category"] == "whereabouts";
  }
  EXPECT_TRUE(model) << threat.dump();
  EXPECT_TRUE(pattern) << threat.dump();
  EXPECT_TRUE(kind["findings"].empty()) << kind.dump();
}
