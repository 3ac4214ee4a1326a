#include "casework/report_builder.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "casework/checklist.h"
#include "casework/internal/wording.h"

namespace stalkguard::casework {
namespace {

using internal::LocalDate;

report::Band BandOf(Severity s) {
  switch (s) {
    case Severity::kDanger:
      return report::Band::kDanger;
    case Severity::kWarning:
      return report::Band::kWarning;
    default:
      return report::Band::kWatch;
  }
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Spans of findings on `text`, sorted, merged, on character boundaries and inside the text.
std::vector<TextSpan> Highlights(std::vector<TextSpan> spans, const std::string& text) {
  std::vector<TextSpan> valid;
  for (TextSpan s : spans) {
    if (s.empty() || s.begin >= text.size()) continue;
    s.end = std::min(s.end, text.size());
    // Widen to whole UTF-8 characters: continuation bytes are 10xxxxxx.
    while (s.begin > 0 && (static_cast<unsigned char>(text[s.begin]) & 0xC0) == 0x80) --s.begin;
    while (s.end < text.size() && (static_cast<unsigned char>(text[s.end]) & 0xC0) == 0x80) ++s.end;
    valid.push_back(s);
  }
  std::sort(valid.begin(), valid.end(),
            [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  std::vector<TextSpan> merged;
  for (const TextSpan& s : valid) {
    if (!merged.empty() && s.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, s.end);
    else
      merged.push_back(s);
  }
  return merged;
}

std::string IdentityLabel(const std::string& key) {
  const size_t colon = key.find(':');
  if (colon == std::string::npos) return key;
  Party party;
  party.identity.kind =
      IdentityKindFromString(key.substr(0, colon)).value_or(IdentityKind::kHandle);
  party.identity.value = key.substr(colon + 1);
  return internal::PartyLabel(party);
}

std::vector<std::string> Summary(const CaseFile& file, int64_t incidents, const TimeZone& zone) {
  const CaseFacts& f = file.kase.facts;
  std::vector<std::string> out;
  if (f.first_ms != 0) {
    const int64_t span_days =
        internal::LocalDay(f.last_ms, zone) - internal::LocalDay(f.first_ms, zone) + 1;
    std::string line = "First contact " + LocalDate(f.first_ms, zone) + ", last " +
                       LocalDate(f.last_ms, zone) + " (" + Plural(span_days, "day", "days");
    if (f.days_active > 0) line += ", contact on " + std::to_string(f.days_active) + " of them";
    out.push_back(line + ").");
  }
  std::string volume = Plural(f.incoming, "message or call", "messages and calls") +
                       " from them, " + Plural(f.outgoing, "reply", "replies") + " from the person";
  if (f.unanswered_share > 0)
    volume += "; " + std::to_string(static_cast<int>(f.unanswered_share * 100 + 0.5)) +
              "% of theirs went unanswered";
  out.push_back(volume + ".");
  out.push_back(Plural(incidents, "incident", "incidents") +
                " (messages or calls with a finding).");
  if (f.refused)
    out.push_back("The person told them to stop; " +
                  Plural(f.messages_after_refusal, "message or call", "messages and calls") +
                  " came after that.");
  if (f.unanswered_calls > 0)
    out.push_back(
        Plural(f.unanswered_calls, "missed or rejected call", "missed or rejected calls") + ".");
  if (f.night_contacts > 0)
    out.push_back(Plural(f.night_contacts, "contact", "contacts") + " between midnight and 5 a.m.");
  if (f.knows_whereabouts) out.push_back("Their messages show they know where the person is.");
  if (f.third_parties_reached > 0)
    out.push_back(Plural(f.third_parties_reached, "message", "messages") +
                  " about the person were seen by others.");
  if (f.escalation) out.push_back("The messages grew more severe over time.");
  return out;
}

std::vector<report::DayCount> Timeline(const CaseFile& file,
                                       const std::map<std::string, Severity>& worst,
                                       const TimeZone& zone) {
  std::map<int64_t, std::array<int64_t, report::kBandCount>> days;
  for (const Event& e : file.events) {
    if (e.direction == Direction::kOutgoing || e.channel == Channel::kApp) continue;
    auto it = worst.find(e.id);
    const report::Band band = it == worst.end() ? report::Band::kNoFinding : BandOf(it->second);
    ++days[internal::LocalDay(e.time.utc_ms, zone)][static_cast<size_t>(band)];
  }
  std::vector<report::DayCount> out;
  if (days.empty()) return out;
  constexpr int64_t kDayMs = 86400000;
  for (int64_t day = days.begin()->first; day <= days.rbegin()->first; ++day) {
    report::DayCount count;
    // Noon of the local day, read back in the zone, names the date without DST edge cases.
    const int64_t noon = day * kDayMs + kDayMs / 2;
    count.date = LocalDate(noon - int64_t{zone.OffsetMinutesAt(noon)} * 60000, zone);
    if (auto it = days.find(day); it != days.end()) count.counts = it->second;
    out.push_back(std::move(count));
  }
  return out;
}

report::ReportCase BuildCase(const CaseFile& file, const TimeZone& zone) {
  const Case& c = file.kase;
  report::ReportCase out;
  out.title = c.display.empty() ? "Unknown sender" : c.display;
  for (const std::string& key : c.identities) out.identities.push_back(IdentityLabel(key));
  out.severity = c.severity;
  out.score = c.score;
  for (const std::string& form : c.forms) out.forms.push_back(internal::FormLabel(form));
  out.reasons = c.reasons;
  out.actions = c.actions;

  std::map<std::string, std::vector<const Finding*>> by_event;
  std::map<std::string, Severity> worst;
  for (const Finding& f : c.findings) {
    if (f.event_id.empty()) continue;
    by_event[f.event_id].push_back(&f);
    auto [it, added] = worst.emplace(f.event_id, f.severity);
    if (!added) it->second = std::max(it->second, f.severity);
  }
  std::set<std::string> channels;
  for (const Event* e : Incidents(file)) {
    report::ReportIncident incident;
    incident.when = internal::LocalDateTime(e->time.utc_ms, zone);
    incident.channel = internal::ChannelLabel(*e);
    incident.sender = internal::PartyLabel(e->sender);
    incident.subject = e->subject;
    incident.text = e->text.empty() ? internal::DescribeWithoutText(*e) : e->text;
    // A link the source kept beside the text (a button, a preview) is part of the message.
    for (const std::string& url : e->urls)
      if (e->text.find(url) == std::string::npos) incident.text += "\nLink: " + url;
    std::vector<TextSpan> spans;
    for (const Finding* f : by_event[e->id]) {
      incident.severity = std::max(incident.severity, f->severity);
      std::string reason = internal::CategoryLabel(f->category);
      if (!f->why.empty()) reason += ": " + f->why;
      incident.reasons.push_back(std::move(reason));
      if (!e->text.empty()) spans.push_back(f->span);
    }
    incident.highlights = Highlights(std::move(spans), incident.text);
    for (const Attachment& a : e->attachments)
      incident.attachments.push_back({a.name, a.mime_type, a.size, a.sha256});
    incident.event_id = e->id;
    channels.insert(incident.channel);
    out.incidents.push_back(std::move(incident));
  }
  for (const Event& e : file.events)
    if (e.direction != Direction::kOutgoing) channels.insert(internal::ChannelLabel(e));
  out.channels.assign(channels.begin(), channels.end());
  out.incident_count = static_cast<int64_t>(out.incidents.size());
  out.summary = Summary(file, out.incident_count, zone);
  // Findings about the whole conduct (a burst, contact after a refusal) have no event of their
  // own: they belong with the reasons.
  for (const Finding& f : c.findings) {
    if (!f.event_id.empty()) continue;
    std::string line = internal::CategoryLabel(f.category);
    if (!f.why.empty()) line += ": " + f.why;
    if (std::find(out.reasons.begin(), out.reasons.end(), line) == out.reasons.end())
      out.reasons.push_back(std::move(line));
  }
  out.timeline = Timeline(file, worst, zone);
  out.checklist = FillChecklist(file, zone);
  return out;
}

}  // namespace

report::ReportData BuildReportData(const std::vector<CaseFile>& files, const Profile& profile,
                                   const ReportOptions& options) {
  const TimeZone& zone = *options.zone;
  report::ReportData out;
  out.title = "Evidence report: online stalking and harassment";
  out.person = profile.names.empty() ? "" : profile.names.front();
  out.generated = internal::LocalDateTime(options.generated_ms, zone) + " " + zone.name();
  out.time_zone = zone.name();
  for (const CaseFile& file : files) out.cases.push_back(BuildCase(file, zone));
  out.chain_entries = options.tie.chain_entries;
  out.chain_head = options.tie.chain_head;
  out.bundle_path = options.tie.bundle_path;
  out.bundle_fingerprint = options.tie.bundle_fingerprint;
  out.device_fingerprint = options.tie.device_fingerprint;
  out.redacted = options.redacted;
  return out;
}

}  // namespace stalkguard::casework
