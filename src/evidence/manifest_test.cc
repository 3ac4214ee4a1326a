#include "evidence/manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "evidence/canonical.h"
#include "evidence/internal/temp_dir.h"

namespace stalkguard::evidence {
namespace {

namespace fs = std::filesystem;
using internal::TempDir;

constexpr int64_t kCreatedMs = 1709337600000;  // 2024-03-02T00:00:00Z

void WriteFile(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

// A small bundle on disk, a chain, a key, and the manifest signed over them.
class ManifestTest : public testing::Test {
 protected:
  // Also called again by table-driven tests, to start each case from a clean bundle.
  void SetUp() override {
    for (const auto& entry : fs::directory_iterator(Root())) fs::remove_all(entry.path());
    chain_ = HashChain();
    WriteFile(Root() / "events.jsonl", "{\"id\":\"event-1\"}\n{\"id\":\"event-2\"}\n");
    WriteFile(Root() / "chain.jsonl", "{\"seq\":1}\n");
    WriteFile(Root() / "attachments" / "photo.jpg", std::string("\xff\xd8\xff\xe0", 4));
    for (int n = 1; n <= 3; ++n) {
      Event e;
      e.id = "event-" + std::to_string(n);
      chain_.Append(kKindEvent, e.id, CanonicalEventBytes(e), kCreatedMs - n, "sms.xml");
    }
    auto key = DeviceKey::LoadOrCreate(keys_.path() / "device.key");
    ASSERT_TRUE(key) << key.error().message;
    key_.emplace(std::move(*key));
    manifest_ = SignedFor(*key_);
  }

  fs::path Root() const { return bundle_.path(); }

  Manifest SignedFor(const DeviceKey& key) {
    auto files = ScanBundle(Root(), {"manifest.json"});
    EXPECT_TRUE(files) << files.error().message;
    Manifest m;
    m.files = *files;
    m.chain_head = chain_.Head();
    m.created_ms = kCreatedMs;
    EXPECT_TRUE(SignManifest(m, key));
    return m;
  }

  ManifestReport Verify(const Manifest& m,
                        const std::optional<std::string>& trusted = std::nullopt) {
    auto present = ScanBundle(Root(), {"manifest.json"});
    EXPECT_TRUE(present) << present.error().message;
    return VerifyManifest(m, *present, trusted);
  }

  TempDir bundle_;
  TempDir keys_;
  HashChain chain_;
  std::optional<DeviceKey> key_;
  Manifest manifest_;
};

std::string Describe(const ManifestReport& report) {
  std::string out;
  for (const ManifestProblem& p : report.problems) out += "\n  " + p.message;
  return out.empty() ? "\n  (no problems)" : out;
}

std::vector<std::pair<ManifestProblemKind, std::string>> Kinds(const ManifestReport& report) {
  std::vector<std::pair<ManifestProblemKind, std::string>> out;
  for (const ManifestProblem& p : report.problems) out.emplace_back(p.kind, p.path);
  return out;
}

TEST_F(ManifestTest, ScansEveryFileWithHashAndSize) {
  ASSERT_EQ(manifest_.files.size(), 3u);
  EXPECT_EQ(manifest_.files[0].path, "attachments/photo.jpg");
  EXPECT_EQ(manifest_.files[0].size, 4);
  EXPECT_EQ(manifest_.files[0].sha256, Sha256Hex(std::string("\xff\xd8\xff\xe0", 4)));
  EXPECT_EQ(manifest_.files[1].path, "chain.jsonl");
  EXPECT_EQ(manifest_.files[2].path, "events.jsonl");
  EXPECT_EQ(manifest_.public_key_hex, key_->PublicKeyHex());
  EXPECT_EQ(manifest_.signature_hex.size(), 128u);
}

TEST_F(ManifestTest, AcceptsAnUntouchedBundle) {
  const ManifestReport report = Verify(manifest_, key_->PublicKeyHex());
  EXPECT_TRUE(report.ok()) << Describe(report);
}

TEST_F(ManifestTest, CanonicalBytesDoNotDependOnFileOrder) {
  Manifest shuffled = manifest_;
  std::swap(shuffled.files[0], shuffled.files[2]);
  EXPECT_EQ(ManifestCanonicalBytes(shuffled), ManifestCanonicalBytes(manifest_));
  EXPECT_TRUE(Verify(shuffled).ok());
}

struct Tamper {
  const char* name;
  std::function<void(const fs::path& root, Manifest& m)> apply;
  std::vector<std::pair<ManifestProblemKind, std::string>> expected;
};

TEST_F(ManifestTest, NamesWhatWasTamperedWith) {
  const std::vector<Tamper> cases = {
      {"a byte of a file changed",
       [](const fs::path& root, Manifest&) {
         WriteFile(root / "events.jsonl", "{\"id\":\"event-1\"}\n{\"id\":\"event-3\"}\n");
       },
       {{ManifestProblemKind::kHashMismatch, "events.jsonl"}}},
      {"a file truncated",
       [](const fs::path& root, Manifest&) { WriteFile(root / "chain.jsonl", "{\"seq\":1}"); },
       {{ManifestProblemKind::kHashMismatch, "chain.jsonl"},
        {ManifestProblemKind::kSizeMismatch, "chain.jsonl"}}},
      {"a file removed",
       [](const fs::path& root, Manifest&) { fs::remove(root / "attachments" / "photo.jpg"); },
       {{ManifestProblemKind::kMissingFile, "attachments/photo.jpg"}}},
      {"a file added",
       [](const fs::path& root, Manifest&) { WriteFile(root / "notes.txt", "added later"); },
       {{ManifestProblemKind::kExtraFile, "notes.txt"}}},
      {"a file hash in the manifest edited",
       [](const fs::path&, Manifest& m) { m.files[1].sha256[0] ^= 0x01; },
       {{ManifestProblemKind::kBadSignature, ""},
        {ManifestProblemKind::kHashMismatch, "chain.jsonl"}}},
      {"a file dropped from the manifest list",
       [](const fs::path&, Manifest& m) { m.files.pop_back(); },
       {{ManifestProblemKind::kBadSignature, ""},
        {ManifestProblemKind::kExtraFile, "events.jsonl"}}},
      {"the chain head edited",
       [](const fs::path&, Manifest& m) { m.chain_head.count -= 1; },
       {{ManifestProblemKind::kBadSignature, ""}}},
      {"the creation time edited",
       [](const fs::path&, Manifest& m) { m.created_ms += 1; },
       {{ManifestProblemKind::kBadSignature, ""}}},
      {"a byte of the signature flipped",
       [](const fs::path&, Manifest& m) {
         m.signature_hex[10] = m.signature_hex[10] == '0' ? '1' : '0';
       },
       {{ManifestProblemKind::kBadSignature, ""}}},
      {"the signature cut short",
       [](const fs::path&, Manifest& m) { m.signature_hex.pop_back(); },
       {{ManifestProblemKind::kBadSignature, ""}}},
  };
  const std::string trusted = key_->PublicKeyHex();
  for (const Tamper& t : cases) {
    // Each case starts from a fresh copy of the bundle's state.
    SetUp();
    Manifest m = manifest_;
    t.apply(Root(), m);
    const ManifestReport report = Verify(m, trusted);
    EXPECT_EQ(Kinds(report), t.expected) << t.name << ":" << Describe(report);
  }
}

TEST_F(ManifestTest, CatchesASignatureFromAnotherKey) {
  auto other = DeviceKey::LoadOrCreate(keys_.path() / "other.key");
  ASSERT_TRUE(other);
  // The signature alone swapped in: it does not verify under the manifest's key.
  Manifest swapped = manifest_;
  swapped.signature_hex = SignedFor(*other).signature_hex;
  EXPECT_EQ(Kinds(Verify(swapped, key_->PublicKeyHex())),
            (std::vector<std::pair<ManifestProblemKind, std::string>>{
                {ManifestProblemKind::kBadSignature, ""}}));
  // Key and signature both swapped (someone re-signed the bundle): valid in itself, so only
  // the reader's trusted key tells it apart.
  const Manifest resigned = SignedFor(*other);
  EXPECT_TRUE(Verify(resigned).ok());
  const ManifestReport report = Verify(resigned, key_->PublicKeyHex());
  EXPECT_EQ(Kinds(report), (std::vector<std::pair<ManifestProblemKind, std::string>>{
                               {ManifestProblemKind::kUntrustedKey, ""}}));
  EXPECT_NE(report.problems[0].message.find(other->Fingerprint()), std::string::npos);
  EXPECT_NE(report.problems[0].message.find(key_->Fingerprint()), std::string::npos);
}

TEST_F(ManifestTest, MessagesNameTheFile) {
  WriteFile(Root() / "events.jsonl", "changed\n");
  const ManifestReport report = Verify(manifest_);
  ASSERT_EQ(report.problems.size(), 2u) << Describe(report);
  EXPECT_EQ(report.problems[0].message,
            "events.jsonl: SHA-256 does not match the manifest (the file was altered)");
  EXPECT_EQ(report.problems[1].message, "events.jsonl: size is 8 bytes, the manifest says 34");
}

TEST_F(ManifestTest, SignRefusesDuplicatePaths) {
  Manifest m = manifest_;
  m.files.push_back(m.files[0]);
  m.signature_hex.clear();
  const Status status = SignManifest(m, *key_);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(m.signature_hex.empty());
}

TEST_F(ManifestTest, JsonRoundTripStillVerifies) {
  const std::string json = ManifestToJson(manifest_);
  auto back = ManifestFromJson(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->files, manifest_.files);
  EXPECT_EQ(back->chain_head, manifest_.chain_head);
  EXPECT_EQ(back->created_ms, manifest_.created_ms);
  EXPECT_EQ(ManifestToJson(*back), json);
  EXPECT_TRUE(Verify(*back, key_->PublicKeyHex()).ok());
}

TEST(ManifestFromJson, RejectsWhatIsNotAManifest) {
  struct Case {
    const char* json;
    ErrorCode code;
    const char* mentions;
  };
  const std::vector<Case> cases = {
      {"not json", ErrorCode::kInvalidInput, "not a JSON object"},
      {"[]", ErrorCode::kInvalidInput, "not a JSON object"},
      {R"({"format":"other","version":1})", ErrorCode::kInvalidInput, "\"format\""},
      {R"({"format":"stalkguard.manifest","version":2})", ErrorCode::kUnsupported, "version 2"},
      {R"({"format":"stalkguard.manifest","version":1})", ErrorCode::kInvalidInput,
       "\"created_ms\""},
      {R"({"format":"stalkguard.manifest","version":1,"created_ms":"x"})", ErrorCode::kInvalidInput,
       "\"created_ms\" has the wrong type"},
      {R"({"format":"stalkguard.manifest","version":1,"created_ms":1,
           "chain_head":{"count":-1,"hash":""}})",
       ErrorCode::kInvalidInput, "\"count\""},
      {R"({"format":"stalkguard.manifest","version":1,"created_ms":1,
           "chain_head":{"count":1,"hash":""},"public_key":"","signature":"",
           "files":[{"path":"a","sha256":"b"}]})",
       ErrorCode::kInvalidInput, "\"size\""},
  };
  for (const Case& c : cases) {
    auto m = ManifestFromJson(c.json);
    ASSERT_FALSE(m) << c.json;
    EXPECT_EQ(m.error().code, c.code) << c.json;
    EXPECT_NE(m.error().message.find(c.mentions), std::string::npos)
        << c.json << " -> " << m.error().message;
  }
}

// The manifest's chain head is what makes dropping the newest entries detectable.
TEST_F(ManifestTest, SignedHeadCatchesATruncatedChain) {
  std::vector<ChainEntry> entries = chain_.entries();
  EXPECT_TRUE(VerifyChain(entries, nullptr, manifest_.chain_head).ok());
  entries.pop_back();
  EXPECT_TRUE(VerifyChain(entries, nullptr).ok());
  const ChainReport report = VerifyChain(entries, nullptr, manifest_.chain_head);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].kind, ProblemKind::kHeadMismatch);
}

}  // namespace
}  // namespace stalkguard::evidence
