#include "detectors/stalkerware/advice.h"

namespace stalkguard::detect {

std::string_view WhatItDoes(AppType type) {
  switch (type) {
    case AppType::kStalkerware:
      return "Stalkerware: sold to watch another person's phone in secret. It can hide its "
             "icon and send that person's messages, calls, location, photos and browsing to "
             "whoever installed it.";
    case AppType::kWatchware:
      return "Monitoring app sold for parental control or device management. It reports "
             "location and activity to another person, and is also put on adults' phones "
             "without their knowledge.";
  }
  return "";
}

std::string_view SafeRemovalAdvice(AppType type) {
  switch (type) {
    case AppType::kStalkerware:
      return "Do not remove it straight away: whoever installed it will notice when it stops "
             "reporting, and that can put you in danger. First talk to a domestic abuse or "
             "stalking support service, or the police, and make a safety plan with them. Keep "
             "evidence: screenshots of the app in Settings > Apps, its name and package, and "
             "when you noticed it. Assume they can read this phone: change your passwords "
             "(Google or Apple account, e-mail, social media) from another device they have "
             "never had access to, and turn on two-step verification. When it is safe, a "
             "factory reset or a new phone removes it more surely than uninstalling it.";
    case AppType::kWatchware:
      return "If you did not install this app or agree to it, treat it as stalkerware: talk to "
             "a support service or the police before removing it, keep evidence (screenshots, "
             "its name and package), change your passwords from another device they have never "
             "had access to, and when it is safe consider a factory reset or a new phone. If "
             "you installed it yourself, or it is a child's phone you manage, it may be "
             "expected.";
  }
  return "";
}

}  // namespace stalkguard::detect
