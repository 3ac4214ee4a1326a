// Alerts of the real `stalkguard serve` process through a kill -9 in the middle of a sustained
// ingest: after a restart, every acknowledged case that reached the rule's level has its
// alert, every alert the store holds reaches the receiver (a webhook endpoint in this test),
// no case and severity arrives under two alert ids, and the evidence chain verifies.
// Deliveries are at-least-once: the same alert id arriving twice is allowed and reported.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/alerts/testing/receivers.h"
#include "tests/integration/run_binary.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using stalkguard::service::alerts::testing::FreeLoopbackPort;
using stalkguard::service::alerts::testing::Received;
using stalkguard::service::alerts::testing::SignatureValid;
using stalkguard::service::alerts::testing::WebhookReceiver;
using stalkguard::testing::RunStalkguard;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "kestrel-orchard-41-window";

const std::string kProfile = R"([person]
names = ["Sam Lee"]
phones = ["+44 7700 900123"]
addresses = ["12 Mill Lane, Leeds LS6 2AB"]
)";

class CliServeAlerts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-serve-alerts-cli-" + std::to_string(::getpid()) + "-" +
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
    port_ = FreeLoopbackPort();
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  void StartServer() {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string log = (dir_ / "serve.log").string();
    std::vector<std::string> args = {SG_BINARY,  "serve", "--data", dir_.string(),
                                     "--listen", listen,  "--quiet"};
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
    for (int i = 0; i < 400; ++i) {
      if (auto res = client.Get("/api/v1/health"); res && res->status == 200) return;
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "the server did not come up: " << Log();
  }

  int StopWith(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  // `senders` new contacts, each saying where Sam lives and threatening: new danger cases.
  static std::string Batch(int batch, int senders) {
    json events = json::array();
    for (int s = 0; s < senders; ++s) {
      const std::string who = std::to_string(batch) + "-" + std::to_string(s);
      char phone[32];
      std::snprintf(phone, sizeof phone, "+4477009%05d", batch * senders + s);
      for (const char* text : {"I know where you live", "I will kill you if you block me"}) {
        events.push_back({{"id", "k" + who + "-" + std::to_string(events.size())},
                          {"time", "2024-03-02T01:00:00Z"},
                          {"platform", "sms"},
                          {"sender", {{"id", phone}, {"name", "Caller " + who}}},
                          {"recipient", {{"id", "+447700900123"}}},
                          {"text", text}});
      }
    }
    return events.dump();
  }

  std::string Log() const {
    std::ifstream in(dir_ / "serve.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Rows of the alert database: (id, case, severity, pending deliveries).
  struct StoredAlert {
    int64_t id;
    std::string case_id;
    std::string severity;
    int pending;
  };
  std::vector<StoredAlert> StoredAlerts() const {
    const std::string path = (dir_ / "alerts.db").string();
    sqlite3* db = nullptr;
    std::vector<StoredAlert> out;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      return out;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT a.id, a.case_id, a.severity, (SELECT count(*) FROM deliveries d "
                       "WHERE d.alert_id = a.id AND d.state = 'pending') FROM alerts a",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      out.push_back({sqlite3_column_int64(stmt, 0),
                     reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)),
                     reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)),
                     static_cast<int>(sqlite3_column_int(stmt, 3))});
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  fs::path dir_;
  std::string token_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace

TEST_F(CliServeAlerts, KillDuringIngestLosesNoAlertAndSendsNoneUnderTwoIds) {
  // A slow receiver, so that the kill finds deliveries queued and in flight.
  WebhookReceiver receiver([](size_t) {
    std::this_thread::sleep_for(30ms);
    return 200;
  });
  ASSERT_NO_FATAL_FAILURE(StartServer());
  httplib::Headers auth = {{"Authorization", "Bearer " + token_}};
  {
    httplib::Client client("127.0.0.1", port_);
    auto profile = client.Put("/api/v1/profile", auth, kProfile, "application/toml");
    ASSERT_TRUE(profile && profile->status == 200);
  }
  std::string secret;
  {
    httplib::Client client("127.0.0.1", port_);
    const json rules = {
        {"rules", {{{"min_severity", "warning"}, {"webhook_url", receiver.url()}}}}};
    auto res = client.Put("/api/v1/settings/alerts", auth, rules.dump(), "application/json");
    ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "no reply");
    secret = json::parse(res->body)["new_secrets"].begin().value();
  }

  // Acknowledged cases at warning or above, by case id.
  std::map<std::string, std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> batches{0};
  std::string first_reply;
  std::thread sender([&] {
    httplib::Client client("127.0.0.1", port_);
    for (int batch = 0; !stop; ++batch) {
      auto res = client.Post("/api/v1/events", auth, Batch(batch, 4), "application/json");
      if (!res || res->status != 200) continue;  // killed mid-request: not acknowledged
      if (batch == 0) first_reply = res->body;
      const json reply = json::parse(res->body);
      for (const json& c : reply["cases_changed"]) {
        const std::string severity = c["severity"];
        if (severity == "warning" || severity == "danger") acknowledged[c["case"]] = severity;
      }
      ++batches;
    }
  });
  // A server that stops answering ends the test, not hangs it.
  const auto give_up = std::chrono::steady_clock::now() + 120s;
  while (batches < 10 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(5ms);
  }
  StopWith(SIGKILL);
  stop = true;
  sender.join();
  ASSERT_GE(batches, 10) << Log();
  ASSERT_GE(acknowledged.size(), 20u) << first_reply;
  const size_t received_before_restart = receiver.received().size();

  ASSERT_NO_FATAL_FAILURE(StartServer());
  // Every alert the store holds goes out (pending ones from before the kill included).
  std::vector<StoredAlert> stored;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    stored = StoredAlerts();
    bool settled = !stored.empty();
    for (const StoredAlert& a : stored) settled = settled && a.pending == 0;
    if (settled) break;
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(StopWith(SIGTERM), 0) << Log();

  // No acknowledged case without its alert.
  std::map<std::string, std::set<std::string>> stored_by_case;
  for (const StoredAlert& a : stored) stored_by_case[a.case_id].insert(a.severity);
  size_t lost = 0;
  for (const auto& [case_id, severity] : acknowledged) {
    lost += stored_by_case[case_id].count(severity) == 0 ? 1 : 0;
  }
  EXPECT_EQ(lost, 0u) << "of " << acknowledged.size() << " acknowledged cases";

  // Every stored alert received, each (case, severity) under one alert id only.
  const std::vector<Received> got = receiver.received();
  std::map<std::string, int> times_by_id;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> ids_by_case;
  size_t bad_signatures = 0;
  for (const Received& r : got) {
    ++times_by_id[r.alert_id];
    const json body = json::parse(r.body);
    ids_by_case[{body["case"]["id"], body["case"]["severity"]}].insert(r.alert_id);
    bad_signatures += SignatureValid(secret, r) ? 0 : 1;
  }
  EXPECT_EQ(bad_signatures, 0u);
  size_t undelivered = 0;
  for (const StoredAlert& a : stored) {
    undelivered += a.pending > 0 || times_by_id.count(std::to_string(a.id)) == 0 ? 1 : 0;
  }
  EXPECT_EQ(undelivered, 0u) << "of " << stored.size() << " stored alerts";
  size_t under_two_ids = 0;
  for (const auto& [key, ids] : ids_by_case) under_two_ids += ids.size() > 1 ? 1 : 0;
  EXPECT_EQ(under_two_ids, 0u);
  size_t repeated = 0;
  for (const auto& [id, times] : times_by_id) repeated += times > 1 ? 1 : 0;
  // At-least-once: a delivery sent just before the kill, and not yet recorded, goes again
  // under the same id. Reported, not failed.
  std::printf(
      "alerts: %zu acknowledged cases, %zu stored alerts, %zu webhooks (%zu before the "
      "restart), %zu alert ids received more than once\n",
      acknowledged.size(), stored.size(), got.size(), received_before_restart, repeated);
  RecordProperty("alert_ids_repeated", static_cast<int>(repeated));

  const auto verify = RunStalkguard("verify --store --db " +
                                    (dir_ / "households" / "1" / "stalkguard.db").string());
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}
