// Feed: a blocklist of bad links, sites and addresses read from a file, in any of the common
// formats, told apart by content (docs/detectors/links.md shows a sample of each):
//   - a plain list: one domain, IP address or URL per line, '#' comments;
//   - a hosts file: "0.0.0.0 evil.example" (the stalkerware indicators' network list loads
//     either way);
//   - URLhaus CSV: '#' comment lines, the header among them ("# id,dateadded,url,..."), then
//     quoted rows;
//   - PhishTank CSV ("phish_id,url,...") or any CSV whose header has a "url" column;
//   - PhishTank JSON: an array of objects with a "url" string.
//
//   SG_ASSIGN_OR_RETURN(Feed feed, LoadFeedFile("feeds/urlhaus.csv"));
//
// Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::links {

enum class FeedFormat { kPlainList, kHosts, kUrlhausCsv, kPhishtankCsv, kCsv, kPhishtankJson };

std::string_view ToString(FeedFormat format);

struct Feed {
  std::string name;  // the file's name without its directory, shown in reasons
  FeedFormat format = FeedFormat::kPlainList;
  // Lower-case ASCII host names ("xn--" for international ones) and IP addresses; a link whose
  // host is one of them or lies under one ("a.evil.example" under "evil.example") is listed.
  std::vector<std::string> domains;
  // Listed links, each as the key the judge looks links up by (host, port, path and query;
  // scheme and fragment left out).
  std::vector<std::string> urls;
  // One message per skipped record, naming file and line: "feed.csv:12: unterminated quote".
  // Only the first kMaxFeedWarnings are kept; `skipped` counts them all.
  std::vector<std::string> warnings;
  size_t skipped = 0;
};

inline constexpr size_t kMaxFeedWarnings = 20;

// Reads `content`, the whole file; `source` names it in messages. A bad record is skipped
// with a warning. Fails when the content is not JSON it can read (the message gives the line),
// when JSON is not an array, or when every record was bad (the message is the first bad
// record's).
Result<Feed> ParseFeed(std::string_view content, std::string_view source);

// ParseFeed of the file at `path`; also fails when the file cannot be read.
Result<Feed> LoadFeedFile(const std::string& path);

}  // namespace stalkguard::links
