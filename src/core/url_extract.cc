#include "core/url_extract.h"

#include <algorithm>
#include <cctype>

namespace stalkguard {
namespace {

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != prefix[i]) return false;
  }
  return true;
}

bool IsUrlByte(unsigned char c) {
  // Bytes >= 0x80 are part of internationalised paths and hosts.
  return c >= 0x80 || std::isalnum(c) || std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) !=
                                             std::string_view::npos;
}

}  // namespace

std::vector<std::string> ExtractUrls(std::string_view text) {
  std::vector<std::string> urls;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool boundary = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    size_t prefix = 0;
    if (c == 'h' || c == 'H') {
      if (StartsWithNoCase(text, i, "https://")) prefix = 8;
      else if (StartsWithNoCase(text, i, "http://")) prefix = 7;
    } else if ((c == 'w' || c == 'W') && boundary && StartsWithNoCase(text, i, "www.")) {
      prefix = 4;
    }
    if (prefix == 0) {
      ++i;
      continue;
    }
    size_t end = i + prefix;
    while (end < text.size() && IsUrlByte(static_cast<unsigned char>(text[end]))) ++end;
    // Sentence punctuation after a link is not part of it; a ")" is kept only when opened inside.
    while (end > i + prefix) {
      const char last = text[end - 1];
      if (std::string_view(".,;:!?'\"").find(last) != std::string_view::npos) {
        --end;
      } else if (last == ')' &&
                 std::count(text.begin() + i, text.begin() + end, '(') <
                     std::count(text.begin() + i, text.begin() + end, ')')) {
        --end;
      } else {
        break;
      }
    }
    if (end > i + prefix + 1) {
      std::string url(text.substr(i, end - i));
      if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(std::move(url));
    }
    i = end;
  }
  return urls;
}

}  // namespace stalkguard
