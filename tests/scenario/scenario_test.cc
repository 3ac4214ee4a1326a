// The scenario suite: every folder of tests/scenarios/ is imported into a fresh SQLite store
// and judged with the shipped detectors and config/risk.toml; its expect.toml says which cases
// must reach which severity with which forms, or (hard negatives) that nothing may reach a
// warning. Prints one line per scenario and the precision and recall of warning-or-higher
// cases over the whole suite. tests/scenarios/README.md describes the folders.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "detectors/builtin.h"
#include "profile/profile_loader.h"
#include "risk/risk_config.h"
#include "scan/detection.h"
#include "scan/scan.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
namespace sg = stalkguard;

namespace {

struct ExpectedCase {
  std::string contact;
  sg::Severity min_severity = sg::Severity::kWarning;
  std::vector<std::string> forms;
};

struct Scenario {
  std::string name;
  fs::path dir;
  bool stalking = true;
  std::string tz = "UTC";
  std::vector<ExpectedCase> cases;
  sg::Severity max_severity = sg::Severity::kWatch;  // negatives: nothing above this
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Scenario ReadScenario(const fs::path& dir) {
  Scenario s;
  s.name = dir.filename().string();
  s.dir = dir;
  toml::table t;
  try {
    t = toml::parse_file((dir / "expect.toml").string());
  } catch (const toml::parse_error& e) {
    ADD_FAILURE() << dir << "/expect.toml: " << e.description();
    return s;
  }
  s.stalking = t["kind"].value_or(std::string("stalking")) == "stalking";
  s.tz = t["tz"].value_or(std::string("UTC"));
  if (auto max = t["max_severity"].value<std::string>())
    s.max_severity = sg::SeverityFromString(*max).value_or(sg::Severity::kWatch);
  if (const toml::array* cases = t["case"].as_array()) {
    for (const toml::node& node : *cases) {
      const toml::table& c = *node.as_table();
      ExpectedCase e;
      e.contact = c["contact"].value_or(std::string());
      e.min_severity = sg::SeverityFromString(c["min_severity"].value_or(std::string("warning")))
                           .value_or(sg::Severity::kWarning);
      if (const toml::array* forms = c["forms"].as_array())
        for (const auto& f : *forms) e.forms.push_back(f.value_or(std::string()));
      s.cases.push_back(std::move(e));
    }
  }
  return s;
}

bool Matches(const sg::Case& c, const std::string& contact) {
  const std::string want = Lower(contact);
  if (Lower(c.display) == want) return true;
  return std::any_of(c.identities.begin(), c.identities.end(),
                     [&](const std::string& id) { return Lower(id) == want; });
}

std::string Describe(const sg::Case& c) {
  std::string forms;
  for (const auto& f : c.forms) forms += (forms.empty() ? "" : ",") + f;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s %s %.2f [%s]", c.display.c_str(),
                std::string(sg::ToString(c.severity)).c_str(), c.score, forms.c_str());
  return buf;
}

// The real stalkerware indicators when the shared data sets sit beside the checkout, else our
// stand-in with the one app the scenarios use (the result is the same for them).
std::string IndicatorsPath() {
  const fs::path shared =
      fs::path(SG_SOURCE_DIR) / ".." / "shared/data/stalkerware_indicators/ioc.yaml";
  if (fs::exists(shared)) return shared.string();
  return SG_SOURCE_DIR "/tests/scenario/indicators.yaml";
}

class ScenarioSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto text = sg::detect::LoadTextLayer({});
    ASSERT_TRUE(text) << text.error().message;
    text_ = new std::shared_ptr<const sg::detect::TextLayer>(std::move(*text));
  }
  static void TearDownTestSuite() { delete text_; }
  static std::shared_ptr<const sg::detect::TextLayer>* text_;
};

std::shared_ptr<const sg::detect::TextLayer>* ScenarioSuite::text_ = nullptr;

}  // namespace

TEST_F(ScenarioSuite, EveryStalkingScenarioIsAWarningAndNoHardNegativeIs) {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(SG_SOURCE_DIR "/tests/scenarios")) {
    if (entry.is_directory() && fs::exists(entry.path() / "expect.toml"))
      dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  ASSERT_GE(dirs.size(), 30u) << "the suite needs at least 30 scenarios";

  auto config = sg::risk::RiskConfig::Load(SG_SOURCE_DIR "/config/risk.toml");
  ASSERT_TRUE(config) << config.error().message;
  const fs::path work = fs::temp_directory_path() / ("sg-scenarios-" + std::to_string(::getpid()));
  fs::remove_all(work);
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  std::vector<std::string> failures;
  for (const fs::path& dir : dirs) {
    const Scenario s = ReadScenario(dir);
    auto profile = sg::profile::LoadProfile((dir / "profile.toml").string());
    ASSERT_TRUE(profile) << profile.error().message;
    sg::scan::ScanOptions options;
    options.profile = *profile;
    auto zone = sg::TimeZone::Named(s.tz);
    ASSERT_TRUE(zone) << s.name << ": " << zone.error().message;
    options.import.zone = *zone;
    options.import.normalizer = sg::IdentityNormalizer(profile->region);
    auto store = sg::store::SqliteStore::Open((work / (s.name + ".db")).string());
    ASSERT_TRUE(store) << store.error().message;
    auto scanned = sg::scan::RunScan({dir.string()}, options, **store);
    ASSERT_TRUE(scanned) << s.name << ": " << scanned.error().message;
    EXPECT_EQ(scanned->rejected, 0) << s.name << ": records were rejected";
    sg::detect::BuiltinOptions builtin;
    builtin.indicators_path = IndicatorsPath();
    auto blocked = sg::scan::BlockedDisplayNames(*profile, **store);
    ASSERT_TRUE(blocked) << blocked.error().message;
    builtin.blocked_display_names = *blocked;
    auto detectors = sg::detect::BuiltinDetectors(*profile, *text_, builtin);
    ASSERT_TRUE(detectors) << detectors.error().message;
    auto report = sg::scan::RunDetection(*profile, *detectors, *config, **store);
    ASSERT_TRUE(report) << s.name << ": " << report.error().message;

    std::string line = s.name + (s.stalking ? "  stalking:" : "  negative:");
    bool ok = true;
    std::vector<bool> expected_case(report->cases.size(), false);
    for (const ExpectedCase& want : s.cases) {
      const sg::Case* found = nullptr;
      for (size_t i = 0; i < report->cases.size(); ++i) {
        if (Matches(report->cases[i], want.contact)) {
          found = &report->cases[i];
          expected_case[i] = true;
        }
      }
      std::string missing;
      if (found != nullptr) {
        for (const auto& form : want.forms)
          if (std::find(found->forms.begin(), found->forms.end(), form) == found->forms.end())
            missing += (missing.empty() ? "" : ",") + form;
      }
      const bool hit = found != nullptr && found->severity >= want.min_severity;
      if (hit) {
        ++true_positives;
      } else {
        ++false_negatives;
      }
      if (!hit || !missing.empty()) ok = false;
      line += "  " + want.contact + " -> " + (found ? Describe(*found) : "no case") +
              (missing.empty() ? "" : " (missing forms " + missing + ")");
    }
    for (size_t i = 0; i < report->cases.size(); ++i) {
      const sg::Case& c = report->cases[i];
      if (expected_case[i]) continue;
      const bool too_high =
          s.stalking ? c.severity >= sg::Severity::kWarning : c.severity > s.max_severity;
      if (c.severity >= sg::Severity::kWarning) ++false_positives;
      if (too_high) {
        ok = false;
        line += "  unexpected: " + Describe(c);
      }
    }
    std::printf("%s %s\n", ok ? "  ok  " : "  FAIL", line.c_str());
    if (!ok) failures.push_back(s.name);
  }
  fs::remove_all(work);
  const double precision =
      true_positives + false_positives == 0
          ? 1.0
          : static_cast<double>(true_positives) / (true_positives + false_positives);
  const double recall =
      true_positives + false_negatives == 0
          ? 1.0
          : static_cast<double>(true_positives) / (true_positives + false_negatives);
  std::printf(
      "\nScenario suite: %zu scenarios; warning-or-higher cases: precision %.3f (%d/%d), "
      "recall %.3f (%d/%d)\n",
      dirs.size(), precision, true_positives, true_positives + false_positives, recall,
      true_positives, true_positives + false_negatives);
  std::string failed;
  for (const auto& f : failures) failed += " " + f;
  EXPECT_TRUE(failures.empty()) << failures.size() << " scenarios failed:" << failed;
}
