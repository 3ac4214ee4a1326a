// Real receivers for the alert tests, on loopback: a webhook endpoint (cpp-httplib) that
// records what arrives and answers as the test says, a check of the signature made with
// libsodium apart from the code under test, and an SMTP server (Debian's aiosmtpd, writing
// each message to a Maildir). Test code only.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace stalkguard::service::alerts::testing {

struct Received {
  std::string alert_id;   // X-Stalkguard-Alert
  std::string timestamp;  // X-Stalkguard-Timestamp
  std::string signature;  // X-Stalkguard-Signature
  std::string content_type;
  std::string body;
  std::chrono::steady_clock::time_point at;
};

// True when `r.signature` is "sha256=" and the hex HMAC-SHA256 of timestamp "." body keyed
// with the secret's characters: computed here with libsodium, not with the service's code.
inline bool SignatureValid(const std::string& secret, const Received& r) {
  if (sodium_init() < 0 || !r.signature.starts_with("sha256=")) return false;
  const std::string signed_text = r.timestamp + "." + r.body;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  unsigned char given[crypto_auth_hmacsha256_BYTES];
  size_t given_len = 0;
  const std::string hex = r.signature.substr(7);
  if (sodium_hex2bin(given, sizeof given, hex.data(), hex.size(), nullptr, &given_len, nullptr) !=
          0 ||
      given_len != sizeof given || hex.size() != 2 * sizeof given) {
    return false;
  }
  return sodium_memcmp(mac, given, sizeof mac) == 0;
}

// A port nobody listens on now: the kernel's choice for a socket bound to port 0, closed.
inline int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

inline bool Accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// POST /hook records the request and answers status(n) for the n-th request (0 first);
// 200 when no function is given. status() may block (a slow endpoint).
class WebhookReceiver {
 public:
  explicit WebhookReceiver(std::function<int(size_t)> status = nullptr, int port = 0)
      : status_(std::move(status)) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      Received r{req.get_header_value("X-Stalkguard-Alert"),
                 req.get_header_value("X-Stalkguard-Timestamp"),
                 req.get_header_value("X-Stalkguard-Signature"),
                 req.get_header_value("Content-Type"),
                 req.body,
                 std::chrono::steady_clock::now()};
      size_t n = 0;
      {
        std::lock_guard lock(mutex_);
        n = received_.size();
        received_.push_back(r);
        if (on_request) on_request(r);
      }
      arrived_.notify_all();
      res.status = status_ ? status_(n) : 200;
      res.set_content("{}", "application/json");
    });
    port_ = port == 0 ? server_.bind_to_any_port("127.0.0.1")
                      : (server_.bind_to_port("127.0.0.1", port) ? port : -1);
    // The socket listens from bind on: requests wait in its backlog until the loop runs.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~WebhookReceiver() {
    // A stop before the loop runs would be lost.
    while (port_ > 0 && !server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // True when `n` requests have come, waiting at most `timeout` for them.
  bool WaitFor(size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, timeout, [&] { return received_.size() >= n; });
  }

  // Called with each request as it arrives (under the receiver's lock).
  std::function<void(const Received&)> on_request;

 private:
  std::function<int(size_t)> status_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Received> received_;
};

// aiosmtpd on a loopback port, keeping every message it takes in a Maildir under `dir`.
// /usr/bin/python3: a python3 earlier on PATH (pyenv) may lack Debian's aiosmtpd.
class SmtpSink {
 public:
  explicit SmtpSink(const std::filesystem::path& dir) : maildir_(dir / "maildir") {
    port_ = FreeLoopbackPort();
    std::vector<std::string> args = {"/usr/bin/python3",
                                     "-m",
                                     "aiosmtpd",
                                     "-n",
                                     "-l",
                                     "127.0.0.1:" + std::to_string(port_),
                                     "-c",
                                     "aiosmtpd.handlers.Mailbox",
                                     maildir_.string()};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
    for (int i = 0; i < 400 && pid_ > 0 && !Accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0 && Accepts(port_); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Each message taken so far, whole.
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(maildir_ / "new", ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
  }
  // Looks every 10 ms: the messages are files another process writes.
  bool WaitFor(size_t n, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Messages().size() < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

 private:
  std::filesystem::path maildir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace stalkguard::service::alerts::testing
