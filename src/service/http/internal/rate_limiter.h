// Requests per minute per caller (a token or a session), as a token bucket: a burst up to the
// minute's allowance, refilled evenly. Safe from several threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace stalkguard::service::internal {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // True when `key` may make a request now (and counts it); otherwise false and the seconds
  // until it may in `retry_after`.
  bool Allow(const std::string& key, int* retry_after,
             std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point at;
  };
  const int per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace stalkguard::service::internal
