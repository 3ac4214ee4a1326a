#include "detectors/doxxing/doxxing_detector.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "text/normalizer.h"
#include "text/severity.h"

namespace stalkguard::detect {
namespace {

// What one leaked item adds, combined as independent evidence: 1 - (1 - a)(1 - b)... The home
// address and phone number reach someone at their door or in their pocket; a school or
// workplace says where they are by day; a card, bank or national id number enables fraud.
// A name alone is not doxxing, only what it ties together.
constexpr double kWeightAddress = 0.6;
constexpr double kWeightPhone = 0.55;
constexpr double kWeightPostcode = 0.35;  // a few dozen homes; less beside the full address
constexpr double kWeightPostcodeWithAddress = 0.1;
constexpr double kWeightEmail = 0.35;
constexpr double kWeightSchool = 0.4;
constexpr double kWeightWorkplace = 0.35;
constexpr double kWeightPlace = 0.25;
constexpr double kWeightFullName = 0.2;     // only beside another item
constexpr double kWeightDateOfBirth = 0.3;  // only beside another item
constexpr double kWeightCard = 0.6;
constexpr double kWeightIban = 0.5;
constexpr double kWeightNationalId = 0.6;  // NI number, SSN
// Someone else's address given after "lives at": maybe the person's, maybe a profile that is
// out of date.
constexpr double kWeightCuedAddress = 0.45;
constexpr double kMaxScore = 0.97;
// A trusted contact sharing the family address in the family group is usually fine; it is
// still reported, at half the score, so risk/ and the guardian can see it.
constexpr double kTrustedFactor = 0.5;

// An incoming threat to publish: reported lower than a leak, more when the message shows the
// data or the text layer already called it a threat.
constexpr double kThreatScore = 0.5;
constexpr double kThreatWithOwnData = 0.15;
constexpr double kThreatWithTextThreat = 0.1;

// The excerpt shows the whole span when the items lie this close together, else the weightiest.
constexpr size_t kMaxUnionSpan = 300;
constexpr size_t kExcerptContext = 40;

struct Item {
  double weight = 0;
  std::string label;
  TextSpan span;
};

std::string Label(const PiiMatch& m) {
  if (!m.own) return std::string(Describe(m.kind));
  switch (m.kind) {
    case PiiKind::kAddress:
      return "home address";
    case PiiKind::kPostcode:
      return "home postcode";
    case PiiKind::kPlace:
      return "usual place";
    default:
      return std::string(Describe(m.kind));
  }
}

double Weight(const PiiMatch& m) {
  if (m.own) {
    switch (m.kind) {
      case PiiKind::kAddress:
        return kWeightAddress;
      case PiiKind::kPostcode:
        return kWeightPostcode;
      case PiiKind::kPhone:
        return kWeightPhone;
      case PiiKind::kEmail:
        return kWeightEmail;
      case PiiKind::kSchool:
        return kWeightSchool;
      case PiiKind::kWorkplace:
        return kWeightWorkplace;
      case PiiKind::kPlace:
        return kWeightPlace;
      case PiiKind::kFullName:
        return kWeightFullName;
      default:
        return 0;
    }
  }
  switch (m.kind) {
    case PiiKind::kPaymentCard:
      return kWeightCard;
    case PiiKind::kIban:
      return kWeightIban;
    case PiiKind::kNationalInsurance:
    case PiiKind::kSsn:
      return kWeightNationalId;
    default:
      return 0;
  }
}

// "a", "a and b", "a, b and c".
std::string JoinLabels(const std::vector<Item>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i].label;
  }
  return out;
}

std::string_view Where(const Event& event) {
  if (event.direction == Direction::kPublic || event.channel == Channel::kPost ||
      event.channel == Channel::kComment) {
    return "posted publicly";
  }
  if (event.direction == Direction::kThirdParty) return "shared between other people";
  if (event.channel == Channel::kEmail || event.channel == Channel::kSms ||
      event.channel == Channel::kMms) {
    return "sent to several people";
  }
  return "posted in a group";
}

// The data a threat names, as the "why" says it.
struct ThreatObject {
  std::string_view phrase;
  std::string_view says;
};
constexpr ThreatObject kThreatObjects[] = {
    {"your home address", "your address"}, {"your address", "your address"},
    {"ur address", "your address"},        {"your addy", "your address"},
    {"ur addy", "your address"},           {"where you live", "where you live"},
    {"where u live", "where you live"},    {"your postcode", "your postcode"},
    {"your phone number", "your number"},  {"your number", "your number"},
    {"ur number", "your number"},          {"your school", "your school"},
    {"where you work", "where you work"},  {"your workplace", "your workplace"},
    {"your details", "your details"},      {"your personal details", "your details"},
    {"your info", "your details"},         {"your personal info", "your details"},
    {"your dox", "your details"},          {"your real name", "your real name"},
};
constexpr std::string_view kPublishVerbs[] = {
    "post",     "share",  "leak", "publish",       "put",         "spread", "send",
    "give out", "expose", "drop", "tell everyone", "tell people", "dox",    "doxx",
};
constexpr std::string_view kFutureMarkers[] = {
    "i'll",        "ill ",     "i will", "gonna",   "going to", "i could",
    "imma",        "ima ",     "i can",  "or else", "unless",   "i'm about to",
    "im about to", "watch me", "we'll",  "we will", "i might",
};

// Whether the normalised text threatens to publish the person's data: a publishing verb a
// few words before one of kThreatObjects, with a future or conditional before it ("I'll post
// your address", "share ur number or else"); or "dox you". Returns what it would publish.
std::optional<std::string_view> ThreatToPublish(std::string_view t, TextSpan& where) {
  auto future_before = [&](size_t at, size_t window) {
    const size_t from = at > window ? at - window : 0;
    const std::string_view before = t.substr(from, at - from);
    for (std::string_view marker : kFutureMarkers)
      if (before.find(marker) != std::string_view::npos) return true;
    // "or I'll post...", "post your address or else": the marker may follow the object too.
    return t.find("or else") != std::string_view::npos ||
           t.find("unless") != std::string_view::npos;
  };
  for (const ThreatObject& object : kThreatObjects) {
    for (size_t at = t.find(object.phrase); at != std::string_view::npos;
         at = t.find(object.phrase, at + 1)) {
      const size_t from = at > 30 ? at - 30 : 0;
      const std::string_view before = t.substr(from, at - from);
      for (std::string_view verb : kPublishVerbs) {
        const size_t v = before.rfind(verb);
        if (v == std::string_view::npos) continue;
        if (v > 0 && before[v - 1] != ' ') continue;
        if (!future_before(from + v, 60)) continue;
        where = {from + v, at + object.phrase.size()};
        return object.says;
      }
    }
  }
  for (std::string_view dox : {"dox you", "doxx you", "dox u", "doxx u", "get you doxxed"}) {
    if (const size_t at = t.find(dox); at != std::string_view::npos) {
      where = {at, at + dox.size()};
      return std::string_view("your details");
    }
  }
  return std::nullopt;
}

Finding MakeFinding(const EventView& view, double score, TextSpan span, std::string why) {
  Finding f;
  f.event_id = view.event.id;
  f.detector = std::string(kDoxxingDetector);
  f.category = std::string(kDoxxingCategory);
  f.score = std::min(score, kMaxScore);
  f.severity = text::SeverityForScore(f.score);
  f.span = span;
  f.why = std::move(why);
  f.excerpt = MakeExcerpt(view.event.text, span, kExcerptContext);
  return f;
}

}  // namespace

DoxxingDetector::DoxxingDetector(const Profile& profile) : finder_(profile) {}

Status DoxxingDetector::Inspect(const EventView& view, const Context& context,
                                std::vector<Finding>& out) const {
  (void)context;
  if (view.sender.is_self || view.event.text.empty()) return OkStatus();
  thread_local std::vector<PiiMatch> matches;
  finder_.Find(view.event.text, view.text, matches);

  const Direction direction = view.event.direction;
  const bool exposed =
      view.audience || direction == Direction::kThirdParty || direction == Direction::kPublic;

  if (exposed && !matches.empty()) {
    // One item per kind and ownership: a message that repeats the address leaks it once.
    std::vector<Item> items;
    bool own_address = false;
    bool cue = false;
    for (const PiiMatch& m : matches) {
      own_address = own_address || (m.own && m.kind == PiiKind::kAddress);
      cue = cue || m.kind == PiiKind::kAddressCue;
    }
    std::optional<Item> name, birth, cued_address;
    for (const PiiMatch& m : matches) {
      if (m.own && m.kind == PiiKind::kFullName) {
        if (!name) name = Item{kWeightFullName, Label(m), m.span};
        continue;
      }
      if (m.kind == PiiKind::kDateOfBirth) {
        if (!birth) birth = Item{kWeightDateOfBirth, Label(m), m.span};
        continue;
      }
      if (!m.own && cue && (m.kind == PiiKind::kAddress || m.kind == PiiKind::kPostcode)) {
        if (!cued_address) cued_address = Item{kWeightCuedAddress, "an address", m.span};
        continue;
      }
      double weight = Weight(m);
      if (m.own && m.kind == PiiKind::kPostcode && own_address) weight = kWeightPostcodeWithAddress;
      if (weight <= 0) continue;
      std::string label = Label(m);
      if (std::none_of(items.begin(), items.end(), [&](const Item& i) { return i.label == label; }))
        items.push_back({weight, std::move(label), m.span});
    }
    if (cued_address && !own_address) items.push_back(*cued_address);
    if (!items.empty()) {
      if (name) items.push_back(*name);
      if (birth) items.push_back(*birth);
    }
    if (!items.empty()) {
      std::stable_sort(items.begin(), items.end(),
                       [](const Item& a, const Item& b) { return a.weight > b.weight; });
      double miss = 1;
      TextSpan all = items.front().span;
      for (const Item& item : items) {
        miss *= 1 - item.weight;
        all.begin = std::min(all.begin, item.span.begin);
        all.end = std::max(all.end, item.span.end);
      }
      double score = 1 - miss;
      std::string why = "doxxing: " + JoinLabels(items) + " " + std::string(Where(view.event));
      if (view.sender.trusted) {
        score *= kTrustedFactor;
        why += " by a trusted contact";
      }
      const TextSpan span = all.end - all.begin <= kMaxUnionSpan ? all : items.front().span;
      out.push_back(MakeFinding(view, score, span, std::move(why)));
      return OkStatus();
    }
  }

  // A threat to publish, in private or in front of others.
  if (direction == Direction::kOutgoing) return OkStatus();
  TextSpan normalized_span;
  const std::optional<std::string_view> object = ThreatToPublish(view.text.text, normalized_span);
  if (!object) return OkStatus();
  double score = kThreatScore;
  std::string why = "doxxing threat: threatens to publish " + std::string(*object);
  if (std::any_of(matches.begin(), matches.end(),
                  [](const PiiMatch& m) { return m.own && m.kind != PiiKind::kFullName; })) {
    score += kThreatWithOwnData;
    why += ", and shows it";
  }
  if (std::any_of(view.text_findings.begin(), view.text_findings.end(),
                  [](const Finding& f) { return f.category == "threat"; })) {
    score += kThreatWithTextThreat;
  }
  if (view.sender.trusted) score *= kTrustedFactor;
  const TextSpan span = text::ToOriginal(view.text, normalized_span.begin, normalized_span.end);
  out.push_back(MakeFinding(view, score, span, std::move(why)));
  return OkStatus();
}

}  // namespace stalkguard::detect
