// What detection does to one contact's events, shared by the full run (RunDetection) and live
// ingest (LiveIngest), so that both judge an event and a timeline the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/profile.h"
#include "detectors/builtin.h"
#include "store/store.h"

namespace stalkguard::scan {

detect::Relation RelationOf(const Identity& id, const Profile& profile);

// The timeline of `contact` without entries: its identities, names, reasons and relation.
detect::ContactTimeline EmptyTimeline(const store::ContactIdentities& contact,
                                      const Profile& profile);

// Events no contact can be tied to are judged only when someone else sent them: "X added
// you" and the person's own group messages are not conduct.
bool JudgedWithoutContact(const Event& event, const Profile& profile);

// The 90th percentile of events received per contact (the protected person left out), which
// conduct detectors compare a contact with; 0 without contacts.
double TypicalIncoming(std::vector<int64_t> incoming_per_contact);

// The key GroupThreads gives a chat thread: "<platform>\x1f<thread>".
inline std::string ThreadKey(const std::string& platform, const std::string& thread) {
  return platform + '\x1f' + thread;
}

// Judges events one at a time (text layer, then the event detectors) and timelines (conduct
// detectors). Holds scratch space: one per thread.
class TimelineJudge {
 public:
  // Every argument must outlive the judge; `group_threads` is read at every Judge.
  TimelineJudge(const Profile& profile, const detect::DetectorSet& detectors,
                const std::unordered_set<std::string>& group_threads, double typical_incoming)
      : profile_(profile),
        detectors_(detectors),
        groups_(group_threads),
        typical_incoming_(typical_incoming) {}

  // The entry of `event` with every finding on it (text layer and event detectors).
  Status Judge(const Event& event, detect::TimelineEntry& entry);
  Status AddEvent(const Event& event, detect::ContactTimeline& timeline);
  // The conduct detectors' findings; `stats`, when given, keeps the timeline's ConductStats
  // for them and for the caller (detect::Context::conduct_stats).
  Result<std::vector<Finding>> Conduct(const detect::ContactTimeline& timeline,
                                       std::optional<detect::ConductStats>* stats = nullptr) const;

  void set_typical_incoming(double typical) { typical_incoming_ = typical; }

 private:
  // An e-mail that reached the person through a list or a copy: it was written to others.
  bool SentToOthers(const Event& event) const;

  const Profile& profile_;
  const detect::DetectorSet& detectors_;
  const std::unordered_set<std::string>& groups_;
  double typical_incoming_;
  text::NormalizedText normalized_;
  std::vector<Finding> text_findings_;
  std::vector<Finding> event_findings_;
  detect::TextLayer::Scratch scratch_;
};

}  // namespace stalkguard::scan
