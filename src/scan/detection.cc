#include "scan/detection.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "evidence/canonical.h"
#include "risk/case_builder.h"
#include "scan/timeline_judge.h"

namespace stalkguard::scan {
namespace {

bool Contains(const std::vector<Identity>& list, const Identity& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

std::vector<std::string> BlockedDisplayNames(const Profile& profile,
                                             const std::vector<store::IdentityRecord>& identities) {
  std::vector<std::string> out;
  for (const store::IdentityRecord& record : identities) {
    if (!Contains(profile.blocked, record.identity)) continue;
    for (const std::string& name : record.display_names)
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<std::vector<std::string>> BlockedDisplayNames(const Profile& profile, store::Store& store) {
  if (profile.blocked.empty()) return std::vector<std::string>{};
  SG_ASSIGN_OR_RETURN(std::vector<store::IdentityRecord> identities, store.ListIdentities());
  return BlockedDisplayNames(profile, identities);
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
    typical_incoming = TypicalIncoming(std::move(incoming));
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
    std::optional<detect::ConductStats> stats;  // computed once, for both
    if (conduct_too) {
      SG_ASSIGN_OR_RETURN(conduct, judge.Conduct(timeline, &stats));
    }
    if (std::optional<Case> c = risk::BuildCase(timeline, conduct, config, stats)) {
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
    detect::ContactTimeline timeline = EmptyTimeline(contact, profile);
    SG_RETURN_IF_ERROR(store.ForEachEvent(contact.record.identity_ids, [&](Event& event) -> Status {
      ++report.events;
      if (options.on_progress && report.events % 4096 == 0)
        options.on_progress(report.events, total);
      if (event.channel == Channel::kApp) return judge.AddEvent(event, device);
      // Without a contact, only what someone else sent can be judged ("X added you" and
      // the person's own group messages are not conduct).
      if (unknown && !JudgedWithoutContact(event, profile)) return OkStatus();
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
