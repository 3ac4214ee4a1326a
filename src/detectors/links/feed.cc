#include "detectors/links/feed.h"

#include <simdjson.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/strings.h"
#include "detectors/links/internal/link_config.h"
#include "detectors/links/internal/url_parts.h"

namespace stalkguard::links {
namespace {

using internal::HostKind;
using internal::ParseUrl;
using internal::UrlParts;

// Names that hosts files map to an address for the machine itself; they are no blocklist
// entry. A typical head of /etc/hosts-style lists: "127.0.0.1 localhost".
constexpr std::string_view kHostsFileNames[] = {
    "localhost",     "localhost.localdomain", "local",        "broadcasthost",
    "ip6-localhost", "ip6-loopback",          "ip6-localnet", "ip6-mcastprefix",
    "ip6-allnodes",  "ip6-allrouters",        "ip6-allhosts", "0.0.0.0"};

class FeedBuilder {
 public:
  FeedBuilder(std::string_view source, Feed& feed) : source_(source), feed_(feed) {}

  void Warn(size_t line, std::string_view what) {
    ++feed_.skipped;
    if (feed_.warnings.size() < kMaxFeedWarnings) {
      feed_.warnings.push_back(std::string(source_) + ":" + std::to_string(line) + ": " +
                               std::string(what));
    }
  }

  // A URL from a CSV or JSON record, or a line of a list with a '/' in it.
  void AddUrl(size_t line, std::string_view text) {
    const UrlParts parts = ParseUrl(text);
    if (!parts.hierarchical || parts.host.empty() || parts.idna_error) {
      Warn(line, Quoted(text, " is not a URL"));
      return;
    }
    feed_.urls.push_back(internal::UrlFeedKey(parts));
  }

  // A domain name or IP address; "*.evil.example" means the same as "evil.example".
  void AddDomain(size_t line, std::string_view text) {
    if (text.substr(0, 2) == "*.") text.remove_prefix(2);
    const UrlParts parts = ParseUrl(text);
    if (!IsHostEntry(parts) || parts.port != -1 || !parts.userinfo.empty()) {
      Warn(line, Quoted(text, " is not a domain, IP address or URL"));
      return;
    }
    feed_.domains.push_back(parts.host);
  }

  // A line of a plain list or hosts file.
  void AddListLine(size_t line_number, std::string_view line) {
    line = TrimAscii(line);
    if (line.empty() || line.front() == '#' || line.front() == '!') return;
    // Trailing comments: "0.0.0.0 evil.example # tracker".
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = TrimAscii(line.substr(0, i));
        break;
      }
    }
    std::vector<std::string_view> tokens;
    for (size_t i = 0; i < line.size();) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) tokens.push_back(line.substr(i, j - i));
      i = j;
    }
    if (tokens.size() >= 2 && IsAddress(tokens[0])) {
      ++hosts_lines_;
      for (size_t t = 1; t < tokens.size(); ++t) {
        const std::string name = AsciiLower(tokens[t]);
        if (std::find(std::begin(kHostsFileNames), std::end(kHostsFileNames), name) !=
            std::end(kHostsFileNames)) {
          continue;
        }
        AddDomain(line_number, tokens[t]);
      }
    } else if (tokens.size() == 1) {
      ++list_lines_;
      if (tokens[0].find('/') != std::string_view::npos) {
        AddUrl(line_number, tokens[0]);
      } else {
        AddDomain(line_number, tokens[0]);
      }
    } else {
      Warn(line_number,
           "expected a domain, IP address, URL or \"address host\" line, got " + Quoted(line, ""));
    }
  }

  bool MostlyHosts() const { return hosts_lines_ > list_lines_; }

 private:
  // "\"text\"" and `what`, the text cut at 80 bytes. Built by appending: GCC 12 warns
  // falsely (-Wrestrict, PR 105651) about "literal" + std::string.
  static std::string Quoted(std::string_view text, std::string_view what) {
    std::string out = "\"";
    out += Utf8Prefix(text, 80);
    if (text.size() > 80) out += "...";
    out += '"';
    out += what;
    return out;
  }

  static bool IsAddress(std::string_view token) {
    if (token.find(':') != std::string_view::npos) {
      return token.find_first_not_of("0123456789abcdefABCDEF:.%") == std::string_view::npos ||
             token.find('%') != std::string_view::npos;
    }
    return std::count(token.begin(), token.end(), '.') == 3 && internal::ParseIpv4(token);
  }

  static bool IsHostEntry(const UrlParts& parts) {
    if (parts.host_kind == HostKind::kIpv4 || parts.host_kind == HostKind::kIpv6) return true;
    if (parts.host_kind != HostKind::kName || parts.idna_error) return false;
    const std::string& host = parts.host;
    if (host.size() > 253 || host.find('.') == std::string::npos) return false;
    if (host.find("..") != std::string::npos || host.front() == '.') return false;
    return host.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string::npos;
  }

  std::string_view source_;
  Feed& feed_;
  size_t hosts_lines_ = 0;
  size_t list_lines_ = 0;
};

size_t LineAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The fields of one CSV line (RFC 4180 quoting; a feed never breaks a record over lines), or
// nullopt with `error` set.
std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line, std::string& error) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        error = "unterminated quote";
        return std::nullopt;
      }
      if (i < line.size() && line[i] != ',') {
        error = "text after a closing quote";
        return std::nullopt;
      }
    } else {
      const size_t comma = std::min(line.find(',', i), line.size());
      field = std::string(line.substr(i, comma - i));
      i = comma;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

int ColumnOf(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (AsciiLower(TrimAscii(header[i])) == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string_view> SplitLines(std::string_view content) {
  std::vector<std::string_view> lines;
  while (!content.empty()) {
    size_t end = content.find('\n');
    std::string_view line = content.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    content.remove_prefix(end + 1);
  }
  return lines;
}

// Where JSON stops being valid. simdjson finds that the document is broken, often before it
// reads the broken part, and does not say where; nlohmann/json's parser reports the byte. Only
// called on the error path.
size_t SyntaxErrorOffset(std::string_view content) {
  try {
    const nlohmann::json parsed = nlohmann::json::parse(content.begin(), content.end());
    (void)parsed;
  } catch (const nlohmann::json::parse_error& error) {
    return error.byte > 0 ? error.byte - 1 : 0;
  } catch (const nlohmann::json::exception&) {
  }
  return 0;
}

Status ParseJson(std::string_view content, FeedBuilder& builder, std::string_view source) {
  // PhishTank's online-valid.json: [{"phish_id":"123","url":"http://...","target":"..."}, ...]
  simdjson::padded_string padded(content);
  simdjson::ondemand::parser parser;
  const std::string_view base(padded.data(), padded.size());
  auto fail = [&](size_t offset, std::string_view what) {
    return MakeError(ErrorCode::kInvalidInput, std::string(source) + ":" +
                                                   std::to_string(LineAt(base, offset)) + ": " +
                                                   std::string(what));
  };
  simdjson::ondemand::document doc;
  simdjson::ondemand::array array;
  if (const auto error =
          parser.iterate(padded).get(doc) ? simdjson::TAPE_ERROR : doc.get_array().get(array)) {
    if (error == simdjson::INCORRECT_TYPE) {
      return fail(0, "a JSON feed must be an array of objects with a \"url\"");
    }
    return fail(SyntaxErrorOffset(content), "not valid JSON");
  }
  for (auto element_result : array) {
    simdjson::ondemand::value element;
    if (element_result.get(element)) return fail(SyntaxErrorOffset(content), "not valid JSON");
    const std::string_view token = element.raw_json_token();
    const size_t line = LineAt(base, static_cast<size_t>(token.data() - base.data()));
    simdjson::ondemand::object object;
    if (element.get_object().get(object)) {
      builder.Warn(line, "expected an object with a \"url\"");
      continue;
    }
    std::string_view url;
    const auto error = object.find_field_unordered("url").get_string().get(url);
    if (error == simdjson::NO_SUCH_FIELD || error == simdjson::INCORRECT_TYPE) {
      builder.Warn(line, "no \"url\" string in this object");
      continue;
    }
    if (error) {
      return fail(SyntaxErrorOffset(content), "not valid JSON");
    }
    builder.AddUrl(line, url);
  }
  // Anything left after the closing bracket is a second document, not part of the feed.
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) {
    return fail(static_cast<size_t>(rest - base.data()), "not valid JSON: text after the array");
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(FeedFormat format) {
  switch (format) {
    case FeedFormat::kPlainList:
      return "list";
    case FeedFormat::kHosts:
      return "hosts";
    case FeedFormat::kUrlhausCsv:
      return "urlhaus-csv";
    case FeedFormat::kPhishtankCsv:
      return "phishtank-csv";
    case FeedFormat::kCsv:
      return "csv";
    case FeedFormat::kPhishtankJson:
      return "phishtank-json";
  }
  return "list";
}

Result<Feed> ParseFeed(std::string_view content, std::string_view source) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  Feed feed;
  const size_t slash = source.find_last_of('/');
  feed.name = std::string(slash == std::string_view::npos ? source : source.substr(slash + 1));
  FeedBuilder builder(source, feed);

  const size_t first = content.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (content[first] == '[' || content[first] == '{')) {
    feed.format = FeedFormat::kPhishtankJson;
    SG_RETURN_IF_ERROR(ParseJson(content, builder, source));
  } else {
    const std::vector<std::string_view> lines = SplitLines(content);
    int url_column = -1;
    size_t data_from = 0;  // index of the first line that holds records
    // URLhaus keeps its header in a comment: "# id,dateadded,url,url_status,last_online,...".
    for (size_t i = 0; i < lines.size() && i < 64; ++i) {
      const std::string_view line = TrimAscii(lines[i]);
      if (line.empty() || line.front() != '#') continue;
      const std::string_view body = TrimAscii(line.substr(1));
      if (StartsWithIgnoreCase(body, "id,dateadded,url")) {
        std::string error;
        if (auto header = SplitCsvLine(body, error)) {
          url_column = ColumnOf(*header, "url");
          feed.format = FeedFormat::kUrlhausCsv;
        }
        break;
      }
    }
    if (url_column < 0) {
      for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = TrimAscii(lines[i]);
        if (line.empty() || line.front() == '#') continue;
        if (line.find(',') != std::string_view::npos) {
          std::string error;
          if (auto fields = SplitCsvLine(line, error)) {
            if (const int column = ColumnOf(*fields, "url"); column >= 0) {
              // A header: PhishTank's "phish_id,url,phish_detail_url,submission_time,...".
              url_column = column;
              feed.format =
                  ColumnOf(*fields, "phish_id") >= 0 ? FeedFormat::kPhishtankCsv : FeedFormat::kCsv;
              data_from = i + 1;
            } else if (line.front() == '"') {
              // Quoted rows with no header we know: the column that holds a link.
              for (size_t f = 0; f < fields->size(); ++f) {
                if ((*fields)[f].find("://") != std::string::npos) {
                  url_column = static_cast<int>(f);
                  feed.format = FeedFormat::kCsv;
                  data_from = i;
                  break;
                }
              }
            }
          }
        }
        break;
      }
    }
    if (url_column >= 0) {
      for (size_t i = data_from; i < lines.size(); ++i) {
        const std::string_view line = TrimAscii(lines[i]);
        if (line.empty() || line.front() == '#') continue;
        std::string error;
        const auto fields = SplitCsvLine(line, error);
        if (!fields) {
          builder.Warn(i + 1, error);
        } else if (static_cast<size_t>(url_column) >= fields->size()) {
          builder.Warn(i + 1, "has " + std::to_string(fields->size()) + " fields, no url column");
        } else {
          builder.AddUrl(i + 1, TrimAscii((*fields)[static_cast<size_t>(url_column)]));
        }
      }
    } else {
      for (size_t i = 0; i < lines.size(); ++i) builder.AddListLine(i + 1, lines[i]);
      feed.format = builder.MostlyHosts() ? FeedFormat::kHosts : FeedFormat::kPlainList;
    }
  }
  if (feed.domains.empty() && feed.urls.empty() && !feed.warnings.empty()) {
    return MakeError(ErrorCode::kInvalidInput, feed.warnings.front());
  }
  std::sort(feed.domains.begin(), feed.domains.end());
  feed.domains.erase(std::unique(feed.domains.begin(), feed.domains.end()), feed.domains.end());
  std::sort(feed.urls.begin(), feed.urls.end());
  feed.urls.erase(std::unique(feed.urls.begin(), feed.urls.end()), feed.urls.end());
  return feed;
}

Result<Feed> LoadFeedFile(const std::string& path) {
  SG_ASSIGN_OR_RETURN(std::string content, internal::ReadFileBytes(path));
  return ParseFeed(content, path);
}

}  // namespace stalkguard::links
