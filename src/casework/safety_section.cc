#include "casework/safety_section.h"

namespace stalkguard::casework {
namespace {

report::SafetyStatus StatusOf(checkup::ItemStatus status) {
  switch (status) {
    case checkup::ItemStatus::kFix:
      return report::SafetyStatus::kFix;
    case checkup::ItemStatus::kOk:
      return report::SafetyStatus::kOk;
    case checkup::ItemStatus::kUnknown:
      return report::SafetyStatus::kUnknown;
  }
  return report::SafetyStatus::kUnknown;
}

// "2024-02-09, tiktok, in public: your daily routine: remove "Gym every day at 6"".
std::string EvidenceLine(const checkup::ItemEvidence& e) {
  std::string line = e.text;
  for (const checkup::TextToRemove& r : e.remove) {
    line += "; remove \"" + r.words + "\" (" + r.what + ")";
  }
  if (!e.source.empty()) line += " [" + e.source + "]";
  return line;
}

}  // namespace

std::vector<report::SafetyItem> SafetySection(const std::vector<checkup::CheckItem>& items,
                                              bool redacted) {
  std::vector<report::SafetyItem> out;
  out.reserve(items.size());
  for (const checkup::CheckItem& item : items) {
    report::SafetyItem section{StatusOf(item.status), item.area, item.title,
                               item.summary,          {},        item.steps};
    if (!redacted) {
      for (const checkup::ItemEvidence& e : item.evidence) {
        section.evidence.push_back(EvidenceLine(e));
      }
    }
    out.push_back(std::move(section));
  }
  return out;
}

}  // namespace stalkguard::casework
