// Alerts of the guardian service (docs/alerts.md): each household's rules, the alerts made
// when a case reaches a rule's severity (one per case and severity, ever), and their delivery
// by webhook and e-mail from a durable outbox, with retries and backoff, on threads of its own.
//
//   SG_ASSIGN_OR_RETURN(auto alerts, AlertCenter::Open(data_dir + "/alerts.db", options));
//   alerts->Start();
//   SG_RETURN_IF_ERROR(alerts->Reconcile(household_id, changed_cases));  // after each ingest
//
// Reconcile is idempotent: call it with whatever cases may have risen (all of them after a
// rebuild); the alert is committed before it returns, so a crash afterwards loses nothing,
// and a crash before it is made good by the next Reconcile with all cases. Deliveries are
// at-least-once: one that was sent but not yet recorded when the process died goes again,
// with the same X-Stalkguard-Alert id.
//
// Safe from several threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/alerts/alert_types.h"

namespace stalkguard::service::alerts {

inline constexpr size_t kMaxRulesPerHousehold = 20;

class AlertCenter {
 public:
  // Opens or creates the alert database at `path` (mode 0600). Senders start with Start().
  static Result<std::unique_ptr<AlertCenter>> Open(const std::string& path,
                                                   AlertOptions options = {});
  ~AlertCenter();  // Stop()
  AlertCenter(const AlertCenter&) = delete;
  AlertCenter& operator=(const AlertCenter&) = delete;

  // Starts the senders; what was pending when the process last stopped goes out now.
  void Start();
  // Stops the senders; an attempt in progress is abandoned and stays pending. Idempotent.
  void Stop();

  bool EmailAvailable() const;

  Result<std::vector<AlertRule>> Rules(int64_t household_id);

  struct Replaced {
    std::vector<AlertRule> rules;
    std::map<int64_t, std::string> new_secrets;  // rule id -> secret, shown this once
  };
  // Replaces the household's rules (see AlertStore::ReplaceRules: ids kept keep their
  // secret). kInvalidInput with a message for the person: a severity below watch, a webhook
  // URL that is not http(s), a bad e-mail address or one without an SMTP server, a rule with
  // neither, too many rules, an id not of this household. Afterwards, reconcile with every
  // case: a new rule alerts the current cases at or above its level once.
  Result<Replaced> ReplaceRules(int64_t household_id, std::vector<AlertRule> rules);

  // True when the case at `severity` would make a new alert now: an enabled rule is at or
  // below it and the case has no alert at it or above. Cheap (rules cached, one indexed
  // read); lets the caller gather the case only when needed. True when unsure (a store
  // failure), so that Reconcile gets to try.
  bool WouldAlert(int64_t household_id, const std::string& case_id, Severity severity);

  // Makes the missing alerts for these cases and queues their deliveries, in one transaction,
  // then wakes the senders. `all_cases`: these are every case of the household (after it was
  // opened or rebuilt), which NeedsFullReconcile remembers.
  Status Reconcile(int64_t household_id, const std::vector<CaseSnapshot>& cases,
                   bool all_cases = false);
  // True until a Reconcile with all of the household's cases succeeded in this process (and
  // again after any Reconcile failed): the caller should then pass all cases.
  bool NeedsFullReconcile(int64_t household_id);

  // Households with an enabled rule: the ones to reconcile when the server starts.
  Result<std::vector<int64_t>> HouseholdsWithRules();

  // The household's alerts, newest first, at most `limit`, with their deliveries.
  Result<std::vector<AlertView>> Alerts(int64_t household_id, int limit);

  AlertCounters Counters() const;
  // The counters in the Prometheus text format, for /api/v1/metrics.
  std::string MetricsText() const;

 private:
  struct Impl;
  explicit AlertCenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stalkguard::service::alerts
