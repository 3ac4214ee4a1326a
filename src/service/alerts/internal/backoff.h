// When a failed delivery is tried again: exponential backoff with jitter, so that a receiver
// coming back after an outage is not hit by every queued alert in the same second.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "service/alerts/alert_types.h"

namespace stalkguard::service::alerts::internal {

// The wait after the `attempts`-th failed attempt (1 = the first): base * 2^(attempts-1),
// capped at max, plus `jitter` (in [0, 1)) times a quarter of that. Nullopt when `attempts`
// reached options.max_attempts: the delivery has failed for good.
inline std::optional<int64_t> RetryDelayMs(int attempts, double jitter,
                                           const AlertOptions& options) {
  if (attempts >= options.max_attempts) return std::nullopt;
  int64_t delay = std::max<int64_t>(options.retry_base_ms, 1);
  for (int i = 1; i < attempts && delay < options.retry_max_ms; ++i) delay *= 2;
  delay = std::min(delay, options.retry_max_ms);
  return delay +
         static_cast<int64_t>(std::clamp(jitter, 0.0, 1.0) * static_cast<double>(delay) / 4);
}

}  // namespace stalkguard::service::alerts::internal
