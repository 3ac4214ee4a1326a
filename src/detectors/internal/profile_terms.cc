#include "detectors/internal/profile_terms.h"

#include <cctype>

#include "text/normalizer.h"

namespace stalkguard::detect::internal {
namespace {

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  return false;
}

}  // namespace

ProfileTerms::ProfileTerms(const Profile& profile) {
  for (const std::string& name : profile.names) {
    Add(name, name.find(' ') != std::string::npos ? TermKind::kFullName : TermKind::kName);
    // "Sam Lee" is also called "Sam" by the people who talk about them.
    if (const size_t space = name.find(' '); space != std::string::npos)
      Add(name.substr(0, space), TermKind::kName);
  }
  for (const std::string& address : profile.addresses) {
    // "12 Mill Lane, Leeds LS6 2AB": the street line and the postcode are each enough; the
    // town alone is not.
    const std::string_view a = address;
    const size_t comma = a.find(',');
    Add(a.substr(0, comma), TermKind::kAddress);
    if (comma != std::string_view::npos) {
      const std::string_view last = a.substr(a.rfind(',') + 1);
      const size_t space = last.find_last_of(' ');
      const size_t prev = space == std::string_view::npos || space == 0
                              ? std::string_view::npos
                              : last.find_last_of(' ', space - 1);
      if (prev != std::string_view::npos && HasDigit(last.substr(prev)))
        Add(last.substr(prev + 1), TermKind::kAddress);
    }
  }
  for (const std::string& s : profile.schools) Add(s, TermKind::kSchool);
  for (const std::string& s : profile.workplaces) Add(s, TermKind::kWorkplace);
  for (const std::string& s : profile.places) Add(s, TermKind::kPlace);
}

void ProfileTerms::Add(std::string_view original, TermKind kind) {
  text::NormalizedText n = text::Normalize(original);
  // Two letters match too much ("at", "jo"): a term needs three.
  if (n.text.size() < 3) return;
  for (const Term& t : terms_)
    if (t.text == n.text) return;
  terms_.push_back({std::move(n.text), std::string(original), kind});
}

std::vector<TermMatch> ProfileTerms::Find(std::string_view normalized) const {
  std::vector<TermMatch> out;
  for (const Term& term : terms_) {
    for (size_t at = normalized.find(term.text); at != std::string_view::npos;
         at = normalized.find(term.text, at + 1)) {
      const size_t end = at + term.text.size();
      if (at > 0 && IsWordByte(normalized[at - 1])) continue;
      if (end < normalized.size() && IsWordByte(normalized[end])) continue;
      out.push_back({&term, at, end});
      break;
    }
  }
  return out;
}

}  // namespace stalkguard::detect::internal
