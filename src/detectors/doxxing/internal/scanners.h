// The generic PII scanners behind PiiFinder: hand-written single passes over the original text
// (digits and letter-digit codes) or the normalised text (phrases), with the checksums they
// use. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "detectors/doxxing/pii_finder.h"

namespace stalkguard::text {
struct NormalizedText;
}

namespace stalkguard::detect::internal {

// Checksums and number rules, on the number without separators.
bool LuhnValid(std::string_view digits);
// `compact`: upper-case letters and digits. Checks the country's length and mod-97 == 1.
bool IbanValid(std::string_view compact);
// "AB123456C": prefix letters HMRC can issue, six digits, suffix A-D.
bool NationalInsuranceValid(std::string_view compact);
// "123456789": area not 000, 666 or 900-999, group not 00, serial not 0000, and not one of the
// numbers made public in advertising.
bool SsnValid(std::string_view digits);
// Whether 13-19 `digits` start the way a card network's numbers do (Visa 4, Mastercard 51-55
// and 2221-2720, Amex 34 and 37, Discover, JCB, Diners, Maestro, UnionPay).
bool CardPrefixValid(std::string_view digits);

// The end of a UK postcode that starts at text[i] and ends at a word boundary, or 0. Lower
// case is taken only when `allow_lower` is set and the area has two letters ("ls6 2ab"), so
// that "b4 5pm" stays a sentence. `canonical` gets the upper-case form with one space.
size_t MatchUkPostcode(std::string_view text, size_t i, bool allow_lower, std::string* canonical);

// A run of digits and the separators between them, as a card or phone number is written:
// "+44 (0)113 496 0000", "4111-1111-1111-1111". Offsets are bytes of the scanned text.
struct DigitGroup {
  size_t begin = 0;
  size_t end = 0;
  char sep_before = 0;  // the one separator byte before it; '*' for a longer separator; 0 first
};
struct DigitRun {
  size_t begin = 0;  // a leading '+' or '(' is included
  size_t end = 0;    // after the last digit
  size_t first_group = 0;
  size_t group_count = 0;
  size_t digits = 0;
};
void FindDigitRuns(std::string_view text, std::vector<DigitRun>& runs,
                   std::vector<DigitGroup>& groups);

// Appends payment cards and SSNs found in the digit runs of `text`.
void ScanCardsAndSsns(std::string_view text, const std::vector<DigitRun>& runs,
                      const std::vector<DigitGroup>& groups, std::vector<PiiMatch>& out);
// Appends IBANs, National Insurance numbers and UK postcodes.
void ScanCodes(std::string_view text, std::vector<PiiMatch>& out);
// Appends e-mail addresses, values lower-cased.
void ScanEmails(std::string_view text, std::vector<PiiMatch>& out);
// Appends street addresses: a house number, one to four name words and a street suffix.
void ScanStreetAddresses(std::string_view text, std::vector<PiiMatch>& out);
// Appends dates of birth and "lives at" cues found in the normalised text, spans mapped back.
void ScanPhrases(const text::NormalizedText& normalized, std::vector<PiiMatch>& out);

}  // namespace stalkguard::detect::internal
