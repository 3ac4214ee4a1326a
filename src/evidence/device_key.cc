#include "evidence/device_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "core/digest.h"
#include "core/unique_fd.h"

namespace stalkguard::evidence {
namespace {

namespace fs = std::filesystem;

void EnsureSodium() {
  static const int ready = sodium_init();
  SG_CHECK(ready >= 0, "libsodium failed to initialise");
}

std::string Errno(const fs::path& path, std::string_view what) {
  return path.string() + ": " + std::string(what) + ": " + std::strerror(errno);
}

std::string FileHeader() {
  std::string header(kDeviceKeyMagic);
  for (int shift = 24; shift >= 0; shift -= 8) {
    header.push_back(static_cast<char>((kDeviceKeyVersion >> shift) & 0xff));
  }
  return header;
}

}  // namespace

Result<DeviceKey> DeviceKey::Load(const fs::path& path) {
  EnsureSodium();
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return MakeError(ErrorCode::kNotFound, path.string() + ": no device key");
    return MakeError(ErrorCode::kIo, Errno(path, "cannot open device key"));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return MakeError(ErrorCode::kIo, Errno(path, "cannot stat device key"));
  }
  if (!S_ISREG(st.st_mode)) {
    return MakeError(ErrorCode::kInvalidInput, path.string() + ": device key is not a file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return MakeError(ErrorCode::kIo, path.string() + ": device key has mode " + mode +
                                         "; it must be 0600 (readable by its owner only)");
  }
  // One byte more than a key file holds, so a longer file is told apart from a full one.
  std::string data(kDeviceKeyFileBytes + 1, '\0');
  size_t got = 0;
  while (got < data.size()) {
    const ssize_t n = ::read(fd.get(), data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return MakeError(ErrorCode::kIo, Errno(path, "cannot read device key"));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  data.resize(got);
  const std::string header = FileHeader();
  if (data.size() < kDeviceKeyMagic.size() ||
      data.compare(0, kDeviceKeyMagic.size(), kDeviceKeyMagic) != 0) {
    return MakeError(ErrorCode::kInvalidInput, path.string() + ": not a device key file");
  }
  if (data.size() < header.size()) {
    return MakeError(ErrorCode::kInvalidInput, path.string() + ": device key file is truncated");
  }
  if (data.compare(0, header.size(), header) != 0) {
    return MakeError(ErrorCode::kUnsupported,
                     path.string() + ": device key file has an unsupported version");
  }
  if (data.size() != kDeviceKeyFileBytes) {
    sodium_memzero(data.data(), data.size());
    return MakeError(ErrorCode::kInvalidInput,
                     path.string() + ": device key file has " + std::to_string(got) +
                         " bytes, expected " + std::to_string(kDeviceKeyFileBytes) + " (corrupt)");
  }
  DeviceKey key;
  std::memcpy(key.secret_.data(), data.data() + header.size(), key.secret_.size());
  sodium_memzero(data.data(), data.size());

  // The secret key is seed || public key; rebuilding the pair from the seed catches a flipped
  // bit anywhere in it.
  unsigned char seed[crypto_sign_SEEDBYTES];
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char rebuilt[crypto_sign_SECRETKEYBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, key.secret_.data());
  crypto_sign_seed_keypair(public_key, rebuilt, seed);
  const bool consistent = sodium_memcmp(rebuilt, key.secret_.data(), sizeof rebuilt) == 0;
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(rebuilt, sizeof rebuilt);
  if (!consistent) {
    return MakeError(ErrorCode::kInvalidInput,
                     path.string() +
                         ": device key's public half does not match its secret "
                         "half (corrupt)");
  }
  return key;
}

Result<DeviceKey> DeviceKey::LoadOrCreate(const fs::path& path) {
  EnsureSodium();
  Result<DeviceKey> loaded = Load(path);
  if (loaded || loaded.error().code != ErrorCode::kNotFound) return loaded;

  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    // Another process created it between our open and this one: use theirs.
    if (errno == EEXIST) return Load(path);
    return MakeError(ErrorCode::kIo, Errno(path, "cannot create device key"));
  }
  DeviceKey key;
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(public_key, key.secret_.data());
  std::string data = FileHeader();
  data.append(reinterpret_cast<const char*>(key.secret_.data()), key.secret_.size());
  size_t written = 0;
  bool ok = true;
  while (ok && written < data.size()) {
    const ssize_t n = ::write(fd.get(), data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      ok = false;
    else
      written += static_cast<size_t>(n);
  }
  sodium_memzero(data.data(), data.size());
  ok = ok && ::fsync(fd.get()) == 0;
  ok = fd.Close() && ok;
  if (!ok) {
    const std::string message = Errno(path, "cannot write device key");
    // A half-written key would be refused as corrupt on the next run; remove it instead.
    ::unlink(path.c_str());
    return MakeError(ErrorCode::kIo, message);
  }
  key.created_ = true;
  return key;
}

DeviceKey::DeviceKey(DeviceKey&& other) noexcept
    : secret_(other.secret_), created_(other.created_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

DeviceKey& DeviceKey::operator=(DeviceKey&& other) noexcept {
  if (this != &other) {
    secret_ = other.secret_;
    created_ = other.created_;
    sodium_memzero(other.secret_.data(), other.secret_.size());
  }
  return *this;
}

DeviceKey::~DeviceKey() { sodium_memzero(secret_.data(), secret_.size()); }

std::string DeviceKey::Sign(std::string_view bytes) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), secret_.data());
  return std::string(reinterpret_cast<const char*>(signature), sizeof signature);
}

bool DeviceKey::Verify(std::string_view public_key, std::string_view bytes,
                       std::string_view signature) {
  EnsureSodium();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string DeviceKey::PublicKey() const {
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(public_key, secret_.data());
  return std::string(reinterpret_cast<const char*>(public_key), sizeof public_key);
}

std::string DeviceKey::PublicKeyHex() const { return HexEncode(PublicKey()); }

std::string DeviceKey::Fingerprint() const { return FingerprintOf(PublicKey()); }

std::string DeviceKey::FingerprintOf(std::string_view public_key) {
  // 80 bits: short enough to read aloud, long enough that making a second key with the same
  // fingerprint would take about 2^80 tries.
  const std::string hash = Sha256Hex(public_key);
  std::string out;
  for (size_t i = 0; i < 20; i += 4) {
    if (!out.empty()) out.push_back('-');
    out.append(hash, i, 4);
  }
  return out;
}

}  // namespace stalkguard::evidence
