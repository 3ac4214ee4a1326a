#include "core/identity.h"

namespace stalkguard {

std::string_view ToString(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kPhone:
      return "phone";
    case IdentityKind::kEmail:
      return "email";
    case IdentityKind::kHandle:
      return "handle";
  }
  return "handle";
}

std::optional<IdentityKind> IdentityKindFromString(std::string_view name) {
  if (name == "phone") return IdentityKind::kPhone;
  if (name == "email") return IdentityKind::kEmail;
  if (name == "handle") return IdentityKind::kHandle;
  return std::nullopt;
}

std::string Identity::Key() const {
  std::string key(ToString(kind));
  key += ':';
  key += value;
  return key;
}

}  // namespace stalkguard
