#include "scan/timeline_judge.h"

#include <algorithm>
#include <iterator>

namespace stalkguard::scan {
namespace {

bool Contains(const std::vector<Identity>& list, const Identity& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

detect::Relation RelationOf(const Identity& id, const Profile& profile) {
  detect::Relation r;
  r.is_self = profile.IsSelf(id);
  r.trusted = profile.TrustedFor(id) != nullptr;
  r.blocked = Contains(profile.blocked, id);
  return r;
}

detect::ContactTimeline EmptyTimeline(const store::ContactIdentities& contact,
                                      const Profile& profile) {
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
  return timeline;
}

bool JudgedWithoutContact(const Event& event, const Profile& profile) {
  return !(event.channel == Channel::kSystem || event.direction == Direction::kOutgoing ||
           profile.IsSelf(event.sender.identity));
}

double TypicalIncoming(std::vector<int64_t> incoming) {
  if (incoming.empty()) return 0;
  const size_t p90 = incoming.size() * 9 / 10;
  std::nth_element(incoming.begin(), incoming.begin() + static_cast<ptrdiff_t>(p90),
                   incoming.end());
  return static_cast<double>(incoming[p90]);
}

Status TimelineJudge::Judge(const Event& event, detect::TimelineEntry& entry) {
  SG_RETURN_IF_ERROR(detectors_.text->Analyze(event.text, normalized_, text_findings_, scratch_));
  for (Finding& f : text_findings_) f.event_id = event.id;
  detect::Relation sender = RelationOf(event.sender.identity, profile_);
  if (event.direction == Direction::kOutgoing) sender.is_self = true;
  const bool audience =
      event.recipients.size() > 1 || event.channel == Channel::kPost ||
      event.channel == Channel::kComment || event.direction == Direction::kPublic ||
      event.direction == Direction::kThirdParty ||
      (event.channel == Channel::kChat && groups_.count(ThreadKey(event.platform, event.thread))) ||
      SentToOthers(event);
  const detect::EventView view{event, normalized_, text_findings_, sender, audience};
  const detect::Context context{profile_};
  event_findings_.clear();
  for (const auto& detector : detectors_.event)
    SG_RETURN_IF_ERROR(detector->Inspect(view, context, event_findings_));
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
  return OkStatus();
}

Status TimelineJudge::AddEvent(const Event& event, detect::ContactTimeline& timeline) {
  detect::TimelineEntry entry;
  SG_RETURN_IF_ERROR(Judge(event, entry));
  // Entries without any finding keep only what conduct needs.
  timeline.entries.push_back(std::move(entry));
  return OkStatus();
}

bool TimelineJudge::SentToOthers(const Event& event) const {
  if (event.channel != Channel::kEmail || event.direction != Direction::kIncoming ||
      event.recipients.empty())
    return false;
  return std::none_of(event.recipients.begin(), event.recipients.end(),
                      [&](const Party& p) { return profile_.IsSelf(p.identity); });
}

Result<std::vector<Finding>> TimelineJudge::Conduct(
    const detect::ContactTimeline& timeline, std::optional<detect::ConductStats>* stats) const {
  std::vector<Finding> out;
  const detect::Context context{profile_, typical_incoming_, stats};
  for (const auto& detector : detectors_.conduct)
    SG_RETURN_IF_ERROR(detector->Inspect(timeline, context, out));
  return out;
}

}  // namespace stalkguard::scan
