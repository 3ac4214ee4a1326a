// An identity is one address a person is reached at: a phone number, an e-mail address or a
// handle on one platform. Values are normalised so that the same address written two ways is
// one identity: phones in E.164 ("+447700900123"), e-mail lower-cased, handles as
// "platform:handle" ("instagram:sam.lee").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stalkguard {

enum class IdentityKind { kPhone, kEmail, kHandle };

std::string_view ToString(IdentityKind kind);
std::optional<IdentityKind> IdentityKindFromString(std::string_view name);

struct Identity {
  IdentityKind kind = IdentityKind::kHandle;
  std::string value;  // normalised; empty means "unknown sender"

  bool empty() const { return value.empty(); }
  // "phone:+447700900123", the form stored and shown.
  std::string Key() const;
  friend bool operator==(const Identity&, const Identity&) = default;
};

// A party to an event: who it is, and the name the source showed for them, if any.
struct Party {
  Identity identity;
  std::string display_name;
};

}  // namespace stalkguard
