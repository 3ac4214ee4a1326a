#include "risk/case_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stalkguard::risk {
namespace {

constexpr std::string_view kFormOrder[] = {"abusive_messages", "excessive_contact",
                                           "public_shaming",   "device_compromise",
                                           "impersonation",    "rumours"};

const char* FormWords(std::string_view form) {
  if (form == "abusive_messages") return "abusive messages";
  if (form == "excessive_contact") return "excessive, unwanted contact";
  if (form == "public_shaming") return "your personal information shared with others";
  if (form == "device_compromise") return "dangerous links, files or spying on your devices";
  if (form == "impersonation") return "pretending to be you or evading a block";
  if (form == "rumours") return "spreading rumours about you";
  return "knowing where you are";
}

std::string Percent(double share) { return std::to_string(std::lround(share * 100)) + "%"; }

Severity SeverityFor(double score, const RiskConfig& c) {
  if (score >= c.danger) return Severity::kDanger;
  if (score >= c.warning) return Severity::kWarning;
  if (score >= c.watch) return Severity::kWatch;
  return Severity::kInfo;
}

std::optional<Case> Build(const detect::ContactTimeline& timeline,
                          const std::vector<Finding>& conduct_findings, const RiskConfig& config,
                          const detect::ConductOptions& conduct,
                          std::optional<detect::ConductStats>& stats);

// One category's evidence, gathered over the case's findings strongest first.
struct CategoryTally {
  std::string_view category;
  bool abusive = false;  // its form is abusive messages (spam aside)
  double miss = 1;       // the chance that none of its findings is real
  double factor = 1;     // what the next repeat counts for
  size_t used = 0;       // findings counted, up to max_repeats
};

struct Reported {
  const Finding* finding;
  uint32_t tally;  // index into the tallies
};

}  // namespace

bool IsReportable(const Finding& finding) { return finding.detector.rfind("text.", 0) != 0; }

std::optional<Case> BuildCase(const detect::ContactTimeline& timeline,
                              const std::vector<Finding>& conduct_findings,
                              const RiskConfig& config, const detect::ConductOptions& conduct) {
  std::optional<detect::ConductStats> stats;
  return Build(timeline, conduct_findings, config, conduct, stats);
}

std::optional<Case> BuildCase(const detect::ContactTimeline& timeline,
                              const std::vector<Finding>& conduct_findings,
                              const RiskConfig& config,
                              std::optional<detect::ConductStats>& stats) {
  return Build(timeline, conduct_findings, config, {}, stats);
}

namespace {

std::optional<Case> Build(const detect::ContactTimeline& timeline,
                          const std::vector<Finding>& conduct_findings, const RiskConfig& config,
                          const detect::ConductOptions& conduct,
                          std::optional<detect::ConductStats>& known) {
  // Live ingest builds the cases of long timelines again for every batch, so this pass
  // copies no Finding until the case's list is known and looks each category up once.
  Case c;
  std::vector<CategoryTally> tallies;  // a handful: searched in order
  auto tally_of = [&](std::string_view category) -> uint32_t {
    for (uint32_t i = 0; i < tallies.size(); ++i)
      if (tallies[i].category == category) return i;
    const auto rule = config.categories.find(category);
    // Abuse that keeps coming counts the categories that make abusive messages but spam.
    const bool abusive = rule != config.categories.end() &&
                         rule->second.form == "abusive_messages" && category != "spam";
    tallies.push_back({category, abusive});
    return static_cast<uint32_t>(tallies.size() - 1);
  };
  std::vector<Reported> reported;                 // the case's findings, unsorted
  std::vector<std::string_view> incident_events;  // may repeat: counted once below
  std::vector<int64_t> days;                      // UTC days with an event from the contact
  days.reserve(timeline.entries.size());
  int64_t third_parties = 0;
  int64_t incoming = 0;
  int64_t abusive_incidents = 0;  // events from the contact with an abusive finding
  for (const detect::TimelineEntry& e : timeline.entries) {
    const bool from_them = e.direction != Direction::kOutgoing;
    if (from_them) {
      ++incoming;
      days.push_back(e.time.utc_ms / 86400000);
    }
    bool any = false, abusive = false;
    for (const Finding& f : e.findings) {
      if (!IsReportable(f)) continue;
      const uint32_t tally = tally_of(f.category);
      reported.push_back({&f, tally});
      any = true;
      abusive |= from_them && tallies[tally].abusive;
    }
    if (!any) continue;
    incident_events.push_back(e.event_id);
    if (e.audience || e.direction == Direction::kThirdParty || e.direction == Direction::kPublic)
      ++third_parties;
    if (abusive) ++abusive_incidents;
  }
  for (const Finding& f : conduct_findings) {
    reported.push_back({&f, tally_of(f.category)});
    // A conduct finding that points at an event (the message after a refusal) flags it too,
    // as the report lists it.
    if (!f.event_id.empty()) incident_events.push_back(f.event_id);
  }
  if (reported.empty()) return std::nullopt;
  std::stable_sort(reported.begin(), reported.end(), [](const Reported& a, const Reported& b) {
    return a.finding->score > b.finding->score;
  });
  c.findings.reserve(reported.size());
  for (const Reported& r : reported) c.findings.push_back(*r.finding);

  // Evidence per category: the strongest findings, each repeat counting less.
  const auto max_repeats = static_cast<size_t>(config.max_repeats);
  int64_t explicit_threats = 0;
  for (const Reported& r : reported) {
    CategoryTally& t = tallies[r.tally];
    const double score = r.finding->score;
    if (t.used < max_repeats) {
      t.miss *= 1 - score * t.factor;
      t.factor *= config.repeat_decay;
      ++t.used;
    }
    if (t.category == "threat" && score >= config.explicit_threat) ++explicit_threats;
  }
  // By name, as the forms below multiply their categories' evidence in this order.
  std::sort(tallies.begin(), tallies.end(),
            [](const CategoryTally& a, const CategoryTally& b) { return a.category < b.category; });
  auto evidence = [&](std::string_view category) {
    for (const CategoryTally& t : tallies)
      if (t.category == category) return 1 - t.miss;
    return 0.0;
  };

  // Forms: the categories' weighted evidence combined, capped per form.
  std::vector<std::pair<std::string_view, double>> form_miss;  // by form, a handful
  for (const CategoryTally& t : tallies) {
    auto rule = config.categories.find(t.category);
    if (rule == config.categories.end()) continue;  // a category risk.toml does not weigh
    const std::string_view form = rule->second.form;
    auto it = std::find_if(form_miss.begin(), form_miss.end(),
                           [&](const auto& m) { return m.first == form; });
    if (it == form_miss.end()) it = form_miss.insert(form_miss.end(), {form, 1.0});
    it->second *= 1 - rule->second.weight * (1 - t.miss);
  }
  std::sort(form_miss.begin(), form_miss.end());  // forms are distinct: by name
  double case_miss = 1;
  std::vector<std::pair<std::string_view, double>> form_score;
  for (const auto& [form, miss] : form_miss) {
    const auto cap = config.caps.find(form);
    const double score = std::min(cap == config.caps.end() ? 1.0 : cap->second, 1 - miss);
    form_score.emplace_back(form, score);
    case_miss *= 1 - score;
  }
  double score = 1 - case_miss;
  for (std::string_view form : kFormOrder) {
    auto it = std::find_if(form_score.begin(), form_score.end(),
                           [&](const auto& s) { return s.first == form; });
    if (it != form_score.end() && it->second >= config.form_min_score) {
      c.forms.emplace_back(form);
      c.reasons.push_back(std::string(FormWords(form)) + " (" +
                          std::to_string(std::lround(it->second * 100)) + "/100)");
    }
  }

  // Facts.
  if (!known) known = detect::ComputeConductStats(timeline, conduct);
  const detect::ConductStats& stats = *known;
  CaseFacts& facts = c.facts;
  std::sort(incident_events.begin(), incident_events.end());
  facts.incidents = static_cast<int64_t>(
      std::unique(incident_events.begin(), incident_events.end()) - incident_events.begin());
  facts.incoming = incoming;
  facts.outgoing = stats.outgoing;
  facts.first_ms = stats.first_ms;
  facts.last_ms = stats.last_ms;
  std::sort(days.begin(), days.end());
  facts.days_active = static_cast<int64_t>(std::unique(days.begin(), days.end()) - days.begin());
  facts.channels = stats.platforms;
  facts.unanswered_calls = stats.unanswered_calls;
  facts.night_contacts = stats.night_attempts;
  facts.refused = stats.refusal_entry >= 0;
  facts.messages_after_refusal = stats.attempts_after_refusal;
  facts.unanswered_share = stats.unanswered_share();
  facts.knows_whereabouts = evidence("whereabouts") >= config.combination_min_finding;
  facts.third_parties_reached = third_parties;
  facts.escalation = evidence("escalation") > 0;

  // Rules: what keeps one rude message or banter below a warning, and what makes a danger.
  const double threat = evidence("threat");
  const bool only_abuse =
      std::all_of(c.forms.begin(), c.forms.end(),
                  [](const std::string& f) { return f == "abusive_messages"; }) &&
      evidence("whereabouts") < config.combination_min_finding;
  // An explicit threat from someone the person does not answer, or more than one, is never
  // capped; one in a lively conversation may be a figure of speech ("you're dead if...").
  const bool mutual =
      stats.outgoing >= 3 && stats.unanswered_share() <= config.banter_max_unanswered_share;
  if (only_abuse && (explicit_threats == 0 || (explicit_threats == 1 && mutual))) {
    if (facts.incidents <= 1 && score > config.single_incident_cap) {
      score = config.single_incident_cap;
      c.reasons.push_back("a single incident, not (yet) a pattern");
    } else if (mutual && score > config.banter_cap) {
      score = config.banter_cap;
      c.reasons.push_back("a conversation you take part in (you answered " +
                          Percent(1 - stats.unanswered_share()) + " of their messages)");
    }
  }
  // Abuse that keeps coming while the person stays silent.
  if (abusive_incidents >= config.repeated_abuse_incidents &&
      stats.unanswered_share() > config.banter_max_unanswered_share &&
      score < config.repeated_abuse_score) {
    score = config.repeated_abuse_score;
    c.reasons.push_back(std::to_string(abusive_incidents) + " abusive messages, " +
                        Percent(stats.unanswered_share()) + " of their messages unanswered");
  }
  const double min = config.combination_min_finding;
  const bool after_refusal = evidence("persistence_after_refusal") > 0;
  const bool knows_where = evidence("whereabouts") >= min;
  if (after_refusal && (threat >= min || knows_where)) {
    score = std::max(score, config.combination_score);
    c.reasons.push_back(threat >= min ? "threats after you told them to stop"
                                      : "knows where you are after you told them to stop");
  } else if (threat >= min && knows_where) {
    score = std::max(score, config.combination_score);
    c.reasons.push_back("threats from someone who knows where you are");
  } else if (knows_where) {
    c.reasons.push_back("knows where you live, study or go");
  }
  if (facts.refused && facts.messages_after_refusal > 0) {
    c.reasons.push_back(std::to_string(facts.messages_after_refusal) +
                        " attempts to reach you after you said stop");
  }
  c.trusted = timeline.relation.trusted;
  if (c.trusted) {
    score *= config.trusted_weight;
    c.reasons.push_back("a trusted contact: stronger evidence needed");
  }

  c.contact_id = timeline.contact_id;
  c.display = timeline.display;
  for (const Identity& id : timeline.identities) c.identities.push_back(id.Key());
  c.score = std::clamp(score, 0.0, 1.0);
  c.severity = SeverityFor(c.score, config);
  c.actions = RecommendedActions(c);
  return c;
}

}  // namespace

std::vector<std::string> RecommendedActions(const Case& c) {
  std::vector<std::string> out;
  if (c.severity < Severity::kWatch) return out;
  auto has = [&](std::string_view form) {
    return std::find(c.forms.begin(), c.forms.end(), form) != c.forms.end();
  };
  // Only findings a person should act on: a threat the model is unsure of does not call for
  // the police.
  const bool threat = std::any_of(c.findings.begin(), c.findings.end(), [](const Finding& f) {
    return f.category == "threat" && f.severity >= Severity::kWarning;
  });
  // The police and the emergency number when the person may be in physical danger: a threat,
  // someone who knows where they are, or a danger case of abuse or pursuit. A fake account or
  // a phishing mail is serious, but no emergency.
  const bool physical = has("abusive_messages") || has("excessive_contact");
  if (threat || c.facts.knows_whereabouts || (c.severity == Severity::kDanger && physical)) {
    out.push_back(
        "If you feel in danger, call the emergency number (999 in the UK, 911 in the US) now. "
        "Report the threats to the police and bring the report (stalkguard report).");
  }
  if (c.contact_id == kDeviceCaseId) {
    // Spyware on the phone: removing it can tell whoever installed it, and that moment can be
    // dangerous. Plan first, keep the evidence, then remove it.
    out.push_back(
        "Someone may be able to see your messages and location through this app. Before you "
        "remove it, talk to someone you trust or a helpline (in the UK the National Stalking "
        "Helpline, 0808 802 0300): removing it can alert the person who installed it.");
    out.push_back(
        "Keep the evidence first: export it (stalkguard export) and photograph the app's "
        "details; then remove the app or reset the phone, and change your passwords from "
        "another device.");
    out.push_back(
        "Check which of your accounts the phone is signed in to, and sign out of "
        "sessions you do not recognise.");
    return out;
  }
  out.push_back("Do not reply or engage: any answer can encourage them.");
  out.push_back(
      "Keep the evidence: do not delete the messages; export them (stalkguard export) and keep "
      "a copy somewhere safe.");
  if (has("abusive_messages") || has("excessive_contact") || has("impersonation")) {
    std::string platforms;
    for (const auto& p : c.facts.channels) platforms += (platforms.empty() ? "" : ", ") + p;
    out.push_back("Block " + c.display + " and report the account" +
                  (platforms.empty() ? std::string() : " on " + platforms) + ".");
  }
  if (has("impersonation")) {
    out.push_back(
        "Report the fake account to the platform as impersonation, and tell your friends it is "
        "not you.");
  }
  if (has("public_shaming")) {
    out.push_back(
        "Ask the platform or group admin to remove the posts with your personal information; "
        "tell someone you trust, and the police if your address was shared.");
  }
  if (has("rumours")) {
    out.push_back(
        "Talk to a trusted adult, friend or colleague about the rumours; report the messages to "
        "the group admin or platform.");
  }
  if (has("device_compromise")) {
    out.push_back(
        "Do not open the links or attachments. If you did, change your passwords from another "
        "device, turn on two-factor authentication and run stalkguard checkup.");
  }
  if (c.severity >= Severity::kWarning) {
    out.push_back(
        "Secure your accounts: new passwords, log out of other sessions, and check who can see "
        "your location.");
    if (c.severity < Severity::kDanger && !threat) {
      out.push_back(
          "Consider reporting it to the police: repeated unwanted contact can be stalking in law.");
    }
  }
  return out;
}

}  // namespace stalkguard::risk
