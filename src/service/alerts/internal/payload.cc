#include "service/alerts/internal/payload.h"

#include <nlohmann/json.hpp>

#include "core/timestamp.h"
#include "core/utf8.h"

namespace stalkguard::service::alerts::internal {
namespace {

using json = nlohmann::ordered_json;

std::string DashboardPath(const std::string& case_id) { return "/#/cases/" + case_id; }

}  // namespace

std::string AlertPayload(int64_t alert_id, int64_t household_id, const CaseSnapshot& c,
                         int64_t created_ms) {
  json forms = json::array();
  for (const std::string& f : c.forms) forms.push_back(SanitizeUtf8(f));
  json reasons = json::array();
  for (const std::string& r : c.reasons) reasons.push_back(SanitizeUtf8(r));
  json kase = {{"id", SanitizeUtf8(c.id)},
               {"display", SanitizeUtf8(c.display)},
               {"severity", ToString(c.severity)},
               {"previous_severity", c.previous ? json(ToString(*c.previous)) : json(nullptr)},
               {"score", c.score},
               {"forms", forms},
               {"reasons", reasons}};
  return json{{"id", alert_id},
              {"household", household_id},
              {"case", kase},
              {"created", FormatRfc3339(Timestamp{created_ms, 0, false})},
              {"dashboard", DashboardPath(SanitizeUtf8(c.id))}}
      .dump();
}

Result<MailText> AlertMail(const std::string& payload) {
  const json p = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!p.is_object() || !p.contains("case") || !p["case"].is_object())
    return MakeError(ErrorCode::kInternal, "an alert without its case");
  const json& c = p["case"];
  auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
  MailText mail;
  const std::string display = text(c.value("display", json()));
  const std::string severity = text(c.value("severity", json()));
  mail.subject = "stalkguard: " + display + " is now " + severity;
  std::string& b = mail.body;
  b += display + " is now " + severity;
  const std::string previous = text(c.value("previous_severity", json()));
  b += previous.empty() ? " (new case).\n" : " (was " + previous + ").\n";
  if (c.contains("score") && c["score"].is_number()) {
    b += "Score: " + std::to_string(static_cast<int>(c["score"].get<double>() * 100 + 0.5)) +
         "/100\n";
  }
  if (c.contains("forms") && c["forms"].is_array() && !c["forms"].empty()) {
    b += "\nWhat it looks like:\n";
    for (const json& f : c["forms"]) b += "- " + text(f) + "\n";
  }
  if (c.contains("reasons") && c["reasons"].is_array() && !c["reasons"].empty()) {
    b += "\nWhy:\n";
    for (const json& r : c["reasons"]) b += "- " + text(r) + "\n";
  }
  b += "\nSee the case in the stalkguard dashboard: " + text(p.value("dashboard", json())) + "\n";
  b += "Alert " + std::to_string(p.value("id", int64_t{0})) + ", made " +
       text(p.value("created", json())) + ".\n";
  b += "\nThis message holds no message text; the dashboard shows what you may see.\n";
  return mail;
}

}  // namespace stalkguard::service::alerts::internal
