#include "detectors/doxxing/internal/phone_scanner.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <unordered_map>

namespace stalkguard::detect::internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Fewer digits than this is a code, an amount or a date, never a phone number we care about.
constexpr size_t kMinPhoneDigits = 7;
// Candidates the matcher may try in one run; a run is one number or a few.
constexpr int kMaxMatcherTries = 16;
// Runs remembered per thread before the cache starts again.
constexpr size_t kCacheLimit = 50000;

// "12/05/2009", "3.5.2009", "2009-05-03": dates libphonenumber would reject anyway, at the
// price of a matcher call.
bool LooksLikeDate(const DigitRun& run, const std::vector<DigitGroup>& g) {
  if (run.group_count != 3 || run.begin != g[run.first_group].begin) return false;
  const char sep = g[run.first_group + 1].sep_before;
  if (sep != '/' && sep != '.' && sep != '-') return false;
  if (g[run.first_group + 2].sep_before != sep) return false;
  const size_t a = g[run.first_group].end - g[run.first_group].begin;
  const size_t b = g[run.first_group + 1].end - g[run.first_group + 1].begin;
  const size_t c = g[run.first_group + 2].end - g[run.first_group + 2].begin;
  return (a <= 2 && b <= 2 && (c == 2 || c == 4)) || (a == 4 && b <= 2 && c <= 2);
}

struct CachedMatch {
  uint32_t begin;
  uint32_t end;
  std::string e164;
};

}  // namespace

PhoneScanner::PhoneScanner(std::string region, const std::vector<std::string>& own_e164)
    : region_(region.empty() ? "ZZ" : std::move(region)) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  for (const std::string& e164 : own_e164) {
    Own own;
    own.e164 = e164;
    PhoneNumber number;
    if (util.Parse(e164, "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
      std::string nsn;
      util.GetNationalSignificantNumber(number, &nsn);
      const std::string cc = std::to_string(number.country_code());
      std::string region_code;
      util.GetRegionCodeForNumber(number, &region_code);
      if (region_code.empty() || region_code == "ZZ")
        util.GetRegionCodeForCountryCode(number.country_code(), &region_code);
      std::string trunk;
      util.GetNddPrefixForRegion(region_code, true, &trunk);
      // "7700900123", "07700900123", "447700900123", "00447700900123", "0117700900123" (from
      // North America), "4407700900123" ("+44 (0)7700 900123").
      own.forms = {nsn, cc + nsn, "00" + cc + nsn, "011" + cc + nsn, cc + "0" + nsn};
      if (!trunk.empty()) own.forms.push_back(trunk + nsn);
      if (nsn.size() < kMinPhoneDigits) own.forms.erase(own.forms.begin());
    } else {
      std::string digits;
      for (char c : e164)
        if (c >= '0' && c <= '9') digits += c;
      if (digits.size() >= 5) own.forms.push_back(digits);
    }
    // Longest first, so that "+44 7700 900123" is reported whole, not as "7700 900123".
    std::sort(own.forms.begin(), own.forms.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    if (!own.forms.empty()) own_.push_back(std::move(own));
  }
}

void PhoneScanner::Scan(std::string_view text, const std::vector<DigitRun>& runs,
                        const std::vector<DigitGroup>& groups, std::vector<PiiMatch>& out) const {
  std::string digits;
  std::vector<size_t> digit_at;      // byte of each digit
  std::vector<uint8_t> group_start;  // whether each digit starts a group
  for (const DigitRun& run : runs) {
    if (run.digits < 5) continue;
    bool own_found = false;
    if (!own_.empty()) {
      digits.clear();
      digit_at.clear();
      group_start.clear();
      for (size_t g = run.first_group; g < run.first_group + run.group_count; ++g) {
        for (size_t k = groups[g].begin; k < groups[g].end; ++k) {
          digits += text[k];
          digit_at.push_back(k);
          group_start.push_back(k == groups[g].begin);
        }
      }
      group_start.push_back(1);  // the end of the run ends a group too
      for (size_t i = 0; i < digits.size(); ++i) {
        if (!group_start[i]) continue;
        for (const Own& own : own_) {
          const std::string* hit = nullptr;
          for (const std::string& form : own.forms) {
            if (digits.compare(i, form.size(), form) == 0 && group_start[i + form.size()]) {
              hit = &form;
              break;
            }
          }
          if (hit == nullptr) continue;
          const size_t begin = i == 0 ? run.begin : digit_at[i];
          const size_t end = digit_at[i + hit->size() - 1] + 1;
          out.push_back({PiiKind::kPhone, {begin, end}, true, own.e164});
          own_found = true;
          i += hit->size() - 1;
          break;
        }
      }
    }
    if (!own_found && run.digits >= kMinPhoneDigits && !LooksLikeDate(run, groups)) {
      ScanGeneric(text, run, out);
    }
  }
}

void PhoneScanner::ScanGeneric(std::string_view text, const DigitRun& run,
                               std::vector<PiiMatch>& out) const {
  // "ref1234567" and "1234567abc" are codes, not numbers.
  if ((run.begin > 0 && IsAlnum(text[run.begin - 1])) ||
      (run.end < text.size() && IsAlnum(text[run.end]))) {
    return;
  }
  // Without a region ("ZZ") libphonenumber parses only numbers in international notation,
  // which start with '+' (a run keeps its leading '+'): in any other run the matcher finds
  // nothing, and most runs are dates, amounts, codes and national numbers.
  if (region_ == "ZZ" && text[run.begin] != '+') return;
  const std::string_view candidate = text.substr(run.begin, run.end - run.begin);
  thread_local std::unordered_map<std::string, std::vector<CachedMatch>> cache;
  thread_local std::string key;
  key.assign(region_);
  key += '\0';
  key += candidate;
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() > kCacheLimit) cache.clear();
    std::vector<CachedMatch> found;
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumberMatcher matcher(util, std::string(candidate), region_, PhoneNumberMatcher::VALID,
                               kMaxMatcherTries);
    PhoneNumberMatch match;
    while (matcher.HasNext() && matcher.Next(&match)) {
      if (match.start() < 0 || match.end() > static_cast<int>(candidate.size())) continue;
      std::string e164;
      util.Format(match.number(), PhoneNumberUtil::E164, &e164);
      found.push_back({static_cast<uint32_t>(match.start()), static_cast<uint32_t>(match.end()),
                       std::move(e164)});
    }
    it = cache.emplace(key, std::move(found)).first;
  }
  for (const CachedMatch& m : it->second) {
    out.push_back({PiiKind::kPhone, {run.begin + m.begin, run.begin + m.end}, false, m.e164});
  }
}

}  // namespace stalkguard::detect::internal
