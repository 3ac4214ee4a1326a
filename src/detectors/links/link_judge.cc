#include "detectors/links/link_judge.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/data_path.h"
#include "core/strings.h"
#include "detectors/links/feed.h"
#include "detectors/links/internal/domain_tools.h"
#include "detectors/links/internal/link_config.h"
#include "detectors/links/internal/url_features.h"
#include "detectors/links/internal/url_parts.h"
#include "detectors/links/url_model.h"

namespace stalkguard::links {
namespace {

using internal::Brand;
using internal::HostKind;
using internal::LinkConfig;
using internal::Reason;
using internal::UrlParts;

// Brand names at least this long are also found inside longer words ("paypalsecure",
// "appleidverify"); shorter ones only as whole words, or "ee" and "ups" would be everywhere.
constexpr size_t kMinCompoundBrand = 6;
// Lure words at least this long are also found at the start or end of a longer word
// ("signinpage", "myaccount").
constexpr size_t kMinCompoundLure = 5;
// Typing errors ("paypall", "amazom") are looked for only on brand names this long: one edit
// away from a short name is too many ordinary words.
constexpr size_t kMinTypoBrand = 6;

// Brand names shorter than this are a brand in a subdomain only when written as a site name
// ("o2.uk.", "aol.com.").
constexpr size_t kMinShortBrandInSub = 4;

// ".aol.com." or ".o2.uk." somewhere in `dotted_sub` (the subdomain with a dot at each end):
// the short brand name followed by a usual ending.
bool ShortBrandAsSite(std::string_view dotted_sub, const internal::Brand& brand) {
  static constexpr std::string_view kEndings[] = {"com", "co", "uk", "net", "org"};
  for (std::string_view ending : kEndings) {
    const std::string pattern = "." + brand.name + "." + std::string(ending) + ".";
    if (dotted_sub.find(pattern) != std::string_view::npos) return true;
  }
  return false;
}

struct Found {
  Reason reason;
  std::string text;
  std::string brief;
};

// The host taken apart around its registrable domain: for "login.paypal.com.evil.co.uk",
// registrable "evil.co.uk", suffix "co.uk", label "evil", sub "login.paypal.com".
struct HostFacts {
  std::string registrable;
  std::string suffix;
  std::string label;
  std::string sub;
  std::string unicode_label;
  std::string unicode_sub;
};

struct Analysis {
  UrlParts parts;
  HostFacts facts;
  std::vector<Found> found;
  // The host is at or under a domain of brands.txt or well_known.txt: the site is who it says
  // it is, so brand, lure and model checks would only find its own name and login pages.
  bool known_site = false;
  bool listed = false;  // on a feed
};

size_t CountLabels(std::string_view s) {
  return s.empty() ? 0 : 1 + static_cast<size_t>(std::count(s.begin(), s.end(), '.'));
}

// The last `n` dot-separated labels of `host`.
std::string_view LastLabels(std::string_view host, size_t n) {
  if (n == 0) return {};
  size_t pos = host.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t dot = host.rfind('.', pos == 0 ? 0 : pos - 1);
    if (dot == std::string_view::npos || pos == 0) return host;
    pos = dot;
  }
  return host.substr(pos + 1);
}

std::string_view WithoutLastLabels(std::string_view host, size_t n) {
  const std::string_view tail = LastLabels(host, n);
  if (tail.size() >= host.size()) return {};
  return host.substr(0, host.size() - tail.size() - 1);
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Lower-case words of `text`: runs of letters, digits and non-ASCII bytes.
std::vector<std::string> Words(std::string_view text, size_t max_words = 64) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size() && words.size() < max_words;) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && IsWordByte(text[j])) ++j;
    if (j > i) words.push_back(AsciiLower(text.substr(i, j - i)));
    i = j;
  }
  return words;
}

// Whether two QWERTY keys touch, the usual slip of a finger.
bool KeysTouch(char a, char b) {
  static constexpr std::string_view kRows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
  auto find = [](char c, int& row, int& col) {
    for (int r = 0; r < 4; ++r) {
      if (const size_t at = kRows[r].find(c); at != std::string_view::npos) {
        row = r;
        col = static_cast<int>(at);
        return true;
      }
    }
    return false;
  };
  int ra, ca, rb, cb;
  if (!find(a, ra, ca) || !find(b, rb, cb)) return false;
  // Rows are staggered: a key touches its row neighbours and two keys of each next row.
  if (ra == rb) return std::abs(ca - cb) == 1;
  if (std::abs(ra - rb) != 1) return false;
  const int upper_col = ra < rb ? ca : cb, lower_col = ra < rb ? cb : ca;
  return lower_col == upper_col || lower_col == upper_col - 1;
}

// Whether `word` is `name` with one typing slip of the kind typo-squatters register: a letter
// doubled or dropped from a double ("paypall", "gogle"), two neighbours swapped ("micorsoft"),
// or a letter replaced by the key next to it ("amazom"). Arbitrary one-letter changes are not
// counted: "telegraf" is a word of its own, not a slip for "telegram".
bool IsTypoOf(std::string_view word, std::string_view name) {
  if (word == name) return false;
  if (word.size() + 1 == name.size()) std::swap(word, name);
  if (word.size() == name.size() + 1) {
    // `word` has one letter more; it must double its neighbour.
    size_t i = 0;
    while (i < name.size() && word[i] == name[i]) ++i;
    const bool doubled =
        (i > 0 && word[i] == word[i - 1]) || (i + 1 < word.size() && word[i] == word[i + 1]);
    return doubled && word.substr(i + 1) == name.substr(i);
  }
  if (word.size() != name.size()) return false;
  size_t i = 0;
  while (i < word.size() && word[i] == name[i]) ++i;
  if (i + 1 < word.size() && word[i] == name[i + 1] && word[i + 1] == name[i] &&
      word.substr(i + 2) == name.substr(i + 2)) {
    return true;
  }
  return word.substr(i + 1) == name.substr(i + 1) && KeysTouch(word[i], name[i]);
}

std::string Join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

std::string FormatScore(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%.2f", score);
  return buffer;
}

}  // namespace

std::string_view ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kSuspicious:
      return "suspicious";
    case Verdict::kMalicious:
      return "malicious";
  }
  return "ok";
}

Result<std::string> DefaultStalkerwareHostsPath() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("STALKGUARD_STALKERWARE_HOSTS"); env != nullptr && *env) {
    return std::string(env);
  }
  // The indicators sit beside the source tree (shared/data/...), as the stalkerware detector
  // finds its ioc.yaml: look above the binary, then above the working directory.
  constexpr std::string_view kRelative = "shared/data/stalkerware_indicators/generated/hosts";
  std::error_code ec;
  std::vector<fs::path> starts;
  if (fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec)
    starts.push_back(exe.parent_path());
  if (fs::path cwd = fs::current_path(ec); !ec) starts.push_back(cwd);
  for (fs::path dir : starts) {
    for (int up = 0; up <= 8 && !dir.empty(); ++up) {
      if (fs::is_regular_file(dir / kRelative, ec)) return (dir / kRelative).string();
      if (dir == dir.parent_path()) break;
      dir = dir.parent_path();
    }
  }
  return MakeError(ErrorCode::kNotFound,
                   "no stalkerware network list (shared/data/stalkerware_indicators/generated/"
                   "hosts) above the binary or the working directory; set "
                   "$STALKGUARD_STALKERWARE_HOSTS");
}

LinkJudgeOptions DefaultLinkJudgeOptions() {
  LinkJudgeOptions options;
  options.config_dir = FindDataPath("config/links", "STALKGUARD_LINKS_CONFIG");
  options.model_path = FindDataPath("models/links.sgl", "STALKGUARD_LINK_MODEL");
  if (Result<std::string> hosts = DefaultStalkerwareHostsPath()) {
    options.feeds.push_back({*hosts, FeedKind::kStalkerware});
  }
  return options;
}

struct FeedInfo {
  std::string name;
  FeedKind kind;
};

struct LinkJudge::Impl {
  LinkConfig config;
  internal::DomainTools tools;
  std::optional<UrlModel> model;
  std::vector<FeedInfo> feeds;
  std::unordered_map<std::string, uint16_t> feed_domains;  // value: index into feeds
  std::unordered_map<std::string, uint16_t> feed_urls;
  std::vector<std::string> warnings;
  std::unordered_set<std::string> known_domains;  // every brand domain and well-known site

  Impl(LinkConfig c, internal::DomainTools t) : config(std::move(c)), tools(std::move(t)) {
    known_domains = config.well_known;
    for (const Brand& brand : config.brands) {
      known_domains.insert(brand.domains.begin(), brand.domains.end());
    }
  }

  Analysis Analyze(std::string_view url) const;
  void CheckFeeds(Analysis& a) const;
  void CheckHost(Analysis& a) const;
  void CheckBrands(Analysis& a) const;
  void CheckWords(Analysis& a) const;
  bool IsKnownSite(const std::string& host) const;
  bool IsFreeHosting(const UrlParts& parts, const HostFacts& facts) const;
  std::vector<uint32_t> Features(const Analysis& a, uint32_t bucket_bits) const;
};

bool LinkJudge::Impl::IsFreeHosting(const UrlParts& parts, const HostFacts& facts) const {
  const auto& hosting = config.free_hosting;
  if (hosting.count(parts.host) || hosting.count(facts.registrable)) return true;
  // "sites.google.com" listed covers "sites.google.com" only; a listed registrable domain
  // ("000webhostapp.com") covers every site under it.
  for (std::string_view h = parts.host; !h.empty();) {
    const size_t dot = h.find('.');
    if (dot == std::string_view::npos) break;
    h.remove_prefix(dot + 1);
    if (hosting.count(std::string(h))) return true;
  }
  return false;
}

bool LinkJudge::Impl::IsKnownSite(const std::string& host) const {
  for (std::string_view h = host; !h.empty();) {
    if (known_domains.count(std::string(h))) return true;
    const size_t dot = h.find('.');
    if (dot == std::string_view::npos) break;
    h.remove_prefix(dot + 1);
  }
  return false;
}

void LinkJudge::Impl::CheckFeeds(Analysis& a) const {
  std::optional<uint16_t> hit;
  if (!feed_urls.empty()) {
    if (auto it = feed_urls.find(internal::UrlFeedKey(a.parts)); it != feed_urls.end()) {
      hit = it->second;
    }
  }
  // The host, then each parent down to the registrable domain: a listed "evil.example" covers
  // "login.evil.example", but a listed "a.appspot.com" does not cover "b.appspot.com".
  std::string_view host = a.parts.host;
  while (!hit && !host.empty()) {
    if (auto it = feed_domains.find(std::string(host)); it != feed_domains.end()) {
      hit = it->second;
      break;
    }
    if (a.parts.host_kind != HostKind::kName || host.size() <= a.facts.registrable.size()) break;
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  if (!hit) return;
  a.listed = true;
  const FeedInfo& feed = feeds[*hit];
  if (feed.kind == FeedKind::kStalkerware) {
    a.found.push_back(
        {Reason::kStalkerwareHost,
         "the link goes to a server that stalkerware apps use (on the stalkerware list " +
             feed.name +
             "): it may install spyware, or a phone that opens it may already "
             "have some",
         "stalkerware server"});
  } else {
    a.found.push_back({Reason::kFeedListed,
                       "the link is on the blocklist " + feed.name +
                           " of known phishing and "
                           "malware links",
                       "on blocklist " + feed.name});
  }
}

void LinkJudge::Impl::CheckHost(Analysis& a) const {
  const UrlParts& p = a.parts;
  const HostFacts& f = a.facts;
  if (p.host_kind == HostKind::kIpv4 || p.host_kind == HostKind::kIpv6) {
    std::string text = "the link goes to a bare IP address (" + p.host + "), not a named site";
    if (p.ip_obfuscated) text += ", and writes it in a disguised form (" + p.host_text + ")";
    a.found.push_back({Reason::kIpHost, text, "bare IP address"});
  }
  if (!p.userinfo.empty()) {
    a.found.push_back({Reason::kUserinfo,
                       "the part before '@' (" + std::string(Utf8Prefix(p.userinfo, 60)) +
                           ") only looks like the destination; the link really goes to " +
                           p.unicode_host,
                       "'@' trick"});
  }
  if (p.port >= 0 && p.port != 80 && p.port != 443) {
    a.found.push_back({Reason::kNonstandardPort,
                       "the link uses an unusual port (:" + std::to_string(p.port) +
                           "), which ordinary websites do not",
                       "unusual port"});
  }
  if (p.host_kind != HostKind::kName) return;

  if (p.host.find("xn--") != std::string::npos) {
    a.found.push_back({Reason::kPunycodeHost,
                       "the site name uses non-Latin or accented letters (" + p.unicode_host +
                           ", really " + p.host + ")",
                       "international letters"});
  }
  for (std::string_view rest = p.unicode_host; !rest.empty();) {
    const size_t dot = std::min(rest.find('.'), rest.size());
    const std::string_view label = rest.substr(0, dot);
    const bool ascii = std::all_of(label.begin(), label.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && tools.MixedScript(label)) {
      a.found.push_back({Reason::kMixedScript,
                         "the site name mixes letters of different alphabets (" +
                             std::string(label) + "), a way to imitate a real name",
                         "mixed alphabets"});
      break;
    }
    rest = dot < rest.size() ? rest.substr(dot + 1) : std::string_view();
  }
  const size_t sub_labels = CountLabels(f.sub);
  if (sub_labels >= static_cast<size_t>(config.many_subdomains)) {
    a.found.push_back({Reason::kManySubdomains,
                       "the site name has many parts in front of the real site (" + f.registrable +
                           "), which pushes the real name out of sight",
                       "many subdomains"});
  }
  if (p.host.size() >= static_cast<size_t>(config.long_host)) {
    a.found.push_back(
        {Reason::kLongHost,
         "the site name is unusually long (" + std::to_string(p.host.size()) + " characters)",
         "very long site name"});
  }
  if (config.shorteners.count(p.host) || config.shorteners.count(f.registrable)) {
    a.found.push_back({Reason::kShortener,
                       "the link is shortened (" + p.host + "), which hides where it really goes",
                       "shortened link"});
  }
  const size_t dot = p.host.rfind('.');
  const std::string tld = dot == std::string::npos ? p.host : p.host.substr(dot + 1);
  if (config.risky_tlds.count(tld)) {
    a.found.push_back(
        {Reason::kRiskyTld,
         "the site name ends in ." + tld + ", an ending much used for throwaway scam sites",
         "risky ." + tld + " domain"});
  }
  if (IsFreeHosting(p, f)) {
    a.found.push_back(
        {Reason::kFreeHosting,
         "the page is on " + f.registrable + ", a free service where anyone can put up a page",
         "free hosting"});
  }
}

void LinkJudge::Impl::CheckBrands(Analysis& a) const {
  const UrlParts& p = a.parts;
  const HostFacts& f = a.facts;
  if (a.known_site || p.host_kind == HostKind::kNone) return;

  // Words of the registered label, "paypa1-secure" -> {"paypa1", "secure"}, and the label
  // without separators, "paypa1secure"; with their skeletons.
  std::vector<std::string> label_words;
  std::string joined;
  if (p.host_kind == HostKind::kName) {
    for (size_t i = 0; i <= f.unicode_label.size();) {
      size_t end = f.unicode_label.find_first_of("-_", i);
      if (end == std::string::npos) end = f.unicode_label.size();
      if (end > i) label_words.push_back(f.unicode_label.substr(i, end - i));
      joined += f.unicode_label.substr(i, end - i);
      i = end + 1;
    }
  }
  std::vector<std::string> label_skeletons;
  for (const auto& w : label_words) label_skeletons.push_back(tools.Skeleton(w));
  const std::string joined_skeleton = tools.Skeleton(joined);
  std::vector<std::string> sub_words;
  for (size_t i = 0; i <= f.unicode_sub.size();) {
    size_t end = f.unicode_sub.find_first_of(".-_", i);
    if (end == std::string::npos) end = f.unicode_sub.size();
    if (end > i) sub_words.push_back(f.unicode_sub.substr(i, end - i));
    i = end + 1;
  }
  std::vector<std::string> sub_skeletons;
  for (const auto& w : sub_words) sub_skeletons.push_back(tools.Skeleton(w));
  const std::string dotted_sub = "." + f.sub + ".";

  std::optional<Found> best;
  auto offer = [&](Reason reason, std::string text, std::string brief) {
    if (!best || config.weights[static_cast<size_t>(reason)] >
                     config.weights[static_cast<size_t>(best->reason)]) {
      best = Found{reason, std::move(text), std::move(brief)};
    }
  };
  const std::string shown = p.unicode_host;
  for (const Brand& brand : config.brands) {
    const std::string& real = brand.domains.front();
    for (size_t i = 0; i < label_words.size(); ++i) {
      const std::string& word = label_words[i];
      if (word == brand.name) {
        offer(Reason::kBrandInDomain,
              "the site " + f.registrable + " uses the name " + brand.name + " but is not " +
                  brand.name + "'s own site (" + real + ")",
              "uses the name " + brand.name);
      } else if (brand.name.size() >= 4 && label_skeletons[i] == brand.skeleton) {
        offer(Reason::kLookalikeDomain, "the site name " + shown + " is made to look like " + real,
              "look-alike of " + real);
      } else if (brand.name.size() >= kMinTypoBrand && word.size() >= kMinTypoBrand &&
                 IsTypoOf(word, brand.name)) {
        offer(Reason::kLookalikeDomain,
              "the site name " + shown + " is one typing slip away from " + real,
              "look-alike of " + real);
      }
    }
    if (brand.name.size() >= kMinCompoundBrand && !brand.whole_word) {
      if (joined.find(brand.name) != std::string::npos) {
        offer(Reason::kBrandInDomain,
              "the site " + f.registrable + " has " + brand.name + " in its name but is not " +
                  brand.name + "'s own site (" + real + ")",
              "uses the name " + brand.name);
      } else if (joined_skeleton.find(brand.skeleton) != std::string::npos) {
        offer(Reason::kLookalikeDomain, "the site name " + shown + " is made to look like " + real,
              "look-alike of " + real);
      }
    }
    bool in_sub = brand.name.find('.') != std::string::npos &&
                  dotted_sub.find("." + brand.name + ".") != std::string::npos;
    for (size_t i = 0; i < sub_words.size() && !in_sub; ++i) {
      const std::string& word = sub_words[i];
      // A name of two or three letters ("ee", "sky", "bt") is an ordinary subdomain too
      // ("ee.cooper.edu" is a university's engineering department); it counts only when
      // followed by an ending, as the brand's own address would be ("aol.com.evil.example").
      in_sub = (word == brand.name && (brand.name.size() >= kMinShortBrandInSub ||
                                       ShortBrandAsSite(dotted_sub, brand))) ||
               (brand.name.size() >= 4 && sub_skeletons[i] == brand.skeleton) ||
               (brand.name.size() >= kMinCompoundBrand && !brand.whole_word &&
                word.find(brand.name) != std::string::npos);
    }
    if (in_sub) {
      offer(Reason::kBrandInSubdomain,
            "the link starts with " + brand.name + " but goes to " + f.registrable + ", not to " +
                real,
            brand.name + " name on " + f.registrable);
    }
  }
  if (!best) {
    // The brand only in the path ("/paypal/webscr") on a site with no brand in its name.
    const std::vector<std::string> words = Words(p.path);
    for (const Brand& brand : config.brands) {
      if (brand.name.size() < 4) continue;
      if (std::find(words.begin(), words.end(), brand.name) != words.end()) {
        offer(Reason::kBrandInPath,
              "the address mentions " + brand.name + " but the site is " + f.registrable +
                  ", not " + brand.domains.front(),
              brand.name + " page on " + f.registrable);
        break;
      }
    }
  }
  if (best) a.found.push_back(std::move(*best));
}

void LinkJudge::Impl::CheckWords(Analysis& a) const {
  const UrlParts& p = a.parts;
  // Executable downloads: the last path segment's extension.
  const std::string last = AsciiLower(
      internal::PercentDecode(p.path.substr(std::min(p.path.rfind('/') + 1, p.path.size()))));
  if (const size_t dot = last.rfind('.'); dot != std::string::npos) {
    const std::string ext = last.substr(dot + 1);
    if (config.download_extensions.count(ext)) {
      a.found.push_back({Reason::kExecutableDownload,
                         "the link downloads a program (." + ext +
                             "); installing one can put spyware on a phone or computer",
                         "downloads a ." + ext + " program"});
    }
  }
  const std::string decoded = AsciiLower(internal::PercentDecode(p.path + "?" + p.query));
  if (decoded.find("http://") != std::string::npos ||
      decoded.find("https://") != std::string::npos || decoded.find("www.") != std::string::npos) {
    a.found.push_back({Reason::kEmbeddedUrl,
                       "the link carries another address inside it, a way to bounce through a "
                       "site you trust",
                       "address inside the address"});
  }
  if (a.known_site) return;

  std::vector<std::string> words = Words(a.facts.sub);
  for (auto& w : Words(a.facts.label)) words.push_back(std::move(w));
  for (auto& w : Words(p.path)) words.push_back(std::move(w));
  for (auto& w : Words(p.query, 32)) words.push_back(std::move(w));
  std::vector<std::string> lures;
  for (const std::string& word : words) {
    std::string match;
    if (config.lure_words.count(word)) {
      match = word;
    } else {
      for (const std::string& lure : config.lure_words) {
        if (lure.size() < kMinCompoundLure || word.size() < lure.size() + 2) continue;
        if (word.starts_with(lure) || word.ends_with(lure)) {
          match = lure;
          break;
        }
      }
    }
    if (!match.empty() && std::find(lures.begin(), lures.end(), match) == lures.end()) {
      lures.push_back(match);
      if (lures.size() == 4) break;
    }
  }
  if (lures.empty()) return;
  a.found.push_back({Reason::kLureWords,
                     "the address has words used to get people to type a password or pay (" +
                         Join(lures, ", ") + ")",
                     "lure words (" + Join(lures, ", ") + ")"});
  if (p.scheme_given && p.scheme == "http") {
    a.found.push_back({Reason::kHttpLure,
                       "the link asks for a login or payment over plain http, which no real bank "
                       "or service does",
                       "login over plain http"});
  }
}

Analysis LinkJudge::Impl::Analyze(std::string_view url) const {
  Analysis a;
  a.parts = internal::ParseUrl(url);
  UrlParts& p = a.parts;
  if (!p.hierarchical) {
    if (p.scheme == "javascript" || p.scheme == "data" || p.scheme == "vbscript") {
      a.found.push_back({Reason::kScriptScheme,
                         "the link is a " + p.scheme +
                             ": link, which runs code or carries a whole page inside itself "
                             "instead of going to a site",
                         p.scheme + ": link"});
    }
    return a;
  }
  if (p.host.empty()) {
    a.found.push_back({Reason::kMalformed, "the link has no site name", "no site name"});
    return a;
  }
  HostFacts& f = a.facts;
  if (p.host_kind == HostKind::kName) {
    f.registrable = tools.RegistrableDomain(p.host);
    f.suffix = tools.PublicSuffix(p.host);
    const size_t registrable_labels = CountLabels(f.registrable);
    const size_t suffix_labels = std::min(CountLabels(f.suffix), registrable_labels);
    f.label = std::string(WithoutLastLabels(f.registrable, suffix_labels));
    if (f.label.empty()) f.label = f.registrable;
    f.sub = std::string(WithoutLastLabels(p.host, registrable_labels));
    const std::string_view unicode_registrable = LastLabels(p.unicode_host, registrable_labels);
    f.unicode_label = std::string(WithoutLastLabels(unicode_registrable, suffix_labels));
    if (f.unicode_label.empty()) f.unicode_label = std::string(unicode_registrable);
    f.unicode_sub = std::string(WithoutLastLabels(p.unicode_host, registrable_labels));
  } else {
    f.registrable = p.host;
  }
  a.known_site = p.host_kind == HostKind::kName && IsKnownSite(p.host);

  CheckFeeds(a);
  CheckHost(a);
  CheckBrands(a);
  CheckWords(a);
  if (!p.rfc3986 || p.idna_error) {
    a.found.push_back({Reason::kMalformed,
                       "the link is not well formed; browsers put up with it, real sites rarely "
                       "write it",
                       "malformed link"});
  }
  return a;
}

std::vector<uint32_t> LinkJudge::Impl::Features(const Analysis& a, uint32_t bucket_bits) const {
  std::vector<Reason> reasons;
  for (const Found& found : a.found) {
    // The scheme is left out of the features (url_features.h), so is the one reason built on it.
    if (found.reason != Reason::kHttpLure && found.reason != Reason::kFeedListed &&
        found.reason != Reason::kStalkerwareHost) {
      reasons.push_back(found.reason);
    }
  }
  std::string_view host = a.parts.host;
  if (host.starts_with("www.")) host.remove_prefix(4);
  const internal::FeatureInput input{host,          a.facts.suffix,    a.parts.path,
                                     a.parts.query, a.parts.has_query, reasons};
  std::vector<uint32_t> ids;
  internal::ExtractUrlFeatures(input, bucket_bits, ids);
  return ids;
}

LinkJudge::LinkJudge(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LinkJudge::LinkJudge(LinkJudge&&) noexcept = default;
LinkJudge& LinkJudge::operator=(LinkJudge&&) noexcept = default;
LinkJudge::~LinkJudge() = default;

Result<LinkJudge> LinkJudge::Create(const LinkJudgeOptions& options) {
  SG_ASSIGN_OR_RETURN(LinkConfig config, internal::LoadLinkConfig(options.config_dir));
  SG_ASSIGN_OR_RETURN(internal::DomainTools tools,
                      internal::DomainTools::Create(options.public_suffix_list));
  for (Brand& brand : config.brands) brand.skeleton = tools.Skeleton(brand.name);
  auto impl = std::make_unique<Impl>(std::move(config), std::move(tools));
  if (!options.model_path.empty()) {
    SG_ASSIGN_OR_RETURN(impl->model, ReadUrlModelFile(options.model_path));
  }
  for (const FeedSpec& spec : options.feeds) {
    if (impl->feeds.size() >= 0xFFFF) {
      return MakeError(ErrorCode::kUnsupported, spec.path + ": too many feeds");
    }
    SG_ASSIGN_OR_RETURN(Feed feed, LoadFeedFile(spec.path));
    const auto index = static_cast<uint16_t>(impl->feeds.size());
    impl->feeds.push_back({feed.name, spec.kind});
    // The first feed that lists an entry names it; a stalkerware feed is loaded like any other.
    for (auto& domain : feed.domains) impl->feed_domains.emplace(std::move(domain), index);
    for (auto& url : feed.urls) impl->feed_urls.emplace(std::move(url), index);
    for (auto& warning : feed.warnings) impl->warnings.push_back(std::move(warning));
    if (feed.skipped > feed.warnings.size()) {
      impl->warnings.push_back(spec.path + ": " + std::to_string(feed.skipped) +
                               " records skipped in all");
    }
  }
  return LinkJudge(std::move(impl));
}

LinkVerdict LinkJudge::Judge(std::string_view url) const {
  const Analysis a = impl_->Analyze(url);
  const LinkConfig& config = impl_->config;
  LinkVerdict verdict;
  verdict.url = std::string(url);
  verdict.host = a.parts.host;
  verdict.unicode_host = a.parts.unicode_host;
  verdict.registrable_domain = a.facts.registrable;
  verdict.known_site = a.known_site;
  for (const Found& found : a.found) {
    verdict.reasons.push_back({std::string(internal::ReasonName(found.reason)), found.text,
                               found.brief, config.weights[static_cast<size_t>(found.reason)]});
  }
  const bool web = a.parts.hierarchical && !a.parts.host.empty() &&
                   (a.parts.scheme == "http" || a.parts.scheme == "https");
  // A shortened link's address is a random code: the model would judge only the shortener,
  // which the "shortener" reason already weighs.
  const bool shortened = std::any_of(a.found.begin(), a.found.end(), [](const Found& found) {
    return found.reason == Reason::kShortener;
  });
  if (impl_->model && web && !a.known_site && !a.listed && !shortened) {
    const double m = impl_->model->Score(impl_->Features(a, impl_->model->bucket_bits));
    verdict.model_score = m;
    for (size_t i = 0; i < a.found.size(); ++i) {
      if (config.absorbed[static_cast<size_t>(a.found[i].reason)]) verdict.reasons[i].weight = 0;
    }
    if (m >= config.model_floor) {
      // A bare site name that shows no other sign at all: only its name to go on.
      const bool bare =
          (a.parts.path.empty() || a.parts.path == "/") && a.parts.query.empty() && a.found.empty();
      const double cap = std::min(config.model_cap, bare ? config.model_bare_cap : 1.0);
      verdict.reasons.push_back({std::string(internal::ReasonName(Reason::kModel)),
                                 "the address looks like known phishing, malware or spam links "
                                 "(learned model: " +
                                     FormatScore(m) + ")",
                                 "looks like known bad links (model " + FormatScore(m) + ")",
                                 std::min(cap, config.model_scale * m)});
    }
  }
  std::stable_sort(verdict.reasons.begin(), verdict.reasons.end(),
                   [](const LinkReason& x, const LinkReason& y) { return x.weight > y.weight; });
  double keep = 1.0;
  for (const LinkReason& reason : verdict.reasons)
    keep *= 1.0 - std::clamp(reason.weight, 0.0, 1.0);
  verdict.score = std::clamp(1.0 - keep, 0.0, 1.0);
  if (a.listed || verdict.score >= config.malicious) {
    verdict.verdict = Verdict::kMalicious;
  } else if (verdict.score >= config.suspicious) {
    verdict.verdict = Verdict::kSuspicious;
  }
  return verdict;
}

std::vector<uint32_t> LinkJudge::ModelFeatures(std::string_view url, uint32_t bucket_bits) const {
  return impl_->Features(impl_->Analyze(url), bucket_bits);
}

const std::vector<std::string>& LinkJudge::warnings() const { return impl_->warnings; }

bool LinkJudge::has_model() const { return impl_->model.has_value(); }
double LinkJudge::suspicious_threshold() const { return impl_->config.suspicious; }
double LinkJudge::malicious_threshold() const { return impl_->config.malicious; }

std::string Summary(const LinkVerdict& verdict) {
  if (verdict.reasons.empty()) return {};
  std::string out = verdict.reasons.front().brief;
  const std::string& host = verdict.unicode_host.empty() ? verdict.host : verdict.unicode_host;
  if (!host.empty()) out += " (" + host + ")";
  return out;
}

}  // namespace stalkguard::links
