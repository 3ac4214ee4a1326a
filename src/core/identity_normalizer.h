// Turns the many ways an address is written into one Identity value: phone numbers to E.164
// through libphonenumber, e-mail addresses lower-cased, handles as "platform:handle".
// Immutable after construction and safe from several threads.
//
//   IdentityNormalizer norm("GB");
//   norm.Phone("07700 900123").value == "+447700900123"
#pragma once

#include <string>
#include <string_view>

#include "core/identity.h"

namespace stalkguard {

class IdentityNormalizer {
 public:
  // `default_region` is an ISO 3166 code ("GB") used for numbers written without "+";
  // empty means such numbers keep their digits only.
  explicit IdentityNormalizer(std::string default_region = "");

  const std::string& default_region() const { return region_; }

  // E.164 when libphonenumber can parse it as a possible number; otherwise the digits (short
  // codes such as "72404"). A sender made of letters ("AMAZON") becomes the handle
  // "sms:amazon". Empty input gives an empty identity.
  Identity Phone(std::string_view raw) const;
  // Lower-cased address; "Name <a@b.org>" and "mailto:" forms are accepted.
  Identity Email(std::string_view raw) const;
  // "platform:handle", handle lower-cased with a leading "@" and surrounding space removed.
  Identity Handle(std::string_view platform, std::string_view handle) const;
  // Picks the kind from the form: "kind:value" and "platform:handle" prefixes, "+" or digits
  // for phones, "x@y.z" for e-mail, else a handle on `platform`.
  Identity Guess(std::string_view raw, std::string_view platform) const;
  // The same as `out = Guess(raw, platform)`, reusing the memory `out` already holds: for
  // importers that fill one event after another. `raw` must not point into `out`.
  void Guess(std::string_view raw, std::string_view platform, Identity& out) const;

  // The ISO region of an E.164 number ("+447700900123" -> "GB"), empty when unknown.
  static std::string RegionOf(std::string_view e164);

 private:
  void PhoneInto(std::string_view raw, Identity& out) const;
  void EmailInto(std::string_view raw, Identity& out) const;
  void HandleInto(std::string_view platform, std::string_view handle, Identity& out) const;
  Identity ParsePhone(std::string_view raw) const;
  std::string region_;
};

}  // namespace stalkguard
