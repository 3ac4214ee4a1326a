#include "detectors/doxxing/pii_finder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "detectors/doxxing/internal/match_key.h"
#include "detectors/doxxing/internal/phone_scanner.h"
#include "detectors/doxxing/internal/scanners.h"
#include "text/normalizer.h"

namespace stalkguard::detect {
namespace {

namespace in = internal;

// Profile entries shorter than this as a key ("Gym", "Bo") would match everyday words.
constexpr size_t kMinOwnKeyBytes = 4;

struct OwnItem {
  PiiKind kind;
  std::string key;    // MatchKey chars
  std::string value;  // the profile entry
};

// Buffers one thread reuses from call to call.
struct Scratch {
  in::MatchKey key;
  std::vector<in::DigitRun> runs;
  std::vector<in::DigitGroup> groups;
};

std::vector<std::string> KeyWords(const in::MatchKey& key) {
  std::vector<std::string> words;
  for (const in::MatchKey::Word& w : key.words)
    words.emplace_back(key.view().substr(w.key_begin, w.key_end - w.key_begin));
  return words;
}

in::MatchKey KeyOf(std::string_view text) {
  in::MatchKey key;
  in::BuildMatchKey(text::Normalize(text).text, key);
  return key;
}

bool IsHouseNumber(std::string_view word) {
  size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  if (digits == 0 || digits > 5) return false;
  return word.size() == digits || (word.size() == digits + 1 && word.back() >= 'a');
}

bool IsUnitWord(std::string_view word) {
  for (std::string_view unit : {"flat", "apt", "apartment", "unit", "suite", "room", "no"})
    if (word == unit) return true;
  return false;
}

std::vector<std::string_view> SplitAddress(std::string_view address) {
  std::vector<std::string_view> parts;
  size_t from = 0;
  for (size_t i = 0; i <= address.size(); ++i) {
    if (i == address.size() || address[i] == ',' || address[i] == ';' || address[i] == '\n') {
      if (i > from) parts.push_back(address.substr(from, i - from));
      from = i + 1;
    }
  }
  return parts;
}

bool Overlaps(const TextSpan& a, const TextSpan& b) { return a.begin < b.end && b.begin < a.end; }
bool Contains(const TextSpan& a, const TextSpan& b) { return a.begin <= b.begin && b.end <= a.end; }
bool IsPhrase(PiiKind kind) {
  return kind == PiiKind::kAddressCue || kind == PiiKind::kDateOfBirth;
}
bool IsNumberKind(PiiKind kind) {
  return kind == PiiKind::kPaymentCard || kind == PiiKind::kIban || kind == PiiKind::kSsn ||
         kind == PiiKind::kNationalInsurance;
}
bool IsWordKind(PiiKind kind) {
  return kind == PiiKind::kFullName || kind == PiiKind::kSchool || kind == PiiKind::kWorkplace ||
         kind == PiiKind::kPlace;
}

// Whether `m` says nothing that `other` does not say better.
bool Redundant(const PiiMatch& m, size_t m_index, const PiiMatch& other, size_t other_index) {
  if (IsPhrase(m.kind) || IsPhrase(other.kind) || !Overlaps(m.span, other.span)) return false;
  if (m.kind == other.kind) {
    if (other.own != m.own) return other.own;  // "LS6 2AB" is the person's postcode
    if (!Contains(other.span, m.span)) return false;
    const bool same = other.span.begin == m.span.begin && other.span.end == m.span.end;
    return !same || other_index < m_index;
  }
  // A phone number inside a card or account number is part of it.
  if (m.kind == PiiKind::kPhone && IsNumberKind(other.kind)) return true;
  // "sam.lee.fan@example.com" does not post Sam Lee's name; it is an e-mail address.
  if (IsWordKind(m.kind) && other.kind == PiiKind::kEmail) return Contains(other.span, m.span);
  return false;
}

}  // namespace

std::string_view ToString(PiiKind kind) {
  switch (kind) {
    case PiiKind::kAddress:
      return "address";
    case PiiKind::kPostcode:
      return "postcode";
    case PiiKind::kPhone:
      return "phone";
    case PiiKind::kEmail:
      return "email";
    case PiiKind::kSchool:
      return "school";
    case PiiKind::kWorkplace:
      return "workplace";
    case PiiKind::kPlace:
      return "place";
    case PiiKind::kFullName:
      return "full_name";
    case PiiKind::kPaymentCard:
      return "payment_card";
    case PiiKind::kIban:
      return "iban";
    case PiiKind::kNationalInsurance:
      return "national_insurance";
    case PiiKind::kSsn:
      return "ssn";
    case PiiKind::kDateOfBirth:
      return "date_of_birth";
    case PiiKind::kAddressCue:
      return "address_cue";
  }
  return "unknown";
}

std::string_view Describe(PiiKind kind) {
  switch (kind) {
    case PiiKind::kAddress:
      return "street address";
    case PiiKind::kPostcode:
      return "postcode";
    case PiiKind::kPhone:
      return "phone number";
    case PiiKind::kEmail:
      return "e-mail address";
    case PiiKind::kSchool:
      return "school";
    case PiiKind::kWorkplace:
      return "workplace";
    case PiiKind::kPlace:
      return "a place they go";
    case PiiKind::kFullName:
      return "full name";
    case PiiKind::kPaymentCard:
      return "payment card number";
    case PiiKind::kIban:
      return "bank account (IBAN)";
    case PiiKind::kNationalInsurance:
      return "National Insurance number";
    case PiiKind::kSsn:
      return "social security number";
    case PiiKind::kDateOfBirth:
      return "date of birth";
    case PiiKind::kAddressCue:
      return "where someone lives";
  }
  return "personal data";
}

struct PiiFinder::Impl {
  Impl(std::string region, const std::vector<std::string>& phones)
      : own_phones(phones), phone_scanner(std::move(region), phones) {}

  void AddItem(PiiKind kind, std::string_view entry) {
    in::MatchKey key = KeyOf(entry);
    if (key.size < kMinOwnKeyBytes) return;
    if (kind == PiiKind::kFullName && key.words.size() < 2) return;  // "Sam" alone is not PII
    items.push_back({kind, std::string(key.view()), std::string(entry)});
  }

  // "Flat 3, 12 Mill Lane, Leeds LS6 2AB": the house number and street ("12 Mill Lane", also
  // found as "flat 3, 12 mill ln") and the postcode; or, for an address without a number, its
  // first part ("Rose Cottage, Church Road").
  void AddAddress(const std::string& address) {
    bool street_found = false;
    std::string first_part;
    for (std::string_view part : SplitAddress(address)) {
      for (size_t i = 0; i < part.size(); ++i) {
        std::string canonical;
        if ((i == 0 || part[i - 1] == ' ') && in::MatchUkPostcode(part, i, true, &canonical) != 0) {
          own_postcodes.push_back(canonical);
          own_postcode_addresses.push_back(address);
          const in::MatchKey key = KeyOf(canonical);
          items.push_back({PiiKind::kPostcode, std::string(key.view()), address});
        }
      }
      const std::vector<std::string> words = KeyWords(KeyOf(part));
      size_t w = 0;
      if (words.size() >= 4 && IsUnitWord(words[0])) w = 2;
      if (!street_found && w + 2 <= words.size() && IsHouseNumber(words[w])) {
        std::string key;
        for (size_t k = w; k < words.size(); ++k) {
          key += words[k];
          if (k >= w + 2 && in::IsStreetWord(words[k])) break;  // "12 Mill Lane Leeds"
        }
        items.push_back({PiiKind::kAddress, std::move(key), address});
        street_found = true;
      }
      if (first_part.empty() && words.size() >= 2 && !IsUnitWord(words[0])) {
        for (const std::string& word : words) first_part += word;
      }
    }
    if (!street_found && first_part.size() >= kMinOwnKeyBytes)
      items.push_back({PiiKind::kAddress, std::move(first_part), address});
  }

  // Called once the items are complete: which items start with each byte.
  void Index() {
    for (size_t i = 0; i < items.size() && i <= UINT16_MAX; ++i) {
      if (items[i].key.empty()) continue;
      by_first_byte[static_cast<unsigned char>(items[i].key[0])].push_back(
          static_cast<uint16_t>(i));
    }
  }

  std::vector<OwnItem> items;
  std::array<std::vector<uint16_t>, 256> by_first_byte;
  std::vector<std::string> own_postcodes;  // "LS6 2AB"
  std::vector<std::string> own_postcode_addresses;
  std::vector<std::string> own_emails;
  std::vector<std::string> own_phones;
  in::PhoneScanner phone_scanner;
};

namespace {

std::vector<std::string> PhonesOf(const Profile& profile) {
  std::vector<std::string> phones;
  for (const Identity& id : profile.identities)
    if (id.kind == IdentityKind::kPhone && !id.value.empty()) phones.push_back(id.value);
  return phones;
}

}  // namespace

PiiFinder::PiiFinder(const Profile& profile)
    : impl_(std::make_unique<Impl>(profile.region, PhonesOf(profile))) {
  for (const std::string& name : profile.names) impl_->AddItem(PiiKind::kFullName, name);
  for (const std::string& school : profile.schools) impl_->AddItem(PiiKind::kSchool, school);
  for (const std::string& work : profile.workplaces) impl_->AddItem(PiiKind::kWorkplace, work);
  for (const std::string& place : profile.places) impl_->AddItem(PiiKind::kPlace, place);
  for (const std::string& address : profile.addresses) impl_->AddAddress(address);
  for (const Identity& id : profile.identities)
    if (id.kind == IdentityKind::kEmail && !id.value.empty()) impl_->own_emails.push_back(id.value);
  impl_->Index();
}

PiiFinder::~PiiFinder() = default;
PiiFinder::PiiFinder(PiiFinder&&) noexcept = default;
PiiFinder& PiiFinder::operator=(PiiFinder&&) noexcept = default;

void PiiFinder::Find(std::string_view original, const text::NormalizedText& normalized,
                     std::vector<PiiMatch>& out) const {
  out.clear();
  thread_local Scratch s;
  const Impl& impl = *impl_;

  if (!impl.items.empty() && !normalized.text.empty()) {
    in::BuildMatchKey(normalized.text, s.key);
    for (size_t w = 0; w < s.key.words.size(); ++w) {
      const unsigned char first = s.key.chars[s.key.words[w].key_begin];
      for (const uint16_t index : impl.by_first_byte[first]) {
        const OwnItem& item = impl.items[index];
        if (!in::KeyMatchAt(s.key, w, item.key)) continue;
        uint32_t begin, end;
        in::KeyToNormalized(s.key, w, item.key.size(), begin, end);
        out.push_back({item.kind, text::ToOriginal(normalized, begin, end), true, item.value});
      }
    }
  }

  // Most messages have no digit and no '@', and skip everything below but the phrases.
  const bool digits =
      std::any_of(original.begin(), original.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    in::FindDigitRuns(original, s.runs, s.groups);
    impl.phone_scanner.Scan(original, s.runs, s.groups, out);
    in::ScanCardsAndSsns(original, s.runs, s.groups, out);
    in::ScanCodes(original, out);
    in::ScanStreetAddresses(original, out);
  }
  if (std::memchr(original.data(), '@', original.size()) != nullptr) in::ScanEmails(original, out);
  in::ScanPhrases(normalized, out);

  for (PiiMatch& m : out) {
    if (m.own) continue;
    if (m.kind == PiiKind::kPhone) {
      m.own = std::find(impl.own_phones.begin(), impl.own_phones.end(), m.value) !=
              impl.own_phones.end();
    } else if (m.kind == PiiKind::kEmail) {
      m.own = std::find(impl.own_emails.begin(), impl.own_emails.end(), m.value) !=
              impl.own_emails.end();
    } else if (m.kind == PiiKind::kPostcode) {
      for (size_t i = 0; i < impl.own_postcodes.size(); ++i) {
        if (impl.own_postcodes[i] == m.value) {
          m.own = true;
          m.value = impl.own_postcode_addresses[i];
          break;
        }
      }
    }
  }

  // Each match is checked against all others; a message has a handful at most.
  std::vector<bool> drop(out.size(), false);
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t j = 0; j < out.size() && !drop[i]; ++j) {
      if (i != j && !drop[j] && Redundant(out[i], i, out[j], j)) drop[i] = true;
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (!drop[i]) {
      if (kept != i) out[kept] = std::move(out[i]);
      ++kept;
    }
  }
  out.resize(kept);
  std::stable_sort(out.begin(), out.end(), [](const PiiMatch& a, const PiiMatch& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
}

std::vector<PiiMatch> PiiFinder::Find(std::string_view text) const {
  std::vector<PiiMatch> out;
  const text::NormalizedText normalized = text::Normalize(text);
  Find(text, normalized, out);
  return out;
}

std::vector<PiiMatch> PiiFinder::FindOwnData(std::string_view text) const {
  std::vector<PiiMatch> out = Find(text);
  std::erase_if(out, [](const PiiMatch& m) { return !m.own; });
  return out;
}

}  // namespace stalkguard::detect
