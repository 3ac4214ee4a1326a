// Runs the real stalkguard binary: scan the example exports, export Jordan Blake's case as a
// signed bundle, check `verify` accepts it and catches each kind of tampering, and write the
// PDF and HTML reports (read back with poppler's pdfinfo and pdftotext).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs `command` through the shell; stdout (and stderr when asked) in `out`.
CommandResult Shell(const std::string& command, bool with_stderr) {
  const std::string full = command + (with_stderr ? " 2>&1" : " 2>/dev/null");
  CommandResult run;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const fs::path& path) { return "'" + path.string() + "'"; }

CommandResult Stalkguard(const std::string& args) {
  return Shell(std::string(SG_BINARY) + " " + args, /*with_stderr=*/true);
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Spit(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// The value after `label` on its line of `verify` output: "  fingerprint   3f2a-...".
std::string Field(const std::string& out, const std::string& label) {
  for (const std::string& line : Lines(out)) {
    const size_t at = line.find(label);
    if (at == std::string::npos) continue;
    std::string value = line.substr(at + label.size());
    value.erase(0, value.find_first_not_of(' '));
    return value;
  }
  return "";
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// One store scanned from the examples for the whole suite, and Jordan Blake's case in it.
class CliEvidence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("sg-cli-evidence-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "store");
    const std::string source = SG_SOURCE_DIR;
    profile_ = source + "/examples/profile.toml";
    db_ = (root_ / "store" / "stalkguard.db").string();
    const CommandResult scan =
        Shell(std::string(SG_BINARY) + " scan --tz Europe/London --db " + db_ + " --profile " +
                  profile_ + " " + source + "/examples/exports",
              true);
    scan_exit_ = scan.exit_code;
    scan_out_ = scan.out;
    const CommandResult cases = Shell(std::string(SG_BINARY) + " cases --json --db " + db_, false);
    if (cases.exit_code != 0) return;
    const json listed = json::parse(cases.out);
    for (const json& c : listed["cases"])
      if (c["contact"]["display"] == "Jordan Blake")
        jordan_ = c["contact"]["id"].get<std::string>();
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  void SetUp() override {
    ASSERT_EQ(scan_exit_, 0) << scan_out_;
    ASSERT_FALSE(jordan_.empty()) << "no case for Jordan Blake";
    dir_ = root_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  static std::string Db() { return " --db " + db_; }
  static std::string Case() { return " --case " + jordan_; }

  // Exports Jordan's case to `out` (a directory or a .zip); fails the test when it cannot.
  static void Export(const fs::path& out, const std::string& extra = "") {
    const CommandResult run = Stalkguard("export" + Db() + Case() + extra + " --out " + Quote(out));
    ASSERT_EQ(run.exit_code, 0) << run.out;
    ASSERT_TRUE(fs::exists(out)) << run.out;
  }

  // A directory bundle exported once per test, and a fresh copy of it to tamper with.
  fs::path Pristine() {
    const fs::path bundle = dir_ / "bundle";
    if (!fs::exists(bundle)) Export(bundle);
    return bundle;
  }
  fs::path FreshCopy(const std::string& name) {
    const fs::path copy = dir_ / name;
    fs::remove_all(copy);
    fs::copy(Pristine(), copy, fs::copy_options::recursive);
    return copy;
  }

  static CommandResult Verify(const fs::path& bundle, const std::string& extra = "") {
    return Stalkguard("verify " + Quote(bundle) + extra);
  }

  // Each chain.jsonl line that is a whole entry (not a gap), with its index and seq.
  struct EntryLine {
    size_t index = 0;
    uint64_t seq = 0;
  };
  static std::vector<EntryLine> EntryLines(const std::vector<std::string>& lines) {
    std::vector<EntryLine> out;
    for (size_t i = 0; i < lines.size(); ++i) {
      const json line = json::parse(lines[i]);
      if (line.contains("seq")) out.push_back({i, line["seq"].get<uint64_t>()});
    }
    return out;
  }
  // The index of a whole entry in the middle of the chain with whole entries on both sides.
  static size_t EntryBetweenEntries(const std::vector<std::string>& lines) {
    const std::vector<EntryLine> entries = EntryLines(lines);
    for (size_t k = std::max<size_t>(entries.size() / 2, 1); k + 1 < entries.size(); ++k) {
      if (entries[k - 1].index + 1 == entries[k].index &&
          entries[k].index + 1 == entries[k + 1].index)
        return entries[k].index;
    }
    ADD_FAILURE() << "no three whole entries in a row in chain.jsonl";
    return 0;
  }
  static uint64_t SeqOf(const std::string& line) { return json::parse(line)["seq"]; }

  static inline fs::path root_;
  static inline std::string profile_, db_, jordan_, scan_out_;
  static inline int scan_exit_ = -1;
  fs::path dir_;
};

}  // namespace

TEST_F(CliEvidence, ExportedZipAndDirectoryVerify) {
  for (const char* name : {"case.zip", "case-dir"}) {
    const fs::path out = dir_ / name;
    const CommandResult run =
        Stalkguard("export" + Db() + Case() + " --tz Europe/London --out " + Quote(out));
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_TRUE(Contains(run.out, "1 case(s)")) << run.out;
    const CommandResult verified = Verify(out);
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
    EXPECT_TRUE(Contains(verified.out, "OK")) << verified.out;
    // Export and verify print the same fingerprint and head.
    EXPECT_EQ(Field(run.out, "Bundle fingerprint"), Field(verified.out, "fingerprint"));
    EXPECT_FALSE(Field(verified.out, "fingerprint").empty());
    EXPECT_TRUE(Contains(Field(verified.out, "log head"), Field(run.out, "Evidence log head")));
  }
  EXPECT_TRUE(fs::is_regular_file(dir_ / "case.zip"));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "case-dir" / "manifest.json"));
}

TEST_F(CliEvidence, VerifyNamesAChangedByteOfAnEventText) {
  const fs::path bundle = FreshCopy("tampered");
  std::vector<std::string> lines = Lines(Slurp(bundle / "events.jsonl"));
  // Jordan's first message in the Telegram export.
  const std::string words = "can we talk? I miss you";
  std::string id;
  for (std::string& line : lines) {
    const size_t at = line.find(words);
    if (at == std::string::npos) continue;
    id = json::parse(line)["id"].get<std::string>();
    line[at + 8] = 'b';  // "talk" -> "tblk"
    break;
  }
  ASSERT_FALSE(id.empty()) << "no event with \"" << words << "\"";
  Spit(bundle / "events.jsonl", Join(lines));
  const CommandResult run = Verify(bundle);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, "FAILED")) << run.out;
  EXPECT_TRUE(Contains(run.out, "events.jsonl")) << run.out;
  EXPECT_TRUE(Contains(run.out, "event " + id)) << run.out;
  EXPECT_FALSE(Contains(run.out, "OK:")) << run.out;
}

TEST_F(CliEvidence, VerifyNamesADroppedChainEntry) {
  const fs::path bundle = FreshCopy("dropped");
  std::vector<std::string> lines = Lines(Slurp(bundle / "chain.jsonl"));
  const size_t drop = EntryBetweenEntries(lines);
  const uint64_t dropped = SeqOf(lines[drop]), next = SeqOf(lines[drop + 1]);
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(drop));
  Spit(bundle / "chain.jsonl", Join(lines));
  const CommandResult run = Verify(bundle);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, "chain.jsonl")) << run.out;
  EXPECT_TRUE(Contains(run.out, "entry " + std::to_string(next) + ":")) << run.out;
  EXPECT_TRUE(Contains(run.out, std::to_string(next) + " follows " + std::to_string(dropped - 1)))
      << run.out;
}

TEST_F(CliEvidence, VerifyNamesSwappedChainEntries) {
  const fs::path bundle = FreshCopy("swapped");
  std::vector<std::string> lines = Lines(Slurp(bundle / "chain.jsonl"));
  const size_t first = EntryBetweenEntries(lines);
  const uint64_t a = SeqOf(lines[first]), b = SeqOf(lines[first + 1]);
  std::swap(lines[first], lines[first + 1]);
  Spit(bundle / "chain.jsonl", Join(lines));
  const CommandResult run = Verify(bundle);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, std::to_string(a) + " follows " + std::to_string(b))) << run.out;
  EXPECT_TRUE(Contains(run.out, "entry " + std::to_string(b) + ":")) << run.out;
  EXPECT_TRUE(Contains(run.out, "reordered")) << run.out;
}

TEST_F(CliEvidence, VerifyNamesAnAlteredOriginalRecord) {
  const fs::path bundle = FreshCopy("original");
  // An SMS of Jordan's as the backup held it: <sms ... body="..." />.
  fs::path original;
  std::string bytes;
  size_t body = std::string::npos;
  for (const auto& entry : fs::directory_iterator(bundle / "originals")) {
    bytes = Slurp(entry.path());
    body = bytes.find("body=\"");
    if (body != std::string::npos && bytes.size() > body + 7) {
      original = entry.path();
      break;
    }
  }
  ASSERT_FALSE(original.empty()) << "no SMS among the original records";
  bytes[body + 6] = bytes[body + 6] == 'x' ? 'y' : 'x';
  Spit(original, bytes);
  const CommandResult run = Verify(bundle);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, "originals/" + original.filename().string())) << run.out;
  EXPECT_TRUE(Contains(run.out, "original record was altered")) << run.out;
}

// A second installation: its own store and device key, the same examples and case.
class CliEvidenceTwoKeys : public CliEvidence {
 protected:
  void SetUp() override {
    CliEvidence::SetUp();
    if (HasFatalFailure()) return;
    fs::create_directories(dir_ / "other");
    const std::string other_db = (dir_ / "other" / "stalkguard.db").string();
    const CommandResult scan =
        Stalkguard("scan --tz Europe/London --db " + other_db + " --profile " + profile_ + " " +
                   SG_SOURCE_DIR + "/examples/exports");
    ASSERT_EQ(scan.exit_code, 0) << scan.out;
    other_ = dir_ / "other-bundle";
    const CommandResult run =
        Stalkguard("export --db " + other_db + Case() + " --out " + Quote(other_));
    ASSERT_EQ(run.exit_code, 0) << run.out;
  }
  static std::string Manifest(const fs::path& bundle, const std::string& key) {
    return json::parse(Slurp(bundle / "manifest.json"))[key];
  }
  fs::path other_;
};

TEST_F(CliEvidenceTwoKeys, VerifyRefusesASignatureFromAnotherKey) {
  const fs::path bundle = FreshCopy("resigned");
  const std::string mine = Manifest(bundle, "signature");
  const std::string theirs = Manifest(other_, "signature");
  ASSERT_NE(mine, theirs);
  std::string manifest = Slurp(bundle / "manifest.json");
  const size_t at = manifest.find(mine);
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, mine.size(), theirs);
  Spit(bundle / "manifest.json", manifest);
  const CommandResult run = Verify(bundle);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, "signature does not verify")) << run.out;
}

TEST_F(CliEvidenceTwoKeys, VerifyWithKeyRefusesABundleSignedByAnotherDevice) {
  const fs::path mine = Pristine();
  const std::string my_key = Manifest(mine, "public_key");
  ASSERT_NE(my_key, Manifest(other_, "public_key"));
  // Both bundles are sound on their own.
  const CommandResult theirs_alone = Verify(other_);
  ASSERT_EQ(theirs_alone.exit_code, 0) << theirs_alone.out;
  const CommandResult mine_trusted = Verify(mine, " --key " + my_key);
  EXPECT_EQ(mine_trusted.exit_code, 0) << mine_trusted.out;
  // Signed by a key that is not the trusted one: refused, naming both keys.
  const CommandResult run = Verify(other_, " --key " + my_key);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_TRUE(Contains(run.out, "not by the trusted key " + Field(mine_trusted.out, "signed by")))
      << run.out;
  EXPECT_TRUE(Contains(run.out, Field(theirs_alone.out, "signed by"))) << run.out;

  // The other device's manifest (public key and signature) over this device's files: the
  // files no longer match what it lists, and the key is still not the trusted one.
  const fs::path mixed = FreshCopy("mixed");
  fs::copy_file(other_ / "manifest.json", mixed / "manifest.json",
                fs::copy_options::overwrite_existing);
  const CommandResult mixed_run = Verify(mixed, " --key " + my_key);
  EXPECT_EQ(mixed_run.exit_code, 3) << mixed_run.out;
  EXPECT_TRUE(Contains(mixed_run.out, "not by the trusted key")) << mixed_run.out;
}

TEST_F(CliEvidence, ReportPdfCitesTheBundleItWrote) {
  if (Shell("command -v pdfinfo && command -v pdftotext", false).exit_code != 0)
    GTEST_SKIP() << "poppler-utils (pdfinfo, pdftotext) are not installed";
  const fs::path pdf = dir_ / "r.pdf";
  const CommandResult run =
      Stalkguard("report" + Db() + Case() + " --tz Europe/London --out " + Quote(pdf));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  ASSERT_TRUE(fs::is_regular_file(pdf));
  const fs::path bundle = dir_ / "r-evidence.zip";
  ASSERT_TRUE(fs::is_regular_file(bundle)) << run.out;

  const CommandResult info = Shell("pdfinfo " + Quote(pdf), false);
  ASSERT_EQ(info.exit_code, 0) << info.out;
  const std::string pages = Field(info.out, "Pages:");
  ASSERT_FALSE(pages.empty()) << info.out;
  EXPECT_GT(std::stoi(pages), 0);

  const CommandResult text = Shell("pdftotext " + Quote(pdf) + " -", false);
  ASSERT_EQ(text.exit_code, 0);
  const CommandResult verified = Verify(bundle);
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  const std::string head = Field(verified.out, "log head");  // "250 entries, <64 hex>"
  const std::string head_hash = head.substr(head.find(", ") + 2);
  const std::string fingerprint = Field(verified.out, "fingerprint");
  ASSERT_EQ(head_hash.size(), 64u) << verified.out;
  ASSERT_FALSE(fingerprint.empty());
  for (const std::string& want :
       {std::string("Jordan Blake"), std::string("I know you were at the Mill Lane bus stop at 8"),
        std::string("Evidence integrity"), head_hash, fingerprint,
        Field(verified.out, "signed by")}) {
    EXPECT_TRUE(Contains(text.out, want)) << "the PDF text lacks \"" << want << "\"";
  }
}

TEST_F(CliEvidence, ReportHtmlOfAllCasesIsSelfContained) {
  const fs::path html = dir_ / "r.html";
  const CommandResult run = Stalkguard("report" + Db() + " --all --tz Europe/London --out " +
                                       Quote(html) + " --bundle " + Quote(dir_ / "all.zip"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const std::string page = Slurp(html);
  EXPECT_FALSE(Contains(page, "<script")) << "scripts in a report";
  EXPECT_FALSE(Contains(page, "<link")) << "a stylesheet or resource from elsewhere";
  EXPECT_FALSE(Contains(page, "src=\"http")) << "an image from elsewhere";
  EXPECT_TRUE(Contains(page, "<svg"));
  EXPECT_TRUE(Contains(page, "Jordan Blake"));
  EXPECT_TRUE(Contains(page, "Evidence integrity"));
  const CommandResult verified = Verify(dir_ / "all.zip");
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_TRUE(Contains(page, Field(verified.out, "fingerprint")));
}

TEST_F(CliEvidence, RedactedExportVerifies) {
  const fs::path out = dir_ / "redacted";
  Export(out, " --redact --profile " + profile_);
  const CommandResult run = Verify(out);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_TRUE(Contains(run.out, "OK")) << run.out;
  EXPECT_TRUE(Contains(run.out, "was redacted before export")) << run.out;
  // Alex Kim, copied into one of Jordan's group messages, is not named by number as a party.
  for (const std::string& line : Lines(Slurp(out / "events.jsonl"))) {
    const json event = json::parse(line);
    EXPECT_NE(event["sender"]["value"], "+447700900321") << line;
    for (const json& r : event["recipients"]) EXPECT_NE(r["value"], "+447700900321") << line;
  }
}
