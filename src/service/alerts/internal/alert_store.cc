#include "service/alerts/internal/alert_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>

#include "sqlite/database.h"
#include "sqlite/statement.h"

namespace stalkguard::service::alerts {

// Generated from migrations/*.sql by cmake/EmbedMigrations.cmake.
extern const std::vector<std::string_view> kAlertMigrations;

std::string_view ToString(Channel channel) {
  return channel == Channel::kWebhook ? "webhook" : "email";
}

std::string_view ToString(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kFailed:
      return "failed";
  }
  return "pending";
}

namespace internal {
namespace {

namespace fs = std::filesystem;
using sqlite::Statement;

std::optional<Channel> ChannelFromString(std::string_view s) {
  if (s == "webhook") return Channel::kWebhook;
  if (s == "email") return Channel::kEmail;
  return std::nullopt;
}

std::optional<DeliveryState> StateFromString(std::string_view s) {
  if (s == "pending") return DeliveryState::kPending;
  if (s == "sent") return DeliveryState::kSent;
  if (s == "failed") return DeliveryState::kFailed;
  return std::nullopt;
}

// 32 random bytes as 64 lower-case hex digits.
std::string NewSecret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::string secret(hex);
  sodium_memzero(bytes, sizeof bytes);
  sodium_memzero(hex, sizeof hex);
  return secret;
}

constexpr const char* kRuleColumns =
    "id, household_id, min_severity, webhook_url, webhook_secret, email, enabled";

}  // namespace

struct AlertStore::Impl {
  std::string path;
  sqlite3* db = nullptr;
  std::mutex mutex;  // guards `db`

  ~Impl() { sqlite3_close_v2(db); }

  Error Fail(const std::string& what) const { return sqlite::Failure(db, path, what); }
  Status Exec(const char* sql) { return sqlite::Exec(db, path, sql); }
  Status Prepare(Statement& stmt, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, stmt.out(), nullptr) != SQLITE_OK)
      return tl::unexpected(Fail("cannot prepare statement"));
    return OkStatus();
  }

  // Runs `body` in a write transaction, rolled back when it fails. Caller holds `mutex`.
  template <typename T>
  Result<T> InTransaction(const std::function<Result<T>()>& body) {
    SG_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Result<T> result = body();
    if (!result) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return result;
    }
    if (Status s = Exec("COMMIT"); !s) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return tl::unexpected(s.error());
    }
    return result;
  }

  // A rule from kRuleColumns starting at column 0.
  Result<StoredRule> ReadRule(const Statement& stmt) {
    StoredRule r;
    r.rule.id = stmt.ColumnInt(0);
    r.household_id = stmt.ColumnInt(1);
    const std::optional<Severity> severity = SeverityFromString(stmt.ColumnText(2));
    if (!severity)
      return MakeError(ErrorCode::kStore,
                       path + ": rule " + std::to_string(r.rule.id) + " has an unknown severity");
    r.rule.min_severity = *severity;
    r.rule.webhook_url = stmt.ColumnText(3);
    r.secret = stmt.ColumnText(4);
    r.rule.webhook_secret_set = !r.secret.empty();
    r.rule.email = stmt.ColumnText(5);
    r.rule.enabled = stmt.ColumnInt(6) != 0;
    return r;
  }

  // Caller holds `mutex`.
  Result<std::vector<StoredRule>> RulesLocked(int64_t household_id) {
    Statement stmt;
    SG_RETURN_IF_ERROR(Prepare(stmt, (std::string("SELECT ") + kRuleColumns +
                                      " FROM rules WHERE household_id = ?1 ORDER BY id")
                                         .c_str()));
    stmt.BindInt(1, household_id);
    std::vector<StoredRule> out;
    int rc;
    while ((rc = stmt.Step()) == SQLITE_ROW) {
      SG_ASSIGN_OR_RETURN(StoredRule r, ReadRule(stmt));
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(Fail("cannot read rules"));
    return out;
  }

  // The case's alerts: (id, severity). Caller holds `mutex`.
  Result<std::vector<std::pair<int64_t, Severity>>> CaseAlerts(int64_t household_id,
                                                               const std::string& case_id) {
    Statement stmt;
    SG_RETURN_IF_ERROR(
        Prepare(stmt, "SELECT id, severity FROM alerts WHERE household_id = ?1 AND case_id = ?2"));
    stmt.BindInt(1, household_id);
    stmt.BindText(2, case_id);
    std::vector<std::pair<int64_t, Severity>> out;
    int rc;
    while ((rc = stmt.Step()) == SQLITE_ROW) {
      const auto severity = SeverityFromString(stmt.ColumnText(1));
      if (!severity) return MakeError(ErrorCode::kStore, path + ": an alert of unknown severity");
      out.emplace_back(stmt.ColumnInt(0), *severity);
    }
    if (rc != SQLITE_DONE) return tl::unexpected(Fail("cannot read alerts"));
    return out;
  }
};

AlertStore::AlertStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AlertStore::~AlertStore() = default;

Result<std::unique_ptr<AlertStore>> AlertStore::Open(const std::string& path) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to start");
  std::error_code ec;
  const fs::path file(path);
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  // The webhook secrets are in it: this service's user alone reads it (and its -wal, -shm).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return MakeError(ErrorCode::kIo, path + ": cannot create: " + std::strerror(errno));
  ::close(fd);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return tl::unexpected(impl->Fail("cannot open database"));
  }
  sqlite3_busy_timeout(impl->db, 5000);
  if (Status s = sqlite::UseWal(impl->db, path); !s) {
    return MakeError(ErrorCode::kStore,
                     path + ": not a stalkguard alert database (" + s.error().message + ")");
  }
  // NORMAL in WAL mode: a commit survives the process being killed (the event store's
  // choice too); only a power cut can take the last ones.
  SG_RETURN_IF_ERROR(impl->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  SG_RETURN_IF_ERROR(sqlite::ApplyMigrations(impl->db, path, kAlertMigrations));
  return std::unique_ptr<AlertStore>(new AlertStore(std::move(impl)));
}

Result<std::vector<StoredRule>> AlertStore::Rules(int64_t household_id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->RulesLocked(household_id);
}

Result<std::map<int64_t, std::string>> AlertStore::ReplaceRules(int64_t household_id,
                                                                const std::vector<AlertRule>& rules,
                                                                int64_t now_ms) {
  std::lock_guard lock(impl_->mutex);
  return impl_->InTransaction<std::map<int64_t, std::string>>(
      [&]() -> Result<std::map<int64_t, std::string>> {
        SG_ASSIGN_OR_RETURN(std::vector<StoredRule> existing, impl_->RulesLocked(household_id));
        std::map<int64_t, const StoredRule*> by_id;
        for (const StoredRule& r : existing) by_id[r.rule.id] = &r;
        std::set<int64_t> kept;
        for (const AlertRule& r : rules) {
          if (r.id == 0) continue;
          if (!by_id.contains(r.id))
            return MakeError(ErrorCode::kInvalidInput,
                             "rule " + std::to_string(r.id) + " is not one of this household's");
          if (!kept.insert(r.id).second)
            return MakeError(ErrorCode::kInvalidInput,
                             "rule " + std::to_string(r.id) + " comes twice");
        }
        for (const StoredRule& r : existing) {
          if (kept.contains(r.rule.id)) continue;
          Statement del;
          SG_RETURN_IF_ERROR(impl_->Prepare(del, "DELETE FROM rules WHERE id = ?1"));
          del.BindInt(1, r.rule.id);
          if (del.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot remove rule"));
        }
        std::map<int64_t, std::string> new_secrets;
        for (const AlertRule& r : rules) {
          std::string secret;
          if (r.id != 0) secret = by_id.at(r.id)->secret;
          if (r.webhook_url.empty()) {
            secret.clear();
          } else if (secret.empty()) {
            secret = NewSecret();
          }
          Statement stmt;
          if (r.id == 0) {
            SG_RETURN_IF_ERROR(impl_->Prepare(
                stmt,
                "INSERT INTO rules (household_id, min_severity, webhook_url, webhook_secret, "
                "email, enabled, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
            stmt.BindInt(1, household_id);
            stmt.BindInt(7, now_ms);
          } else {
            SG_RETURN_IF_ERROR(impl_->Prepare(
                stmt,
                "UPDATE rules SET min_severity = ?2, webhook_url = ?3, webhook_secret = ?4, "
                "email = ?5, enabled = ?6 WHERE id = ?1"));
            stmt.BindInt(1, r.id);
          }
          const std::string_view severity = ToString(r.min_severity);
          stmt.BindText(2, severity);
          stmt.BindTextOrNull(3, r.webhook_url);
          stmt.BindTextOrNull(4, secret);
          stmt.BindTextOrNull(5, r.email);
          stmt.BindInt(6, r.enabled ? 1 : 0);
          if (stmt.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot write rule"));
          const int64_t id = r.id != 0 ? r.id : sqlite3_last_insert_rowid(impl_->db);
          const bool had_secret = r.id != 0 && !by_id.at(r.id)->secret.empty();
          if (!secret.empty() && !had_secret) new_secrets[id] = secret;
          sodium_memzero(secret.data(), secret.size());
        }
        return new_secrets;
      });
}

Result<std::vector<int64_t>> AlertStore::HouseholdsWithRules() {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt, "SELECT DISTINCT household_id FROM rules WHERE enabled = 1 ORDER BY household_id"));
  std::vector<int64_t> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) out.push_back(stmt.ColumnInt(0));
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read rules"));
  return out;
}

Result<std::optional<Severity>> AlertStore::HighestAlerted(int64_t household_id,
                                                           const std::string& case_id) {
  std::lock_guard lock(impl_->mutex);
  SG_ASSIGN_OR_RETURN(auto alerts, impl_->CaseAlerts(household_id, case_id));
  std::optional<Severity> highest;
  for (const auto& [id, severity] : alerts) {
    if (!highest || severity > *highest) highest = severity;
  }
  return highest;
}

Result<ReconcileCounts> AlertStore::Reconcile(int64_t household_id,
                                              const std::vector<CaseSnapshot>& cases,
                                              int64_t now_ms, const PayloadFn& payload) {
  std::lock_guard lock(impl_->mutex);
  // Most calls (an ingest whose cases stay below every rule) end here, before writing.
  SG_ASSIGN_OR_RETURN(std::vector<StoredRule> all_rules, impl_->RulesLocked(household_id));
  std::vector<StoredRule> rules;
  for (StoredRule& r : all_rules)
    if (r.rule.enabled) rules.push_back(std::move(r));
  if (rules.empty()) return ReconcileCounts{};
  const auto lowest =
      std::min_element(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
        return a.rule.min_severity < b.rule.min_severity;
      })->rule.min_severity;
  if (std::none_of(cases.begin(), cases.end(),
                   [&](const CaseSnapshot& c) { return c.severity >= lowest; })) {
    return ReconcileCounts{};
  }
  return impl_->InTransaction<ReconcileCounts>([&]() -> Result<ReconcileCounts> {
    ReconcileCounts counts;
    for (const CaseSnapshot& c : cases) {
      if (c.severity < lowest) continue;
      SG_ASSIGN_OR_RETURN(auto alerts, impl_->CaseAlerts(household_id, c.id));
      // The case's highest alert: it stands for every level at or below it, so a case that
      // falls and rises again to a level alerted before makes no new alert.
      std::optional<std::pair<int64_t, Severity>> highest;
      for (const auto& a : alerts)
        if (!highest || a.second > highest->second) highest = a;
      if (!highest || highest->second < c.severity) {
        Statement insert;
        SG_RETURN_IF_ERROR(impl_->Prepare(
            insert,
            "INSERT INTO alerts (household_id, case_id, severity, previous_severity, display, "
            "created_ms, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')"));
        insert.BindInt(1, household_id);
        insert.BindText(2, c.id);
        insert.BindText(3, ToString(c.severity));
        if (c.previous) {
          insert.BindText(4, ToString(*c.previous));
        } else {
          sqlite3_bind_null(insert.get(), 4);
        }
        insert.BindText(5, c.display);
        insert.BindInt(6, now_ms);
        if (insert.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot add alert"));
        const int64_t id = sqlite3_last_insert_rowid(impl_->db);
        Statement body;
        SG_RETURN_IF_ERROR(impl_->Prepare(body, "UPDATE alerts SET payload = ?2 WHERE id = ?1"));
        body.BindInt(1, id);
        body.BindTextCopy(2, payload(id, c, now_ms));
        if (body.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot add alert"));
        highest = std::make_pair(id, c.severity);
        ++counts.alerts;
      }
      for (const StoredRule& r : rules) {
        if (r.rule.min_severity > c.severity) continue;
        for (Channel channel : {Channel::kWebhook, Channel::kEmail}) {
          const std::string& target =
              channel == Channel::kWebhook ? r.rule.webhook_url : r.rule.email;
          if (target.empty()) continue;
          Statement queue;
          SG_RETURN_IF_ERROR(impl_->Prepare(
              queue,
              "INSERT OR IGNORE INTO deliveries (alert_id, rule_id, channel, target, state, "
              "next_ms) VALUES (?1, ?2, ?3, ?4, 'pending', ?5)"));
          queue.BindInt(1, highest->first);
          queue.BindInt(2, r.rule.id);
          queue.BindText(3, ToString(channel));
          queue.BindText(4, target);
          queue.BindInt(5, now_ms);
          if (queue.Step() != SQLITE_DONE)
            return tl::unexpected(impl_->Fail("cannot queue delivery"));
          counts.deliveries += sqlite3_changes(impl_->db);
        }
      }
    }
    return counts;
  });
}

Result<std::vector<AlertView>> AlertStore::Alerts(int64_t household_id, int limit) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT id, case_id, display, severity, previous_severity, created_ms FROM alerts "
      "WHERE household_id = ?1 ORDER BY id DESC LIMIT ?2"));
  stmt.BindInt(1, household_id);
  stmt.BindInt(2, limit);
  std::vector<AlertView> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) {
    AlertView a;
    a.id = stmt.ColumnInt(0);
    a.case_id = stmt.ColumnText(1);
    a.display = stmt.ColumnText(2);
    a.severity = SeverityFromString(stmt.ColumnText(3)).value_or(Severity::kInfo);
    if (!stmt.ColumnIsNull(4)) a.previous = SeverityFromString(stmt.ColumnText(4));
    a.created_ms = stmt.ColumnInt(5);
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read alerts"));
  for (AlertView& a : out) {
    Statement d;
    SG_RETURN_IF_ERROR(impl_->Prepare(
        d,
        "SELECT channel, target, state, attempts, last_error, sent_ms FROM deliveries "
        "WHERE alert_id = ?1 ORDER BY id"));
    d.BindInt(1, a.id);
    while ((rc = d.Step()) == SQLITE_ROW) {
      DeliveryView v;
      v.channel = ChannelFromString(d.ColumnText(0)).value_or(Channel::kWebhook);
      v.target = d.ColumnText(1);
      v.state = StateFromString(d.ColumnText(2)).value_or(DeliveryState::kPending);
      v.attempts = static_cast<int>(d.ColumnInt(3));
      v.last_error = d.ColumnText(4);
      if (!d.ColumnIsNull(5)) v.sent_ms = d.ColumnInt(5);
      a.deliveries.push_back(std::move(v));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read deliveries"));
  }
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> AlertStore::Pending(int limit) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT id, next_ms FROM deliveries WHERE state = 'pending' ORDER BY next_ms, id LIMIT ?1"));
  stmt.BindInt(1, limit);
  std::vector<std::pair<int64_t, int64_t>> out;
  int rc;
  while ((rc = stmt.Step()) == SQLITE_ROW) out.emplace_back(stmt.ColumnInt(0), stmt.ColumnInt(1));
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read deliveries"));
  return out;
}

Result<std::optional<Outgoing>> AlertStore::Load(int64_t delivery_id) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT d.id, d.alert_id, a.household_id, d.channel, d.state, d.attempts, a.payload, "
      "d.rule_id FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?1"));
  stmt.BindInt(1, delivery_id);
  const int rc = stmt.Step();
  if (rc == SQLITE_DONE) return std::optional<Outgoing>();
  if (rc != SQLITE_ROW) return tl::unexpected(impl_->Fail("cannot read delivery"));
  Outgoing out;
  out.delivery_id = stmt.ColumnInt(0);
  out.alert_id = stmt.ColumnInt(1);
  out.household_id = stmt.ColumnInt(2);
  out.channel = ChannelFromString(stmt.ColumnText(3)).value_or(Channel::kWebhook);
  out.state = StateFromString(stmt.ColumnText(4)).value_or(DeliveryState::kFailed);
  out.attempts = static_cast<int>(stmt.ColumnInt(5));
  out.payload = stmt.ColumnText(6);
  const int64_t rule_id = stmt.ColumnInt(7);
  Statement rule;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      rule, (std::string("SELECT ") + kRuleColumns + " FROM rules WHERE id = ?1").c_str()));
  rule.BindInt(1, rule_id);
  const int rule_rc = rule.Step();
  if (rule_rc == SQLITE_ROW) {
    SG_ASSIGN_OR_RETURN(StoredRule r, impl_->ReadRule(rule));
    out.rule = std::move(r);
  } else if (rule_rc != SQLITE_DONE) {
    return tl::unexpected(impl_->Fail("cannot read rule"));
  }
  return std::optional<Outgoing>(std::move(out));
}

Status AlertStore::RecordAttempt(int64_t delivery_id, const std::string& target, bool ok,
                                 const std::string& error, std::optional<int64_t> retry_at_ms,
                                 int64_t now_ms, bool counts_attempt) {
  std::lock_guard lock(impl_->mutex);
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "UPDATE deliveries SET state = ?2, attempts = attempts + ?3, target = coalesce(?4, target), "
      "last_error = ?5, next_ms = ?6, sent_ms = ?7 WHERE id = ?1 AND state = 'pending'"));
  stmt.BindInt(1, delivery_id);
  stmt.BindText(2, ok ? "sent" : retry_at_ms ? "pending" : "failed");
  stmt.BindInt(3, counts_attempt ? 1 : 0);
  stmt.BindTextOrNull(4, target);
  stmt.BindTextOrNull(5, ok ? std::string_view() : std::string_view(error));
  stmt.BindInt(6, retry_at_ms.value_or(now_ms));
  stmt.BindIntOrNull(7, now_ms, ok);
  if (stmt.Step() != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot record attempt"));
  return OkStatus();
}

}  // namespace internal
}  // namespace stalkguard::service::alerts
