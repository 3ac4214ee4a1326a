// The senders: threads that take due deliveries from the outbox, make one attempt each and
// record it (sent, due again after a backoff, or failed). Woken at once when a reconcile
// queues something, and at the next due time otherwise. Internal to service/alerts.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "service/alerts/alert_types.h"
#include "service/alerts/internal/alert_store.h"

namespace stalkguard::service::alerts::internal {

struct AtomicCounters {
  std::atomic<int64_t> created{0}, sent{0}, failed{0}, retried{0}, errors{0};
};

class Dispatcher {
 public:
  // `store` and `counters` must outlive the dispatcher.
  Dispatcher(AlertStore& store, AlertOptions options, AtomicCounters& counters);
  ~Dispatcher();  // Stop()
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts options.senders threads; idempotent.
  void Start();
  // Something may be due now. Safe from any thread.
  void Wake();
  // Stops and joins the threads. An attempt in progress is abandoned (libcurl's progress
  // callback sees the flag within a second at most) and its delivery stays pending, as if it
  // never began. Idempotent.
  void Stop();

 private:
  void Run();
  // One attempt at a claimed delivery. False when the store failed (the caller backs off).
  bool Attempt(int64_t delivery_id);

  AlertStore& store_;
  const AlertOptions options_;
  AtomicCounters& counters_;
  std::mutex mutex_;
  std::condition_variable wake_;
  uint64_t wakes_ = 0;         // guarded by mutex_: a Wake between a look and a wait counts
  std::set<int64_t> claimed_;  // guarded by mutex_: deliveries being attempted now
  bool started_ = false;       // guarded by mutex_
  std::atomic<bool> stop_{false};
  std::mutex stop_mutex_;  // one Stop joins the threads, however many callers
  std::vector<std::thread> threads_;
};

}  // namespace stalkguard::service::alerts::internal
