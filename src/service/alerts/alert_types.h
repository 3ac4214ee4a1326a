// What the guardian service's alerts are made of (docs/alerts.md): a household's alert rules,
// the case summary an alert is made from, and the alerts and deliveries the API lists. Plain
// values; the logic is in alert_center.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace stalkguard::service::alerts {

// How alerts go out. The server fills it from `stalkguard serve` flags.
struct AlertOptions {
  // "smtp://host:port" or "smtps://host:port" (a user may come in the URL); empty: no e-mail,
  // and a rule with an e-mail address is refused.
  std::string smtp_url;
  std::string smtp_from = "stalkguard@localhost";  // envelope sender and From:
  // From the environment (SG_SMTP_PASSWORD), never a flag. With a password, plain smtp:// must
  // upgrade with STARTTLS, so that it never crosses the network in clear.
  std::string smtp_password;
  // Retries: the n-th failed attempt waits retry_base_ms * 2^(n-1), at most retry_max_ms,
  // plus up to a quarter more at random; after max_attempts attempts the delivery has failed.
  int64_t retry_base_ms = 1000;
  int64_t retry_max_ms = 10 * 60 * 1000;
  int max_attempts = 12;
  int64_t connect_timeout_ms = 2000;
  int64_t attempt_timeout_ms = 10000;  // the whole attempt, connect included
  // Threads that deliver: one slow endpoint holds one of them for at most an attempt's timeout.
  int senders = 4;
};

// A household's rule: when a case reaches `min_severity` or more, tell the webhook and/or the
// e-mail address (at least one).
struct AlertRule {
  int64_t id = 0;  // 0: a new rule (ids are never reused)
  Severity min_severity = Severity::kWarning;
  std::string webhook_url;  // http:// or https://; empty: none
  bool webhook_secret_set = false;
  std::string email;  // empty: none
  bool enabled = true;
};

// What an alert says about a case. Never message text: it goes to third-party endpoints.
struct CaseSnapshot {
  std::string id;  // the case's contact id
  std::string display;
  Severity severity = Severity::kInfo;
  // The severity before the event that raised it, when known (a live ingest); nullopt for a
  // new case or a rise seen on a rebuild (server start, profile or rules change).
  std::optional<Severity> previous;
  double score = 0;
  std::vector<std::string> forms;    // "abusive_messages", ...
  std::vector<std::string> reasons;  // risk/'s sentences, made from counts, never quotes
};

enum class Channel { kWebhook, kEmail };
enum class DeliveryState { kPending, kSent, kFailed };
std::string_view ToString(Channel channel);      // "webhook", "email"
std::string_view ToString(DeliveryState state);  // "pending", "sent", "failed"

struct DeliveryView {
  Channel channel = Channel::kWebhook;
  std::string target;  // the URL or the address
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::string last_error;  // empty: none
  std::optional<int64_t> sent_ms;
};

struct AlertView {
  int64_t id = 0;
  std::string case_id;
  std::string display;
  Severity severity = Severity::kInfo;
  std::optional<Severity> previous;
  int64_t created_ms = 0;  // UTC
  std::vector<DeliveryView> deliveries;
};

// Counts since the server started, for /api/v1/metrics.
struct AlertCounters {
  int64_t created = 0;  // alerts
  int64_t sent = 0;     // deliveries answered 2xx (or accepted by the SMTP server)
  int64_t failed = 0;   // deliveries given up
  int64_t retried = 0;  // failed attempts that will be tried again
  int64_t errors = 0;   // alert database failures (an alert may be late: see docs/alerts.md)
};

}  // namespace stalkguard::service::alerts
