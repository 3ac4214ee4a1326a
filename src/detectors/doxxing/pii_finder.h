// PiiFinder: finds personal data in a message: the protected person's own (their address,
// postcode, phone numbers, e-mail addresses, school, workplace, places, full name, all from the
// Profile) and anyone's (phone numbers, e-mail addresses, payment cards, IBANs, National
// Insurance numbers, US social security numbers, UK postcodes, street addresses, dates of
// birth, "lives at" phrases). DoxxingDetector judges where the data was posted; the check-up
// uses FindOwnData to show the person what they give away themselves.
//
//   PiiFinder finder(profile);
//   for (const PiiMatch& m : finder.Find("she lives at 12 mill ln")) ...  // own address
//
// Everything is compiled in the constructor; a call allocates only for its results. Spans are
// byte offsets into the original text, even when the match was found in the normalised text
// (look-alike letters, "M i l l", different spacing and case).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/profile.h"

namespace stalkguard::text {
struct NormalizedText;
}

namespace stalkguard::detect {

enum class PiiKind {
  kAddress,            // house number and street: "12 Mill Lane", "221B Baker Street"
  kPostcode,           // a UK postcode: "LS6 2AB"
  kPhone,              // a valid phone number in any notation
  kEmail,              // an e-mail address
  kSchool,             // own only: one of the profile's schools
  kWorkplace,          // own only: one of the profile's workplaces
  kPlace,              // own only: one of the profile's other places
  kFullName,           // own only: a profile name of two or more words ("Sam Lee")
  kPaymentCard,        // 13-19 digits, Luhn-valid, with a card network's prefix
  kIban,               // country code, check digits and account, mod-97 valid
  kNationalInsurance,  // UK: "AB 12 34 56 C"
  kSsn,                // US: "123-45-6789", area and group rules applied
  kDateOfBirth,        // "born on 3 May 2009", "DOB: 03/05/2009"
  kAddressCue,         // "lives at", "her address is": an address is being given
};

// Stored name of a kind: "address", "postcode", "phone", "email", "school", "workplace",
// "place", "full_name", "payment_card", "iban", "national_insurance", "ssn", "date_of_birth",
// "address_cue".
std::string_view ToString(PiiKind kind);
// What to call it in a sentence: "home address", "phone number", "National Insurance number".
std::string_view Describe(PiiKind kind);

struct PiiMatch {
  PiiKind kind = PiiKind::kAddress;
  TextSpan span;     // bytes of the original text
  bool own = false;  // the protected person's data, found through the Profile
  // Canonical form: the profile entry for own addresses, schools, workplaces, places and names;
  // E.164 for phones; lower case for e-mail; "LS6 2AB" for postcodes; the digits (and letters)
  // without separators for cards, IBANs, NI numbers and SSNs; the text as written otherwise.
  std::string value;
};

// Immutable after construction and safe to use from several threads at once (scratch buffers
// are per thread). Copies what it needs from the profile.
class PiiFinder {
 public:
  explicit PiiFinder(const Profile& profile);
  ~PiiFinder();
  PiiFinder(PiiFinder&&) noexcept;
  PiiFinder& operator=(PiiFinder&&) noexcept;

  // Every match in `original`, which `normalized` must be text::Normalize(original) of, ordered
  // by position; replaces `out`'s contents. A generic match that overlaps the person's own data
  // is left out (the own match says more), as is a phone number inside a card number.
  void Find(std::string_view original, const text::NormalizedText& normalized,
            std::vector<PiiMatch>& out) const;
  // The same, normalising `text` first.
  std::vector<PiiMatch> Find(std::string_view text) const;
  // Only the protected person's own data (matches with `own` set), for the check-up of what the
  // person posts themselves.
  std::vector<PiiMatch> FindOwnData(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stalkguard::detect
