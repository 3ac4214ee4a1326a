// The server's state and the helpers its handlers share. Internal: only the handler files of
// service/http include it (it pulls in cpp-httplib). Each group of endpoints has its own file
// (handlers_*.cc); server.cc registers them, authenticates and runs the listener.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "service/accounts/accounts.h"
#include "service/alerts/alert_center.h"
#include "service/http/internal/household_registry.h"
#include "service/http/internal/rate_limiter.h"
#include "service/http/server.h"

namespace stalkguard::service {
namespace internal {

using json = nlohmann::ordered_json;

inline constexpr const char* kSessionCookie = "sg_session";
inline constexpr int64_t kSessionTtlMs = 12LL * 60 * 60 * 1000;

inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Every error is one JSON object: {"error": {"code": "not_found", "message": "..."}}. Never a
// stack trace or an internal path.
inline void SendError(httplib::Response& res, int status, std::string_view code,
                      const std::string& message) {
  res.status = status;
  res.set_content(
      json{{"error", {{"code", code}, {"message", SanitizeUtf8(message)}}}}.dump() + "\n",
      "application/json");
}

inline void SendJson(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump() + "\n", "application/json");
}

// Cases come from serialize/ as plain (unordered-key) JSON.
inline void SendCasesJson(httplib::Response& res, const nlohmann::json& body) {
  res.status = 200;
  res.set_content(body.dump() + "\n", "application/json");
}

// The path as logged: ids in case paths are the contact's, not secret, but queries may be.
inline std::string LoggedPath(const httplib::Request& req) { return SanitizeUtf8(req.path); }

inline bool MaySeeMessages(Role role) { return role == Role::kProtected; }
inline bool MayIngest(Role role) { return role == Role::kProtected || role == Role::kAdmin; }
inline bool MayChangeProfile(Role role) { return role == Role::kProtected || role == Role::kAdmin; }

// The counters /api/v1/metrics shows, in the Prometheus text format.
struct Metrics {
  std::atomic<int64_t> requests{0};
  std::atomic<int64_t> client_errors{0};
  std::atomic<int64_t> server_errors{0};
  std::atomic<int64_t> auth_failures{0};
  std::atomic<int64_t> rate_limited{0};
  std::atomic<int64_t> events_ingested{0};
  std::atomic<int64_t> events_duplicate{0};
  std::atomic<int64_t> events_rejected{0};
  std::atomic<int64_t> ingest_requests{0};
  std::atomic<int64_t> ingest_runs{0};
  std::atomic<int64_t> ingest_micros{0};
  std::atomic<int64_t> in_flight{0};

  std::string Text() const {
    std::string out;
    auto line = [&](const char* name, const char* help, const char* type, int64_t value) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
             name + " " + std::to_string(value) + "\n";
    };
    line("stalkguard_http_requests_total", "Requests answered.", "counter", requests);
    line("stalkguard_http_client_errors_total", "Requests answered with 4xx.", "counter",
         client_errors);
    line("stalkguard_http_server_errors_total", "Requests answered with 5xx.", "counter",
         server_errors);
    line("stalkguard_auth_failures_total", "Requests with a missing or bad credential.", "counter",
         auth_failures);
    line("stalkguard_rate_limited_total", "Requests refused by the rate limit.", "counter",
         rate_limited);
    line("stalkguard_events_ingested_total", "Events stored by ingest.", "counter",
         events_ingested);
    line("stalkguard_events_duplicate_total", "Events already stored (same id).", "counter",
         events_duplicate);
    line("stalkguard_events_rejected_total", "Events refused as invalid.", "counter",
         events_rejected);
    line("stalkguard_ingest_requests_total", "Ingest requests handled.", "counter",
         ingest_requests);
    line("stalkguard_ingest_runs_total",
         "Store-and-judge runs; concurrent ingest requests of a household share one.", "counter",
         ingest_runs);
    line("stalkguard_ingest_seconds_total", "Time spent in ingest requests.", "counter",
         ingest_micros / 1'000'000);
    line("stalkguard_http_in_flight", "Requests being handled now.", "gauge", in_flight);
    return out;
  }
};

}  // namespace internal

// The handler files use these unqualified.
using internal::HouseholdState;
using internal::json;
using internal::kSessionCookie;
using internal::kSessionTtlMs;
using internal::MayChangeProfile;
using internal::MayIngest;
using internal::MaySeeMessages;
using internal::NowMs;
using internal::SendCasesJson;
using internal::SendError;
using internal::SendJson;

struct GuardianServer::Impl {
  ServerOptions options;
  std::unique_ptr<Accounts> accounts;
  internal::HouseholdRegistry households;
  internal::RateLimiter limiter;
  internal::Metrics metrics;
  httplib::Server http;
  int bound_port = -1;
  std::atomic<int64_t> request_counter{0};
  std::atomic<bool> serving{false};
  std::atomic<bool> stop_requested{false};
  // Last, so that its senders stop before anything else goes.
  std::unique_ptr<alerts::AlertCenter> alerts;

  Impl(const ServerOptions& o, scan::LiveIngestOptions ingest)
      : options(o), households(o.data_dir, std::move(ingest)), limiter(o.requests_per_minute) {}

  // Who is asking: a bearer token, else the dashboard's session cookie. Answers the request
  // itself (401, 429) and returns nothing when the caller may not go on.
  std::optional<Principal> Authenticate(const httplib::Request& req, httplib::Response& res) {
    std::optional<Principal> who;
    std::string limiter_key;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.starts_with("Bearer ")) {
      if (auto p = accounts->Authenticate(std::string_view(auth).substr(7))) {
        who = *p;
        limiter_key = "user:" + std::to_string(p->user_id);
      }
    } else if (const std::string session = SessionCookie(req); !session.empty()) {
      if (auto p = accounts->SessionPrincipal(session)) {
        who = *p;
        limiter_key = "user:" + std::to_string(p->user_id);
      }
    }
    if (!who) {
      ++metrics.auth_failures;
      SendError(res, 401, "unauthenticated",
                "a valid API token (Authorization: Bearer ...) or a session is needed");
      return std::nullopt;
    }
    int retry_after = 0;
    if (!limiter.Allow(limiter_key, &retry_after)) {
      ++metrics.rate_limited;
      res.set_header("Retry-After", std::to_string(retry_after));
      SendError(res, 429, "rate_limited",
                "too many requests; try again in " + std::to_string(retry_after) + " s");
      return std::nullopt;
    }
    return who;
  }

  static std::string SessionCookie(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string key = std::string(kSessionCookie) + "=";
    for (size_t at = 0; at < cookies.size();) {
      size_t end = cookies.find(';', at);
      if (end == std::string::npos) end = cookies.size();
      std::string_view part = std::string_view(cookies).substr(at, end - at);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      if (part.starts_with(key)) return std::string(part.substr(key.size()));
      at = end + 1;
    }
    return {};
  }

  // The household of the caller, opened; answers 500 itself when it cannot be.
  std::shared_ptr<HouseholdState> HouseholdOf(const Principal& who, httplib::Response& res) {
    auto state = households.Get(who.household_id);
    if (!state) {
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"household store\",\"household\":%lld}\n",
                   static_cast<long long>(who.household_id));
      SendError(res, 500, "store_unavailable", "the household's store cannot be opened");
      return nullptr;
    }
    // Opening it judged every case again (LiveIngest::Create): alerts from all of them once.
    if (alerts && alerts->NeedsFullReconcile(who.household_id)) {
      std::lock_guard lock((*state)->mutex);
      ReconcileAlerts(who.household_id, **state, nullptr);
    }
    return *state;
  }

  void Routes();
  void Ingest(const httplib::Request& req, httplib::Response& res);
  // Stores the household's waiting ingest requests, oldest first, up to kMaxEventsPerRun
  // events (at least one request), in one run, and gives each its result. Call with the
  // household's mutex held.
  void RunWaitingIngests(int64_t household_id, HouseholdState& household);
  void Cases(const httplib::Request& req, httplib::Response& res);
  void CaseDetail(const httplib::Request& req, httplib::Response& res);
  void CaseEvents(const httplib::Request& req, httplib::Response& res);
  void CaseDownload(const httplib::Request& req, httplib::Response& res);
  void CaseTimeline(const httplib::Request& req, httplib::Response& res);
  void Search(const httplib::Request& req, httplib::Response& res);
  void ListGuardians(const httplib::Request& req, httplib::Response& res);
  void AddGuardian(const httplib::Request& req, httplib::Response& res);
  void RemoveGuardian(const httplib::Request& req, httplib::Response& res);
  void Contacts(const httplib::Request& req, httplib::Response& res);
  void Checkup(const httplib::Request& req, httplib::Response& res);
  void GetProfile(const httplib::Request& req, httplib::Response& res);
  void PutProfile(const httplib::Request& req, httplib::Response& res);
  void Login(const httplib::Request& req, httplib::Response& res);
  void Logout(const httplib::Request& req, httplib::Response& res);
  void Me(const httplib::Request& req, httplib::Response& res);
  void GetAlertRules(const httplib::Request& req, httplib::Response& res);
  void PutAlertRules(const httplib::Request& req, httplib::Response& res);
  void ListAlerts(const httplib::Request& req, httplib::Response& res);
  // Makes the alerts due from the household's cases (handlers_alerts.cc): from `changes` after
  // an ingest, from every case when `changes` is null (after an open or a rebuild). Call with
  // the household's mutex held, before answering, so an acknowledged event's alert is stored.
  void ReconcileAlerts(int64_t household_id, HouseholdState& household,
                       const std::vector<scan::CaseChange>* changes);
  // Opens and reconciles every household with an alert rule: a crash between an ingest's
  // commit and its alert's loses nothing.
  void ReconcileAlertsAtStart();
  void DashboardPage(const httplib::Request& req, httplib::Response& res);
  void DashboardAsset(const httplib::Request& req, httplib::Response& res);
};

}  // namespace stalkguard::service
