// The alert database on a real SQLite file: one alert per case and severity, rules deciding
// which cases alert and where, the outbox's attempts, and all of it surviving a reopen.
#include "service/alerts/internal/alert_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "service/alerts/internal/backoff.h"

namespace al = stalkguard::service::alerts;
namespace in = stalkguard::service::alerts::internal;
namespace fs = std::filesystem;
using stalkguard::Severity;

namespace {

constexpr int64_t kHousehold = 1;
constexpr int64_t kNow = 1'709'330'000'000;  // 2024-03-01T21:53:20Z

al::CaseSnapshot Case(const std::string& id, Severity severity) {
  al::CaseSnapshot c;
  c.id = id;
  c.display = "Jordan";
  c.severity = severity;
  c.score = 0.7;
  c.forms = {"threats"};
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

class AlertStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() /
            ("sg-alert-store-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    Remove();
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }
  void Reopen() {
    store_.reset();
    auto store = in::AlertStore::Open(path_.string());
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
  }

  in::ReconcileCounts Reconcile(const std::vector<al::CaseSnapshot>& cases,
                                int64_t household = kHousehold) {
    auto counts = store_->Reconcile(
        household, cases, kNow, [](int64_t id, const al::CaseSnapshot& c, int64_t) {
          return "{\"id\":" + std::to_string(id) + ",\"case\":\"" + c.id + "\"}";
        });
    EXPECT_TRUE(counts) << counts.error().message;
    return counts ? *counts : in::ReconcileCounts{};
  }

  std::map<int64_t, std::string> SetRules(const std::vector<al::AlertRule>& rules,
                                          int64_t household = kHousehold) {
    auto secrets = store_->ReplaceRules(household, rules, kNow);
    EXPECT_TRUE(secrets) << secrets.error().message;
    return secrets ? *secrets : std::map<int64_t, std::string>{};
  }

  std::vector<al::AlertView> Alerts(int64_t household = kHousehold) {
    auto alerts = store_->Alerts(household, 100);
    EXPECT_TRUE(alerts) << alerts.error().message;
    return alerts ? *alerts : std::vector<al::AlertView>{};
  }

  fs::path path_;
  std::unique_ptr<in::AlertStore> store_;
};

}  // namespace

TEST_F(AlertStoreTest, OneAlertPerCaseAndSeverity) {
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/hook")});
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning)}).alerts, 1);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning)}).alerts, 0);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning), Case("c1", Severity::kWarning)}).alerts, 0);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].case_id, "c1");
  EXPECT_EQ(alerts[0].severity, Severity::kWarning);
  ASSERT_EQ(alerts[0].deliveries.size(), 1u);
  EXPECT_EQ(alerts[0].deliveries[0].state, al::DeliveryState::kPending);
  EXPECT_EQ(alerts[0].deliveries[0].target, "http://127.0.0.1:9/hook");
}

TEST_F(AlertStoreTest, RisingSeverityMakesANewAlert) {
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/hook")});
  Reconcile({Case("c1", Severity::kWarning)});
  al::CaseSnapshot danger = Case("c1", Severity::kDanger);
  danger.previous = Severity::kWarning;
  EXPECT_EQ(Reconcile({danger}).alerts, 1);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].severity, Severity::kDanger);  // newest first
  EXPECT_EQ(alerts[0].previous, Severity::kWarning);
  EXPECT_EQ(alerts[1].severity, Severity::kWarning);
  EXPECT_FALSE(alerts[1].previous.has_value());
}

TEST_F(AlertStoreTest, FallingAndRisingAgainToAnAlertedLevelMakesNone) {
  SetRules({Rule(Severity::kWatch, "http://127.0.0.1:9/hook")});
  Reconcile({Case("c1", Severity::kDanger)});
  // Down to warning (never alerted: a fall is not a rise), to watch, and back to danger.
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning)}).alerts, 0);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWatch)}).alerts, 0);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kDanger)}).alerts, 0);
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(Alerts()[0].severity, Severity::kDanger);
}

TEST_F(AlertStoreTest, RulesDecideWhichCasesAlertAndWhere) {
  SetRules({Rule(Severity::kDanger, "http://127.0.0.1:9/danger"),
            Rule(Severity::kWarning, "", "mum@example.org")});
  // Below every rule: nothing.
  EXPECT_EQ(Reconcile({Case("c0", Severity::kWatch)}).alerts, 0);
  // Warning: only the e-mail rule.
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning)}).deliveries, 1);
  // Danger: both rules.
  const auto counts = Reconcile({Case("c2", Severity::kDanger)});
  EXPECT_EQ(counts.alerts, 1);
  EXPECT_EQ(counts.deliveries, 2);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].case_id, "c2");
  ASSERT_EQ(alerts[0].deliveries.size(), 2u);
  EXPECT_EQ(alerts[1].deliveries[0].channel, al::Channel::kEmail);
  EXPECT_EQ(alerts[1].deliveries[0].target, "mum@example.org");

  // A disabled rule makes nothing; a rule with both targets makes two deliveries.
  al::AlertRule off = Rule(Severity::kWatch, "http://127.0.0.1:9/off");
  off.enabled = false;
  SetRules({off});
  EXPECT_EQ(Reconcile({Case("c3", Severity::kDanger)}).alerts, 0);
  SetRules({Rule(Severity::kWatch, "http://127.0.0.1:9/both", "mum@example.org")});
  EXPECT_EQ(Reconcile({Case("c3", Severity::kDanger)}).deliveries, 2);
}

TEST_F(AlertStoreTest, ANewRuleHearsOfCurrentCasesOnce) {
  auto first = SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/one")});
  Reconcile({Case("c1", Severity::kDanger)});
  ASSERT_EQ(first.size(), 1u);
  al::AlertRule kept = Rule(Severity::kWarning, "http://127.0.0.1:9/one");
  kept.id = first.begin()->first;
  SetRules({kept, Rule(Severity::kWarning, "http://127.0.0.1:9/two")});
  const auto counts = Reconcile({Case("c1", Severity::kDanger)});
  EXPECT_EQ(counts.alerts, 0);
  EXPECT_EQ(counts.deliveries, 1);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kDanger)}).deliveries, 0);
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(Alerts()[0].deliveries.size(), 2u);
}

TEST_F(AlertStoreTest, KeptRulesKeepTheirSecretAndOtherHouseholdsRulesAreRefused) {
  const auto made = SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/one")});
  ASSERT_EQ(made.size(), 1u);
  const int64_t id = made.begin()->first;
  EXPECT_EQ(made.begin()->second.size(), 64u);
  al::AlertRule kept = Rule(Severity::kDanger, "http://127.0.0.1:9/moved");
  kept.id = id;
  EXPECT_TRUE(SetRules({kept}).empty());  // no new secret
  auto rules = store_->Rules(kHousehold);
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].secret, made.begin()->second);
  EXPECT_EQ((*rules)[0].rule.min_severity, Severity::kDanger);
  // Another household cannot name, change or remove this rule.
  auto foreign = store_->ReplaceRules(2, {kept}, kNow);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, stalkguard::ErrorCode::kInvalidInput);
  EXPECT_TRUE(SetRules({}, 2).empty());
  EXPECT_EQ(store_->Rules(kHousehold)->size(), 1u);
  // An id twice is refused.
  EXPECT_FALSE(store_->ReplaceRules(kHousehold, {kept, kept}, kNow));
}

TEST_F(AlertStoreTest, HouseholdsKeepTheirOwnAlerts) {
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/a")}, 1);
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/b")}, 2);
  Reconcile({Case("c1", Severity::kDanger)}, 1);
  EXPECT_EQ(Reconcile({Case("c1", Severity::kDanger)}, 2).alerts, 1);  // its own case c1
  EXPECT_EQ(Alerts(1).size(), 1u);
  ASSERT_EQ(Alerts(2).size(), 1u);
  EXPECT_EQ(Alerts(2)[0].deliveries[0].target, "http://127.0.0.1:9/b");
  EXPECT_TRUE(Alerts(3).empty());
}

TEST_F(AlertStoreTest, AttemptsAreRecorded) {
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/hook")});
  Reconcile({Case("c1", Severity::kWarning), Case("c2", Severity::kWarning)});
  auto pending = store_->Pending(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  const int64_t first = (*pending)[0].first, second = (*pending)[1].first;
  EXPECT_EQ((*pending)[0].second, kNow);
  // A failed attempt due again later, then sent.
  ASSERT_TRUE(store_->RecordAttempt(first, "http://127.0.0.1:9/hook", false, "HTTP 500",
                                    kNow + 1000, kNow));
  pending = store_->Pending(10);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].first, second);  // the other one is due first now
  EXPECT_EQ((*pending)[1].second, kNow + 1000);
  ASSERT_TRUE(
      store_->RecordAttempt(first, "http://127.0.0.1:9/hook", true, "", std::nullopt, kNow + 1000));
  ASSERT_TRUE(store_->RecordAttempt(second, "http://127.0.0.1:9/hook", false, "HTTP 404",
                                    std::nullopt, kNow));
  EXPECT_TRUE(store_->Pending(10)->empty());
  // A delivery that is no longer pending is not changed again.
  ASSERT_TRUE(store_->RecordAttempt(first, "x", false, "late", kNow + 5, kNow + 5));
  auto out = store_->Load(first);
  ASSERT_TRUE(out && *out);
  EXPECT_EQ((*out)->state, al::DeliveryState::kSent);
  EXPECT_EQ((*out)->attempts, 2);
  EXPECT_EQ((*out)->payload, "{\"id\":" + std::to_string((*out)->alert_id) + ",\"case\":\"c1\"}");
  ASSERT_TRUE((*out)->rule);
  EXPECT_EQ((*out)->rule->secret.size(), 64u);

  for (const al::AlertView& a : Alerts()) {
    ASSERT_EQ(a.deliveries.size(), 1u);
    const al::DeliveryView& d = a.deliveries[0];
    if (a.case_id == "c1") {
      EXPECT_EQ(d.state, al::DeliveryState::kSent);
      EXPECT_EQ(d.sent_ms, kNow + 1000);
      EXPECT_TRUE(d.last_error.empty());
    } else {
      EXPECT_EQ(d.state, al::DeliveryState::kFailed);
      EXPECT_EQ(d.attempts, 1);
      EXPECT_EQ(d.last_error, "HTTP 404");
    }
  }
}

TEST_F(AlertStoreTest, EverythingSurvivesAReopen) {
  SetRules({Rule(Severity::kWarning, "http://127.0.0.1:9/hook")});
  Reconcile({Case("c1", Severity::kWarning)});
  Reopen();
  EXPECT_EQ(Reconcile({Case("c1", Severity::kWarning)}).alerts, 0);
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(store_->Pending(10)->size(), 1u);
  EXPECT_EQ(store_->HouseholdsWithRules().value(), std::vector<int64_t>{kHousehold});
  EXPECT_EQ(store_->HighestAlerted(kHousehold, "c1").value(), Severity::kWarning);
  EXPECT_FALSE(store_->HighestAlerted(kHousehold, "c2").value().has_value());
}

TEST(AlertBackoff, DoublesFromTheBaseUpToTheCapThenGivesUp) {
  al::AlertOptions options;  // 1 s, doubling, at most 10 min, 12 attempts
  const struct {
    int attempts;
    int64_t delay_ms;
  } table[] = {{1, 1000}, {2, 2000}, {3, 4000}, {4, 8000}, {8, 128000}, {10, 512000}, {11, 600000}};
  for (const auto& row : table) {
    EXPECT_EQ(in::RetryDelayMs(row.attempts, 0.0, options), row.delay_ms)
        << "after " << row.attempts << " attempts";
    // Jitter adds at most a quarter.
    const auto jittered = in::RetryDelayMs(row.attempts, 0.999, options);
    ASSERT_TRUE(jittered);
    EXPECT_GT(*jittered, row.delay_ms);
    EXPECT_LT(*jittered, row.delay_ms + row.delay_ms / 4 + 1);
  }
  EXPECT_FALSE(in::RetryDelayMs(12, 0.0, options).has_value());
  EXPECT_FALSE(in::RetryDelayMs(40, 0.0, options).has_value());
}
