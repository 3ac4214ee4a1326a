// Alerts through the real server on a loopback port: rules over the API (roles, validation,
// secrets shown once), an ingest that raises a case sending a signed webhook without message
// text to a real receiver, retries, e-mail through a real SMTP server, a new rule hearing of
// current cases, a restart sending nothing twice, and households kept apart on every endpoint.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "service/accounts/accounts.h"
#include "service/alerts/testing/receivers.h"
#include "service/http/server.h"

namespace sv = stalkguard::service;
namespace fs = std::filesystem;
using json = nlohmann::json;
using sv::alerts::testing::Received;
using sv::alerts::testing::SignatureValid;
using sv::alerts::testing::SmtpSink;
using sv::alerts::testing::WebhookReceiver;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "kestrel-orchard-41-window";
constexpr const char* kThreat = "I will kill you if you block me";
constexpr const char* kWhereabouts = "I know where you live";

std::string Event(const std::string& id, const std::string& time, const std::string& text,
                  const std::string& from = "+447700900999") {
  return json{{"id", id},
              {"time", time},
              {"platform", "sms"},
              {"channel", "sms"},
              {"sender", {{"id", from}, {"name", "Jordan"}}},
              {"recipient", {{"id", "+447700900123"}, {"name", "Sam"}}},
              {"text", text}}
      .dump();
}

const std::string kProfile = R"([person]
names = ["Sam Lee"]
phones = ["+44 7700 900123"]
addresses = ["12 Mill Lane, Leeds LS6 2AB"]
)";

class AlertsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-serve-alerts-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto accounts = sv::Accounts::Open((dir_ / "service.db").string());
    ASSERT_TRUE(accounts) << accounts.error().message;
    auto a = (*accounts)->CreateHousehold("Lee");
    auto b = (*accounts)->CreateHousehold("Other");
    ASSERT_TRUE(a && b);
    auto sam = (*accounts)->AddUser(a->id, "sam", kPassword, sv::Role::kProtected);
    auto mum = (*accounts)->AddUser(a->id, "mum", kPassword, sv::Role::kGuardian);
    auto admin = (*accounts)->AddUser(a->id, "lee-admin", kPassword, sv::Role::kAdmin);
    auto other = (*accounts)->AddUser(b->id, "other", kPassword, sv::Role::kProtected);
    ASSERT_TRUE(sam && mum && admin && other);
    sam_ = *(*accounts)->CreateToken(sam->id, "phone");
    mum_ = *(*accounts)->CreateToken(mum->id, "laptop");
    admin_ = *(*accounts)->CreateToken(admin->id, "laptop");
    other_ = *(*accounts)->CreateToken(other->id, "phone");
    options_.data_dir = dir_.string();
    options_.port = 0;
    options_.log_requests = false;
    options_.alerts.retry_base_ms = 20;
  }
  void TearDown() override {
    Stop();
    fs::remove_all(dir_);
  }

  void Start() {
    auto server = sv::GuardianServer::Create(options_);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    ASSERT_TRUE(server_->Bind());
    serving_ = std::thread([this] { (void)server_->Serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30);
  }
  void Stop() {
    if (server_) server_->Stop();
    if (serving_.joinable()) serving_.join();
    server_.reset();
  }

  httplib::Headers As(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }

  json Send(const std::string& method, const std::string& path, const std::string& token,
            const std::string& body, int expect, const std::string& type = "application/json") {
    httplib::Result res =
        method == "PUT"    ? client_->Put(path.c_str(), As(token), body, type.c_str())
        : method == "POST" ? client_->Post(path.c_str(), As(token), body, type.c_str())
                           : client_->Get(path.c_str(), As(token));
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << method << " " << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json Get(const std::string& path, const std::string& token, int expect = 200) {
    return Send("GET", path, token, "", expect);
  }
  // The rules as a vector: a braced json of one element would be that element, not an array.
  json PutRules(const std::string& token, const std::vector<json>& rules, int expect = 200) {
    json body = json::object();
    body["rules"] = json::array();
    for (const json& r : rules) body["rules"].push_back(r);
    return Send("PUT", "/api/v1/settings/alerts", token, body.dump(), expect);
  }

  void SetProfile() { Send("PUT", "/api/v1/profile", sam_, kProfile, 200, "application/toml"); }

  // Jordan threatens Sam, who never answers: a danger case.
  json Threaten(const std::string& prefix = "t") {
    return Send("POST", "/api/v1/events", sam_,
                "[" + Event(prefix + "1", "2024-03-02T01:00:00Z", kWhereabouts) + "," +
                    Event(prefix + "2", "2024-03-02T01:01:00Z", kThreat) + "]",
                200);
  }

  // The household's alerts once every delivery has settled (sent or failed).
  json SettledAlerts(const std::string& token) {
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    json alerts;
    while (std::chrono::steady_clock::now() < deadline) {
      alerts = Get("/api/v1/alerts", token)["alerts"];
      bool settled = !alerts.empty();
      for (const json& a : alerts)
        for (const json& d : a["deliveries"]) settled = settled && d["state"] != "pending";
      if (settled) return alerts;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "deliveries did not settle: " << alerts.dump();
    return alerts;
  }

  std::string Metrics() {
    auto res = client_->Get("/api/v1/metrics");
    return res ? res->body : "";
  }

  fs::path dir_;
  sv::ServerOptions options_;
  std::string sam_, mum_, admin_, other_;
  std::unique_ptr<sv::GuardianServer> server_;
  std::thread serving_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace

TEST_F(AlertsHttpTest, RulesAreTheProtectedPersonsAndAdminsToSetAndEveryonesToRead) {
  Start();
  json got = Get("/api/v1/settings/alerts", mum_);
  EXPECT_TRUE(got["rules"].empty());
  EXPECT_EQ(got["email_available"], false);
  const json rule = {{"min_severity", "warning"}, {"webhook_url", "https://example.org/hook"}};
  EXPECT_EQ(PutRules(mum_, {rule}, 403)["error"]["code"], "forbidden");

  const json set = PutRules(sam_, {rule});
  ASSERT_EQ(set["rules"].size(), 1u) << set.dump();
  const int64_t id = set["rules"][0]["id"];
  const std::string secret = set["new_secrets"][std::to_string(id)];
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(set["rules"][0]["webhook_secret_set"], true);
  EXPECT_EQ(set["rules"][0]["enabled"], true);
  EXPECT_EQ(set["rules"][0]["email"], nullptr);
  // Never shown again: not to the guardian, not to the person.
  for (const std::string& token : {mum_, sam_, admin_}) {
    got = Get("/api/v1/settings/alerts", token);
    ASSERT_EQ(got["rules"].size(), 1u);
    EXPECT_EQ(got["rules"][0]["webhook_url"], "https://example.org/hook");
    EXPECT_EQ(got["rules"][0]["webhook_secret_set"], true);
    EXPECT_EQ(got.dump().find(secret), std::string::npos);
  }
  // The admin changes the level; the rule keeps its id and secret.
  json kept = rule;
  kept["id"] = id;
  kept["min_severity"] = "danger";
  const json changed = PutRules(admin_, {kept});
  EXPECT_TRUE(changed["new_secrets"].empty()) << changed.dump();
  EXPECT_EQ(changed["rules"][0]["min_severity"], "danger");
  EXPECT_EQ(changed["rules"][0]["id"], id);

  const struct {
    std::vector<json> rules;
    const char* says;
  } bad[] = {
      {{{{"min_severity", "info"}, {"webhook_url", "https://example.org/h"}}}, "min_severity"},
      {{{{"min_severity", "urgent"}, {"webhook_url", "https://example.org/h"}}}, "min_severity"},
      {{{{"min_severity", "warning"}, {"webhook_url", "ftp://example.org/h"}}}, "http://"},
      {{{{"min_severity", "warning"}}}, "webhook_url, an email or both"},
      {{{{"min_severity", "warning"}, {"email", "mum@example.org"}}}, "--smtp-url"},
      {{{{"id", 999}, {"min_severity", "warning"}, {"webhook_url", "https://example.org/h"}}},
       "not one of this household's"},
      {{{{"min_severity", "warning"}, {"webhook_url", 5}}}, "webhook_url"},
  };
  for (const auto& row : bad) {
    const json error = PutRules(sam_, row.rules, 400);
    EXPECT_EQ(error["error"]["code"], "bad_request") << json(row.rules).dump();
    EXPECT_NE(error["error"]["message"].get<std::string>().find(row.says), std::string::npos)
        << error.dump();
  }
  EXPECT_EQ(Send("PUT", "/api/v1/settings/alerts", sam_, "{\"rules\": 3}", 400)["error"]["code"],
            "bad_request");
  EXPECT_EQ(Get("/api/v1/settings/alerts", sam_)["rules"][0]["min_severity"], "danger");
}

TEST_F(AlertsHttpTest, IngestThatRaisesACaseSendsASignedWebhookWithoutMessageText) {
  WebhookReceiver receiver;
  Start();
  SetProfile();
  const json set = PutRules(sam_, {{{"min_severity", "warning"}, {"webhook_url", receiver.url()}}});
  const std::string secret = set["new_secrets"].begin().value();
  const json reply = Threaten();
  ASSERT_FALSE(reply["cases_changed"].empty()) << reply.dump();
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  const json alerts = SettledAlerts(mum_);  // a guardian reads them too
  ASSERT_EQ(alerts.size(), 1u) << alerts.dump();
  const json& a = alerts[0];
  EXPECT_EQ(a["severity"], "danger");
  EXPECT_EQ(a["previous_severity"], nullptr);
  EXPECT_EQ(a["display"], "Jordan");
  ASSERT_EQ(a["deliveries"].size(), 1u);
  EXPECT_EQ(a["deliveries"][0]["channel"], "webhook");
  EXPECT_EQ(a["deliveries"][0]["state"], "sent");
  EXPECT_EQ(a["deliveries"][0]["attempts"], 1);
  EXPECT_EQ(a["deliveries"][0]["last_error"], nullptr);
  EXPECT_TRUE(a["deliveries"][0]["sent"].is_string());

  const std::vector<Received> got = receiver.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(SignatureValid(secret, got[0]));
  EXPECT_EQ(got[0].alert_id, std::to_string(a["id"].get<int64_t>()));
  EXPECT_EQ(got[0].body.find("kill"), std::string::npos) << got[0].body;
  EXPECT_EQ(got[0].body.find("where you live"), std::string::npos) << got[0].body;
  const json body = json::parse(got[0].body);
  EXPECT_EQ(body["case"]["id"], a["case"]);
  EXPECT_EQ(body["case"]["severity"], "danger");
  EXPECT_FALSE(body["case"]["forms"].empty());
  EXPECT_FALSE(body["case"].contains("findings"));
  EXPECT_EQ(body["dashboard"], "/#/cases/" + a["case"].get<std::string>());
  EXPECT_NE(Metrics().find("stalkguard_alerts_created_total 1"), std::string::npos);
  EXPECT_NE(Metrics().find("stalkguard_alert_deliveries_sent_total 1"), std::string::npos);

  // More of the same: no new alert. A restart: nothing sent twice.
  Send("POST", "/api/v1/events", sam_, Event("t3", "2024-03-02T01:05:00Z", kThreat), 200);
  Stop();
  Start();
  Get("/api/v1/cases", sam_);
  EXPECT_EQ(Get("/api/v1/alerts", sam_)["alerts"].size(), 1u);
  EXPECT_FALSE(receiver.WaitFor(2, 300ms));
}

TEST_F(AlertsHttpTest, AFailingReceiverIsRetriedUntilItTakesTheAlert) {
  WebhookReceiver receiver([](size_t n) { return n < 2 ? 500 : 200; });
  Start();
  SetProfile();
  PutRules(sam_, {{{"min_severity", "danger"}, {"webhook_url", receiver.url()}}});
  Threaten();
  ASSERT_TRUE(receiver.WaitFor(3, 10s));
  const json alerts = SettledAlerts(sam_);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["deliveries"][0]["state"], "sent");
  EXPECT_EQ(alerts[0]["deliveries"][0]["attempts"], 3);
  const auto got = receiver.received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].alert_id, got[2].alert_id);
  EXPECT_NE(Metrics().find("stalkguard_alert_deliveries_retried_total 2"), std::string::npos);
}

TEST_F(AlertsHttpTest, EmailGoesThroughTheSmtpServerWithTheSubject) {
  SmtpSink smtp(dir_);
  ASSERT_TRUE(smtp.running()) << "aiosmtpd did not start (/usr/bin/python3 -m aiosmtpd)";
  options_.alerts.smtp_url = smtp.url();
  Start();
  SetProfile();
  EXPECT_EQ(Get("/api/v1/settings/alerts", sam_)["email_available"], true);
  const json set = PutRules(sam_, {{{"min_severity", "warning"}, {"email", "mum@example.org"}}});
  EXPECT_TRUE(set["new_secrets"].empty());  // no webhook, no secret
  EXPECT_EQ(set["rules"][0]["webhook_secret_set"], false);
  Threaten();
  ASSERT_TRUE(smtp.WaitFor(1, 10s));
  const auto messages = smtp.Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("Subject: stalkguard: Jordan is now danger"), std::string::npos)
      << messages[0];
  EXPECT_EQ(messages[0].find("kill"), std::string::npos);
  const json alerts = SettledAlerts(sam_);
  EXPECT_EQ(alerts[0]["deliveries"][0]["channel"], "email");
  EXPECT_EQ(alerts[0]["deliveries"][0]["target"], "mum@example.org");
  EXPECT_EQ(alerts[0]["deliveries"][0]["state"], "sent");
}

TEST_F(AlertsHttpTest, ANewRuleHearsOfTheCurrentCasesOnce) {
  WebhookReceiver receiver;
  Start();
  SetProfile();
  Threaten();  // no rule yet: no alert
  EXPECT_TRUE(Get("/api/v1/alerts", sam_)["alerts"].empty());
  const json set = PutRules(sam_, {{{"min_severity", "warning"}, {"webhook_url", receiver.url()}}});
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  EXPECT_EQ(SettledAlerts(sam_).size(), 1u);
  // Setting the same rules again (ids kept) sends nothing more.
  PutRules(sam_, set["rules"].get<std::vector<json>>());
  EXPECT_FALSE(receiver.WaitFor(2, 300ms));
}

TEST_F(AlertsHttpTest, NoHouseholdReachesAnothersAlerts) {
  WebhookReceiver receiver;
  Start();
  SetProfile();
  const json set = PutRules(sam_, {{{"min_severity", "warning"}, {"webhook_url", receiver.url()}}});
  const int64_t id = set["rules"][0]["id"];
  Threaten();
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  SettledAlerts(sam_);

  EXPECT_TRUE(Get("/api/v1/settings/alerts", other_)["rules"].empty());
  EXPECT_TRUE(Get("/api/v1/alerts", other_)["alerts"].empty());
  // Naming the other household's rule id changes nothing of theirs.
  const json error = PutRules(
      other_, {{{"id", id}, {"min_severity", "watch"}, {"webhook_url", "http://x.test/"}}}, 400);
  EXPECT_EQ(error["error"]["code"], "bad_request");
  // Its own rules replace its own (none) and leave Sam's.
  PutRules(other_, {});
  const json sams = Get("/api/v1/settings/alerts", sam_);
  ASSERT_EQ(sams["rules"].size(), 1u);
  EXPECT_EQ(sams["rules"][0]["webhook_url"], receiver.url());
  // Its own ingest of the same events alerts nobody of Sam's.
  Send("PUT", "/api/v1/profile", other_, kProfile, 200, "application/toml");
  Send("POST", "/api/v1/events", other_,
       "[" + Event("t1", "2024-03-02T01:00:00Z", kWhereabouts) + "," +
           Event("t2", "2024-03-02T01:01:00Z", kThreat) + "]",
       200);
  EXPECT_TRUE(Get("/api/v1/alerts", other_)["alerts"].empty());
  EXPECT_EQ(Get("/api/v1/alerts", sam_)["alerts"].size(), 1u);
  EXPECT_FALSE(receiver.WaitFor(2, 300ms));
  // Every endpoint wants a credential.
  for (const char* path : {"/api/v1/settings/alerts", "/api/v1/alerts"}) {
    EXPECT_EQ(Get(path, "sgt_not-a-token", 401)["error"]["code"], "unauthenticated") << path;
  }
  EXPECT_EQ(Get("/api/v1/alerts?limit=0", sam_, 400)["error"]["code"], "bad_request");
  EXPECT_EQ(Get("/api/v1/alerts?limit=1", sam_)["alerts"].size(), 1u);
}
