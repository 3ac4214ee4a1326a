// Hex decoding for keys, signatures and hashes read back from files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stalkguard::evidence::internal {

// The bytes `hex` spells, or nullopt unless it is exactly `expected_bytes` bytes of lower- or
// upper-case hex digits with nothing else around them.
std::optional<std::string> HexDecode(std::string_view hex, size_t expected_bytes);

// True when `hex` is 64 lower-case hex digits, the form every stored SHA-256 takes.
bool IsSha256Hex(std::string_view hex);

}  // namespace stalkguard::evidence::internal
