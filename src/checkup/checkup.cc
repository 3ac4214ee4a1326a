#include "checkup/checkup.h"

#include <algorithm>

namespace stalkguard::checkup {

std::string_view ToString(ItemStatus status) {
  switch (status) {
    case ItemStatus::kOk:
      return "ok";
    case ItemStatus::kFix:
      return "fix";
    case ItemStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

CheckupCounts Count(const std::vector<CheckItem>& items) {
  CheckupCounts counts;
  for (const CheckItem& item : items) {
    switch (item.status) {
      case ItemStatus::kOk:
        ++counts.ok;
        break;
      case ItemStatus::kFix:
        ++counts.fix;
        break;
      case ItemStatus::kUnknown:
        ++counts.unknown;
        break;
    }
  }
  return counts;
}

void SortForReading(std::vector<CheckItem>& items) {
  auto rank = [](ItemStatus s) {
    return s == ItemStatus::kFix ? 0 : s == ItemStatus::kUnknown ? 1 : 2;
  };
  std::stable_sort(items.begin(), items.end(), [&](const CheckItem& a, const CheckItem& b) {
    return rank(a.status) < rank(b.status);
  });
}

}  // namespace stalkguard::checkup
