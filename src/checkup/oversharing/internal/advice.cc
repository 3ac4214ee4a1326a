#include "checkup/oversharing/internal/advice.h"

#include <algorithm>

namespace stalkguard::checkup::internal {
namespace {

bool Has(const std::vector<OvershareSpan>& spans, OvershareKind kind) {
  return std::any_of(spans.begin(), spans.end(),
                     [kind](const OvershareSpan& s) { return s.kind == kind; });
}

}  // namespace

std::string_view What(OvershareKind kind) {
  switch (kind) {
    case OvershareKind::kAddress:
      return "your home address";
    case OvershareKind::kPostcode:
      return "your postcode";
    case OvershareKind::kPhone:
      return "your phone number";
    case OvershareKind::kEmail:
      return "your e-mail address";
    case OvershareKind::kSchool:
      return "your school";
    case OvershareKind::kWorkplace:
      return "where you work";
    case OvershareKind::kPlace:
      return "a place you often go";
    case OvershareKind::kFullName:
      return "your full name";
    case OvershareKind::kRoutine:
      return "your daily routine";
    case OvershareKind::kLocationNow:
      return "where you are right now";
    case OvershareKind::kHomeAlone:
      return "that you are home alone";
    case OvershareKind::kAway:
      return "that you are away from home";
    case OvershareKind::kLiveLocation:
      return "your location on a map";
  }
  return "personal details";
}

std::string JoinWhat(const std::vector<OvershareSpan>& spans) {
  std::vector<std::string_view> items;
  for (const OvershareSpan& s : spans) {
    if (std::find(items.begin(), items.end(), s.what) == items.end()) items.push_back(s.what);
  }
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Advice(Audience audience, Channel channel, const std::vector<OvershareSpan>& spans) {
  const std::string what = JoinWhat(spans);
  std::string advice;
  switch (audience) {
    case Audience::kPublic:
      if (channel == Channel::kPost) {
        advice = "Delete or edit this post: remove " + what + ".";
      } else if (channel == Channel::kComment) {
        advice = "Delete or edit this comment: remove " + what + ".";
      } else {
        advice = "Delete this message from the public chat, or edit out " + what + ".";
      }
      break;
    case Audience::kGroup:
    case Audience::kStranger:
      advice = std::string(audience == Audience::kGroup
                               ? "This message told a group with people not on your trusted list "
                               : "This message told someone not on your trusted list ") +
               what +
               ": delete it for everyone if the app still lets you, and keep this to people "
               "you trust.";
      break;
    case Audience::kUnknown:
      advice =
          "Check who got this message: unless you trust them all, delete it for everyone "
          "if the app still lets you. It gives away " +
          what + ".";
      break;
  }
  if (Has(spans, OvershareKind::kLiveLocation)) {
    advice +=
        " Stop sharing your location in the app and check who can still see it (live "
        "location, Snap Map, Find My, Life360).";
  }
  if (Has(spans, OvershareKind::kRoutine)) {
    advice +=
        " Someone who knows your routine knows where to wait: change it if you can, and "
        "leave times and places out of what you post.";
  }
  if (Has(spans, OvershareKind::kLocationNow) || Has(spans, OvershareKind::kHomeAlone) ||
      Has(spans, OvershareKind::kAway)) {
    advice +=
        " Next time, say where you are, or that you are alone or away, only after you "
        "have left, or only to people you trust.";
  }
  return advice;
}

}  // namespace stalkguard::checkup::internal
