// The alert database, alerts.db beside service.db: every household's alert rules, the alerts
// made from its cases (one per household, case and severity) and the outbox of their
// deliveries. Internal to service/alerts; AlertCenter is the way in.
//
// Safe from several threads: one connection behind a mutex. Times are UTC milliseconds passed
// in by the caller, so tests choose them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/alerts/alert_types.h"

namespace stalkguard::service::alerts::internal {

// A rule as stored: with its webhook secret (64 hex digits, empty when it has no webhook).
struct StoredRule {
  AlertRule rule;
  int64_t household_id = 0;
  std::string secret;
};

// Everything a sender needs for one delivery.
struct Outgoing {
  int64_t delivery_id = 0;
  int64_t alert_id = 0;
  int64_t household_id = 0;
  Channel channel = Channel::kWebhook;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::string payload;  // the alert's JSON body
  // The rule as it is now; a delivery whose rule was removed, disabled or lost this channel
  // is given up.
  std::optional<StoredRule> rule;
};

struct ReconcileCounts {
  int alerts = 0;      // alerts made
  int deliveries = 0;  // deliveries queued (for new alerts and for rules new to an alert)
};

// The webhook body of an alert, made once its id is known.
using PayloadFn =
    std::function<std::string(int64_t alert_id, const CaseSnapshot& c, int64_t created_ms)>;

class AlertStore {
 public:
  // Opens or creates the file (mode 0600, WAL) and brings its schema up to date. Fails when it
  // is not an alert database or was written by a newer stalkguard.
  static Result<std::unique_ptr<AlertStore>> Open(const std::string& path);
  ~AlertStore();
  AlertStore(const AlertStore&) = delete;
  AlertStore& operator=(const AlertStore&) = delete;

  Result<std::vector<StoredRule>> Rules(int64_t household_id);
  // Replaces the household's rules with `rules` in one transaction: a rule with an id of this
  // household is updated (and keeps its secret), one with id 0 is added, the others are
  // removed. A rule with a webhook and no secret gets a new one, returned by rule id. The
  // rules are not validated here (AlertCenter does): kInvalidInput only for an id that is not
  // one of the household's rules or comes twice.
  Result<std::map<int64_t, std::string>> ReplaceRules(int64_t household_id,
                                                      const std::vector<AlertRule>& rules,
                                                      int64_t now_ms);
  // Households with at least one enabled rule.
  Result<std::vector<int64_t>> HouseholdsWithRules();

  // The highest severity alerted for the case, if any.
  Result<std::optional<Severity>> HighestAlerted(int64_t household_id, const std::string& case_id);

  // In one transaction, for each case at or above an enabled rule's level: makes the alert
  // (case, severity) unless the case has one at that severity or higher, and queues a delivery
  // of the case's highest alert for each enabled rule at or below both that alert's and the
  // case's severity, per channel, unless queued before. Idempotent.
  Result<ReconcileCounts> Reconcile(int64_t household_id, const std::vector<CaseSnapshot>& cases,
                                    int64_t now_ms, const PayloadFn& payload);

  // The household's alerts, newest first, with their deliveries.
  Result<std::vector<AlertView>> Alerts(int64_t household_id, int limit);

  // Pending deliveries, soonest due first: (id, due ms).
  Result<std::vector<std::pair<int64_t, int64_t>>> Pending(int limit);
  Result<std::optional<Outgoing>> Load(int64_t delivery_id);
  // Records an attempt at a pending delivery: sent (ok), due again at `retry_at_ms`, or failed
  // for good when `retry_at_ms` is nullopt. `counts_attempt` is false for a delivery given up
  // without trying (its rule is gone). `target` is where it went (the rule's current one).
  Status RecordAttempt(int64_t delivery_id, const std::string& target, bool ok,
                       const std::string& error, std::optional<int64_t> retry_at_ms, int64_t now_ms,
                       bool counts_attempt = true);

 private:
  struct Impl;
  explicit AlertStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stalkguard::service::alerts::internal
