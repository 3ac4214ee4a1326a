// DomainTools: what the link judge asks about a host name, backed by libpsl (the Public Suffix
// List: where the part a person registered begins) and ICU's spoof checker (UTS #39: which
// letters look alike, which scripts are mixed). Immutable after Create; every method is safe
// from several threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace stalkguard::links::internal {

class DomainTools {
 public:
  // Loads the list from `psl_path` (a .dafsa or .dat file; "" for none) and falls back to the
  // list built into libpsl when that fails. Fails only when no list is available at all or ICU
  // cannot open its spoof checker.
  static Result<DomainTools> Create(const std::string& psl_path);

  DomainTools(DomainTools&&) noexcept;
  DomainTools& operator=(DomainTools&&) noexcept;
  ~DomainTools();

  // The registrable domain of a lower-case host name, "paypal.co.uk" for "www.paypal.co.uk";
  // the host itself when it is a public suffix or the list knows nothing about it.
  std::string RegistrableDomain(const std::string& host) const;

  // The longest public suffix `host` ends with, "co.uk" for "www.paypal.co.uk"; the last label
  // when the list knows none.
  std::string PublicSuffix(const std::string& host) const;

  // What `utf8` looks like: the UTS #39 confusable skeleton, lower case, with the digit and
  // symbol swaps of look-alike domains undone ("paypa1", "g00gle", "rnicrosoft", "1nstagram"
  // all give the skeleton of the real name). Only meaningful for comparing two skeletons.
  std::string Skeleton(std::string_view utf8) const;

  // Whether one label mixes scripts in a way UTS #39's "moderately restrictive" level rejects:
  // Latin with Cyrillic or Greek ("pаypal" with a Cyrillic "а"), or digits of several systems.
  bool MixedScript(std::string_view label_utf8) const;

 private:
  std::string ComputeSkeleton(std::string_view utf8) const;
  struct Handles;
  explicit DomainTools(std::unique_ptr<Handles> handles);
  std::unique_ptr<Handles> handles_;
};

}  // namespace stalkguard::links::internal
