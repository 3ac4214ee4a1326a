#include "core/identity_normalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace stalkguard {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// std::isspace and std::isdigit in the "C" locale, inlined: they run for every byte of every
// address.
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// What std::tolower does in the "C" locale the program runs in, without a call per byte;
// bytes of UTF-8 sequences pass unchanged.
char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// The functions below append to `out` so that a caller filling one identity after another
// reuses its memory instead of building temporaries.
void AppendLower(std::string& out, std::string_view s) {
  const size_t start = out.size();
  out.append(s);
  for (size_t i = start; i < out.size(); ++i) out[i] = LowerChar(out[i]);
}

// Lower-cases and collapses runs of white space to one space, so "Sam  Lee" and "sam lee" are
// one handle.
void AppendLowerCollapsed(std::string& out, std::string_view s) {
  const size_t start = out.size();
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && out.size() > start) out += ' ';
    space = false;
    out += LowerChar(c);
  }
}

// True when `s` equals the lower-case word `lower` in any case.
bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (LowerChar(s[i]) != lower[i]) return false;
  }
  return true;
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find(' ') == std::string_view::npos;
}

bool LooksLikePhone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (IsDigit(c)) {
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
  Identity out;
  PhoneInto(raw, out);
  return out;
}

void IdentityNormalizer::PhoneInto(std::string_view raw, Identity& out) const {
  raw = Trim(raw);
  if (raw.empty()) {
    out.kind = IdentityKind::kPhone;
    out.value.clear();
    return;
  }
  if (!LooksLikePhone(raw)) return HandleInto("sms", raw, out);
  // libphonenumber takes microseconds per number and exports repeat the same few numbers
  // millions of times, so each thread remembers what it has already parsed.
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string cache_key;  // reused so that a cache hit allocates nothing
  cache_key.assign(region_);
  cache_key += '\0';
  cache_key += raw;
  out.kind = IdentityKind::kPhone;
  if (auto it = cache.find(cache_key); it != cache.end()) {
    out.value.assign(it->second);
    return;
  }
  if (cache.size() > 100000) cache.clear();
  Identity parsed = ParsePhone(raw);
  cache.emplace(cache_key, parsed.value);
  out.value.assign(parsed.value);
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
  Identity out;
  EmailInto(raw, out);
  return out;
}

void IdentityNormalizer::EmailInto(std::string_view raw, Identity& out) const {
  raw = Trim(raw);
  const size_t lt = raw.rfind('<');
  const size_t gt = raw.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    raw = Trim(raw.substr(lt + 1, gt - lt - 1));
  }
  if (raw.size() > 7 && EqualsLower(raw.substr(0, 7), "mailto:")) raw.remove_prefix(7);
  out.kind = IdentityKind::kEmail;
  out.value.clear();
  AppendLower(out.value, raw);
}

Identity IdentityNormalizer::Handle(std::string_view platform, std::string_view handle) const {
  Identity out;
  HandleInto(platform, handle, out);
  return out;
}

void IdentityNormalizer::HandleInto(std::string_view platform, std::string_view handle,
                                    Identity& out) const {
  handle = Trim(handle);
  if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
  out.kind = IdentityKind::kHandle;
  out.value.clear();
  if (handle.empty()) return;
  AppendLower(out.value, Trim(platform));
  out.value += ':';
  AppendLowerCollapsed(out.value, handle);
}

Identity IdentityNormalizer::Guess(std::string_view raw, std::string_view platform) const {
  Identity out;
  Guess(raw, platform, out);
  return out;
}

void IdentityNormalizer::Guess(std::string_view raw, std::string_view platform,
                               Identity& out) const {
  raw = Trim(raw);
  if (raw.empty()) {
    out.kind = IdentityKind::kHandle;
    out.value.clear();
    return;
  }
  const size_t colon = raw.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    const std::string_view prefix = raw.substr(0, colon);
    const std::string_view rest = raw.substr(colon + 1);
    if (EqualsLower(prefix, "phone") || EqualsLower(prefix, "tel")) return PhoneInto(rest, out);
    if (EqualsLower(prefix, "email") || EqualsLower(prefix, "mailto")) return EmailInto(rest, out);
    if (EqualsLower(prefix, "handle")) return Guess(rest, platform, out);
    const bool word = std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
    if (word && !rest.empty() && !LooksLikePhone(prefix)) return HandleInto(prefix, rest, out);
  }
  if (LooksLikeEmail(raw)) return EmailInto(raw, out);
  if (raw.front() != '@' && LooksLikePhone(raw)) return PhoneInto(raw, out);
  HandleInto(platform.empty() ? "unknown" : platform, raw, out);
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
