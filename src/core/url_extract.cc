#include "core/url_extract.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace stalkguard {
namespace {

bool EqualsNoCase(std::string_view s, size_t pos, std::string_view lower) {
  if (pos + lower.size() > s.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != lower[i]) return false;
  }
  return true;
}

bool IsUrlByte(unsigned char c) {
  // Bytes >= 0x80 are part of internationalised paths and hosts.
  static const auto kTable = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 256; ++b) {
      t[b] = b >= 0x80 || std::isalnum(b) ||
             std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(static_cast<char>(b)) !=
                 std::string_view::npos;
    }
    return t;
  }();
  return kTable[c];
}

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The start of the next link at or after `from`, and the length of its scheme or "www."
// prefix; npos when there is none. Looks for "://" and "www." with find (memchr-fast) rather
// than testing every byte, since most messages carry no link at all.
std::pair<size_t, size_t> NextLinkStart(std::string_view text, size_t from) {
  size_t best = std::string_view::npos, best_prefix = 0;
  for (size_t p = text.find("://", from); p != std::string_view::npos;
       p = text.find("://", p + 3)) {
    if (p >= 5 && EqualsNoCase(text, p - 5, "https") && (p == 5 || !IsWordByte(text[p - 6]))) {
      best = p - 5;
      best_prefix = 8;
      break;
    }
    if (p >= 4 && EqualsNoCase(text, p - 4, "http") && (p == 4 || !IsWordByte(text[p - 5]))) {
      best = p - 4;
      best_prefix = 7;
      break;
    }
  }
  // "www." is found from its dot: find_first_of("wW") would call memchr once per byte of
  // text, while a dot turns up only a few times in a message.
  for (size_t dot = text.find('.', from + 3); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    const size_t p = dot - 3;
    if (p >= best) break;
    if (EqualsNoCase(text, p, "www") && (p == 0 || !IsWordByte(text[p - 1]))) {
      best = p;
      best_prefix = 4;
      break;
    }
  }
  return {best, best_prefix};
}

}  // namespace

std::vector<std::string> ExtractUrls(std::string_view text) {
  std::vector<std::string> urls;
  size_t i = 0;
  while (true) {
    const auto [start, prefix] = NextLinkStart(text, i);
    if (start == std::string_view::npos) break;
    size_t end = start + prefix;
    while (end < text.size() && IsUrlByte(static_cast<unsigned char>(text[end]))) ++end;
    // Sentence punctuation after a link is not part of it; a ")" is kept only when opened inside.
    while (end > start + prefix) {
      const char last = text[end - 1];
      if (std::string_view(".,;:!?'\"").find(last) != std::string_view::npos) {
        --end;
      } else if (last == ')' && std::count(text.begin() + start, text.begin() + end, '(') <
                                    std::count(text.begin() + start, text.begin() + end, ')')) {
        --end;
      } else {
        break;
      }
    }
    if (end > start + prefix + 1) {
      std::string url(text.substr(start, end - start));
      if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(std::move(url));
    }
    i = std::max(end, start + prefix);
  }
  return urls;
}

}  // namespace stalkguard
