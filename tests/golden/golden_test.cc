// Golden tests: every fixture export goes through the real walker, importers and event
// preparer, and the normalised events (and rejections) must equal tests/golden/<fixture>.jsonl.
// After an intended change, regenerate with `make golden` and review the diff.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "importers/builtin.h"
#include "importers/walker.h"
#include "profile/profile_loader.h"
#include "scan/event_preparer.h"
#include "serialize/event_json.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

class GoldenSink : public sg::importers::EventSink {
 public:
  explicit GoldenSink(const sg::Profile& profile) : preparer_(profile) {}
  void Emit(sg::Event&& event) override {
    preparer_.Prepare(event);
    out << sg::serialize::EventToJson(event) << "\n";
  }
  void Reject(const sg::SourceRef& where, const std::string& reason) override {
    out << R"({"rejected":{"source":")" << where.file << R"(","record":")" << where.record
        << R"(","reason":)" << nlohmann_escape(reason) << "}}\n";
  }
  std::ostringstream out;

 private:
  static std::string nlohmann_escape(const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r + "\"";
  }
  sg::scan::EventPreparer preparer_;
};

std::vector<std::string> FixtureFiles() {
  std::vector<std::string> files;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(SG_SOURCE_DIR) / "tests/fixtures")) {
    if (entry.is_regular_file()) {
      files.push_back(fs::relative(entry.path(), SG_SOURCE_DIR).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ImportMatchesGoldenFile) {
  fs::current_path(SG_SOURCE_DIR);  // so that source names in the output are relative
  auto profile = sg::profile::LoadProfile("examples/profile.toml");
  ASSERT_TRUE(profile) << profile.error().message;
  sg::importers::ImportOptions options;
  options.zone = *sg::TimeZone::Named("Europe/London");
  options.normalizer = sg::IdentityNormalizer(profile->region);
  const auto importers = sg::importers::BuiltinImporters();
  GoldenSink sink(*profile);
  sg::importers::Walker walker(importers, options, sink);
  ASSERT_TRUE(walker.ImportPath(GetParam()));
  for (const auto& skipped : walker.skipped())
    sink.out << "{\"skipped\":\"" << skipped.reason << "\"}\n";

  const fs::path golden =
      fs::path("tests/golden") / (GetParam().substr(sizeof("tests/fixtures/") - 1) + ".jsonl");
  if (std::getenv("SG_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << sink.out.str();
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run `make golden`";
  EXPECT_EQ(sink.out.str(), ReadFile(golden))
      << "for " << GetParam() << "; if the change is intended, run `make golden`";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(FixtureFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param.substr(sizeof("tests/fixtures/") - 1);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
