#include "serialize/case_json.h"

#include <nlohmann/json.hpp>

#include "core/timestamp.h"

namespace stalkguard::serialize {
namespace {

using json = nlohmann::json;

json Iso(int64_t utc_ms) {
  return utc_ms != 0 ? json(FormatRfc3339(Timestamp{utc_ms, 0, false})) : json(nullptr);
}

json FindingJson(const Finding& x) {
  json out = {{"event", x.event_id.empty() ? json(nullptr) : json(x.event_id)},
              {"detector", x.detector},
              {"category", x.category},
              {"score", x.score},
              {"severity", ToString(x.severity)},
              {"excerpt", x.excerpt},
              {"why", x.why}};
  if (!x.id.empty()) out["id"] = x.id;
  return out;
}

}  // namespace

json CasesJson(const std::vector<Case>& cases) {
  json out = json::array();
  for (const Case& c : cases) {
    const CaseFacts& f = c.facts;
    json findings = json::array();
    for (const Finding& x : c.findings) findings.push_back(FindingJson(x));
    out.push_back(
        {{"contact", {{"id", c.contact_id}, {"display", c.display}, {"identities", c.identities}}},
         {"trusted", c.trusted},
         {"severity", ToString(c.severity)},
         {"score", c.score},
         {"forms", c.forms},
         {"reasons", c.reasons},
         {"facts",
          {{"incidents", f.incidents},
           {"incoming", f.incoming},
           {"outgoing", f.outgoing},
           {"first", Iso(f.first_ms)},
           {"last", Iso(f.last_ms)},
           {"days_active", f.days_active},
           {"channels", f.channels},
           {"unanswered_calls", f.unanswered_calls},
           {"night_contacts", f.night_contacts},
           {"refused", f.refused},
           {"messages_after_refusal", f.messages_after_refusal},
           {"unanswered_share", f.unanswered_share},
           {"knows_whereabouts", f.knows_whereabouts},
           {"third_parties_reached", f.third_parties_reached},
           {"escalation", f.escalation}}},
         {"findings", findings},
         {"actions", c.actions}});
  }
  return out;
}

std::string CasesJsonText(const std::vector<Case>& cases) {
  // Texts are valid UTF-8 by the importer contract; replace rather than throw if one slips.
  return CasesJson(cases).dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace stalkguard::serialize
