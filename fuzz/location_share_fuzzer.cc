// libFuzzer target: the coordinate and map-link reader of the over-sharing check. Any bytes in;
// every span must lie inside the input, in order and apart, and IsPinnedMapLink must not crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checkup/oversharing/internal/location_share.h"

namespace in = stalkguard::checkup::internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t last_end = 0;
  for (const auto& span : in::FindCoordinates(input)) {
    if (span.begin >= span.end || span.end > size || span.begin < last_end) __builtin_trap();
    last_end = span.end;
  }
  (void)in::IsPinnedMapLink(input);
  return 0;
}
