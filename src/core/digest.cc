#include "core/digest.h"

#include <cstdint>

#include "core/result.h"

namespace stalkguard {
namespace {

void EnsureSodium() {
  // sodium_init is thread-safe and cheap after the first call.
  static const int ready = sodium_init();
  SG_CHECK(ready >= 0, "libsodium failed to initialise");
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[b >> 4];
    out[2 * i + 1] = kHex[b & 15];
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

std::string Blake2b256Hex(std::string_view bytes) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  return HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

IdHasher::IdHasher() {
  EnsureSodium();
  crypto_generichash_init(&state_, nullptr, 0, 16);
}

IdHasher& IdHasher::Add(std::string_view field) {
  const uint64_t size = field.size();
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(&size), sizeof size);
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(field.data()),
                            field.size());
  return *this;
}

IdHasher& IdHasher::Add(int64_t value) {
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(&value), sizeof value);
  return *this;
}

std::string IdHasher::HexDigest() {
  const std::array<unsigned char, 16> digest = Digest();
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::array<unsigned char, 16> IdHasher::Digest() {
  std::array<unsigned char, 16> digest;
  crypto_generichash_final(&state_, digest.data(), digest.size());
  return digest;
}

}  // namespace stalkguard
