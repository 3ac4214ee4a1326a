// `stalkguard serve [--data DIR] [--listen 127.0.0.1:8765] [--smtp-url URL [--smtp-from ADDR]]`:
// the guardian service. Events come in over the HTTP API, cases update as they come, alerts go
// out by webhook and e-mail, and guardians read findings, never whole message histories.
// SIGTERM or Ctrl-C stop it after the requests in flight are answered.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "apps/stalkguard/commands.h"
#include "service/http/server.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

struct ServeFlags {
  std::string data;
  std::string listen = "127.0.0.1:8765";
  size_t max_body_mb = 16;
  int rate = 1200;
  int threads = 8;
  int case_write_interval_ms = 1000;
  bool allow_remote = false;
  bool quiet = false;
  std::string smtp_url;
  std::string smtp_from;
};

// "127.0.0.1:8765" -> host and port; nothing when it is not that shape.
std::optional<std::pair<std::string, int>> SplitListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  int port = -1;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  if (std::from_chars(begin, end, port).ptr != end || port < 0 || port > 65535) {
    return std::nullopt;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::make_pair(host, port);
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

int RunServe(const ServeFlags& flags) {
  const auto address = SplitListen(flags.listen);
  if (!address) {
    std::fprintf(stderr, "stalkguard serve: --listen \"%s\": expected HOST:PORT\n",
                 flags.listen.c_str());
    return kExitFailed;
  }
  if (!IsLoopback(address->first) && !flags.allow_remote) {
    std::fprintf(stderr,
                 "stalkguard serve: %s is not a loopback address; the service speaks plain HTTP, "
                 "so put a TLS proxy in front of it and pass --allow-remote\n",
                 address->first.c_str());
    return kExitFailed;
  }
  service::ServerOptions options;
  options.data_dir =
      flags.data.empty()
          ? std::filesystem::path(store::DefaultDatabasePath()).parent_path().string()
          : flags.data;
  options.host = address->first;
  options.port = address->second;
  options.max_body_bytes = flags.max_body_mb << 20;
  options.requests_per_minute = flags.rate;
  options.worker_threads = flags.threads;
  options.case_write_interval_ms = flags.case_write_interval_ms;
  options.log_requests = !flags.quiet;
  if (!flags.smtp_url.empty() && !flags.smtp_url.starts_with("smtp://") &&
      !flags.smtp_url.starts_with("smtps://")) {
    std::fprintf(stderr, "stalkguard serve: --smtp-url must start with smtp:// or smtps://\n");
    return kExitFailed;
  }
  options.alerts.smtp_url = flags.smtp_url;
  if (!flags.smtp_from.empty()) options.alerts.smtp_from = flags.smtp_from;
  // Never a flag: argv is visible to every user of the machine.
  if (const char* password = std::getenv("SG_SMTP_PASSWORD")) {
    options.alerts.smtp_password = password;
  }
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);

  // Signals go to one thread that stops the server; the others never see them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = service::GuardianServer::Create(options);
  if (!server) {
    std::fprintf(stderr, "stalkguard serve: %s\n", server.error().message.c_str());
    return kExitFailed;
  }
  if (Status s = (*server)->Bind(); !s) {
    std::fprintf(stderr, "stalkguard serve: %s\n", s.error().message.c_str());
    return kExitFailed;
  }
  std::fprintf(stderr,
               "{\"level\":\"info\",\"msg\":\"listening\",\"address\":\"%s:%d\",\"data\":\"%s\"}\n",
               options.host.c_str(), (*server)->port(), options.data_dir.c_str());
  service::GuardianServer* running = server->get();
  std::thread watcher([running, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopping\",\"signal\":%d}\n", sig);
    running->Stop();
  });
  const Status served = running->Serve();
  // Serve returned (stopped by a signal, or failed): wake the watcher if it still waits.
  ::kill(::getpid(), SIGTERM);
  watcher.join();
  if (!served) {
    std::fprintf(stderr, "stalkguard serve: %s\n", served.error().message.c_str());
    return kExitFailed;
  }
  std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopped\"}\n");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run the guardian service: live ingest, cases and the HTTP API (docs/api.md)");
  cmd->add_option("--data", flags->data,
                  "Folder of the service database and each household's store (default: the "
                  "folder of the default store)");
  cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:8765)");
  cmd->add_option("--max-body-mb", flags->max_body_mb, "Largest request body, in MiB (16)");
  cmd->add_option("--rate", flags->rate, "Requests per minute per token or session (1200)");
  cmd->add_option("--threads", flags->threads, "Worker threads (8)");
  cmd->add_option("--case-write-interval-ms", flags->case_write_interval_ms,
                  "While ingest requests keep coming, write changed cases at most this often;"
                  " 0: with every request (1000)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--allow-remote", flags->allow_remote,
                "Listen on a non-loopback address (behind a TLS proxy)");
  cmd->add_flag("--quiet", flags->quiet, "No per-request log lines");
  cmd->add_option("--smtp-url", flags->smtp_url,
                  "SMTP server for alert e-mails, smtp://host:port or smtps://host:port (a user "
                  "may come in the URL; the password from SG_SMTP_PASSWORD)");
  cmd->add_option("--smtp-from", flags->smtp_from,
                  "Sender address of alert e-mails (default stalkguard@localhost)");
  cmd->callback([flags, &exit_code] { exit_code = RunServe(*flags); });
}

}  // namespace stalkguard::cli
