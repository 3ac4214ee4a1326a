#include "service/http/internal/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace stalkguard::service::internal {

bool RateLimiter::Allow(const std::string& key, int* retry_after,
                        std::chrono::steady_clock::time_point now) {
  const double capacity = per_minute_;
  const double per_second = capacity / 60.0;
  std::lock_guard lock(mutex_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(capacity, b.tokens + std::max(0.0, elapsed) * per_second);
    b.at = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  if (retry_after != nullptr) {
    *retry_after = static_cast<int>(std::ceil((1 - b.tokens) / per_second));
  }
  return false;
}

}  // namespace stalkguard::service::internal
