// CRC-32 (IEEE 802.3, the zlib polynomial) guarding model files against truncation and bit rot.
#pragma once

#include <cstdint>
#include <string_view>

namespace stalkguard::classifier::internal {

uint32_t Crc32(std::string_view bytes);

}  // namespace stalkguard::classifier::internal
