#include "service/http/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "casework/evidence_export.h"
#include "checkup/checkup_json.h"
#include "checkup/checkup_tools.h"
#include "core/file_read.h"
#include "core/time_zone.h"
#include "core/timestamp.h"
#include "core/utf8.h"
#include "detectors/builtin.h"
#include "evidence/device_key.h"
#include "profile/profile_loader.h"
#include "serialize/case_json.h"
#include "serialize/event_json.h"
#include "service/accounts/accounts.h"
#include "service/http/ingest_body.h"
#include "service/http/internal/household_registry.h"
#include "service/http/internal/rate_limiter.h"

namespace stalkguard::service {
namespace {

using json = nlohmann::ordered_json;
using internal::HouseholdState;
namespace fs = std::filesystem;

constexpr const char* kSessionCookie = "sg_session";
constexpr int64_t kSessionTtlMs = 12LL * 60 * 60 * 1000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Every error is one JSON object: {"error": {"code": "not_found", "message": "..."}}. Never a
// stack trace or an internal path.
void SendError(httplib::Response& res, int status, std::string_view code,
               const std::string& message) {
  res.status = status;
  res.set_content(
      json{{"error", {{"code", code}, {"message", SanitizeUtf8(message)}}}}.dump() + "\n",
      "application/json");
}

void SendJson(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump() + "\n", "application/json");
}

// Cases come from serialize/ as plain (unordered-key) JSON.
void SendCasesJson(httplib::Response& res, const nlohmann::json& body) {
  res.status = 200;
  res.set_content(body.dump() + "\n", "application/json");
}

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
    line("stalkguard_ingest_seconds_total", "Time spent in ingest requests.", "counter",
         ingest_micros / 1'000'000);
    line("stalkguard_http_in_flight", "Requests being handled now.", "gauge", in_flight);
    return out;
  }
};

// The path as logged: ids in case paths are the contact's, not secret, but queries may be.
std::string LoggedPath(const httplib::Request& req) { return SanitizeUtf8(req.path); }

bool MaySeeMessages(Role role) { return role == Role::kProtected; }
bool MayIngest(Role role) { return role == Role::kProtected || role == Role::kAdmin; }
bool MayChangeProfile(Role role) { return role == Role::kProtected || role == Role::kAdmin; }

}  // namespace

struct GuardianServer::Impl {
  ServerOptions options;
  std::unique_ptr<Accounts> accounts;
  internal::HouseholdRegistry households;
  internal::RateLimiter limiter;
  Metrics metrics;
  httplib::Server http;
  int bound_port = -1;
  std::atomic<int64_t> request_counter{0};
  std::atomic<bool> serving{false};
  std::atomic<bool> stop_requested{false};

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
    return *state;
  }

  void Routes();
  void Ingest(const httplib::Request& req, httplib::Response& res);
  void Cases(const httplib::Request& req, httplib::Response& res);
  void CaseDetail(const httplib::Request& req, httplib::Response& res);
  void CaseEvents(const httplib::Request& req, httplib::Response& res);
  void CaseDownload(const httplib::Request& req, httplib::Response& res);
  void Contacts(const httplib::Request& req, httplib::Response& res);
  void Checkup(const httplib::Request& req, httplib::Response& res);
  void GetProfile(const httplib::Request& req, httplib::Response& res);
  void PutProfile(const httplib::Request& req, httplib::Response& res);
  void Login(const httplib::Request& req, httplib::Response& res);
  void Logout(const httplib::Request& req, httplib::Response& res);
  void Me(const httplib::Request& req, httplib::Response& res);
};

void GuardianServer::Impl::Routes() {
  auto wrap = [this](void (Impl::*handler)(const httplib::Request&, httplib::Response&)) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      // Counted down however the handler ends, an exception included.
      struct InFlight {
        std::atomic<int64_t>& gauge;
        explicit InFlight(std::atomic<int64_t>& g) : gauge(g) { ++gauge; }
        ~InFlight() { --gauge; }
      } counted(metrics.in_flight);
      (this->*handler)(req, res);
    };
  };
  http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, {{"status", "ok"}});
  });
  http.Get("/api/v1/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.Text(), "text/plain; version=0.0.4");
  });
  http.Post("/api/v1/login", wrap(&Impl::Login));
  http.Post("/api/v1/logout", wrap(&Impl::Logout));
  http.Get("/api/v1/me", wrap(&Impl::Me));
  http.Post("/api/v1/events", wrap(&Impl::Ingest));
  http.Get("/api/v1/cases", wrap(&Impl::Cases));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+))", wrap(&Impl::CaseDetail));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+)/events)", wrap(&Impl::CaseEvents));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+)/(report|evidence))", wrap(&Impl::CaseDownload));
  http.Get("/api/v1/contacts", wrap(&Impl::Contacts));
  http.Get("/api/v1/checkup", wrap(&Impl::Checkup));
  http.Get("/api/v1/profile", wrap(&Impl::GetProfile));
  http.Put("/api/v1/profile", wrap(&Impl::PutProfile));

  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler already answered
    switch (res.status) {
      case 404:
        SendError(res, 404, "not_found", "no such endpoint: " + req.method + " " + req.path);
        break;
      case 413:
        SendError(res, 413, "too_large", "the request body is larger than the limit");
        break;
      default:
        SendError(res, res.status, "http_error", "the request could not be handled");
    }
  });
  http.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        ++metrics.server_errors;
        std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"handler failed\",\"path\":\"%s\"}\n",
                     LoggedPath(req).c_str());
        SendError(res, 500, "internal", "the server failed to handle the request");
      });
  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    ++metrics.requests;
    if (res.status >= 500) {
      ++metrics.server_errors;
    } else if (res.status >= 400) {
      ++metrics.client_errors;
    }
    if (!options.log_requests) return;
    const json line = {{"time", FormatRfc3339(Timestamp{NowMs(), 0, false})},
                       {"method", req.method},
                       {"path", LoggedPath(req)},
                       {"status", res.status},
                       {"request_bytes", req.body.size()},
                       {"response_bytes", res.body.size()}};
    std::fprintf(stderr, "%s\n", line.dump().c_str());
  });
}

void GuardianServer::Impl::Login(const httplib::Request& req, httplib::Response& res) {
  const json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("login") || !body["login"].is_string() ||
      !body.contains("password") || !body["password"].is_string()) {
    SendError(res, 400, "bad_request", "expected {\"login\": ..., \"password\": ...}");
    return;
  }
  auto who = accounts->CheckPassword(body["login"].get<std::string>(),
                                     body["password"].get<std::string>());
  if (!who) {
    ++metrics.auth_failures;
    SendError(res, 401, "bad_login", "unknown login or wrong password");
    return;
  }
  auto session = accounts->CreateSession(who->user_id, kSessionTtlMs);
  if (!session) {
    SendError(res, 500, "session", "the session could not be created");
    return;
  }
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + *session +
                                   "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                   std::to_string(kSessionTtlMs / 1000));
  SendJson(
      res,
      {{"login", who->login}, {"role", ToString(who->role)}, {"household", who->household_id}});
}

void GuardianServer::Impl::Logout(const httplib::Request& req, httplib::Response& res) {
  const std::string session = SessionCookie(req);
  if (!session.empty()) (void)accounts->EndSession(session);
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  SendJson(res, {{"status", "signed out"}});
}

void GuardianServer::Impl::Me(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  SendJson(res, {{"login", who->login},
                 {"role", ToString(who->role)},
                 {"household", who->household_id},
                 {"sees_messages", MaySeeMessages(who->role)}});
}

void GuardianServer::Impl::Ingest(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayIngest(who->role)) {
    SendError(res, 403, "forbidden", "a guardian's token cannot add events");
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string source = "api request " + std::to_string(++request_counter) + " at " +
                             FormatRfc3339(Timestamp{NowMs(), 0, false});
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  importers::ImportOptions import;
  import.normalizer = IdentityNormalizer(household->profile.region);
  auto body = ParseIngestBody(req.body, req.get_header_value("Content-Type"), source, import);
  if (!body) {
    SendError(res, 400, "bad_request", body.error().message);
    return;
  }
  metrics.events_rejected += static_cast<int64_t>(body->rejections.size());
  json rejected = json::array();
  for (const IngestRejection& r : body->rejections) {
    rejected.push_back({{"index", r.index}, {"reason", SanitizeUtf8(r.reason)}});
  }
  if (body->events.empty()) {
    SendJson(res,
             {{"error", {{"code", "no_valid_events"}, {"message", "no event could be read"}}},
              {"rejected", rejected}},
             body->total == 0 ? 400 : 422);
    return;
  }
  const std::vector<int64_t> positions = body->positions;
  auto result = household->ingest->Ingest(std::move(body->events));
  if (!result) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"ingest failed\",\"household\":%lld}\n",
                 static_cast<long long>(who->household_id));
    SendError(res, 503, "not_stored", "the events were not stored; send them again");
    return;
  }
  metrics.events_ingested += result->counts.inserted;
  metrics.events_duplicate += result->counts.duplicates;
  for (const store::Rejection& r : result->rejections) {
    rejected.push_back({{"record", SanitizeUtf8(r.record)}, {"reason", SanitizeUtf8(r.reason)}});
  }
  json ids = json::array();
  for (size_t i = 0; i < result->event_ids.size(); ++i) {
    ids.push_back(
        {{"index", i < positions.size() ? positions[i] : 0}, {"id", result->event_ids[i]}});
  }
  json changes = json::array();
  for (const scan::CaseChange& c : result->changes) {
    json change = {{"case", c.contact_id},
                   {"display", SanitizeUtf8(c.display)},
                   {"severity", ToString(c.after)},
                   {"score", c.score}};
    change["before"] = c.before ? json(ToString(*c.before)) : json(nullptr);
    changes.push_back(std::move(change));
  }
  ++metrics.ingest_requests;
  metrics.ingest_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count();
  SendJson(res, {{"stored", result->counts.inserted},
                 {"duplicates", result->counts.duplicates},
                 {"rejected", rejected},
                 {"events", ids},
                 {"cases_changed", changes}});
}

void GuardianServer::Impl::Cases(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  // The list: who, how bad, why; the findings are on each case's own page.
  nlohmann::json list = serialize::CasesJson(*cases);
  for (nlohmann::json& c : list) c.erase("findings");
  SendCasesJson(res, nlohmann::json{{"cases", std::move(list)}});
}

void GuardianServer::Impl::CaseDetail(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  const std::string id = req.matches[1];
  std::lock_guard lock(household->mutex);
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  for (const nlohmann::json& c : serialize::CasesJson(*cases)) {
    // Findings carry their excerpts: what a guardian may see of the messages.
    if (c["contact"].value("id", "") == id) {
      SendCasesJson(res, nlohmann::json{{"case", c}});
      return;
    }
  }
  SendError(res, 404, "not_found", "no case " + id + " in this household");
}

void GuardianServer::Impl::CaseEvents(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MaySeeMessages(who->role)) {
    SendError(res, 403, "forbidden",
              "only the protected person sees whole messages; a guardian sees the findings and "
              "their excerpts");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  const std::string id = req.matches[1];
  std::lock_guard lock(household->mutex);
  auto contacts = household->store->ListContacts();
  if (!contacts) {
    SendError(res, 500, "store", "the contacts cannot be read");
    return;
  }
  std::vector<int64_t> identity_ids;
  for (const store::ContactIdentities& c : *contacts) {
    if (c.record.id != id) continue;
    for (const store::IdentityRecord& i : c.identities) identity_ids.push_back(i.id);
  }
  if (identity_ids.empty()) {
    SendError(res, 404, "not_found", "no contact " + id + " in this household");
    return;
  }
  std::string lines = "{\"events\":[";
  bool first = true;
  auto read = household->store->ForEachEvent(identity_ids, [&](Event& e) -> Status {
    lines += first ? "" : ",";
    lines += serialize::EventToJson(e);
    first = false;
    return OkStatus();
  });
  if (!read) {
    SendError(res, 500, "store", "the events cannot be read");
    return;
  }
  lines += "]}\n";
  res.set_content(lines, "application/json");
}

// The report (PDF, or HTML with ?format=html) or the signed evidence bundle (zip) of one case,
// made as `stalkguard report` and `export` make them, in a scratch folder of the household that
// is removed afterwards. Both quote whole messages: the protected person's only.
void GuardianServer::Impl::CaseDownload(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MaySeeMessages(who->role)) {
    SendError(res, 403, "forbidden",
              "the report and the evidence quote whole messages: only the protected person "
              "downloads them");
    return;
  }
  const std::string id = req.matches[1];
  const bool bundle_only = req.matches[2] == "evidence";
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "pdf";
  if (!bundle_only && format != "pdf" && format != "html") {
    SendError(res, 400, "bad_request", "format is pdf or html");
    return;
  }
  auto zone = TimeZone::Named(req.has_param("tz") ? req.get_param_value("tz") : "UTC");
  if (!zone) {
    SendError(res, 400, "bad_request", "tz is not a known time zone");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  if (std::none_of(cases->begin(), cases->end(),
                   [&](const Case& c) { return c.contact_id == id; })) {
    SendError(res, 404, "not_found", "no case " + id + " in this household");
    return;
  }
  const fs::path scratch =
      fs::path(household->dir) / "downloads" / std::to_string(++request_counter);
  std::error_code ec;
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  auto key = evidence::DeviceKey::LoadOrCreate(
      casework::DeviceKeyPath(fs::path(household->dir) / "stalkguard.db"));
  Status made = key ? OkStatus() : Status(tl::unexpected(key.error()));
  casework::ReportRequest request;
  request.bundle.selection.case_ids = {id};
  request.bundle.out = scratch / "evidence.zip";
  request.bundle.profile = &household->profile;
  request.bundle.now_ms = NowMs();
  request.out = scratch / ("report." + format);
  request.zone = &*zone;
  if (made) {
    made =
        bundle_only
            ? casework::ExportEvidence(*household->store, *key, request.bundle)
                  .transform([](auto&&) {})
            : casework::WriteEvidenceReport(*household->store, *key, request).transform([](auto&&) {
              });
  }
  std::string bytes;
  const fs::path file = bundle_only ? request.bundle.out : request.out;
  if (made) {
    auto read = ReadWholeFile(file);
    if (read) bytes = std::move(*read);
  }
  fs::remove_all(scratch, ec);
  if (!made || bytes.empty()) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"download failed\",\"household\":%lld}\n",
                 static_cast<long long>(who->household_id));
    SendError(res, 500, "not_made", "the file could not be made");
    return;
  }
  const char* type = bundle_only       ? "application/zip"
                     : format == "pdf" ? "application/pdf"
                                       : "text/html; charset=utf-8";
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + id + "-" + file.filename().string() + "\"");
  res.set_content(bytes, type);
}

void GuardianServer::Impl::Contacts(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  auto summaries = household->store->ContactSummaries();
  if (!summaries) {
    SendError(res, 500, "store", "the contacts cannot be read");
    return;
  }
  json list = json::array();
  for (const store::ContactSummary& c : *summaries) {
    json contact = {{"id", c.id},
                    {"display", SanitizeUtf8(c.display)},
                    {"channels", c.channels},
                    {"incoming", c.incoming},
                    {"outgoing", c.outgoing},
                    {"first", FormatRfc3339(Timestamp{c.first_ms, 0, false})},
                    {"last", FormatRfc3339(Timestamp{c.last_ms, 0, false})}};
    // A guardian sees who, how much and when; the person sees the addresses and the reasons
    // they were linked too.
    if (MaySeeMessages(who->role)) {
      contact["identities"] = c.identities;
      contact["link_reasons"] = c.link_reasons;
    }
    list.push_back(std::move(contact));
  }
  SendJson(res, {{"contacts", list}});
}

// The safety check-up over the household's store, as `stalkguard checkup --json` prints it. A
// guardian gets each item's status, summary and steps, not what it was seen in (the person's
// own posts, other people's numbers).
void GuardianServer::Impl::Checkup(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  if (!household->checkup_tools) {
    checkup::CheckupTools tools;
    (void)checkup::LoadCheckupTools(household->profile, "", "", tools);  // fails only with a list
    for (const std::string& note : tools.notes) {
      const json line = {{"level", "warning"}, {"msg", "check-up: " + SanitizeUtf8(note)}};
      std::fprintf(stderr, "%s\n", line.dump().c_str());
    }
    household->checkup_tools.emplace(std::move(tools));
  }
  auto run =
      checkup::StoredCheckup(household->profile, *household->store, *household->checkup_tools);
  if (!run) {
    SendError(res, 500, "store", "the check-up could not be run");
    return;
  }
  res.set_content(checkup::CheckupJson(run->items, MaySeeMessages(who->role)) + "\n",
                  "application/json");
}

void GuardianServer::Impl::GetProfile(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayChangeProfile(who->role)) {
    SendError(res, 403, "forbidden", "the profile is the protected person's and the admin's");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  res.set_content(household->profile_toml, "application/toml");
}

void GuardianServer::Impl::PutProfile(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayChangeProfile(who->role)) {
    SendError(res, 403, "forbidden", "the profile is the protected person's and the admin's");
    return;
  }
  auto parsed = profile::ParseProfile(req.body, "profile");
  if (!parsed) {
    SendError(res, 400, "bad_profile", parsed.error().message);
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  std::lock_guard lock(household->mutex);
  if (Status s = household->SetProfile(std::move(*parsed), req.body); !s) {
    SendError(res, 500, "profile_not_applied", "the profile could not be applied");
    return;
  }
  SendJson(res, {{"status", "profile set; contacts and cases rebuilt"}});
}

GuardianServer::GuardianServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GuardianServer::~GuardianServer() { Stop(); }

Result<std::unique_ptr<GuardianServer>> GuardianServer::Create(const ServerOptions& options) {
  if (options.data_dir.empty()) return MakeError(ErrorCode::kInvalidInput, "no data folder");
  // The text layer (classifier and phrase patterns) takes seconds to load: once for the server,
  // shared by every household.
  scan::LiveIngestOptions ingest;
  SG_ASSIGN_OR_RETURN(ingest.text_layer, detect::LoadTextLayer(ingest.detectors));
  auto impl = std::make_unique<Impl>(options, std::move(ingest));
  SG_ASSIGN_OR_RETURN(impl->accounts, Accounts::Open(options.data_dir + "/service.db"));
  impl->http.set_payload_max_length(options.max_body_bytes);
  impl->http.set_keep_alive_timeout(2);  // a stop waits for idle keep-alive connections
  const int threads = std::max(1, options.worker_threads);
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->Routes();
  return std::unique_ptr<GuardianServer>(new GuardianServer(std::move(impl)));
}

Status GuardianServer::Bind() {
  if (impl_->options.port == 0) {
    impl_->bound_port = impl_->http.bind_to_any_port(impl_->options.host);
  } else if (impl_->http.bind_to_port(impl_->options.host, impl_->options.port)) {
    impl_->bound_port = impl_->options.port;
  }
  if (impl_->bound_port <= 0) {
    return MakeError(ErrorCode::kIo, "cannot listen on " + impl_->options.host + ":" +
                                         std::to_string(impl_->options.port));
  }
  return OkStatus();
}

int GuardianServer::port() const { return impl_->bound_port; }

// A Stop that comes before Serve has started listening must still end it: Serve looks at
// stop_requested after saying it is serving, and Stop waits for a Serve it sees starting.
Status GuardianServer::Serve() {
  impl_->serving = true;
  if (impl_->stop_requested) {
    impl_->serving = false;
    return OkStatus();
  }
  const bool clean = impl_->http.listen_after_bind();
  impl_->serving = false;
  if (!clean && !impl_->stop_requested) {
    return MakeError(ErrorCode::kIo, "the server stopped with an error");
  }
  return OkStatus();
}

void GuardianServer::Stop() {
  if (!impl_) return;
  impl_->stop_requested = true;
  while (impl_->serving && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (impl_->http.is_running()) impl_->http.stop();
}

}  // namespace stalkguard::service
