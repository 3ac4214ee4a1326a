#include "detectors/links/internal/url_features.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/strings.h"

namespace stalkguard::links::internal {
namespace {

// Longest part of path and query read for character n-grams; the tail of a very long query is
// tracking noise.
constexpr size_t kMaxPathBytes = 200;
constexpr size_t kMaxTokens = 48;

class Hasher {
 public:
  Hasher(uint32_t bucket_bits, std::vector<uint32_t>& ids)
      : shift_(64 - static_cast<int>(bucket_bits)), ids_(ids) {}

  // One feature: a namespace letter and the bytes of its value.
  void Add(char ns, std::string_view value) {
    uint64_t h = 0xCBF29CE484222325ull ^ static_cast<unsigned char>(ns);
    h *= 0x100000001B3ull;
    for (unsigned char c : value) {
      h ^= c;
      h *= 0x100000001B3ull;
    }
    // FNV's low bits mix poorly; a murmur finaliser spreads them before the top bits are used.
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    ids_.push_back(static_cast<uint32_t>(h >> shift_));
  }

  void CharGrams(char ns, std::string_view text) {
    for (size_t n = 3; n <= 5; ++n) {
      for (size_t i = 0; i + n <= text.size(); ++i)
        Add(static_cast<char>(ns + n - 3), text.substr(i, n));
    }
  }

 private:
  int shift_;
  std::vector<uint32_t>& ids_;
};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// A path segment that reads as a site name ("paypal.com", "bofa.com", "mobile.de"): phishing
// kits are often unpacked under a folder named after the site they copy. File names
// ("index.html", "jquery.min.js") are not.
bool LooksLikeSiteName(std::string_view segment) {
  const size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view ending = segment.substr(dot + 1);
  if (ending.size() < 2 || ending.size() > 6) return false;
  for (char c : ending) {
    if (c < 'a' || c > 'z') return false;
  }
  for (char c : segment.substr(0, dot)) {
    if (!IsAlnum(c) && c != '-' && c != '.') return false;
  }
  static constexpr std::string_view kFileEndings[] = {
      "htm", "html", "shtml", "php",  "asp", "aspx", "jsp",    "cgi",  "pl",  "js",
      "css", "png",  "jpg",   "jpeg", "gif", "pdf",  "txt",    "xml",  "zip", "exe",
      "swf", "doc",  "docx",  "xls",  "rar", "gz",   "tar",    "mp3",  "mp4", "avi",
      "ico", "svg",  "json",  "rss",  "cfm", "do",   "action", "py",   "apk", "bin",
      "dll", "jar",  "msi",   "mov",  "wmv", "ppt",  "php3",   "phtml"};
  return std::find(std::begin(kFileEndings), std::end(kFileEndings), ending) ==
         std::end(kFileEndings);
}

// Shannon entropy in bits per character: machine-made names ("fdgdfg5d", "x7k2qz") run high
// for their length, words low.
double Entropy(std::string_view text) {
  if (text.empty()) return 0;
  int counts[256] = {};
  for (unsigned char c : text) ++counts[c];
  double bits = 0;
  for (int count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / static_cast<double>(text.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

// Longest run of consonants: "bcdfg" is nobody's word.
size_t LongestConsonantRun(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    const bool consonant =
        c >= 'a' && c <= 'z' && std::string_view("aeiouy").find(c) == std::string_view::npos;
    run = consonant ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

const char* Bucket(size_t n, std::initializer_list<size_t> edges, const char* const* names) {
  size_t i = 0;
  for (size_t edge : edges) {
    if (n < edge) return names[i];
    ++i;
  }
  return names[i];
}

}  // namespace

void ExtractUrlFeatures(const FeatureInput& input, uint32_t bucket_bits,
                        std::vector<uint32_t>& ids) {
  ids.clear();
  Hasher hasher(bucket_bits, ids);

  // Host: n-grams of the name without its public suffix ("^www.example$" for
  // "www.example.co.uk"), its labels and the registered label. The suffix itself is left out:
  // in ISCX every spam URL is under .uk, and a model that learned that would flag every
  // British site. Risky endings reach the model through the "risky_tld" reason instead.
  const std::string_view bare =
      input.host.size() > input.suffix.size() && input.host.ends_with(input.suffix)
          ? input.host.substr(0, input.host.size() - input.suffix.size() - 1)
          : input.host;
  std::string host = "^";
  host += bare;
  host += '$';
  hasher.CharGrams('A', host);
  size_t labels = 0, host_digits = 0, host_hyphens = 0;
  std::string_view last_label;
  for (size_t i = 0; i < bare.size();) {
    const size_t dot = std::min(bare.find('.', i), bare.size());
    last_label = bare.substr(i, dot - i);
    hasher.Add('l', last_label);
    ++labels;
    i = dot + 1;
  }
  for (char c : bare) {
    host_digits += c >= '0' && c <= '9';
    host_hyphens += c == '-';
  }
  hasher.Add('x', "hyphens" + std::to_string(std::min<size_t>(host_hyphens, 4)));
  static const char* const kLabelLen[] = {"l<5", "l<8", "l<12", "l<16", "l<24", "l>=24"};
  const char* label_length = Bucket(last_label.size(), {5, 8, 12, 16, 24}, kLabelLen);
  hasher.Add('x', label_length);
  // Words of the host split at dots and hyphens ("secure", "login", "help" of
  // "secure-login-help"), wherever they stand.
  for (size_t i = 0; i < bare.size();) {
    const size_t end = std::min(bare.find_first_of(".-", i), bare.size());
    if (end > i) hasher.Add('w', bare.substr(i, end - i));
    i = end + 1;
  }
  // How machine-made the registered name looks: entropy in quarter bits by length, consonant
  // runs and the share of digits.
  const double entropy = Entropy(last_label);
  hasher.Add('x', std::string(label_length) + "/e" +
                      std::to_string(static_cast<int>(std::min(entropy, 4.5) * 4)));
  hasher.Add('x', "cons" + std::to_string(std::min<size_t>(LongestConsonantRun(last_label), 6)));
  if (!bare.empty()) {
    hasher.Add('x', "hdigit%" + std::to_string(host_digits * 4 / bare.size()));
  }

  // Path and query: lower-case n-grams and words.
  std::string rest = AsciiLower(input.path);
  if (input.has_query) {
    rest += '?';
    rest += AsciiLower(input.query);
  }
  // Digits read as '0' in the path's n-grams: "/2016/05/" and "/2024/01/" are the same shape,
  // and ids and dates would otherwise be learned one by one.
  std::string cut(Utf8Prefix(rest, kMaxPathBytes));
  std::string shape = cut;
  for (char& c : shape) {
    if (c >= '1' && c <= '9') c = '0';
  }
  hasher.CharGrams('a', shape);
  size_t tokens = 0, depth = 0, params = 0, long_mixed = 0;
  for (char c : input.path) depth += c == '/';
  {
    const std::string path = AsciiLower(input.path);
    size_t site_names = 0;
    for (size_t i = 0; i < path.size();) {
      const size_t end = std::min(path.find('/', i), path.size());
      site_names += LooksLikeSiteName(std::string_view(path).substr(i, end - i));
      i = end + 1;
    }
    if (site_names > 0) hasher.Add('x', "site-in-path");
    if (path.find("//") != std::string::npos) hasher.Add('x', "double-slash");
  }
  // A link that is only a site name says little beyond its name; its shape is read with the
  // name's length.
  if (rest.size() <= 1) hasher.Add('x', std::string("bare/") + label_length);
  if (input.has_query) {
    params = 1 + static_cast<size_t>(std::count(input.query.begin(), input.query.end(), '&'));
  }
  for (size_t i = 0; i < cut.size() && tokens < kMaxTokens;) {
    while (i < cut.size() && !IsAlnum(cut[i])) ++i;
    size_t j = i;
    while (j < cut.size() && IsAlnum(cut[j])) ++j;
    if (j > i) {
      const std::string_view token = std::string_view(cut).substr(i, j - i);
      const bool digits = token.find_first_of("0123456789") != std::string_view::npos;
      const bool letters = token.find_first_not_of("0123456789") != std::string_view::npos;
      if (token.size() > 12 && digits && letters) {
        ++long_mixed;  // session ids and hashes: their shape matters, not their letters
      } else {
        hasher.Add('t', token);
      }
      ++tokens;
    }
    i = j;
  }

  // Shape.
  static const char* const kLen[] = {"len<20", "len<40", "len<60", "len<90", "len<140", "len>=140"};
  hasher.Add('x', Bucket(bare.size() + rest.size(), {20, 40, 60, 90, 140}, kLen));
  static const char* const kHostLen[] = {"h<10", "h<16", "h<24", "h<32", "h>=32"};
  hasher.Add('x', Bucket(bare.size(), {10, 16, 24, 32}, kHostLen));
  hasher.Add('x', "labels" + std::to_string(std::min<size_t>(labels, 8)));
  hasher.Add('x', "depth" + std::to_string(std::min<size_t>(depth, 10)));
  hasher.Add('x', "params" + std::to_string(std::min<size_t>(params, 6)));
  hasher.Add('x', "hdigits" + std::to_string(std::min<size_t>(host_digits, 4)));
  hasher.Add('x', "mixed" + std::to_string(std::min<size_t>(long_mixed, 3)));
  hasher.Add('x', "tokens" + std::to_string(std::min<size_t>(tokens, 12)));
  if (rest.find('%') != std::string::npos) hasher.Add('x', "pct");
  if (rest.find('@') != std::string::npos) hasher.Add('x', "at-in-path");

  for (Reason reason : input.reasons) hasher.Add('R', ReasonName(reason));

  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace stalkguard::links::internal
