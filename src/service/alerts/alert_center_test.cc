// AlertCenter with its senders against real receivers on loopback: a signed webhook, retries
// with backoff until a receiver answers 2xx, giving up, e-mail through a real SMTP server,
// and a stop in the middle of an attempt.
#include "service/alerts/alert_center.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "service/alerts/testing/receivers.h"

namespace al = stalkguard::service::alerts;
namespace fs = std::filesystem;
using al::testing::Received;
using al::testing::SignatureValid;
using al::testing::SmtpSink;
using al::testing::WebhookReceiver;
using json = nlohmann::json;
using stalkguard::Severity;
using namespace std::chrono_literals;

namespace {

constexpr int64_t kHousehold = 7;

al::CaseSnapshot Case(const std::string& id, Severity severity) {
  al::CaseSnapshot c;
  c.id = id;
  c.display = "Jordan";
  c.severity = severity;
  c.previous = Severity::kWatch;
  c.score = 0.83;
  c.forms = {"threats", "excessive_contact"};
  c.reasons = {"threats after you told them to stop"};
  return c;
}

al::AlertRule Rule(Severity min, const std::string& url, const std::string& email = "") {
  al::AlertRule r;
  r.min_severity = min;
  r.webhook_url = url;
  r.email = email;
  return r;
}

class AlertCenterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-alert-center-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    options_.retry_base_ms = 20;  // the backoff's shape is the store test's; here, speed
  }
  void TearDown() override {
    center_.reset();
    fs::remove_all(dir_);
  }

  void Open() {
    auto center = al::AlertCenter::Open((dir_ / "alerts.db").string(), options_);
    ASSERT_TRUE(center) << center.error().message;
    center_ = std::move(*center);
    center_->Start();
  }

  // The rules set, and the secret of the (only) new webhook rule.
  std::string SetRules(std::vector<al::AlertRule> rules) {
    auto replaced = center_->ReplaceRules(kHousehold, std::move(rules));
    EXPECT_TRUE(replaced) << replaced.error().message;
    if (!replaced || replaced->new_secrets.empty()) return "";
    return replaced->new_secrets.begin()->second;
  }

  // The household's only alert's first delivery once it is no longer pending.
  al::DeliveryView Settled() {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto alerts = center_->Alerts(kHousehold, 10);
      if (alerts && !alerts->empty() && !alerts->front().deliveries.empty() &&
          alerts->front().deliveries[0].state != al::DeliveryState::kPending) {
        return alerts->front().deliveries[0];
      }
      std::this_thread::sleep_for(5ms);
    }
    ADD_FAILURE() << "the delivery did not settle";
    return {};
  }

  fs::path dir_;
  al::AlertOptions options_;
  std::unique_ptr<al::AlertCenter> center_;
};

}  // namespace

TEST_F(AlertCenterTest, RefusesRulesItCannotKeep) {
  Open();
  const struct {
    al::AlertRule rule;
    const char* says;
  } table[] = {
      {Rule(Severity::kInfo, "https://example.org/hook"), "min_severity"},
      {Rule(Severity::kWarning, "ftp://example.org/hook"), "http:// or https://"},
      {Rule(Severity::kWarning, "https:///path"), "no host"},
      {Rule(Severity::kWarning, "https://example.org/a b"), "space"},
      {Rule(Severity::kWarning, ""), "webhook_url, an email or both"},
      {Rule(Severity::kWarning, "", "not-an-address"), "plain address"},
      {Rule(Severity::kWarning, "", "mum@example.org"), "--smtp-url"},  // no SMTP server set
  };
  for (const auto& row : table) {
    auto replaced = center_->ReplaceRules(kHousehold, {row.rule});
    ASSERT_FALSE(replaced) << row.says;
    EXPECT_EQ(replaced.error().code, stalkguard::ErrorCode::kInvalidInput);
    EXPECT_NE(replaced.error().message.find(row.says), std::string::npos)
        << replaced.error().message;
    EXPECT_EQ(replaced.error().message.rfind("rules[0]: ", 0), 0u) << replaced.error().message;
  }
  EXPECT_TRUE(center_->Rules(kHousehold)->empty());
  EXPECT_FALSE(center_->EmailAvailable());
}

TEST_F(AlertCenterTest, WebhookArrivesSignedWithTheCaseAndNoMoreThanOnce) {
  WebhookReceiver receiver;
  Open();
  const std::string secret = SetRules({Rule(Severity::kWarning, receiver.url())});
  ASSERT_EQ(secret.size(), 64u);
  EXPECT_TRUE(center_->WouldAlert(kHousehold, "c1", Severity::kDanger));
  EXPECT_FALSE(center_->WouldAlert(kHousehold, "c1", Severity::kWatch));
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kDanger)}));
  EXPECT_FALSE(center_->WouldAlert(kHousehold, "c1", Severity::kDanger));
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  EXPECT_EQ(Settled().state, al::DeliveryState::kSent);
  // Reconciling the same case again sends nothing more.
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kDanger)}));
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  center_->Stop();
  const std::vector<Received> got = receiver.received();
  ASSERT_EQ(got.size(), 1u);
  const Received& r = got[0];
  EXPECT_TRUE(SignatureValid(secret, r)) << r.signature;
  EXPECT_FALSE(SignatureValid(std::string(64, '0'), r));
  Received tampered = r;
  tampered.body.back() = ' ';
  EXPECT_FALSE(SignatureValid(secret, tampered));
  EXPECT_EQ(r.content_type, "application/json");
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  EXPECT_LE(std::abs(std::stoll(r.timestamp) - now_s), 60);
  const json body = json::parse(r.body);
  EXPECT_EQ(std::to_string(body["id"].get<int64_t>()), r.alert_id);
  EXPECT_EQ(body["household"], kHousehold);
  EXPECT_EQ(body["case"]["id"], "c1");
  EXPECT_EQ(body["case"]["display"], "Jordan");
  EXPECT_EQ(body["case"]["severity"], "danger");
  EXPECT_EQ(body["case"]["previous_severity"], "watch");
  EXPECT_DOUBLE_EQ(body["case"]["score"].get<double>(), 0.83);
  EXPECT_EQ(body["case"]["forms"], json({"threats", "excessive_contact"}));
  EXPECT_EQ(body["case"]["reasons"].size(), 1u);
  EXPECT_EQ(body["dashboard"], "/#/cases/c1");
  EXPECT_TRUE(body["created"].get<std::string>().ends_with("Z"));
  const al::AlertCounters counters = center_->Counters();
  EXPECT_EQ(counters.created, 1);
  EXPECT_EQ(counters.sent, 1);
  EXPECT_NE(center_->MetricsText().find("stalkguard_alert_deliveries_sent_total 1"),
            std::string::npos);
}

TEST_F(AlertCenterTest, RetriesWithBackoffUntilTheReceiverTakesIt) {
  WebhookReceiver receiver([](size_t n) { return n < 2 ? 500 : 200; });
  Open();
  const std::string secret = SetRules({Rule(Severity::kWarning, receiver.url())});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  ASSERT_TRUE(receiver.WaitFor(3, 10s));
  const al::DeliveryView d = Settled();
  EXPECT_EQ(d.state, al::DeliveryState::kSent);
  EXPECT_EQ(d.attempts, 3);
  EXPECT_TRUE(d.last_error.empty());
  EXPECT_TRUE(d.sent_ms.has_value());
  const auto got = receiver.received();
  ASSERT_EQ(got.size(), 3u);
  for (const Received& r : got) {
    EXPECT_EQ(r.alert_id, got[0].alert_id);  // the same alert each time: receivers de-duplicate
    EXPECT_EQ(r.body, got[0].body);
    EXPECT_TRUE(SignatureValid(secret, r));
  }
  // The second wait is about twice the first (20 ms, then 40 ms, each up to a quarter more).
  EXPECT_GE(got[1].at - got[0].at, 20ms);
  EXPECT_GE(got[2].at - got[1].at, 40ms);
  EXPECT_EQ(center_->Counters().retried, 2);
  EXPECT_EQ(center_->Counters().sent, 1);
}

TEST_F(AlertCenterTest, GivesUpAfterTheLastAttemptAndSaysWhy) {
  WebhookReceiver receiver([](size_t) { return 503; });
  options_.max_attempts = 3;
  Open();
  SetRules({Rule(Severity::kWarning, receiver.url())});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  const al::DeliveryView d = Settled();
  EXPECT_EQ(d.state, al::DeliveryState::kFailed);
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(d.last_error, "HTTP 503");
  EXPECT_EQ(receiver.received().size(), 3u);
  EXPECT_EQ(center_->Counters().failed, 1);
}

TEST_F(AlertCenterTest, AnEndpointNobodyListensOnIsRetriedThenFails) {
  options_.max_attempts = 2;
  Open();
  const int port = al::testing::FreeLoopbackPort();
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:" + std::to_string(port) + "/hook")});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  const al::DeliveryView d = Settled();
  EXPECT_EQ(d.state, al::DeliveryState::kFailed);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_FALSE(d.last_error.empty());
}

TEST_F(AlertCenterTest, EmailGoesThroughTheSmtpServer) {
  SmtpSink smtp(dir_);
  ASSERT_TRUE(smtp.running()) << "aiosmtpd did not start (/usr/bin/python3 -m aiosmtpd)";
  options_.smtp_url = smtp.url();
  options_.smtp_from = "alerts@stalkguard.test";
  Open();
  EXPECT_TRUE(center_->EmailAvailable());
  SetRules({Rule(Severity::kWarning, "", "mum@example.org")});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kDanger)}));
  ASSERT_TRUE(smtp.WaitFor(1, 10s));
  EXPECT_EQ(Settled().state, al::DeliveryState::kSent);
  const auto messages = smtp.Messages();
  ASSERT_EQ(messages.size(), 1u);
  const std::string& m = messages[0];
  EXPECT_NE(m.find("Subject: stalkguard: Jordan is now danger"), std::string::npos) << m;
  EXPECT_NE(m.find("To: mum@example.org"), std::string::npos) << m;
  EXPECT_NE(m.find("From: alerts@stalkguard.test"), std::string::npos) << m;
  EXPECT_NE(m.find("/#/cases/c1"), std::string::npos) << m;
  EXPECT_NE(m.find("threats after you told them to stop"), std::string::npos) << m;
  EXPECT_NE(m.find("Message-ID: <alert-"), std::string::npos) << m;
}

TEST_F(AlertCenterTest, EmailRuleWithoutAnSmtpServerFailsAtOnce) {
  SmtpSink smtp(dir_);
  ASSERT_TRUE(smtp.running());
  options_.smtp_url = smtp.url();
  Open();
  SetRules({Rule(Severity::kWarning, "", "mum@example.org")});
  // Started again without --smtp-url: the rule stays, its deliveries cannot go.
  center_.reset();
  options_.smtp_url.clear();
  Open();
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kDanger)}));
  const al::DeliveryView d = Settled();
  EXPECT_EQ(d.state, al::DeliveryState::kFailed);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_NE(d.last_error.find("--smtp-url"), std::string::npos);
}

TEST_F(AlertCenterTest, StopAbandonsTheAttemptInProgressWhichStaysPending) {
  std::atomic<bool> release{false};
  WebhookReceiver receiver([&](size_t) {
    for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(10ms);
    return 200;
  });
  options_.attempt_timeout_ms = 60'000;
  Open();
  SetRules({Rule(Severity::kWarning, receiver.url())});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  const auto start = std::chrono::steady_clock::now();
  center_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  release = true;
  auto alerts = center_->Alerts(kHousehold, 10);
  ASSERT_TRUE(alerts && alerts->size() == 1u);
  EXPECT_EQ((*alerts)[0].deliveries[0].state, al::DeliveryState::kPending);
  EXPECT_EQ((*alerts)[0].deliveries[0].attempts, 0);
  // Opened again, it goes out (at least once: the receiver saw the abandoned one too).
  center_.reset();
  Open();
  ASSERT_TRUE(receiver.WaitFor(2, 10s));
  EXPECT_EQ(Settled().state, al::DeliveryState::kSent);
  const auto got = receiver.received();
  EXPECT_EQ(got[0].alert_id, got[1].alert_id);
}

TEST_F(AlertCenterTest, RemovedRuleGivesUpItsPendingDeliveries) {
  WebhookReceiver receiver([](size_t) { return 500; });
  options_.retry_base_ms = 500;  // time enough to remove the rule before the retry
  Open();
  SetRules({Rule(Severity::kWarning, receiver.url())});
  ASSERT_TRUE(center_->Reconcile(kHousehold, {Case("c1", Severity::kWarning)}));
  ASSERT_TRUE(receiver.WaitFor(1, 10s));
  SetRules({});
  const al::DeliveryView d = Settled();
  EXPECT_EQ(d.state, al::DeliveryState::kFailed);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.last_error, "the rule was removed");
  EXPECT_EQ(receiver.received().size(), 1u);
}
