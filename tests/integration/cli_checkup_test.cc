// Runs the real `stalkguard checkup` (and `report`) on a store scanned from the example
// exports: the items and their statuses, answers kept between runs, at the terminal and from
// flags, the phone's app list, and the check-up section of the report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/integration/run_binary.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using stalkguard::testing::CommandResult;
using stalkguard::testing::RunStalkguard;
using stalkguard::testing::TerminalSession;

namespace {

class CliCheckup : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-checkup-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "store.db").string();
    profile_ = std::string(SG_SOURCE_DIR) + "/examples/profile.toml";
    const CommandResult scan = RunStalkguard("scan --json --db " + db_ + " --profile " + profile_ +
                                                 " " + SG_SOURCE_DIR + "/examples/exports",
                                             "", false);
    ASSERT_EQ(scan.exit_code, 0) << scan.out;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Args(const std::string& more = "") const {
    return "checkup --db " + db_ + " --profile " + profile_ + (more.empty() ? "" : " " + more);
  }

  // The --json check-up, its items by id.
  json Items(const std::string& more = "") const {
    const CommandResult run = RunStalkguard(Args("--json " + more), "", false);
    EXPECT_EQ(run.exit_code, 0) << run.out;
    const json report = json::parse(run.out, nullptr, false);
    json items = json::object();
    if (!report.is_object()) return items;
    for (const json& item : report["items"]) items[item["id"].get<std::string>()] = item;
    return items;
  }

  fs::path dir_;
  std::string db_, profile_;
};

}  // namespace

TEST_F(CliCheckup, ExampleStoreHasPostsAndLinksToFixTheRestNotKnown) {
  const json items = Items();
  EXPECT_EQ(items["oversharing"]["status"], "fix");
  // Sam's TikTok post names the gym street and the time Sam is there every day.
  const json& post = items["oversharing"]["evidence"][0];
  EXPECT_NE(post["source"].get<std::string>().find("tiktok-comments.jsonl"), std::string::npos);
  std::set<std::string> words;
  for (const json& r : post["remove"]) words.insert(r["words"].get<std::string>());
  EXPECT_TRUE(words.count("Mill Lane")) << post.dump();
  EXPECT_TRUE(words.count("Gym every day at 6")) << post.dump();
  EXPECT_EQ(items["links"]["status"], "fix");
  for (const char* id : {"passwords", "apps", "two-factor", "shared-devices"}) {
    EXPECT_EQ(items[id]["status"], "unknown") << id;
    EXPECT_FALSE(items[id]["steps"].empty()) << id;
  }
}

TEST_F(CliCheckup, AnswersAreKeptForTheNextCheckup) {
  json items = Items("--answer shared-devices=yes --answer location-sharing=no");
  EXPECT_EQ(items["shared-devices"]["status"], "fix");
  EXPECT_EQ(items["location-sharing"]["status"], "ok");
  items = Items();  // no flags: the answers come from the store
  EXPECT_EQ(items["shared-devices"]["status"], "fix");
  EXPECT_EQ(items["location-sharing"]["status"], "ok");
  items = Items("--answer shared-devices=no");
  EXPECT_EQ(items["shared-devices"]["status"], "ok");
}

TEST_F(CliCheckup, UnknownQuestionOrAnswerIsRefusedWithTheList) {
  CommandResult run = RunStalkguard(Args("--answer shared-device=no"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("shared-device=no"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("two-factor:email:sam.lee@example.org"), std::string::npos) << run.out;
  run = RunStalkguard(Args("--answer shared-devices=maybe"));
  EXPECT_EQ(run.exit_code, 1);
  // --ask needs a terminal; from a pipe it says what to use instead.
  run = RunStalkguard(Args("--ask"), "y\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("--answer"), std::string::npos) << run.out;
}

TEST_F(CliCheckup, QuestionsAskedAtTheTerminalAreAnsweredOnce) {
  {
    TerminalSession term({"checkup", "--db", db_, "--profile", profile_, "--ask"});
    std::string shown = term.ReadUntil("[y/n/u] ");
    ASSERT_NE(shown.find("Is two-step verification on for sam.lee@example.org (e-mail)?"),
              std::string::npos)
        << shown;
    term.Type("yes");  // e-mail
    term.ReadUntil("[y/n/u] ");
    term.Type("maybe");  // not an answer: asked again
    shown = term.ReadUntil("[y/n/u] ");
    EXPECT_NE(shown.find("Please type y, n or u"), std::string::npos) << shown;
    term.Type("n");                // Instagram
    for (int i = 0; i < 4; ++i) {  // the other accounts: skipped with Enter
      term.ReadUntil("[y/n/u] ");
      term.Type("");
    }
    shown = term.ReadUntil("[y/n/u] ");
    ASSERT_NE(shown.find("passcode"), std::string::npos) << shown;
    term.Type("y");  // someone else knows the passcode
    std::string rest;
    // End of input stops the questions; the check-up is still printed.
    term.ReadUntil("[y/n/u] ");
    term.Type("\x04");
    EXPECT_EQ(term.Finish(&rest), 0) << rest;
    EXPECT_NE(rest.find("Safety check-up:"), std::string::npos) << rest;
  }
  const json items = Items();
  EXPECT_EQ(items["shared-devices"]["status"], "fix");
  EXPECT_EQ(items["two-factor"]["status"], "fix");
  const std::string evidence = items["two-factor"]["evidence"].dump();
  EXPECT_NE(evidence.find("sam.lee@example.org (e-mail): on"), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("Instagram (sam.lee): you answered no"), std::string::npos) << evidence;
  EXPECT_NE(evidence.find("Telegram (samlee): not answered yet"), std::string::npos) << evidence;
}

TEST_F(CliCheckup, AppListIsCheckedAndRemembered) {
  const fs::path apps = dir_ / "apps.txt";
  std::ofstream(apps) << "package:com.whatsapp\npackage:com.mspy.lite\nError: no devices\n";
  const CommandResult run = RunStalkguard(Args("--apps " + apps.string()));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("apps.txt:3:"), std::string::npos) << run.out;  // the bad line, named
  EXPECT_NE(run.out.find("com.mspy.lite"), std::string::npos) << run.out;
  EXPECT_EQ(Items()["apps"]["status"], "fix");
}

TEST_F(CliCheckup, PasswordAuditSummaryShowsInTheCheckup) {
  const CommandResult audit =
      RunStalkguard("password --db " + db_, "mail\tcorrect-horse-battery-9\nbank\tpassword\n");
  ASSERT_EQ(audit.exit_code, 0) << audit.out;
  const json items = Items();
  EXPECT_EQ(items["passwords"]["status"], "fix");
  EXPECT_EQ(items["passwords"]["evidence"][0]["text"],
            "bank: on the list of common passwords; weak");
}

TEST_F(CliCheckup, ReportHasTheCheckupSectionUnlessAskedNot) {
  ASSERT_EQ(RunStalkguard(Args("--answer location-sharing=yes"), "", false).exit_code, 0);
  const std::string base = "report --db " + db_ + " --profile " + profile_ + " --all --out ";
  const fs::path with = dir_ / "with.html";
  ASSERT_EQ(RunStalkguard(base + with.string()).exit_code, 0);
  std::ifstream in(with);
  const std::string html((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(html.find("<h2>Safety check-up</h2>"), std::string::npos);
  EXPECT_NE(html.find("Is your location shared with anyone?"), std::string::npos);
  EXPECT_NE(html.find("Gym every day at 6"), std::string::npos);

  const fs::path redacted = dir_ / "redacted.html";
  ASSERT_EQ(RunStalkguard(base + redacted.string() + " --redact").exit_code, 0);
  std::ifstream rin(redacted);
  const std::string rhtml((std::istreambuf_iterator<char>(rin)), {});
  EXPECT_NE(rhtml.find("<h2>Safety check-up</h2>"), std::string::npos);
  EXPECT_EQ(rhtml.find("Gym every day at 6"), std::string::npos);  // what it was seen in: out

  const fs::path without = dir_ / "without.html";
  ASSERT_EQ(RunStalkguard(base + without.string() + " --no-checkup").exit_code, 0);
  std::ifstream win(without);
  const std::string whtml((std::istreambuf_iterator<char>(win)), {});
  EXPECT_EQ(whtml.find("Safety check-up"), std::string::npos);
}
