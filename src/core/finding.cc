#include "core/finding.h"

namespace stalkguard {

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWatch:
      return "watch";
    case Severity::kWarning:
      return "warning";
    case Severity::kDanger:
      return "danger";
  }
  return "info";
}

std::optional<Severity> SeverityFromString(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "watch") return Severity::kWatch;
  if (name == "warning") return Severity::kWarning;
  if (name == "danger") return Severity::kDanger;
  return std::nullopt;
}

}  // namespace stalkguard
