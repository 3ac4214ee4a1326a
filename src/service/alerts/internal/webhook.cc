// Webhook attempts over libcurl, and the HMAC that signs them.
#include <curl/curl.h>
#include <sodium.h>

#include <mutex>

#include "service/alerts/internal/curl_easy.h"
#include "service/alerts/internal/sender.h"

namespace stalkguard::service::alerts::internal {

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string WebhookSignature(const std::string& secret, const std::string& timestamp,
                             const std::string& body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                timestamp.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  sodium_memzero(&state, sizeof state);
  return std::string("sha256=") + hex;
}

AttemptResult PostWebhook(const WebhookRequest& request, const AlertOptions& options,
                          const std::atomic<bool>& stop) {
  CurlEasy curl(options, stop);
  if (!curl) return {false, false, false, "libcurl could not start"};
  const std::string timestamp = std::to_string(request.unix_seconds);
  curl.AddHeader("Content-Type: application/json");
  curl.AddHeader("User-Agent: stalkguard");
  // Without it libcurl waits for "100 Continue" before sending a body over 1 KiB.
  curl.AddHeader("Expect:");
  curl.AddHeader("X-Stalkguard-Alert: " + std::to_string(request.alert_id));
  curl.AddHeader("X-Stalkguard-Timestamp: " + timestamp);
  curl.AddHeader("X-Stalkguard-Signature: " +
                 WebhookSignature(request.secret, timestamp, request.body));
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, curl.headers());
  // The receiver's answer is not ours to keep or log.
  curl_easy_setopt(
      h, CURLOPT_WRITEFUNCTION,
      +[](char*, size_t size, size_t n, void*) -> size_t { return size * n; });
  AttemptResult result = curl.Perform();
  if (!result.error.empty() || result.abandoned) return result;
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) {
    result.ok = true;
  } else {
    result.error = "HTTP " + std::to_string(status);
  }
  return result;
}

}  // namespace stalkguard::service::alerts::internal
