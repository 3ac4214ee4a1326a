// Phone numbers in text: the protected person's own numbers in any notation (compared digit by
// digit, which needs no library call and also finds numbers libphonenumber does not call
// valid, such as Ofcom's drama range 07700 900xxx), and anyone's valid numbers through
// libphonenumber's PhoneNumberMatcher. The matcher costs tens of microseconds a call, so it
// only sees runs of seven or more digits (with a leading '+' when there is no region), and
// each thread remembers the runs it has seen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detectors/doxxing/internal/scanners.h"
#include "detectors/doxxing/pii_finder.h"

namespace stalkguard::detect::internal {

class PhoneScanner {
 public:
  // `region`: ISO code for numbers written without "+" ("GB"); empty means "ZZ" (only
  // international notation). `own_e164`: the person's numbers.
  PhoneScanner(std::string region, const std::vector<std::string>& own_e164);

  // Appends phone numbers found in the digit runs of `text`, own ones with `own` set.
  void Scan(std::string_view text, const std::vector<DigitRun>& runs,
            const std::vector<DigitGroup>& groups, std::vector<PiiMatch>& out) const;

 private:
  struct Own {
    std::string e164;
    std::vector<std::string> forms;  // digit strings it may be written as
  };
  void ScanGeneric(std::string_view text, const DigitRun& run, std::vector<PiiMatch>& out) const;

  std::string region_;
  std::vector<Own> own_;
};

}  // namespace stalkguard::detect::internal
