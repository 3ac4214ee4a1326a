// Alert latency of the guardian service: an idle in-process server on loopback with a webhook
// rule, a receiver on loopback, and N single-event ingests each of which decides a new alert
// (a new sender's clear threat). Measures from the start of each ingest request to the
// webhook's arrival at the receiver, one at a time, and prints p50/p95/p99/max; next to it the
// ingest reply alone. The household first gets `--quiet-contacts` ordinary contacts, so that
// the store is not empty.
//
//   alert_latency_bench [--alerts N] [--quiet-contacts N]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "service/accounts/accounts.h"
#include "service/alerts/testing/receivers.h"
#include "service/http/server.h"

namespace sv = stalkguard::service;
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "alert_latency_bench: %s\n", what.c_str());
  return 1;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

json Event(const std::string& id, const std::string& phone, const std::string& name,
           const std::string& text) {
  return {{"id", id},
          {"time", "2024-03-02T01:00:00Z"},
          {"platform", "sms"},
          {"sender", {{"id", phone}, {"name", name}}},
          {"recipient", {{"id", "+447700900123"}}},
          {"text", text}};
}

std::string Phone(int n) {
  char phone[32];
  std::snprintf(phone, sizeof phone, "+4477009%05d", n);
  return phone;
}

}  // namespace

int main(int argc, char** argv) {
  int alerts = 200, quiet_contacts = 500;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--alerts" && i + 1 < argc) {
      alerts = std::stoi(argv[++i]);
    } else if (arg == "--quiet-contacts" && i + 1 < argc) {
      quiet_contacts = std::stoi(argv[++i]);
    } else {
      return Fail("usage: alert_latency_bench [--alerts N] [--quiet-contacts N]");
    }
  }
  const fs::path dir = fs::temp_directory_path() / ("sg-alert-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string token;
  {
    auto accounts = sv::Accounts::Open((dir / "service.db").string());
    if (!accounts) return Fail(accounts.error().message);
    auto household = (*accounts)->CreateHousehold("Bench");
    if (!household) return Fail(household.error().message);
    auto user = (*accounts)->AddUser(household->id, "sam", "kestrel-orchard-41-window",
                                     sv::Role::kProtected);
    if (!user) return Fail(user.error().message);
    auto created = (*accounts)->CreateToken(user->id, "bench");
    if (!created) return Fail(created.error().message);
    token = *created;
  }

  sv::alerts::testing::WebhookReceiver receiver;
  sv::ServerOptions options;
  options.data_dir = dir.string();
  options.port = 0;
  options.log_requests = false;
  options.requests_per_minute = 1'000'000;
  auto server = sv::GuardianServer::Create(options);
  if (!server) return Fail(server.error().message);
  if (auto bound = (*server)->Bind(); !bound) return Fail(bound.error().message);
  std::thread serving([&] { (void)(*server)->Serve(); });
  // However main returns, the server stops, its thread is joined and its folder removed.
  struct Joined {
    sv::GuardianServer& server;
    std::thread& thread;
    fs::path dir;
    ~Joined() {
      server.Stop();
      if (thread.joinable()) thread.join();
      fs::remove_all(dir);
    }
  } joined{**server, serving, dir};
  httplib::Client client("127.0.0.1", (*server)->port());
  client.set_read_timeout(60);
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  const std::string profile =
      "[person]\nnames = [\"Sam Lee\"]\nphones = [\"+44 7700 900123\"]\n"
      "addresses = [\"12 Mill Lane, Leeds LS6 2AB\"]\n";
  auto res = client.Put("/api/v1/profile", auth, profile, "application/toml");
  if (!res || res->status != 200) return Fail("profile not set");
  json quiet = json::array();
  for (int i = 0; i < quiet_contacts; ++i) {
    quiet.push_back(Event("q" + std::to_string(i), Phone(50'000 + i), "Friend " + std::to_string(i),
                          "see you at practice on thursday"));
  }
  if (!quiet.empty()) {
    res = client.Post("/api/v1/events", auth, quiet.dump(), "application/json");
    if (!res || res->status != 200) return Fail("quiet contacts not stored");
  }
  const json rules = {{"rules", {{{"min_severity", "warning"}, {"webhook_url", receiver.url()}}}}};
  res = client.Put("/api/v1/settings/alerts", auth, rules.dump(), "application/json");
  if (!res || res->status != 200) return Fail("rule not set: " + (res ? res->body : ""));

  std::vector<double> to_webhook, to_reply;
  for (int i = 0; i < alerts; ++i) {
    const std::string body =
        // Sam is +447700900123: strangers from 1000 on, friends from 50000 on.
        Event("t" + std::to_string(i), Phone(1000 + i), "Stranger " + std::to_string(i),
              "I will kill you if you block me")
            .dump();
    const size_t before = receiver.received().size();
    const auto start = Clock::now();
    res = client.Post("/api/v1/events", auth, body, "application/json");
    const auto replied = Clock::now();
    if (!res || res->status != 200) return Fail("ingest failed");
    if (!receiver.WaitFor(before + 1, std::chrono::seconds(10))) {
      return Fail("no webhook for ingest " + std::to_string(i) + ": " + res->body);
    }
    to_webhook.push_back(Ms(receiver.received()[before].at - start));
    to_reply.push_back(Ms(replied - start));
  }
  std::printf(
      "alert latency, %d single-event ingests each deciding a new alert (%d quiet contacts "
      "stored first)\n",
      alerts, quiet_contacts);
  auto row = [](const char* what, const std::vector<double>& v) {
    std::printf("  %-28s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n", what,
                Percentile(v, 0.5), Percentile(v, 0.95), Percentile(v, 0.99),
                *std::max_element(v.begin(), v.end()));
  };
  row("ingest start -> webhook in", to_webhook);
  row("ingest start -> reply", to_reply);
  return 0;
}
