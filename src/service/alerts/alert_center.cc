#include "service/alerts/alert_center.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>

#include "service/alerts/internal/alert_store.h"
#include "service/alerts/internal/dispatcher.h"
#include "service/alerts/internal/payload.h"

namespace stalkguard::service::alerts {
namespace {

constexpr size_t kMaxUrlBytes = 2048;
constexpr size_t kMaxEmailBytes = 254;  // RFC 5321's limit on a forward path

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsPrintableAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7F) return false;
  }
  return true;
}

// http:// or https://, a host, printable ASCII without spaces (a URL with other characters
// is percent-encoded by whoever gives it).
Status CheckWebhookUrl(const std::string& url) {
  if (url.size() > kMaxUrlBytes)
    return MakeError(ErrorCode::kInvalidInput, "webhook_url is longer than 2048 bytes");
  if (!IsPrintableAscii(url))
    return MakeError(ErrorCode::kInvalidInput,
                     "webhook_url holds a space, a control or a non-ASCII character");
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = std::string_view(url).substr(8);
  } else if (url.starts_with("http://")) {
    rest = std::string_view(url).substr(7);
  } else {
    return MakeError(ErrorCode::kInvalidInput, "webhook_url must start with http:// or https://");
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#')
    return MakeError(ErrorCode::kInvalidInput, "webhook_url has no host");
  return OkStatus();
}

// A plain address, local@domain: what an SMTP RCPT TO takes without quoting.
Status CheckEmail(const std::string& email) {
  const size_t at = email.find('@');
  if (email.size() > kMaxEmailBytes || !IsPrintableAscii(email) || at == 0 ||
      at == std::string::npos || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string::npos ||
      email.find_first_of("<>()[]\\,;:\"") != std::string::npos) {
    return MakeError(ErrorCode::kInvalidInput,
                     "email must be a plain address like name@example.org");
  }
  return OkStatus();
}

}  // namespace

struct AlertCenter::Impl {
  AlertOptions options;
  std::unique_ptr<internal::AlertStore> store;
  internal::AtomicCounters counters;
  std::unique_ptr<internal::Dispatcher> dispatcher;

  std::mutex mutex;  // guards the three below
  std::map<int64_t, std::vector<AlertRule>> rules_cache;
  // Counts rule changes: rules read from the store before a change are not cached after it.
  uint64_t rules_generation = 0;
  std::set<int64_t> reconciled;

  // The household's rules, from the cache or the store.
  Result<std::vector<AlertRule>> CachedRules(int64_t household_id) {
    uint64_t generation = 0;
    {
      std::lock_guard lock(mutex);
      if (auto it = rules_cache.find(household_id); it != rules_cache.end()) return it->second;
      generation = rules_generation;
    }
    SG_ASSIGN_OR_RETURN(std::vector<internal::StoredRule> stored, store->Rules(household_id));
    std::vector<AlertRule> rules;
    for (internal::StoredRule& r : stored) rules.push_back(std::move(r.rule));
    std::lock_guard lock(mutex);
    if (generation == rules_generation) rules_cache[household_id] = rules;
    return rules;
  }
};

AlertCenter::AlertCenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AlertCenter::~AlertCenter() { Stop(); }

Result<std::unique_ptr<AlertCenter>> AlertCenter::Open(const std::string& path,
                                                       AlertOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  SG_ASSIGN_OR_RETURN(impl->store, internal::AlertStore::Open(path));
  impl->dispatcher =
      std::make_unique<internal::Dispatcher>(*impl->store, impl->options, impl->counters);
  return std::unique_ptr<AlertCenter>(new AlertCenter(std::move(impl)));
}

void AlertCenter::Start() { impl_->dispatcher->Start(); }

void AlertCenter::Stop() {
  if (impl_ && impl_->dispatcher) impl_->dispatcher->Stop();
}

bool AlertCenter::EmailAvailable() const { return !impl_->options.smtp_url.empty(); }

Result<std::vector<AlertRule>> AlertCenter::Rules(int64_t household_id) {
  return impl_->CachedRules(household_id);
}

Result<AlertCenter::Replaced> AlertCenter::ReplaceRules(int64_t household_id,
                                                        std::vector<AlertRule> rules) {
  if (rules.size() > kMaxRulesPerHousehold) {
    return MakeError(ErrorCode::kInvalidInput,
                     "at most " + std::to_string(kMaxRulesPerHousehold) + " rules");
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    const AlertRule& r = rules[i];
    const std::string where = "rules[" + std::to_string(i) + "]: ";
    auto fail = [&](const std::string& why) {
      return MakeError(ErrorCode::kInvalidInput, where + why);
    };
    if (r.min_severity < Severity::kWatch)
      return fail("min_severity must be watch, warning or danger");
    if (r.webhook_url.empty() && r.email.empty())
      return fail("a rule needs a webhook_url, an email or both");
    if (!r.webhook_url.empty()) {
      if (Status s = CheckWebhookUrl(r.webhook_url); !s) return fail(s.error().message);
    }
    if (!r.email.empty()) {
      if (Status s = CheckEmail(r.email); !s) return fail(s.error().message);
      if (!EmailAvailable())
        return fail("e-mail needs an SMTP server: start the service with --smtp-url");
    }
    if (r.id < 0) return fail("id must be a rule's id, or left out for a new rule");
  }
  auto secrets = impl_->store->ReplaceRules(household_id, rules, NowMs());
  {
    // Changed or not (a failed commit may still have reached the file), read them again.
    std::lock_guard lock(impl_->mutex);
    impl_->rules_cache.erase(household_id);
    ++impl_->rules_generation;
  }
  if (!secrets) return tl::unexpected(secrets.error());
  Replaced out;
  SG_ASSIGN_OR_RETURN(out.rules, impl_->CachedRules(household_id));
  out.new_secrets = std::move(*secrets);
  return out;
}

bool AlertCenter::WouldAlert(int64_t household_id, const std::string& case_id, Severity severity) {
  auto rules = impl_->CachedRules(household_id);
  if (!rules) return true;
  const bool ruled = std::any_of(rules->begin(), rules->end(), [&](const AlertRule& r) {
    return r.enabled && r.min_severity <= severity;
  });
  if (!ruled) return false;
  auto highest = impl_->store->HighestAlerted(household_id, case_id);
  if (!highest) return true;
  return !*highest || **highest < severity;
}

Status AlertCenter::Reconcile(int64_t household_id, const std::vector<CaseSnapshot>& cases,
                              bool all_cases) {
  auto counts = impl_->store->Reconcile(
      household_id, cases, NowMs(),
      [household_id](int64_t alert_id, const CaseSnapshot& c, int64_t created_ms) {
        return internal::AlertPayload(alert_id, household_id, c, created_ms);
      });
  {
    std::lock_guard lock(impl_->mutex);
    if (!counts) {
      impl_->reconciled.erase(household_id);
    } else if (all_cases) {
      impl_->reconciled.insert(household_id);
    }
  }
  if (!counts) {
    ++impl_->counters.errors;
    return tl::unexpected(counts.error());
  }
  impl_->counters.created += counts->alerts;
  if (counts->deliveries > 0) impl_->dispatcher->Wake();
  return OkStatus();
}

bool AlertCenter::NeedsFullReconcile(int64_t household_id) {
  std::lock_guard lock(impl_->mutex);
  return !impl_->reconciled.contains(household_id);
}

Result<std::vector<int64_t>> AlertCenter::HouseholdsWithRules() {
  return impl_->store->HouseholdsWithRules();
}

Result<std::vector<AlertView>> AlertCenter::Alerts(int64_t household_id, int limit) {
  return impl_->store->Alerts(household_id, limit);
}

AlertCounters AlertCenter::Counters() const {
  const internal::AtomicCounters& c = impl_->counters;
  return {c.created, c.sent, c.failed, c.retried, c.errors};
}

std::string AlertCenter::MetricsText() const {
  const AlertCounters c = Counters();
  std::string out;
  auto line = [&](const char* name, const char* help, int64_t value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name +
           " " + std::to_string(value) + "\n";
  };
  line("stalkguard_alerts_created_total", "Alerts made (one per case and severity).", c.created);
  line("stalkguard_alert_deliveries_sent_total",
       "Alert deliveries sent (webhook 2xx or mail "
       "accepted).",
       c.sent);
  line("stalkguard_alert_deliveries_failed_total", "Alert deliveries given up.", c.failed);
  line("stalkguard_alert_deliveries_retried_total",
       "Failed alert delivery attempts that will be retried.", c.retried);
  line("stalkguard_alert_errors_total", "Alert database failures.", c.errors);
  return out;
}

}  // namespace stalkguard::service::alerts
