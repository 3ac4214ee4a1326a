// ProfileTerms: the protected person's names and places, normalised like message text, and
// found in a normalised message as whole words. Shared by the whereabouts and rumours
// detectors.
#pragma once

#include <string>
#include <vector>

#include "core/profile.h"

namespace stalkguard::detect::internal {

enum class TermKind { kFullName, kName, kAddress, kSchool, kWorkplace, kPlace };

struct Term {
  std::string text;      // normalised
  std::string original;  // as the profile wrote it
  TermKind kind;
};

struct TermMatch {
  const Term* term;
  size_t begin, end;  // in the normalised text
};

class ProfileTerms {
 public:
  explicit ProfileTerms(const Profile& profile);
  // Every term found in `normalized` as whole words, in term order.
  std::vector<TermMatch> Find(std::string_view normalized) const;
  bool empty() const { return terms_.empty(); }

 private:
  void Add(std::string_view original, TermKind kind);
  std::vector<Term> terms_;
};

}  // namespace stalkguard::detect::internal
