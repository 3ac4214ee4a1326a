// The real `stalkguard serve` process: SIGTERM answers what is in flight and exits 0, and a
// kill -9 in the middle of a sustained ingest loses no acknowledged event: after a restart
// every acknowledged event is stored and the household's evidence chain verifies.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/run_binary.h"

extern char** environ;

namespace fs = std::filesystem;
using json = nlohmann::json;
using stalkguard::testing::RunStalkguard;

namespace {

constexpr const char* kPassword = "kestrel-orchard-41-window";

// A port nobody listens on now: the kernel's choice for a socket bound to port 0, closed again.
int FreePort() {
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

class CliServe : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-serve-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string data = " --data " + dir_.string();
    ASSERT_EQ(RunStalkguard("admin household add Lee" + data).exit_code, 0);
    ASSERT_EQ(RunStalkguard("admin user add --household 1 --login sam --role protected" + data,
                            std::string(kPassword) + "\n")
                  .exit_code,
              0);
    const auto token = RunStalkguard("admin token create --login sam --name phone" + data, "",
                                     /*with_stderr=*/false);
    ASSERT_EQ(token.exit_code, 0);
    const size_t at = token.out.find("sgt_");
    ASSERT_NE(at, std::string::npos) << token.out;
    token_ = token.out.substr(at, token.out.find_first_of(" \n", at) - at);
    port_ = FreePort();
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  // Starts the server and waits until it answers its health check.
  void StartServer() {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string data = dir_.string();
    const std::string log = (dir_ / "serve.log").string();
    std::vector<std::string> args = {SG_BINARY, "serve", "--data", data, "--listen", listen};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    ASSERT_EQ(::posix_spawn(&pid_, SG_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    httplib::Client client("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (auto res = client.Get("/api/v1/health"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the server did not come up";
  }

  int StopWith(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  std::string Batch(int first, int count) const {
    json events = json::array();
    for (int i = first; i < first + count; ++i) {
      events.push_back({{"id", "m" + std::to_string(i)},
                        {"time", "2024-03-01T10:00:00Z"},
                        {"platform", "sms"},
                        {"sender", {{"id", "+447700900" + std::to_string(100 + i % 50)}}},
                        {"recipient", {{"id", "+447700900123"}}},
                        {"text", "message number " + std::to_string(i)}});
    }
    return events.dump();
  }

  std::string Log() const {
    std::ifstream in(dir_ / "serve.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
  std::string token_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace

TEST_F(CliServe, SigtermAnswersWhatIsInFlightThenExitsZero) {
  StartServer();
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30);
  httplib::Headers auth = {{"Authorization", "Bearer " + token_}};
  // A large batch in flight while the signal comes.
  std::atomic<int> status{0};
  std::thread sender([&] {
    auto res = client.Post("/api/v1/events", auth, Batch(0, 2000), "application/json");
    status = res ? res->status : -1;
  });
  httplib::Client watcher("127.0.0.1", port_);
  for (int i = 0; i < 400; ++i) {
    auto metrics = watcher.Get("/api/v1/metrics");
    if (metrics && metrics->body.find("stalkguard_http_in_flight 1") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const int exit_status = StopWith(SIGTERM);
  sender.join();
  EXPECT_TRUE(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0) << Log();
  EXPECT_EQ(status, 200) << Log();
  EXPECT_NE(Log().find("\"msg\":\"stopped\""), std::string::npos) << Log();
}

TEST_F(CliServe, KillDuringIngestLosesNoAcknowledgedEvent) {
  StartServer();
  httplib::Headers auth = {{"Authorization", "Bearer " + token_}};
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> batches{0};
  std::thread sender([&] {
    httplib::Client client("127.0.0.1", port_);
    for (int first = 0; !stop; first += 25) {
      auto res = client.Post("/api/v1/events", auth, Batch(first, 25), "application/json");
      if (!res || res->status != 200) continue;  // killed mid-request: not acknowledged
      const json reply = json::parse(res->body);
      for (const json& e : reply["events"]) {
        acknowledged.insert(e["id"].get<std::string>());
      }
      ++batches;
    }
  });
  // Bounded: a server that never answers fails the test instead of hanging it.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (batches < 8 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  StopWith(SIGKILL);
  stop = true;
  sender.join();
  ASSERT_GE(batches, 8) << Log();
  ASSERT_GE(acknowledged.size(), 200u);

  // Restarted, it serves the same store; then every acknowledged event is in it.
  StartServer();
  EXPECT_EQ(StopWith(SIGTERM), 0);
  const std::string store = (dir_ / "households" / "1" / "stalkguard.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT lower(hex(id)) FROM events", -1, &stmt, nullptr),
            SQLITE_OK);
  std::set<std::string> stored;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    stored.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  size_t missing = 0;
  for (const std::string& id : acknowledged) missing += stored.count(id) == 0 ? 1 : 0;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged";
  const auto verify = RunStalkguard("verify --store --db " + store);
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}
