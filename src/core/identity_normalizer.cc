#include "core/identity_normalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace stalkguard {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Collapses runs of white space to one space, so "Sam  Lee" and "Sam Lee" are one handle.
std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find(' ') == std::string_view::npos;
}

bool LooksLikePhone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return false;
    }
  }
  return digits >= 3;
}

}  // namespace

IdentityNormalizer::IdentityNormalizer(std::string default_region)
    : region_(std::move(default_region)) {}

Identity IdentityNormalizer::Phone(std::string_view raw) const {
  raw = Trim(raw);
  if (raw.empty()) return {IdentityKind::kPhone, ""};
  if (!LooksLikePhone(raw)) return Handle("sms", raw);
  // libphonenumber takes microseconds per number and exports repeat the same few numbers
  // millions of times, so each thread remembers what it has already parsed.
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string cache_key;  // reused so that a cache hit allocates nothing
  cache_key.assign(region_);
  cache_key += '\0';
  cache_key += raw;
  if (auto it = cache.find(cache_key); it != cache.end()) return {IdentityKind::kPhone, it->second};
  if (cache.size() > 100000) cache.clear();
  Identity parsed = ParsePhone(raw);
  cache.emplace(cache_key, parsed.value);
  return parsed;
}

Identity IdentityNormalizer::ParsePhone(std::string_view raw) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  std::string text(raw);
  if (text.rfind("00", 0) == 0 && region_.empty()) text = "+" + text.substr(2);
  const auto err = util.Parse(text, region_.empty() ? "ZZ" : region_, &number);
  if (err == PhoneNumberUtil::NO_PARSING_ERROR && util.IsPossibleNumber(number)) {
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return {IdentityKind::kPhone, e164};
  }
  std::string digits;
  for (char c : raw)
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && digits.empty())) digits += c;
  return {IdentityKind::kPhone, digits};
}

Identity IdentityNormalizer::Email(std::string_view raw) const {
  raw = Trim(raw);
  const size_t lt = raw.rfind('<');
  const size_t gt = raw.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    raw = Trim(raw.substr(lt + 1, gt - lt - 1));
  }
  if (raw.size() > 7 && Lower(raw.substr(0, 7)) == "mailto:") raw.remove_prefix(7);
  return {IdentityKind::kEmail, Lower(raw)};
}

Identity IdentityNormalizer::Handle(std::string_view platform, std::string_view handle) const {
  handle = Trim(handle);
  if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
  if (handle.empty()) return {IdentityKind::kHandle, ""};
  return {IdentityKind::kHandle, Lower(Trim(platform)) + ":" + Lower(CollapseSpace(handle))};
}

Identity IdentityNormalizer::Guess(std::string_view raw, std::string_view platform) const {
  raw = Trim(raw);
  if (raw.empty()) return {IdentityKind::kHandle, ""};
  const size_t colon = raw.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    const std::string prefix = Lower(raw.substr(0, colon));
    const std::string_view rest = raw.substr(colon + 1);
    if (prefix == "phone" || prefix == "tel") return Phone(rest);
    if (prefix == "email" || prefix == "mailto") return Email(rest);
    if (prefix == "handle") return Guess(rest, platform);
    const bool word = std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
    if (word && !rest.empty() && !LooksLikePhone(prefix)) return Handle(prefix, rest);
  }
  if (LooksLikeEmail(raw)) return Email(raw);
  if (raw.front() != '@' && LooksLikePhone(raw)) return Phone(raw);
  return Handle(platform.empty() ? "unknown" : platform, raw);
}

std::string IdentityNormalizer::RegionOf(std::string_view e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return "";
  std::string region;
  util.GetRegionCodeForNumber(number, &region);
  // Fictional ranges (555 numbers) have no region of their own; the country code's main one will
  // do.
  if (region.empty() || region == "ZZ")
    util.GetRegionCodeForCountryCode(number.country_code(), &region);
  return region == "ZZ" ? "" : region;
}

}  // namespace stalkguard
