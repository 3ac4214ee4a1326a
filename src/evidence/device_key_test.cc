#include "evidence/device_key.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "evidence/internal/temp_dir.h"

namespace stalkguard::evidence {
namespace {

namespace fs = std::filesystem;
using internal::TempDir;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const fs::path& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(DeviceKey, CreatedOnceThenReloadedIdentically) {
  TempDir dir;
  const fs::path path = dir.path() / "device.key";
  auto first = DeviceKey::LoadOrCreate(path);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->created());

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(static_cast<size_t>(st.st_size), kDeviceKeyFileBytes);
  EXPECT_EQ(ReadAll(path).substr(0, 12), std::string("SGDEVKEY\0\0\0\1", 12));

  auto second = DeviceKey::LoadOrCreate(path);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->created());
  EXPECT_EQ(second->PublicKeyHex(), first->PublicKeyHex());
  EXPECT_EQ(second->Fingerprint(), first->Fingerprint());
  EXPECT_EQ(second->PublicKeyHex().size(), 64u);
  EXPECT_EQ(second->Fingerprint().size(), 24u);  // five groups of four, four dashes
  // Ed25519 signatures are deterministic: the reloaded key signs exactly as the new one did.
  EXPECT_EQ(second->Sign("manifest"), first->Sign("manifest"));
}

TEST(DeviceKey, SignaturesVerifyOnlyForTheSameKeyAndBytes) {
  TempDir dir;
  auto key = DeviceKey::LoadOrCreate(dir.path() / "a.key");
  auto other = DeviceKey::LoadOrCreate(dir.path() / "b.key");
  ASSERT_TRUE(key && other);
  const std::string signature = key->Sign("chain head 20");
  EXPECT_EQ(signature.size(), 64u);
  EXPECT_TRUE(DeviceKey::Verify(key->PublicKey(), "chain head 20", signature));
  EXPECT_FALSE(DeviceKey::Verify(key->PublicKey(), "chain head 21", signature));
  EXPECT_FALSE(DeviceKey::Verify(other->PublicKey(), "chain head 20", signature));
  EXPECT_FALSE(DeviceKey::Verify(key->PublicKey(), "chain head 20", other->Sign("chain head 20")));
  EXPECT_FALSE(DeviceKey::Verify(key->PublicKey(), "chain head 20", signature.substr(1)));
  EXPECT_FALSE(DeviceKey::Verify("short", "chain head 20", signature));
  EXPECT_NE(key->Fingerprint(), other->Fingerprint());
}

TEST(DeviceKey, RefusesAKeyOthersCanRead) {
  TempDir dir;
  const fs::path path = dir.path() / "device.key";
  ASSERT_TRUE(DeviceKey::LoadOrCreate(path));
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto key = DeviceKey::LoadOrCreate(path);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::kIo);
  EXPECT_NE(key.error().message.find("mode 0644"), std::string::npos) << key.error().message;
  // Refused, not replaced: the file is still there with the same key.
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(DeviceKey::Load(path));
}

TEST(DeviceKey, RefusesCorruptFiles) {
  struct Case {
    const char* name;
    std::function<void(std::string&)> corrupt;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {"empty", [](std::string& d) { d.clear(); }, ErrorCode::kInvalidInput},
      {"truncated", [](std::string& d) { d.pop_back(); }, ErrorCode::kInvalidInput},
      {"one byte more", [](std::string& d) { d.push_back('\0'); }, ErrorCode::kInvalidInput},
      {"wrong magic", [](std::string& d) { d[0] = 'X'; }, ErrorCode::kInvalidInput},
      {"version 2", [](std::string& d) { d[11] = 2; }, ErrorCode::kUnsupported},
      {"flipped seed bit", [](std::string& d) { d[12] ^= 0x01; }, ErrorCode::kInvalidInput},
      {"flipped public key bit", [](std::string& d) { d.back() ^= 0x01; },
       ErrorCode::kInvalidInput},
  };
  TempDir dir;
  const fs::path good = dir.path() / "good.key";
  ASSERT_TRUE(DeviceKey::LoadOrCreate(good));
  const std::string original = ReadAll(good);
  for (const Case& c : cases) {
    const fs::path path = dir.path() / "bad.key";
    std::string data = original;
    c.corrupt(data);
    WriteAll(path, data);
    auto key = DeviceKey::LoadOrCreate(path);
    ASSERT_FALSE(key) << c.name;
    EXPECT_EQ(key.error().code, c.code) << c.name << ": " << key.error().message;
    EXPECT_NE(key.error().message.find(path.string()), std::string::npos) << c.name;
    // A corrupt key is never silently replaced by a new one.
    EXPECT_EQ(ReadAll(path), data) << c.name;
  }
}

TEST(DeviceKey, LoadDoesNotCreate) {
  TempDir dir;
  auto key = DeviceKey::Load(dir.path() / "device.key");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.path() / "device.key"));
}

TEST(DeviceKey, RefusesASymbolicLink) {
  TempDir dir;
  ASSERT_TRUE(DeviceKey::LoadOrCreate(dir.path() / "real.key"));
  fs::create_symlink(dir.path() / "real.key", dir.path() / "device.key");
  EXPECT_FALSE(DeviceKey::LoadOrCreate(dir.path() / "device.key"));
}

TEST(DeviceKey, FailsClearlyWhenTheDirectoryIsMissing) {
  TempDir dir;
  auto key = DeviceKey::LoadOrCreate(dir.path() / "no-such-dir" / "device.key");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace stalkguard::evidence
