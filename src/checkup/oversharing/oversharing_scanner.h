// The over-sharing part of the safety check-up: the person's own posts and messages to people
// they have not marked as trusted, scanned for what they give away about themself: their
// address, phone, school and other data from the profile (detect::PiiFinder), what they say
// about their routine, where they are now, being home alone or away (the phrase patterns of
// config/oversharing/, docs/checkup-oversharing.md), and map pins and coordinates they share.
//
//   SG_ASSIGN_OR_RETURN(auto scanner, OversharingScanner::Create(profile));
//   for (const Event& e : events)
//     if (auto post = scanner.Scan(e)) ...  // post->spans, post->advice
//
// Messages to trusted contacts are not over-sharing (the address sent to Dad is fine), and
// nothing someone else sent counts: a stranger quoting the address is doxxing, another check.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/finding.h"
#include "core/profile.h"
#include "core/result.h"
#include "detectors/doxxing/pii_finder.h"
#include "text/pattern_set.h"

namespace stalkguard::checkup {

enum class OvershareKind {
  kAddress,       // the profile's home address
  kPostcode,      // the home postcode
  kPhone,         // one of the person's phone numbers
  kEmail,         // one of the person's e-mail addresses
  kSchool,        // the profile's school
  kWorkplace,     // the profile's workplace
  kPlace,         // another place from the profile they go to
  kFullName,      // their full name, reported only beside another item
  kRoutine,       // "at the gym every day at 6", "I always leave work at 5"
  kLocationNow,   // "I'm at the library rn", "omw to school"
  kHomeAlone,     // "home alone tonight", "parents away all weekend"
  kAway,          // "we're away until sunday"
  kLiveLocation,  // "live location shared", coordinates, a map link that pins a point
};

// Stored names: "address", "postcode", "phone", "email", "school", "workplace", "place",
// "full_name", "routine", "location_now", "home_alone", "away", "live_location". The pattern
// files are named after the phrase kinds: config/oversharing/routine.txt -> kRoutine.
std::string_view ToString(OvershareKind kind);
std::optional<OvershareKind> OvershareKindFromString(std::string_view name);

// Who could read the post or message.
enum class Audience {
  kPublic,    // a post or comment, or a message in a public chat
  kGroup,     // several recipients, not all of them trusted contacts
  kStranger,  // one recipient who is not a trusted contact
  kUnknown,   // an outgoing message whose export does not say who got it
};

// Stored names: "public", "group", "stranger", "unknown".
std::string_view ToString(Audience audience);
// For a sentence: "in public", "to a group", "to someone not on your trusted list",
// "to people the export does not name".
std::string_view Describe(Audience audience);

struct OvershareSpan {
  OvershareKind kind = OvershareKind::kAddress;
  std::string what;  // for the person: "your home address", "your daily routine"
  // Bytes of event.text to remove; empty when the item is a link the text does not show.
  TextSpan span;
  std::string excerpt;  // the words with a little context as written, or the link
};

struct OversharedPost {
  std::string event_id;
  Audience audience = Audience::kPublic;
  std::vector<OvershareSpan> spans;  // by position; links outside the text last
  std::string advice;                // "Delete or edit this post: remove your home address."
};

// Immutable after Create; Applies and Scan are safe from several threads at once.
class OversharingScanner {
 public:
  // Loads the phrase patterns from `pattern_dir` (every *.txt; each pattern file is named after
  // its kind and holds only "oversharing" patterns) and compiles the profile's data. Fails when
  // the patterns do not load or a file is not named after a phrase kind.
  static Result<OversharingScanner> Create(const Profile& profile,
                                           const std::filesystem::path& pattern_dir);
  // The same with DefaultOversharingPatternDir().
  static Result<OversharingScanner> Create(const Profile& profile);

  // The person's own message or post (sent from one of their identities, or marked outgoing),
  // seen by someone who is not a trusted contact: posted publicly, sent to someone untrusted,
  // to a group with anyone untrusted, or to recipients the export does not name. Calls,
  // location points, app lists and system lines are not posts.
  bool Applies(const Event& event) const;
  // What `event` gives away; nothing when it does not apply or gives nothing away.
  std::optional<OversharedPost> Scan(const Event& event) const;

  const text::PatternSet& patterns() const { return patterns_; }

 private:
  OversharingScanner(Profile profile, detect::PiiFinder finder, text::PatternSet patterns,
                     std::vector<OvershareKind> pattern_kinds);

  Profile profile_;
  detect::PiiFinder finder_;
  text::PatternSet patterns_;
  std::vector<OvershareKind> pattern_kinds_;  // by pattern index
};

// config/oversharing, found like the other data files (core/data_path.h); $STALKGUARD_OVERSHARING
// overrides it.
std::string DefaultOversharingPatternDir();

}  // namespace stalkguard::checkup
