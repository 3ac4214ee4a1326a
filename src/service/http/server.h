// `stalkguard serve`: the guardian service's HTTP JSON API under /api/v1/ (docs/api.md,
// docs/openapi.yaml). Each household has its own event store, so one household's requests
// can only ever open that household's file; the service database (accounts.h) says who is
// asking and for which household. Binds loopback by default.
//
//   SG_ASSIGN_OR_RETURN(auto server, GuardianServer::Create(options));
//   SG_RETURN_IF_ERROR(server->Bind());   // then server->port()
//   server->Serve();                      // until Stop() (SIGTERM): in-flight requests finish
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "service/alerts/alert_types.h"

namespace stalkguard::service {

struct ServerOptions {
  std::string data_dir;  // service.db and households/<id>/ live here
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port
  size_t max_body_bytes = 16u << 20;
  // Requests each token or session may make per minute; more get 429 with Retry-After.
  int requests_per_minute = 1200;
  int worker_threads = 8;
  // While ingest requests keep coming, a household's changed cases are written to its store at
  // most this often (LiveIngestOptions::case_write_interval_ms); they are written at once when
  // no request waits, before any request reads the store, and at Stop.
  int case_write_interval_ms = 1000;
  bool log_requests = true;  // one JSON line per request on stderr (never bodies or secrets)
  // How alerts go out (<data_dir>/alerts.db, docs/alerts.md): SMTP server, retries, timeouts.
  alerts::AlertOptions alerts;
};

class GuardianServer {
 public:
  static Result<std::unique_ptr<GuardianServer>> Create(const ServerOptions& options);
  ~GuardianServer();
  GuardianServer(const GuardianServer&) = delete;
  GuardianServer& operator=(const GuardianServer&) = delete;

  // Binds the listening socket; fails when the address is taken or not allowed.
  Status Bind();
  int port() const;
  // Serves until Stop(); returns once every request in flight has been answered.
  Status Serve();
  // Safe from any thread and from a signal-watching thread; idempotent.
  void Stop();

 private:
  struct Impl;
  explicit GuardianServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stalkguard::service
