// The device key: an Ed25519 key pair (libsodium crypto_sign) that signs evidence manifests, so
// a reader can tell a bundle came unchanged from this installation. It is created on first use
// and kept in one file beside the store, readable by its owner only (layout:
// docs/formats/evidence-log.md, "Device key file").
//
//   SG_ASSIGN_OR_RETURN(auto key, evidence::DeviceKey::LoadOrCreate(data_dir / "device.key"));
//   std::string signature = key.Sign(bytes);
#pragma once

#include <sodium.h>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace stalkguard::evidence {

// Opens the device key file: magic and version, then the 64-byte libsodium secret key.
inline constexpr std::string_view kDeviceKeyMagic = "SGDEVKEY";
inline constexpr uint32_t kDeviceKeyVersion = 1;
inline constexpr size_t kDeviceKeyFileBytes = 8 + 4 + crypto_sign_SECRETKEYBYTES;

// Immutable after loading; Sign and the accessors are safe from several threads. The secret
// key is wiped from memory when the object is destroyed and is never logged or returned.
class DeviceKey {
 public:
  // Loads the key at `path`, or creates it there when no file exists (mode 0600, created with
  // O_EXCL so two processes cannot both write one). The directory must exist. Fails with
  // kInvalidInput when the file is not a key file (wrong size, magic or a secret key that
  // does not match its public half), kUnsupported for a newer version, and kIo when it cannot
  // be read or written or when group or others may access it: a key others can read proves
  // nothing, so it is refused rather than used.
  static Result<DeviceKey> LoadOrCreate(const std::filesystem::path& path);
  // Like LoadOrCreate but never creates: kNotFound when there is no file.
  static Result<DeviceKey> Load(const std::filesystem::path& path);

  DeviceKey(const DeviceKey&) = delete;
  DeviceKey& operator=(const DeviceKey&) = delete;
  DeviceKey(DeviceKey&& other) noexcept;
  DeviceKey& operator=(DeviceKey&& other) noexcept;
  ~DeviceKey();

  // Detached Ed25519 signature of `bytes`: 64 raw bytes.
  std::string Sign(std::string_view bytes) const;
  // True when `signature` (64 raw bytes) is a valid signature of `bytes` by `public_key`
  // (32 raw bytes). False for wrong sizes too.
  static bool Verify(std::string_view public_key, std::string_view bytes,
                     std::string_view signature);

  // 32 raw bytes, and the same as 64 lower-case hex digits.
  std::string PublicKey() const;
  std::string PublicKeyHex() const;
  // What people compare by eye or over the phone: the first 80 bits of SHA-256(public key)
  // in groups of four hex digits, "3f2a-9c01-77de-b410-0c5e".
  std::string Fingerprint() const;
  static std::string FingerprintOf(std::string_view public_key);

  // True when LoadOrCreate made this key just now rather than reading it.
  bool created() const { return created_; }

 private:
  DeviceKey() = default;

  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_{};
  bool created_ = false;
};

}  // namespace stalkguard::evidence
