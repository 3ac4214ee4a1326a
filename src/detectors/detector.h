// Detectors: small judges that look at one event (EventDetector) or at everything one contact
// did over time (ConductDetector) and report Findings. They report what they saw, with a score
// and a reason; how bad a case is gets decided in risk/ from all findings together.
//
//   std::vector<std::unique_ptr<EventDetector>> detectors = ...;  // builtin.h
//   for (const auto& d : detectors) SG_RETURN_IF_ERROR(d->Inspect(view, context, findings));
//
// Every detector is immutable after construction and safe to call from several threads at once.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/finding.h"
#include "core/profile.h"
#include "core/result.h"

namespace stalkguard::text {
struct NormalizedText;
}

namespace stalkguard::detect {

struct ConductStats;

// What a detector may read besides its input.
struct Context {
  const Profile& profile;
  // How much the person's other contacts write: the 90th percentile of events received per
  // contact in the store (0 when unknown). Conduct detectors compare a contact with it.
  double typical_incoming = 0;
  // Where this call keeps the timeline's ConductStats (with the default ConductOptions): a
  // detector that needs them computes them into it once, and the caller can read them after
  // (risk/ needs them too). Null: each detector that needs them computes its own.
  std::optional<ConductStats>* conduct_stats = nullptr;
};

// Who the other party of an event or a timeline is to the protected person.
struct Relation {
  bool is_self = false;  // the protected person themself (their own posts)
  bool trusted = false;  // one of the profile's trusted contacts
  bool blocked = false;  // one of the identities involved is in the profile's [blocked] list
};

// One event as event detectors see it: the text is normalised once for all of them, and the
// text layer (classifier and patterns) has already run on it.
struct EventView {
  const Event& event;
  // event.text normalised with text::Normalize; spans map back with text::ToOriginal.
  const text::NormalizedText& text;
  // Findings of the text layer on event.text: detector "text.classifier" (categories threat,
  // sexual, insult, identity_attack, toxic, spam) and "text.patterns" (threat, whereabouts,
  // fixation, refusal, sexual, monitoring). Spans are in event.text.
  std::span<const Finding> text_findings;
  Relation sender;  // who sent it
  // True when more people than the protected person and the sender can read it: a group chat,
  // a public post or comment, a message with several recipients.
  bool audience = false;
};

class EventDetector {
 public:
  virtual ~EventDetector() = default;
  // Stable name stored as every finding's detector, e.g. "links". Renaming one is a migration.
  virtual std::string_view Name() const = 0;
  // Appends findings about `view.event` to `out` (nothing when clean), with event_id set to the
  // event's id and spans in event.text. Fails only when it cannot judge at all.
  virtual Status Inspect(const EventView& view, const Context& context,
                         std::vector<Finding>& out) const = 0;
};

// One event of a contact's timeline, slimmed to what conduct detectors need.
struct TimelineEntry {
  std::string event_id;
  Timestamp time;
  Channel channel = Channel::kChat;
  std::string platform;
  Direction direction = Direction::kUnknown;
  CallType call_type = CallType::kNone;
  int64_t call_duration_s = -1;
  std::string thread;
  bool audience = false;          // as in EventView
  std::string sender;             // identity key of the sender, "phone:+447700900999"
  std::vector<Finding> findings;  // every event finding on it (text layer and event detectors)
};

// Everything between the protected person and one contact, oldest first: the contact's own
// events (incoming, and public or group events they sent) and the person's outgoing events to
// them.
struct ContactTimeline {
  std::string contact_id;
  std::string display;                     // the name shown for the contact
  std::vector<Identity> identities;        // every identity linked into the contact
  std::vector<std::string> display_names;  // every name the sources showed for them
  std::vector<std::string> link_reasons;   // why the identities are one person
  Relation relation;
  std::vector<TimelineEntry> entries;
};

class ConductDetector {
 public:
  virtual ~ConductDetector() = default;
  virtual std::string_view Name() const = 0;
  // Appends findings about the contact's conduct to `out`. A conduct finding's event_id is the
  // event that shows it best (the first message after a refusal, the peak of a burst); its
  // excerpt is a sentence of facts ("41 messages in 24 h, 12x their usual").
  virtual Status Inspect(const ContactTimeline& timeline, const Context& context,
                         std::vector<Finding>& out) const = 0;
};

// The words of `text` in `span` with up to `context_bytes` of context on each side, cut at
// UTF-8 character boundaries and marked with "..." where cut. An empty span gives the start of
// the text.
std::string MakeExcerpt(std::string_view text, TextSpan span, size_t context_bytes = 40);

}  // namespace stalkguard::detect
