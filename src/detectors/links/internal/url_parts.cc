#include "detectors/links/internal/url_parts.h"

#include <unicode/uidna.h>
#include <uriparser/Uri.h>

#include <array>
#include <charconv>
#include <vector>

#include "core/strings.h"

namespace stalkguard::links::internal {
namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return (AsciiLower(c) - 'a') + 10;
}

bool IsSchemeChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '+' || c == '-' || c == '.'; }

// Bytes RFC 3986 allows unescaped somewhere in a URI.
bool IsUriByte(unsigned char c) {
  static const auto kTable = [] {
    std::array<bool, 256> t{};
    for (unsigned char b : std::string_view("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"
                                            "23456789-._~:/?#[]@!$&'()*+,;=")) {
      t[b] = true;
    }
    return t;
  }();
  return kTable[c];
}

void AppendEscaped(std::string& out, unsigned char c) {
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// `url` (which has "scheme://") made acceptable to uriparser the way a browser would read it:
// bytes RFC 3986 forbids are percent-encoded, a '%' that starts no escape becomes "%25",
// brackets outside the authority and every '#' after the first are escaped.
std::string EscapeForParser(std::string_view url, size_t authority_begin) {
  std::string out;
  out.reserve(url.size() + 16);
  const size_t authority_end = std::min(url.find_first_of("/?#", authority_begin), url.size());
  bool seen_hash = false;
  for (size_t i = 0; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    const bool in_authority = i >= authority_begin && i < authority_end;
    if (c == '%') {
      if (i + 2 < url.size() && IsHexDigit(url[i + 1]) && IsHexDigit(url[i + 2])) {
        out += '%';
      } else {
        out += "%25";
      }
      continue;
    }
    if (!IsUriByte(c)) {
      AppendEscaped(out, c);
    } else if ((c == '[' || c == ']') && !in_authority) {
      AppendEscaped(out, c);
    } else if (c == '#' && i >= authority_end) {
      if (seen_hash) {
        AppendEscaped(out, c);
      } else {
        seen_hash = true;
        out += '#';
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string_view Range(const UriTextRangeA& range) {
  if (range.first == nullptr || range.afterLast == nullptr) return {};
  return std::string_view(range.first, static_cast<size_t>(range.afterLast - range.first));
}

bool RangeSet(const UriTextRangeA& range) { return range.first != nullptr; }

int ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return text.empty() ? -1 : 65536;
  int port = 0;
  for (char c : text) {
    if (!IsDigit(c)) return -1;
    port = port * 10 + (c - '0');
  }
  return port;
}

const UIDNA* Idna() {
  // UTS #46 non-transitional processing is what current browsers do; the object is immutable
  // once opened and ICU allows it to be shared between threads.
  static const UIDNA* const kIdna = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* idna =
        uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    return U_SUCCESS(status) ? idna : nullptr;
  }();
  return kIdna;
}

// Runs one of ICU's UTF-8 IDNA conversions; nullopt when it reports an error.
template <typename Fn>
std::optional<std::string> RunIdna(std::string_view name, Fn fn) {
  const UIDNA* idna = Idna();
  if (idna == nullptr || name.size() > 1024) return std::nullopt;
  std::string out(name.size() * 4 + 64, '\0');
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = fn(idna, name.data(), static_cast<int32_t>(name.size()), out.data(),
                       static_cast<int32_t>(out.size()), &info, &status);
  // Hyphen rules (UIDNA_ERROR_HYPHEN_3_4 and friends) reject real hosts such as
  // "r3---sn-abc.googlevideo.com"; only errors that make the name unusable count.
  constexpr uint32_t kIgnored = UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN |
                                UIDNA_ERROR_HYPHEN_3_4 | UIDNA_ERROR_EMPTY_LABEL |
                                UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG;
  if (U_FAILURE(status) || (info.errors & ~kIgnored) != 0) return std::nullopt;
  out.resize(static_cast<size_t>(n));
  return out;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Fills host, unicode_host, host_kind and friends from parts.host_text.
void CleanHost(UrlParts& parts) {
  std::string host = AsciiLower(parts.host_text);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return;
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.find(':') != std::string::npos) {
    parts.host_kind = HostKind::kIpv6;
    parts.host = parts.unicode_host = host;
    return;
  }
  if (const auto ip = ParseIpv4(host)) {
    parts.host_kind = HostKind::kIpv4;
    parts.host = parts.unicode_host = FormatIpv4(*ip);
    parts.ip_obfuscated = parts.host != host;
    return;
  }
  parts.host_kind = HostKind::kName;
  const bool ascii = IsAscii(host);
  if (ascii && host.find("xn--") == std::string::npos) {
    parts.host = parts.unicode_host = host;
    // Letters, digits, '-' and '.' make a host name; '_' is common in real DNS names too.
    parts.idna_error =
        host.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-._") != std::string::npos;
    return;
  }
  auto ascii_form =
      ascii ? std::optional<std::string>(host) : RunIdna(host, uidna_nameToASCII_UTF8);
  auto unicode_form = RunIdna(ascii_form ? *ascii_form : host, uidna_nameToUnicodeUTF8);
  if (!ascii_form || !unicode_form) {
    parts.idna_error = true;
    parts.host = parts.unicode_host = host;
    return;
  }
  parts.host = AsciiLower(*ascii_form);
  parts.unicode_host = *unicode_form;
}

// Splits "user@host:port" the way browsers do: the last '@' ends the user info, a ':' after
// the host (outside IPv6 brackets) starts the port.
void SplitAuthority(std::string_view authority, UrlParts& parts) {
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    parts.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  size_t colon = authority.rfind(':');
  const size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    parts.port = ParsePort(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  parts.host_text = PercentDecode(authority);
}

// The split used when uriparser rejects the text even after escaping.
void SplitByHand(std::string_view url, size_t authority_begin, UrlParts& parts) {
  std::string_view rest = url.substr(authority_begin);
  size_t end = rest.find_first_of("/?#\\");
  if (end == std::string_view::npos) end = rest.size();
  SplitAuthority(rest.substr(0, end), parts);
  rest.remove_prefix(end);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  const size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  parts.path = std::string(rest);
}

}  // namespace

std::optional<uint32_t> ParseIpv4(std::string_view host) {
  if (host.empty() || host.size() > 64) return std::nullopt;
  if (host.back() == '.') host.remove_suffix(1);
  std::vector<uint64_t> values;
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    std::string_view part = host.substr(start, dot - start);
    if (part.empty()) return std::nullopt;
    int base = 10;
    if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
      base = 16;
      part.remove_prefix(2);
    } else if (part.size() >= 2 && part[0] == '0') {
      base = 8;
      part.remove_prefix(1);
    }
    uint64_t value = 0;
    for (char c : part) {
      int digit;
      if (base == 16 && IsHexDigit(c)) {
        digit = HexValue(c);
      } else if (IsDigit(c) && (c - '0') < base) {
        digit = c - '0';
      } else {
        return std::nullopt;
      }
      value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
      if (value > 0xFFFFFFFFull) return std::nullopt;
    }
    values.push_back(value);
    if (values.size() > 4) return std::nullopt;
    start = dot + 1;
  }
  uint64_t address = 0;
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    if (values[i] > 255) return std::nullopt;
    address |= values[i] << (8 * (3 - i));
  }
  const uint64_t last = values.back();
  if (last >= (uint64_t{1} << (8 * (5 - values.size())))) return std::nullopt;
  address |= last;
  return static_cast<uint32_t>(address);
}

std::string FormatIpv4(uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && IsHexDigit(text[i + 1]) &&
        IsHexDigit(text[i + 2])) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

UrlParts ParseUrl(std::string_view url) {
  UrlParts parts;
  // Links are often quoted or wrapped in angle brackets in text: "<https://x.y/>".
  std::string_view s = TrimAscii(url, " \t\r\n\v\f\"'<>");

  std::string text;
  size_t authority_begin = 0;
  size_t colon = s.find(':');
  bool scheme_like = colon != std::string_view::npos && colon > 0 && IsAlpha(s[0]);
  for (size_t i = 0; scheme_like && i < colon; ++i) scheme_like = IsSchemeChar(s[i]);
  const std::string scheme = scheme_like ? AsciiLower(s.substr(0, colon)) : std::string();
  std::string_view after = scheme_like ? s.substr(colon + 1) : std::string_view();
  const bool web = scheme == "http" || scheme == "https";
  // Browsers read "http:\\x" and "http:/x" as "http://x".
  size_t slashes = 0;
  while (slashes < after.size() && (after[slashes] == '/' || (web && after[slashes] == '\\'))) {
    ++slashes;
  }
  if (scheme_like && (slashes >= 2 || (web && slashes >= 1))) {
    parts.scheme = scheme;
    parts.scheme_given = true;
    text = scheme + "://" + std::string(after.substr(slashes));
    authority_begin = scheme.size() + 3;
  } else if (scheme_like && scheme.find('.') == std::string::npos && !after.empty() &&
             !IsDigit(after[0])) {
    // "javascript:alert(1)", "data:text/html;base64,...", "mailto:x@y". A dot in the scheme
    // ("example.com:8080/x") or digits after the colon ("localhost:8080") mean a host, not a
    // scheme.
    parts.scheme = scheme;
    parts.scheme_given = true;
    parts.hierarchical = false;
    parts.opaque = std::string(after);
    return parts;
  } else {
    parts.scheme = "http";
    text = "http://" + std::string(s);
    authority_begin = 7;
  }
  if (web) {
    // Backslashes in a web URL's path are slashes to a browser.
    for (size_t i = authority_begin; i < text.size() && text[i] != '?' && text[i] != '#'; ++i) {
      if (text[i] == '\\') text[i] = '/';
    }
  }

  const std::string escaped = EscapeForParser(text, authority_begin);
  UriUriA uri;
  const char* error_pos = nullptr;
  if (uriParseSingleUriA(&uri, escaped.c_str(), &error_pos) == URI_SUCCESS) {
    parts.rfc3986 = true;
    parts.userinfo = std::string(Range(uri.userInfo));
    if (uri.hostData.ip4 != nullptr) {
      const unsigned char* d = uri.hostData.ip4->data;
      parts.host_text = FormatIpv4((uint32_t{d[0]} << 24) | (uint32_t{d[1]} << 16) |
                                   (uint32_t{d[2]} << 8) | uint32_t{d[3]});
    } else if (uri.hostData.ip6 != nullptr) {
      parts.host_text = "[" + std::string(Range(uri.hostText)) + "]";
    } else {
      parts.host_text = PercentDecode(Range(uri.hostText));
    }
    parts.port = RangeSet(uri.portText) ? ParsePort(Range(uri.portText)) : -1;
    for (const UriPathSegmentA* seg = uri.pathHead; seg != nullptr; seg = seg->next) {
      parts.path += '/';
      parts.path += Range(seg->text);
    }
    parts.has_query = RangeSet(uri.query);
    parts.query = std::string(Range(uri.query));
    parts.fragment = std::string(Range(uri.fragment));
    uriFreeUriMembersA(&uri);
  } else {
    uriFreeUriMembersA(&uri);
    SplitByHand(escaped, authority_begin, parts);
  }
  CleanHost(parts);
  return parts;
}

std::string UrlFeedKey(const UrlParts& parts) {
  std::string key = parts.host;
  const int default_port = parts.scheme == "https" ? 443 : parts.scheme == "http" ? 80 : -1;
  if (parts.port >= 0 && parts.port != default_port) {
    key += ':';
    key += std::to_string(parts.port);
  }
  key += parts.path.empty() ? "/" : parts.path;
  if (parts.has_query) {
    key += '?';
    key += parts.query;
  }
  return key;
}

}  // namespace stalkguard::links::internal
