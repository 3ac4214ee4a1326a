// Alerts (docs/alerts.md): the household's alert rules (GET/PUT /api/v1/settings/alerts), the
// alerts made and their deliveries (GET /api/v1/alerts), and the reconcile that makes alerts
// from the household's cases after each ingest, open and rebuild.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/timestamp.h"
#include "service/alerts/alert_center.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {
namespace {

constexpr int kDefaultAlertLimit = 50;
constexpr int kMaxAlertLimit = 500;

alerts::CaseSnapshot Snapshot(const Case& c, std::optional<Severity> previous) {
  alerts::CaseSnapshot s;
  s.id = c.contact_id;
  s.display = c.display;
  s.severity = c.severity;
  s.previous = previous;
  s.score = c.score;
  s.forms = c.forms;
  // risk/ writes each reason from counts and words of its own (case_builder.cc); the
  // findings, which carry excerpts, stay out of alerts.
  s.reasons = c.reasons;
  return s;
}

json RuleJson(const alerts::AlertRule& r) {
  json out = {{"id", r.id}, {"min_severity", ToString(r.min_severity)}};
  out["webhook_url"] = r.webhook_url.empty() ? json(nullptr) : json(r.webhook_url);
  out["webhook_secret_set"] = r.webhook_secret_set;
  out["email"] = r.email.empty() ? json(nullptr) : json(r.email);
  out["enabled"] = r.enabled;
  return out;
}

std::string Time(int64_t utc_ms) { return FormatRfc3339(Timestamp{utc_ms, 0, false}); }

// {"rules": [...]} into rules; a message naming the field when it cannot be.
Result<std::vector<alerts::AlertRule>> ParseRules(const std::string& body) {
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("rules") || !doc["rules"].is_array()) {
    return MakeError(ErrorCode::kInvalidInput, "expected {\"rules\": [...]}");
  }
  std::vector<alerts::AlertRule> rules;
  for (size_t i = 0; i < doc["rules"].size(); ++i) {
    const json& r = doc["rules"][i];
    const std::string where = "rules[" + std::to_string(i) + "]";
    auto fail = [&](const std::string& why) {
      return MakeError(ErrorCode::kInvalidInput, where + why);
    };
    if (!r.is_object()) return fail(": expected an object");
    alerts::AlertRule rule;
    if (r.contains("id") && !r["id"].is_null()) {
      if (!r["id"].is_number_integer() || r["id"].get<int64_t>() <= 0)
        return fail(".id: expected a rule's id");
      rule.id = r["id"].get<int64_t>();
    }
    if (!r.contains("min_severity") || !r["min_severity"].is_string())
      return fail(".min_severity: expected \"watch\", \"warning\" or \"danger\"");
    const auto severity = SeverityFromString(r["min_severity"].get<std::string>());
    if (!severity || *severity == Severity::kInfo)
      return fail(".min_severity: expected \"watch\", \"warning\" or \"danger\"");
    rule.min_severity = *severity;
    for (const char* field : {"webhook_url", "email"}) {
      if (!r.contains(field) || r[field].is_null()) continue;
      if (!r[field].is_string()) return fail(std::string(".") + field + ": expected a string");
      (std::string_view(field) == "email" ? rule.email : rule.webhook_url) =
          r[field].get<std::string>();
    }
    if (r.contains("enabled")) {
      if (!r["enabled"].is_boolean()) return fail(".enabled: expected true or false");
      rule.enabled = r["enabled"].get<bool>();
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace

void GuardianServer::Impl::ReconcileAlerts(int64_t household_id, HouseholdState& household,
                                           const std::vector<scan::CaseChange>* changes) {
  if (!alerts || !household.ingest) return;
  const bool all = changes == nullptr || alerts->NeedsFullReconcile(household_id);
  std::map<std::string, std::optional<Severity>> previous;
  if (changes != nullptr) {
    for (const scan::CaseChange& c : *changes) {
      if (all || alerts->WouldAlert(household_id, c.contact_id, c.after)) {
        previous[c.contact_id] = c.before;
      }
    }
    // Most ingests end here: nothing rose to a level with a rule and no alert yet.
    if (!all && previous.empty()) return;
  }
  std::vector<alerts::CaseSnapshot> cases;
  if (all) {
    auto rules = alerts->Rules(household_id);
    const bool ruled = !rules || std::any_of(rules->begin(), rules->end(),
                                             [](const alerts::AlertRule& r) { return r.enabled; });
    if (ruled) {
      for (const Case& c : household.ingest->Cases()) {
        auto it = previous.find(c.contact_id);
        cases.push_back(Snapshot(c, it == previous.end() ? std::nullopt : it->second));
      }
    }
  } else {
    for (const Case& c : household.ingest->Cases()) {
      if (auto it = previous.find(c.contact_id); it != previous.end()) {
        cases.push_back(Snapshot(c, it->second));
      }
    }
  }
  if (Status s = alerts->Reconcile(household_id, cases, all); !s) {
    // The events stay stored; NeedsFullReconcile makes the household's next request (or the
    // next start) reconcile every case, so the alert is late, not lost.
    const json line = {{"level", "error"},
                       {"msg", "alerts not reconciled"},
                       {"household", household_id},
                       {"error", SanitizeUtf8(s.error().message)}};
    std::fprintf(stderr, "%s\n", line.dump().c_str());
  }
}

void GuardianServer::Impl::ReconcileAlertsAtStart() {
  auto households_with_rules = alerts->HouseholdsWithRules();
  if (!households_with_rules) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"alert rules unreadable\"}\n");
    return;
  }
  for (int64_t id : *households_with_rules) {
    auto state = households.Get(id);
    if (!state) {
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"household store\",\"household\":%lld}\n",
                   static_cast<long long>(id));
      continue;
    }
    std::lock_guard lock((*state)->mutex);
    ReconcileAlerts(id, **state, nullptr);
  }
}

void GuardianServer::Impl::GetAlertRules(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  auto rules = alerts->Rules(who->household_id);
  if (!rules) {
    SendError(res, 500, "store", "the alert rules cannot be read");
    return;
  }
  json list = json::array();
  for (const alerts::AlertRule& r : *rules) list.push_back(RuleJson(r));
  SendJson(res, {{"rules", list}, {"email_available", alerts->EmailAvailable()}});
}

void GuardianServer::Impl::PutAlertRules(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayChangeProfile(who->role)) {
    SendError(res, 403, "forbidden",
              "alert rules are set by the protected person and the household's admin");
    return;
  }
  auto parsed = ParseRules(req.body);
  if (!parsed) {
    SendError(res, 400, "bad_request", parsed.error().message);
    return;
  }
  auto replaced = alerts->ReplaceRules(who->household_id, std::move(*parsed));
  if (!replaced) {
    if (replaced.error().code == ErrorCode::kInvalidInput) {
      SendError(res, 400, "bad_request", replaced.error().message);
    } else {
      SendError(res, 500, "store", "the alert rules could not be saved");
    }
    return;
  }
  // A new rule hears of the current cases at or above its level once.
  if (std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res)) {
    std::lock_guard lock(household->mutex);
    ReconcileAlerts(who->household_id, *household, nullptr);
  } else {
    return;
  }
  json list = json::array();
  for (const alerts::AlertRule& r : replaced->rules) list.push_back(RuleJson(r));
  json secrets = json::object();
  for (const auto& [id, secret] : replaced->new_secrets) secrets[std::to_string(id)] = secret;
  SendJson(
      res,
      {{"rules", list}, {"email_available", alerts->EmailAvailable()}, {"new_secrets", secrets}});
}

void GuardianServer::Impl::ListAlerts(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  int limit = kDefaultAlertLimit;
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    const char* end = text.data() + text.size();
    if (std::from_chars(text.data(), end, limit).ptr != end || limit < 1 ||
        limit > kMaxAlertLimit) {
      SendError(res, 400, "bad_request",
                "limit must be a number from 1 to " + std::to_string(kMaxAlertLimit));
      return;
    }
  }
  auto list = alerts->Alerts(who->household_id, limit);
  if (!list) {
    SendError(res, 500, "store", "the alerts cannot be read");
    return;
  }
  json out = json::array();
  for (const alerts::AlertView& a : *list) {
    json deliveries = json::array();
    for (const alerts::DeliveryView& d : a.deliveries) {
      deliveries.push_back(
          {{"channel", alerts::ToString(d.channel)},
           {"target", d.target},
           {"state", alerts::ToString(d.state)},
           {"attempts", d.attempts},
           {"last_error", d.last_error.empty() ? json(nullptr) : json(SanitizeUtf8(d.last_error))},
           {"sent", d.sent_ms ? json(Time(*d.sent_ms)) : json(nullptr)}});
    }
    out.push_back({{"id", a.id},
                   {"case", a.case_id},
                   {"display", SanitizeUtf8(a.display)},
                   {"severity", ToString(a.severity)},
                   {"previous_severity", a.previous ? json(ToString(*a.previous)) : json(nullptr)},
                   {"created", Time(a.created_ms)},
                   {"deliveries", deliveries}});
  }
  SendJson(res, {{"alerts", out}});
}

}  // namespace stalkguard::service
