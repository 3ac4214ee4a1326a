#include "service/http/server.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "core/timestamp.h"
#include "detectors/builtin.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {

using internal::LoggedPath;

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
    res.set_content(metrics.Text() + (alerts ? alerts->MetricsText() : ""),
                    "text/plain; version=0.0.4");
  });
  http.Post("/api/v1/login", wrap(&Impl::Login));
  http.Post("/api/v1/logout", wrap(&Impl::Logout));
  http.Get("/api/v1/me", wrap(&Impl::Me));
  http.Post("/api/v1/events", wrap(&Impl::Ingest));
  http.Get("/api/v1/cases", wrap(&Impl::Cases));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+))", wrap(&Impl::CaseDetail));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+)/events)", wrap(&Impl::CaseEvents));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+)/(report|evidence))", wrap(&Impl::CaseDownload));
  http.Get(R"(/api/v1/cases/([A-Za-z0-9_.:-]+)/timeline)", wrap(&Impl::CaseTimeline));
  http.Get("/api/v1/contacts", wrap(&Impl::Contacts));
  http.Get("/api/v1/checkup", wrap(&Impl::Checkup));
  http.Get("/api/v1/search", wrap(&Impl::Search));
  http.Get("/api/v1/settings/guardians", wrap(&Impl::ListGuardians));
  http.Post("/api/v1/settings/guardians", wrap(&Impl::AddGuardian));
  http.Delete(R"(/api/v1/settings/guardians/([A-Za-z0-9._@-]+))", wrap(&Impl::RemoveGuardian));
  http.Get("/api/v1/profile", wrap(&Impl::GetProfile));
  http.Put("/api/v1/profile", wrap(&Impl::PutProfile));
  http.Get("/api/v1/settings/alerts", wrap(&Impl::GetAlertRules));
  http.Put("/api/v1/settings/alerts", wrap(&Impl::PutAlertRules));
  http.Get("/api/v1/alerts", wrap(&Impl::ListAlerts));
  http.Get("/", wrap(&Impl::DashboardPage));
  http.Get(R"(/assets/([A-Za-z0-9_-]+\.[a-z0-9]+))", wrap(&Impl::DashboardAsset));

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

GuardianServer::GuardianServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GuardianServer::~GuardianServer() { Stop(); }

Result<std::unique_ptr<GuardianServer>> GuardianServer::Create(const ServerOptions& options) {
  if (options.data_dir.empty()) return MakeError(ErrorCode::kInvalidInput, "no data folder");
  // The text layer (classifier and phrase patterns) takes seconds to load: once for the server,
  // shared by every household.
  scan::LiveIngestOptions ingest;
  SG_ASSIGN_OR_RETURN(ingest.text_layer, detect::LoadTextLayer(ingest.detectors));
  ingest.case_write_interval_ms = options.case_write_interval_ms;
  auto impl = std::make_unique<Impl>(options, std::move(ingest));
  SG_ASSIGN_OR_RETURN(impl->accounts, Accounts::Open(options.data_dir + "/service.db"));
  impl->http.set_payload_max_length(options.max_body_bytes);
  impl->http.set_keep_alive_timeout(2);  // a stop waits for idle keep-alive connections
  // A reply goes out at once: with Nagle's algorithm a small reply on a kept-alive connection
  // waits for the client's delayed ACK, ~40 ms a request.
  impl->http.set_tcp_nodelay(true);
  const int threads = std::max(1, options.worker_threads);
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl->Routes();
  SG_ASSIGN_OR_RETURN(impl->alerts,
                      alerts::AlertCenter::Open(options.data_dir + "/alerts.db", options.alerts));
  impl->ReconcileAlertsAtStart();
  impl->alerts->Start();
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
  for (const auto& household : impl_->households.Open()) {
    std::lock_guard lock(household->mutex);
    household->StoreWaitingCases();
  }
  if (impl_->alerts) impl_->alerts->Stop();
}

}  // namespace stalkguard::service
