// A libcurl easy handle for one attempt, with what every attempt shares: the timeouts, no
// signals (the senders are threads), an error buffer, and a progress callback that abandons
// the attempt when the server stops.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <string>

#include "service/alerts/alert_types.h"
#include "service/alerts/internal/sender.h"

namespace stalkguard::service::alerts::internal {

class CurlEasy {
 public:
  CurlEasy(const AlertOptions& options, const std::atomic<bool>& stop) : stop_(stop) {
    handle_ = curl_easy_init();
    if (handle_ == nullptr) return;
    error_[0] = '\0';
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout_ms));
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, static_cast<long>(options.attempt_timeout_ms));
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
    curl_easy_setopt(handle_, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle_, CURLOPT_XFERINFODATA, &stop_);
    curl_easy_setopt(
        handle_, CURLOPT_XFERINFOFUNCTION,
        +[](void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
          return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
        });
  }
  ~CurlEasy() {
    curl_slist_free_all(headers_);
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  explicit operator bool() const { return handle_ != nullptr; }
  CURL* get() const { return handle_; }
  void AddHeader(const std::string& line) { headers_ = curl_slist_append(headers_, line.c_str()); }
  curl_slist* headers() const { return headers_; }

  // Runs the transfer: an error (curl's words), abandoned, or neither (then look at the reply).
  AttemptResult Perform() {
    AttemptResult result;
    const CURLcode rc = curl_easy_perform(handle_);
    if (rc == CURLE_ABORTED_BY_CALLBACK && stop_.load()) {
      result.abandoned = true;
    } else if (rc != CURLE_OK) {
      result.error = error_[0] != '\0' ? std::string(error_) : curl_easy_strerror(rc);
    }
    return result;
  }

 private:
  CURL* handle_ = nullptr;
  curl_slist* headers_ = nullptr;
  char error_[CURL_ERROR_SIZE];
  const std::atomic<bool>& stop_;
};

}  // namespace stalkguard::service::alerts::internal
