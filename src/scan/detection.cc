#include "scan/detection.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <unordered_set>

#include "evidence/canonical.h"
#include "risk/case_builder.h"
#include "text/normalizer.h"

namespace stalkguard::scan {
namespace {

bool Contains(const std::vector<Identity>& list, const Identity& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

detect::Relation RelationOf(const Identity& id, const Profile& profile) {
  detect::Relation r;
  r.is_self = profile.IsSelf(id);
  r.trusted = profile.TrustedFor(id) != nullptr;
  r.blocked = Contains(profile.blocked, id);
  return r;
}

// Judges every event of one timeline and fills its entries; then its conduct.
class TimelineJudge {
 public:
  TimelineJudge(const Profile& profile, const detect::DetectorSet& detectors,
                const std::unordered_set<std::string>& group_threads, double typical_incoming)
      : profile_(profile),
        detectors_(detectors),
        groups_(group_threads),
        typical_incoming_(typical_incoming) {}

  Status AddEvent(const Event& event, detect::ContactTimeline& timeline) {
    SG_RETURN_IF_ERROR(detectors_.text->Analyze(event.text, normalized_, text_findings_, scratch_));
    for (Finding& f : text_findings_) f.event_id = event.id;
    detect::Relation sender = RelationOf(event.sender.identity, profile_);
    if (event.direction == Direction::kOutgoing) sender.is_self = true;
    const bool audience = event.recipients.size() > 1 || event.channel == Channel::kPost ||
                          event.channel == Channel::kComment ||
                          event.direction == Direction::kPublic ||
                          event.direction == Direction::kThirdParty ||
                          (event.channel == Channel::kChat &&
                           groups_.count(event.platform + '\x1f' + event.thread) > 0) ||
                          SentToOthers(event);
    const detect::EventView view{event, normalized_, text_findings_, sender, audience};
    const detect::Context context{profile_};
    event_findings_.clear();
    for (const auto& detector : detectors_.event)
      SG_RETURN_IF_ERROR(detector->Inspect(view, context, event_findings_));
    detect::TimelineEntry entry;
    // The text layer's findings go along: conduct detectors read refusals and fixation.
    entry.findings = std::move(text_findings_);
    text_findings_.clear();
    std::move(event_findings_.begin(), event_findings_.end(), std::back_inserter(entry.findings));
    entry.event_id = event.id;
    entry.time = event.time;
    entry.channel = event.channel;
    entry.platform = event.platform;
    entry.direction = event.direction;
    entry.call_type = event.call_type;
    entry.call_duration_s = event.call_duration_s;
    entry.thread = event.thread;
    entry.audience = audience;
    entry.sender = event.sender.identity.empty() ? std::string() : event.sender.identity.Key();
    // Entries without any finding keep only what conduct needs.
    timeline.entries.push_back(std::move(entry));
    return OkStatus();
  }

  // An e-mail that reached the person through a list or a copy: it was written to others.
  bool SentToOthers(const Event& event) const {
    if (event.channel != Channel::kEmail || event.direction != Direction::kIncoming ||
        event.recipients.empty())
      return false;
    return std::none_of(event.recipients.begin(), event.recipients.end(),
                        [&](const Party& p) { return profile_.IsSelf(p.identity); });
  }

  Result<std::vector<Finding>> Conduct(const detect::ContactTimeline& timeline) const {
    std::vector<Finding> out;
    const detect::Context context{profile_, typical_incoming_};
    for (const auto& detector : detectors_.conduct)
      SG_RETURN_IF_ERROR(detector->Inspect(timeline, context, out));
    return out;
  }

 private:
  const Profile& profile_;
  const detect::DetectorSet& detectors_;
  const std::unordered_set<std::string>& groups_;
  const double typical_incoming_;
  text::NormalizedText normalized_;
  std::vector<Finding> text_findings_;
  std::vector<Finding> event_findings_;
  detect::TextLayer::Scratch scratch_;
};

}  // namespace

Result<std::vector<std::string>> BlockedDisplayNames(const Profile& profile, store::Store& store) {
  std::vector<std::string> out;
  if (profile.blocked.empty()) return out;
  SG_ASSIGN_OR_RETURN(std::vector<store::IdentityRecord> identities, store.ListIdentities());
  for (const store::IdentityRecord& record : identities) {
    if (!Contains(profile.blocked, record.identity)) continue;
    for (const std::string& name : record.display_names)
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<DetectionReport> RunDetection(const Profile& profile, const detect::DetectorSet& detectors,
                                     const risk::RiskConfig& config, store::Store& store,
                                     const DetectionOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  DetectionReport report;
  SG_ASSIGN_OR_RETURN(std::vector<store::ContactIdentities> contacts, store.ListContacts());
  SG_ASSIGN_OR_RETURN(std::vector<std::string> groups, store.GroupThreads());
  const std::unordered_set<std::string> group_threads(groups.begin(), groups.end());
  SG_ASSIGN_OR_RETURN(const int64_t total, store.CountEvents());
  // What the person's busiest contacts send, for the conduct detectors to compare with.
  double typical_incoming = 0;
  {
    SG_ASSIGN_OR_RETURN(std::vector<store::ContactSummary> summaries, store.ContactSummaries());
    std::vector<int64_t> incoming;
    for (const auto& c : summaries) incoming.push_back(c.incoming);
    if (!incoming.empty()) {
      const size_t p90 = incoming.size() * 9 / 10;
      std::nth_element(incoming.begin(), incoming.begin() + p90, incoming.end());
      typical_incoming = static_cast<double>(incoming[p90]);
    }
  }
  TimelineJudge judge(profile, detectors, group_threads, typical_incoming);

  // The apps installed on the person's phone (an imported app inventory) are the phone's own
  // case, whoever's timeline they were stored in.
  detect::ContactTimeline device;
  device.contact_id = std::string(kDeviceCaseId);
  device.display = "Apps on your phone";
  auto finish = [&](const detect::ContactTimeline& timeline, bool conduct_too,
                    bool is_self) -> Status {
    if (timeline.entries.empty()) return OkStatus();
    ++report.contacts;
    std::vector<Finding> conduct;
    if (conduct_too) {
      SG_ASSIGN_OR_RETURN(conduct, judge.Conduct(timeline));
    }
    if (std::optional<Case> c = risk::BuildCase(timeline, conduct, config)) {
      if (!is_self) report.cases.push_back(std::move(*c));
    }
    return OkStatus();
  };

  // Every contact, then the events no contact can be tied to (an empty id list).
  contacts.emplace_back();
  contacts.back().record.id = "unknown";
  contacts.back().record.display = "Unknown sender";
  for (const store::ContactIdentities& contact : contacts) {
    const bool unknown = contact.record.identity_ids.empty();
    detect::ContactTimeline timeline;
    timeline.contact_id = contact.record.id;
    timeline.display = contact.record.display;
    timeline.link_reasons = contact.record.link_reasons;
    timeline.relation.is_self = contact.record.is_self;
    for (const store::IdentityRecord& id : contact.identities) {
      timeline.identities.push_back(id.identity);
      for (const std::string& name : id.display_names) {
        if (std::find(timeline.display_names.begin(), timeline.display_names.end(), name) ==
            timeline.display_names.end())
          timeline.display_names.push_back(name);
      }
      const detect::Relation r = RelationOf(id.identity, profile);
      timeline.relation.trusted |= r.trusted;
      timeline.relation.blocked |= r.blocked;
    }
    SG_RETURN_IF_ERROR(store.ForEachEvent(contact.record.identity_ids, [&](Event& event) -> Status {
      ++report.events;
      if (options.on_progress && report.events % 4096 == 0)
        options.on_progress(report.events, total);
      if (event.channel == Channel::kApp) return judge.AddEvent(event, device);
      // Without a contact, only what someone else sent can be judged ("X added you" and
      // the person's own group messages are not conduct).
      if (unknown &&
          (event.channel == Channel::kSystem || event.direction == Direction::kOutgoing ||
           profile.IsSelf(event.sender.identity)))
        return OkStatus();
      return judge.AddEvent(event, timeline);
    }));
    // Events without a contact are many people's: they have no conduct of their own.
    SG_RETURN_IF_ERROR(finish(timeline, !unknown, contact.record.is_self));
  }
  SG_RETURN_IF_ERROR(finish(device, false, false));
  std::stable_sort(report.cases.begin(), report.cases.end(), [](const Case& a, const Case& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.score > b.score;
  });
  SG_RETURN_IF_ERROR(store.ReplaceCases(report.cases));
  // The ids the store gave the findings in its evidence log, so that `scan --json` names them
  // as `cases --json` and bundles do.
  for (Case& c : report.cases)
    for (Finding& f : c.findings) f.id = evidence::FindingId(f);
  if (options.on_progress) options.on_progress(report.events, total);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace stalkguard::scan
