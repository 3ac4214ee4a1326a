#include "checkup/oversharing/oversharing_scanner.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "checkup/oversharing/internal/advice.h"
#include "checkup/oversharing/internal/location_share.h"
#include "core/data_path.h"
#include "core/url_extract.h"
#include "detectors/detector.h"
#include "text/normalizer.h"

namespace stalkguard::checkup {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPatternCategory = "oversharing";
constexpr size_t kExcerptContext = 40;

constexpr std::array<std::pair<OvershareKind, std::string_view>, 13> kKindNames = {{
    {OvershareKind::kAddress, "address"},
    {OvershareKind::kPostcode, "postcode"},
    {OvershareKind::kPhone, "phone"},
    {OvershareKind::kEmail, "email"},
    {OvershareKind::kSchool, "school"},
    {OvershareKind::kWorkplace, "workplace"},
    {OvershareKind::kPlace, "place"},
    {OvershareKind::kFullName, "full_name"},
    {OvershareKind::kRoutine, "routine"},
    {OvershareKind::kLocationNow, "location_now"},
    {OvershareKind::kHomeAlone, "home_alone"},
    {OvershareKind::kAway, "away"},
    {OvershareKind::kLiveLocation, "live_location"},
}};

// The kinds a pattern file may be named after; the rest come from the profile.
bool IsPhraseKind(OvershareKind kind) {
  return kind == OvershareKind::kRoutine || kind == OvershareKind::kLocationNow ||
         kind == OvershareKind::kHomeAlone || kind == OvershareKind::kAway ||
         kind == OvershareKind::kLiveLocation;
}

std::optional<OvershareKind> FromPii(detect::PiiKind kind) {
  switch (kind) {
    case detect::PiiKind::kAddress:
      return OvershareKind::kAddress;
    case detect::PiiKind::kPostcode:
      return OvershareKind::kPostcode;
    case detect::PiiKind::kPhone:
      return OvershareKind::kPhone;
    case detect::PiiKind::kEmail:
      return OvershareKind::kEmail;
    case detect::PiiKind::kSchool:
      return OvershareKind::kSchool;
    case detect::PiiKind::kWorkplace:
      return OvershareKind::kWorkplace;
    case detect::PiiKind::kPlace:
      return OvershareKind::kPlace;
    case detect::PiiKind::kFullName:
      return OvershareKind::kFullName;
    default:
      return std::nullopt;
  }
}

// Channels that carry something the person wrote for others to read.
bool IsWritten(Channel channel) {
  return channel != Channel::kCall && channel != Channel::kLocation && channel != Channel::kApp &&
         channel != Channel::kSystem;
}

// Who could read the person's own `event`; nothing when it is not theirs, not written, or went
// only to trusted contacts (or to themself).
std::optional<Audience> AudienceOf(const Event& event, const Profile& profile) {
  if (!IsWritten(event.channel)) return std::nullopt;
  // The sender decides, not the direction alone: a public post may be anyone's.
  const bool own = event.direction == Direction::kOutgoing || profile.IsSelf(event.sender.identity);
  if (!own) return std::nullopt;
  if (event.channel == Channel::kPost || event.channel == Channel::kComment ||
      event.direction == Direction::kPublic) {
    return Audience::kPublic;
  }
  if (event.recipients.empty()) return Audience::kUnknown;
  size_t others = 0, untrusted = 0;
  for (const Party& r : event.recipients) {
    if (profile.IsSelf(r.identity)) continue;
    ++others;
    if (profile.TrustedFor(r.identity) == nullptr) ++untrusted;
  }
  if (untrusted == 0) return std::nullopt;
  return others == 1 ? Audience::kStranger : Audience::kGroup;
}

// A pattern's match without the clause punctuation and spaces it needed around it
// (", parents away all weekend." -> "parents away all weekend").
TextSpan TrimPunctuation(std::string_view text, TextSpan span) {
  constexpr std::string_view kTrim = " \t\r\n,;:.!?";
  while (span.begin < span.end && kTrim.find(text[span.begin]) != std::string_view::npos) {
    ++span.begin;
  }
  while (span.end > span.begin && kTrim.find(text[span.end - 1]) != std::string_view::npos) {
    --span.end;
  }
  return span;
}

// Spans of one kind that overlap or lie only white space apart are one item: "Location: " and
// the link after it, an address that PiiFinder and a pattern both found.
void MergeSameKind(std::string_view text, std::vector<OvershareSpan>& spans) {
  std::stable_sort(spans.begin(), spans.end(), [](const OvershareSpan& a, const OvershareSpan& b) {
    return std::tie(a.kind, a.span.begin, a.span.end) < std::tie(b.kind, b.span.begin, b.span.end);
  });
  std::vector<OvershareSpan> merged;
  for (OvershareSpan& s : spans) {
    if (!merged.empty() && !s.span.empty() && !merged.back().span.empty() &&
        merged.back().kind == s.kind && s.span.begin >= merged.back().span.begin) {
      TextSpan& last = merged.back().span;
      const bool joined =
          s.span.begin <= last.end ||
          text.substr(last.end, s.span.begin - last.end).find_first_not_of(" \t\r\n") ==
              std::string_view::npos;
      if (joined) {
        last.end = std::max(last.end, s.span.end);
        continue;
      }
    }
    merged.push_back(std::move(s));
  }
  spans = std::move(merged);
}

// Map links in the text, and in the event's links when the text does not show them.
void AddMapLinks(const Event& event, std::vector<OvershareSpan>& out) {
  std::vector<std::string> urls = ExtractUrls(event.text);
  for (const std::string& url : event.urls) {
    if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(url);
  }
  for (const std::string& url : urls) {
    if (url.empty() || !internal::IsPinnedMapLink(url)) continue;
    bool in_text = false;
    for (size_t at = event.text.find(url); at != std::string::npos;
         at = event.text.find(url, at + url.size())) {
      out.push_back({OvershareKind::kLiveLocation, "", {at, at + url.size()}, ""});
      in_text = true;
    }
    if (!in_text) out.push_back({OvershareKind::kLiveLocation, "", {}, url});
  }
}

}  // namespace

std::string_view ToString(OvershareKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<OvershareKind> OvershareKindFromString(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view ToString(Audience audience) {
  switch (audience) {
    case Audience::kPublic:
      return "public";
    case Audience::kGroup:
      return "group";
    case Audience::kStranger:
      return "stranger";
    case Audience::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view Describe(Audience audience) {
  switch (audience) {
    case Audience::kPublic:
      return "in public";
    case Audience::kGroup:
      return "to a group";
    case Audience::kStranger:
      return "to someone not on your trusted list";
    case Audience::kUnknown:
      return "to people the export does not name";
  }
  return "to people the export does not name";
}

std::string DefaultOversharingPatternDir() {
  return FindDataPath("config/oversharing", "STALKGUARD_OVERSHARING");
}

OversharingScanner::OversharingScanner(Profile profile, detect::PiiFinder finder,
                                       text::PatternSet patterns,
                                       std::vector<OvershareKind> pattern_kinds)
    : profile_(std::move(profile)),
      finder_(std::move(finder)),
      patterns_(std::move(patterns)),
      pattern_kinds_(std::move(pattern_kinds)) {}

Result<OversharingScanner> OversharingScanner::Create(const Profile& profile,
                                                      const fs::path& pattern_dir) {
  SG_ASSIGN_OR_RETURN(text::PatternSet patterns, text::PatternSet::Load(pattern_dir));
  std::vector<OvershareKind> kinds;
  kinds.reserve(patterns.patterns().size());
  for (const text::Pattern& p : patterns.patterns()) {
    const std::string where = p.file + ":" + std::to_string(p.line) + ": pattern \"" + p.id + "\"";
    if (p.category != kPatternCategory) {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": category must be \"oversharing\", not \"" + p.category + "\"");
    }
    const std::string stem = fs::path(p.file).stem().string();
    const auto kind = OvershareKindFromString(stem);
    if (!kind || !IsPhraseKind(*kind)) {
      return MakeError(ErrorCode::kInvalidInput,
                       where + ": file \"" + stem +
                           "\" is not a phrase kind (routine, location_now, home_alone, away, "
                           "live_location)");
    }
    kinds.push_back(*kind);
  }
  return OversharingScanner(profile, detect::PiiFinder(profile), std::move(patterns),
                            std::move(kinds));
}

Result<OversharingScanner> OversharingScanner::Create(const Profile& profile) {
  return Create(profile, DefaultOversharingPatternDir());
}

bool OversharingScanner::Applies(const Event& event) const {
  return AudienceOf(event, profile_).has_value();
}

std::optional<OversharedPost> OversharingScanner::Scan(const Event& event) const {
  const std::optional<Audience> audience = AudienceOf(event, profile_);
  if (!audience) return std::nullopt;

  std::vector<OvershareSpan> spans;
  std::optional<OvershareSpan> full_name;
  if (!event.text.empty()) {
    thread_local text::NormalizedText normalized;
    text::Normalize(event.text, normalized);

    thread_local std::vector<detect::PiiMatch> pii;
    finder_.Find(event.text, normalized, pii);
    for (const detect::PiiMatch& m : pii) {
      const auto kind = m.own ? FromPii(m.kind) : std::nullopt;
      if (!kind) continue;
      // The number or address the message was sent from: its reader has it already.
      if ((*kind == OvershareKind::kPhone || *kind == OvershareKind::kEmail) &&
          m.value == event.sender.identity.value) {
        continue;
      }
      OvershareSpan item{*kind, "", m.span, ""};
      if (*kind == OvershareKind::kFullName) {
        if (!full_name) full_name = item;
      } else {
        spans.push_back(item);
      }
    }

    thread_local std::vector<text::PatternMatch> matches;
    if (patterns_.Match(normalized.text, matches)) {
      for (const text::PatternMatch& m : matches) {
        const TextSpan span =
            TrimPunctuation(event.text, text::ToOriginal(normalized, m.begin, m.end));
        if (!span.empty()) spans.push_back({pattern_kinds_[m.pattern], "", span, ""});
      }
    }
    // A failed match (Hyperscan out of memory) leaves the profile data and the links, which
    // are still worth showing.

    for (const TextSpan& s : internal::FindCoordinates(event.text)) {
      spans.push_back({OvershareKind::kLiveLocation, "", s, ""});
    }
  }
  AddMapLinks(event, spans);
  // A full name alone is on every profile; beside an address or a routine it ties them to you.
  if (spans.empty()) return std::nullopt;
  if (full_name) spans.push_back(*full_name);

  MergeSameKind(event.text, spans);
  std::stable_sort(spans.begin(), spans.end(), [](const OvershareSpan& a, const OvershareSpan& b) {
    if (a.span.empty() != b.span.empty()) return b.span.empty();  // links outside the text last
    return std::tie(a.span.begin, a.span.end) < std::tie(b.span.begin, b.span.end);
  });
  for (OvershareSpan& s : spans) {
    s.what = std::string(internal::What(s.kind));
    if (!s.span.empty()) s.excerpt = detect::MakeExcerpt(event.text, s.span, kExcerptContext);
  }

  OversharedPost post;
  post.event_id = event.id;
  post.audience = *audience;
  post.advice = internal::Advice(*audience, event.channel, spans);
  post.spans = std::move(spans);
  return post;
}

}  // namespace stalkguard::checkup
