// One attempt at sending an alert: a webhook POST (signed with HMAC-SHA256) or an e-mail
// through the configured SMTP server, both over libcurl. Each call is one attempt with its own
// timeouts; safe to call from several threads at once (each uses its own handle).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "service/alerts/alert_types.h"

namespace stalkguard::service::alerts::internal {

struct AttemptResult {
  bool ok = false;         // 2xx, or the SMTP server took the message
  bool abandoned = false;  // `stop` was set during the attempt: not an attempt at all
  bool permanent = false;  // no use retrying (no SMTP server set)
  std::string error;       // "HTTP 500", "connect: Connection refused", ...; no secrets
};

// Starts libcurl once per process; call before the first attempt.
void InitCurl();

// "sha256=" and the hex HMAC-SHA256 of `timestamp + "." + body`, keyed with the secret's
// own characters (its 64 hex digits as they are, not decoded).
std::string WebhookSignature(const std::string& secret, const std::string& timestamp,
                             const std::string& body);

struct WebhookRequest {
  std::string url;
  std::string secret;
  int64_t alert_id = 0;
  std::string body;          // JSON
  int64_t unix_seconds = 0;  // X-Stalkguard-Timestamp
};

// POSTs the body with X-Stalkguard-Alert, X-Stalkguard-Timestamp and X-Stalkguard-Signature.
// Redirects are not followed.
AttemptResult PostWebhook(const WebhookRequest& request, const AlertOptions& options,
                          const std::atomic<bool>& stop);

struct MailRequest {
  std::string to;
  std::string subject;     // UTF-8; encoded for the header here
  std::string body;        // UTF-8 plain text, "\n" line ends
  std::string message_id;  // "<alert-12.household-1@stalkguard>"
  int64_t date_ms = 0;
};

// The whole message as sent: headers, a blank line, the body, CRLF line ends.
std::string ComposeMail(const std::string& from, const MailRequest& mail);

// Sends through options.smtp_url; permanent failure when none is set.
AttemptResult SendMail(const MailRequest& mail, const AlertOptions& options,
                       const std::atomic<bool>& stop);

}  // namespace stalkguard::service::alerts::internal
