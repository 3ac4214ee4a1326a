// Content hashes (libsodium): SHA-256 for attachments and evidence, a 128-bit BLAKE2b for
// stable event ids. All functions are safe from several threads.
#pragma once

#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

namespace stalkguard {

// Lower-case hex of the SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
// Lower-case hex of the 256-bit BLAKE2b (no key) of `bytes`: the evidence log's item and entry
// hashes, which run for every stored event, where it costs a third of libsodium's SHA-256.
std::string Blake2b256Hex(std::string_view bytes);
std::string HexEncode(std::string_view bytes);

// Builds an event id from fields; each field is length-prefixed so that ("ab","c") and
// ("a","bc") differ.
class IdHasher {
 public:
  IdHasher();
  IdHasher& Add(std::string_view field);
  IdHasher& Add(int64_t value);
  // 32 lower-case hex characters. Call once, and only one of HexDigest and Digest.
  std::string HexDigest();
  // The 16 bytes HexDigest spells out, without building a string.
  std::array<unsigned char, 16> Digest();

 private:
  crypto_generichash_state state_;
};

}  // namespace stalkguard
