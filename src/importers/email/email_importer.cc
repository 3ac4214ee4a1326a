#include "importers/email/email_importer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "importers/email/internal/message_reader.h"
#include "importers/email/internal/mime_message.h"
#include "importers/internal/media_type.h"

namespace stalkguard::importers {
namespace {

namespace ei = email_internal;

// Headers nearly every stored message carries; two of them in the first header block make a
// file a message rather than some other "Key: value" text.
constexpr std::array<std::string_view, 9> kWellKnownHeaders = {
    "from",     "to",          "subject",      "date",        "message-id",
    "received", "return-path", "mime-version", "delivered-to"};

constexpr int kMboxScore = 95;
constexpr int kMessageScore = 80;
constexpr int kOneHeaderScore = 30;
constexpr int kNameBonus = 3;

// "1709317325.M1P2.host:2,S", "1709317325.M1P2.host" (new/): seconds, a dot, more.
bool LooksLikeMaildirName(std::string_view name) {
  name = LastPathComponent(name);
  size_t digits = 0;
  while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) {
    ++digits;
  }
  return digits >= 9 && digits < name.size() && name[digits] == '.';
}

bool HasMailName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  return lower.ends_with(".eml") || lower.ends_with(".mbox") || lower.ends_with(".mbx") ||
         lower.ends_with(".mbs") || LooksLikeMaildirName(name);
}

// Splits `head` into lines without their endings; the last one may be cut.
std::vector<std::string_view> HeadLines(std::string_view head, size_t max_lines) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < head.size() && lines.size() < max_lines) {
    const size_t nl = head.find('\n', pos);
    std::string_view line =
        head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

int CountWellKnownHeaders(const std::vector<std::string_view>& lines, size_t from) {
  std::vector<std::string> seen;
  for (size_t i = from; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) break;                                    // end of the header block
    if (line.front() == ' ' || line.front() == '\t') continue;  // a folded continuation
    if (!ei::IsHeaderLine(line)) break;
    const std::string name = AsciiLower(line.substr(0, line.find_first_of(" \t:")));
    if (std::find(kWellKnownHeaders.begin(), kWellKnownHeaders.end(), name) !=
            kWellKnownHeaders.end() &&
        std::find(seen.begin(), seen.end(), name) == seen.end()) {
      seen.push_back(name);
    }
  }
  return static_cast<int>(seen.size());
}

class EmailImporter : public Importer {
 public:
  std::string_view Name() const override { return "email"; }

  int Sniff(std::string_view name, std::string_view head) const override {
    const std::vector<std::string_view> lines = HeadLines(head, 200);
    size_t first = 0;
    while (first < lines.size() && lines[first].find_first_not_of(" \t") == std::string::npos) {
      ++first;
    }
    if (first >= lines.size()) return 0;
    int score = 0;
    if (lines[first].starts_with("From ") && !ei::IsHeaderLine(lines[first])) {
      // "From jordan@example.com Fri Mar  1 18:22:05 2024" then the message's headers.
      if (first + 1 < lines.size() && ei::IsHeaderLine(lines[first + 1])) score = kMboxScore;
    } else if (ei::IsHeaderLine(lines[first])) {
      const int known = CountWellKnownHeaders(lines, first);
      score = known >= 2 ? kMessageScore : (known == 1 ? kOneHeaderScore : 0);
    }
    if (score > 0 && HasMailName(name)) score += kNameBonus;
    return score;
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    ei::MessageReader reader(source);
    while (auto msg = reader.Next()) {
      SourceRef where{source.name(), "message " + std::to_string(msg->index) + " (line " +
                                         std::to_string(msg->first_line) + ")"};
      if (msg->not_email) {
        sink.Reject(where,
                    "not an e-mail message: the file starts neither with an mbox "
                    "\"From \" line nor with a header");
        continue;
      }
      if (msg->oversized) {
        sink.Reject(where, "message longer than " +
                               std::to_string(ei::MessageReader::kDefaultMaxMessageBytes >> 20) +
                               " MiB");
        continue;
      }
      Result<Event> parsed = ei::ParseMimeMessage(msg->bytes, msg->envelope, options.normalizer);
      if (!parsed) {
        sink.Reject(where, parsed.error().message);
        continue;
      }
      Event event = std::move(*parsed);
      event.source = std::move(where);
      event.raw = std::move(msg->bytes);
      sink.Emit(std::move(event));
    }
    if (reader.error()) return tl::unexpected(*reader.error());
    return OkStatus();
  }
};

}  // namespace

std::unique_ptr<Importer> MakeEmailImporter() { return std::make_unique<EmailImporter>(); }

}  // namespace stalkguard::importers
