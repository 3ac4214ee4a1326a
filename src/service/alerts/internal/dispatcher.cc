#include "service/alerts/internal/dispatcher.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "service/alerts/internal/backoff.h"
#include "service/alerts/internal/payload.h"
#include "service/alerts/internal/sender.h"

namespace stalkguard::service::alerts::internal {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Nothing due and nothing queued: look again after this long anyway (a reconcile always
// wakes the senders, so this only bounds a missed wake).
constexpr int64_t kIdleLookMs = 60'000;
// The store failed: wait this long before trying again, rather than spin.
constexpr int64_t kStoreErrorPauseMs = 1'000;

void Log(const char* level, const char* msg, int64_t delivery_id, int64_t alert_id,
         const std::string& detail = "") {
  nlohmann::ordered_json line = {
      {"level", level}, {"msg", msg}, {"delivery", delivery_id}, {"alert", alert_id}};
  if (!detail.empty()) line["error"] = SanitizeUtf8(detail);
  std::fprintf(stderr, "%s\n", line.dump().c_str());
}

}  // namespace

Dispatcher::Dispatcher(AlertStore& store, AlertOptions options, AtomicCounters& counters)
    : store_(store), options_(std::move(options)), counters_(counters) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  std::lock_guard lock(mutex_);
  if (started_ || stop_) return;
  started_ = true;
  InitCurl();
  for (int i = 0; i < std::max(1, options_.senders); ++i) threads_.emplace_back([this] { Run(); });
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakes_;
  }
  wake_.notify_all();
}

void Dispatcher::Stop() {
  std::lock_guard stopping(stop_mutex_);
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void Dispatcher::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    const uint64_t seen = wakes_;
    // Enough rows that at least one is not being attempted by another sender.
    auto pending = store_.Pending(static_cast<int>(claimed_.size()) + 1);
    int64_t wait_ms = kIdleLookMs;
    int64_t pick = 0;
    if (!pending) {
      ++counters_.errors;
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"alert outbox unreadable\"}\n");
      wait_ms = kStoreErrorPauseMs;
    } else {
      const int64_t now = NowMs();
      for (const auto& [id, due_ms] : *pending) {
        if (claimed_.contains(id)) continue;
        if (due_ms <= now) {
          pick = id;
        } else {
          wait_ms = due_ms - now;
        }
        break;
      }
    }
    if (pick == 0) {
      wake_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                     [&] { return stop_.load() || wakes_ != seen; });
      continue;
    }
    claimed_.insert(pick);
    lock.unlock();
    const bool stored = Attempt(pick);
    lock.lock();
    claimed_.erase(pick);
    if (!stored) {
      wake_.wait_for(lock, std::chrono::milliseconds(kStoreErrorPauseMs),
                     [&] { return stop_.load(); });
    }
  }
}

bool Dispatcher::Attempt(int64_t delivery_id) {
  auto loaded = store_.Load(delivery_id);
  if (!loaded) {
    ++counters_.errors;
    Log("error", "alert delivery unreadable", delivery_id, 0, loaded.error().message);
    return false;
  }
  if (!*loaded || (*loaded)->state != DeliveryState::kPending) return true;
  const Outgoing& out = **loaded;
  std::string target;
  std::string gone;
  if (!out.rule) {
    gone = "the rule was removed";
  } else if (!out.rule->rule.enabled) {
    gone = "the rule was disabled";
  } else {
    target = out.channel == Channel::kWebhook ? out.rule->rule.webhook_url : out.rule->rule.email;
    if (target.empty()) gone = "the rule no longer has this channel";
  }
  if (!gone.empty()) {
    if (Status s = store_.RecordAttempt(delivery_id, "", false, gone, std::nullopt, NowMs(),
                                        /*counts_attempt=*/false);
        !s) {
      ++counters_.errors;
      return false;
    }
    ++counters_.failed;
    Log("warning", "alert delivery given up", delivery_id, out.alert_id, gone);
    return true;
  }

  AttemptResult result;
  if (out.channel == Channel::kWebhook) {
    WebhookRequest request{target, out.rule->secret, out.alert_id, out.payload, NowMs() / 1000};
    result = PostWebhook(request, options_, stop_);
  } else if (auto text = AlertMail(out.payload); !text) {
    result = {false, false, true, text.error().message};
  } else {
    MailRequest mail{target, text->subject, text->body,
                     "<alert-" + std::to_string(out.alert_id) + ".household-" +
                         std::to_string(out.household_id) + "@stalkguard>",
                     NowMs()};
    result = SendMail(mail, options_, stop_);
  }
  if (result.abandoned) return true;  // stays pending, as if never tried

  const int64_t now = NowMs();
  std::optional<int64_t> retry_at;
  if (!result.ok && !result.permanent) {
    const double jitter = static_cast<double>(randombytes_uniform(1'000'000)) / 1e6;
    if (auto delay = RetryDelayMs(out.attempts + 1, jitter, options_)) retry_at = now + *delay;
  }
  if (Status s = store_.RecordAttempt(delivery_id, target, result.ok, result.error, retry_at, now);
      !s) {
    // Sent but not recorded: the next attempt sends it again, with the same alert id.
    ++counters_.errors;
    Log("error", "alert attempt not recorded", delivery_id, out.alert_id, s.error().message);
    return false;
  }
  if (result.ok) {
    ++counters_.sent;
  } else if (retry_at) {
    ++counters_.retried;
    Log("warning", "alert delivery will be retried", delivery_id, out.alert_id, result.error);
  } else {
    ++counters_.failed;
    Log("error", "alert delivery failed", delivery_id, out.alert_id, result.error);
  }
  return true;
}

}  // namespace stalkguard::service::alerts::internal
