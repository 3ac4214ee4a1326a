#include "importers/whatsapp/whatsapp_importer.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/url_extract.h"
#include "core/utf8.h"
#include "importers/whatsapp/internal/chat_line.h"
#include "importers/whatsapp/internal/media_marker.h"

namespace stalkguard::importers {
namespace {

using whatsapp::LineHead;

constexpr std::string_view kPlatform = "whatsapp";
constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Sniff looks at this many non-empty lines: exports may open with a blank line or two, and a
// first message may run over several lines.
constexpr int kSniffLines = 5;
// How much of a line a rejection quotes.
constexpr size_t kQuoteBytes = 40;
// Longer than any display name; past it, "x: y" is a system line with a colon in it.
constexpr size_t kMaxSenderBytes = 128;

// The file name prefixes WhatsApp gives an export, before the chat's name:
// Android "WhatsApp Chat with Jordan Blake.txt", iOS "WhatsApp Chat - Jordan Blake.zip".
constexpr std::array<std::string_view, 8> kExportPrefixes = {
    "WhatsApp Chat with ",        // en, Android
    "WhatsApp Chat - ",           // iOS
    "WhatsApp Chat mit ",         // de
    "Discussion WhatsApp avec ",  // fr
    "Chat de WhatsApp con ",      // es
    "Conversa do WhatsApp com ",  // pt
    "WhatsApp-chat met ",         // nl
    "Chat WhatsApp con ",         // it
};

// iOS marks both system lines and media lines with U+200E after "Name: ". These texts are
// messages from the sender even so.
constexpr std::array<std::string_view, 14> kIosSenderMarked = {
    "This message was deleted",
    "You deleted this message",
    "<This message was edited>",
    "Missed voice call",
    "Missed video call",
    "Missed group voice call",
    "Missed group video call",
    "Voice call",
    "Video call",
    "Group voice call",
    "Group video call",
    "Location: ",
    "Live location",
    "POLL:",
};

struct Line {
  std::string_view text;  // without "\n" or "\r\n"
  size_t begin = 0;       // offset of `text` in the text split
  int64_t number = 0;     // 1-based
};

std::vector<Line> SplitLines(std::string_view all) {
  std::vector<Line> lines;
  size_t pos = 0;
  int64_t number = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    const size_t next = end == std::string_view::npos ? all.size() : end + 1;
    if (end == std::string_view::npos) end = all.size();
    size_t stop = end;
    if (stop > pos && all[stop - 1] == '\r') --stop;
    lines.push_back({all.substr(pos, stop - pos), pos, ++number});
    pos = next;
  }
  return lines;
}

bool IsBlank(std::string_view s) {
  s = whatsapp::StripLeadingMarks(s);
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// The start of `s` for a message about it, cut on a character boundary.
std::string Quote(std::string_view s) {
  const bool cut = s.size() > kQuoteBytes;
  return "\"" + SanitizeUtf8(Utf8Prefix(s, kQuoteBytes)) + (cut ? "...\"" : "\"");
}

// A display name without the direction marks iOS wraps phone numbers in
// ("\u202a+44 7700 900999\u202c") and with no-break spaces made plain.
std::string CleanName(std::string_view raw) {
  std::string out;
  size_t i = 0;
  while (i < raw.size()) {
    const std::string_view rest = raw.substr(i);
    if (whatsapp::StartsWithMark(rest)) {
      i += 3;
    } else if (rest.starts_with("\xC2\xA0")) {
      out += ' ';
      i += 2;
    } else {
      out += raw[i++];
    }
  }
  return std::string(TrimAscii(out, " \t"));
}

// "+44 7700 900999": a contact saved under no name shows as its number.
bool LooksLikePhone(std::string_view name) {
  if (name.empty() || name.front() != '+') return false;
  int digits = 0;
  for (char c : name.substr(1)) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 7;
}

// Splits "Jordan Blake: text" at the first ": ". False for a line without a sender, as
// Android writes system lines: "You blocked this contact. Tap to unblock." A would-be name
// with quotes in it is the subject of a system line: 'Alex changed the subject to "a: b"'.
bool SplitSender(std::string_view rest, std::string_view& name, std::string_view& text) {
  size_t colon = rest.find(": ");
  size_t skip = 2;
  if (colon == std::string_view::npos) {
    if (rest.empty() || rest.back() != ':') return false;
    colon = rest.size() - 1;  // "Name:" with the text starting on the next line
    skip = 1;
  }
  const std::string_view candidate = rest.substr(0, colon);
  if (candidate.size() > kMaxSenderBytes || candidate.find('"') != std::string_view::npos ||
      candidate.find("\xE2\x80\x9C") != std::string_view::npos) {
    return false;
  }
  if (CleanName(candidate).empty()) return false;
  name = candidate;
  text = rest.substr(colon + skip);
  return true;
}

bool KeepsSender(std::string_view text) {
  text = whatsapp::StripLeadingMarks(text);
  for (std::string_view prefix : kIosSenderMarked) {
    if (text.starts_with(prefix)) return true;
  }
  const size_t eol = text.find('\n');
  return whatsapp::ParseMediaLine(text.substr(0, eol)).has_value();
}

bool IsMissedCall(std::string_view text) {
  return text.starts_with("Missed voice call") || text.starts_with("Missed video call") ||
         text.starts_with("Missed group voice call") || text.starts_with("Missed group video call");
}

std::string_view StripSuffix(std::string_view s, std::string_view suffix) {
  if (s.size() > suffix.size()) {
    const std::string_view tail = s.substr(s.size() - suffix.size());
    bool same = true;
    for (size_t i = 0; i < tail.size() && same; ++i) {
      same = (tail[i] | 0x20) == (suffix[i] | 0x20);
    }
    if (same) s.remove_suffix(suffix.size());
  }
  return s;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "WhatsApp Chat with Jordan Blake (1).txt" -> "Jordan Blake"; nullopt when the name has none
// of WhatsApp's prefixes.
std::optional<std::string_view> ChatNameFromExportName(std::string_view stem) {
  // Browsers add " (1)" to a second download of the same export.
  if (stem.size() > 4 && stem.back() == ')') {
    const size_t open = stem.rfind(" (");
    if (open != std::string_view::npos && open + 3 < stem.size()) {
      bool digits = true;
      for (char c : stem.substr(open + 2, stem.size() - open - 3)) digits &= c >= '0' && c <= '9';
      if (digits) stem = stem.substr(0, open);
    }
  }
  for (std::string_view prefix : kExportPrefixes) {
    if (stem.size() > prefix.size() && stem.starts_with(prefix)) {
      return TrimAscii(stem.substr(prefix.size()), " \t");
    }
  }
  return std::nullopt;
}

// The chat a source holds. Android names the file after it ("WhatsApp Chat with Jordan
// Blake.txt"); iOS names the zip ("WhatsApp Chat - Jordan Blake.zip!/_chat.txt") and shows it
// as the sender of its system lines, `ios_chat_name`. Otherwise the file name.
std::string ThreadName(std::string_view source_name, std::string_view ios_chat_name) {
  const std::string_view base = BaseName(source_name);
  std::string_view container = base;
  if (base == "_chat.txt" && source_name.size() > base.size()) {
    container = source_name.substr(0, source_name.size() - base.size());
    if (!container.empty() && container.back() == '/') container.remove_suffix(1);
    if (!container.empty() && container.back() == '!') container.remove_suffix(1);
    container = StripSuffix(BaseName(container), ".zip");
  } else {
    container = StripSuffix(base, ".txt");
  }
  if (auto chat = ChatNameFromExportName(container); chat && !chat->empty()) {
    return SanitizeUtf8(*chat);
  }
  if (!ios_chat_name.empty()) return SanitizeUtf8(ios_chat_name);
  return SanitizeUtf8(base.empty() ? source_name : base);
}

// What one message's lines say, before its time and thread are known.
struct Body {
  Channel channel = Channel::kChat;
  CallType call_type = CallType::kNone;
  std::string sender_name;  // cleaned; empty for system lines
  std::string text;
  std::vector<Attachment> attachments;
  std::string ios_chat_name;  // the sender shown on an iOS system line
};

Body ParseBody(const LineHead& head, const std::vector<Line>& lines, size_t first, size_t last) {
  Body body;
  const std::string_view rest = lines[first].text.substr(head.body);
  std::string_view name, text;
  if (!SplitSender(whatsapp::StripLeadingMarks(rest), name, text)) {
    body.channel = Channel::kSystem;
    text = rest;
  } else if (head.ios && whatsapp::StartsWithMark(text) && !KeepsSender(text)) {
    // iOS: "[31/12/2023, 23:59:07] Jordan Blake: \u200eYou blocked this contact." The name is
    // the chat's, not a sender's.
    body.channel = Channel::kSystem;
    body.ios_chat_name = CleanName(name);
  } else {
    body.sender_name = CleanName(name);
  }
  // iOS: "[01/03/2024, 23:59:59] Jordan Blake: \u200eMissed voice call" is a call from him.
  const bool ios_marked = head.ios && whatsapp::StartsWithMark(text);
  text = whatsapp::StripLeadingMarks(text);

  std::vector<std::string_view> kept;
  std::string first_rest;
  if (auto media = whatsapp::ParseMediaLine(text); media && body.channel == Channel::kChat) {
    body.attachments.push_back(std::move(media->attachment));
    first_rest = std::move(media->rest);
    kept.push_back(first_rest);
  } else {
    kept.push_back(text);
  }
  for (size_t i = first + 1; i <= last; ++i) kept.push_back(lines[i].text);
  size_t from = 0;
  while (from < kept.size() && IsBlank(kept[from])) ++from;
  while (kept.size() > from && IsBlank(kept.back())) kept.pop_back();
  std::string joined;
  for (size_t i = from; i < kept.size(); ++i) {
    if (i > from) joined += '\n';
    joined += kept[i];
  }
  body.text = SanitizeUtf8(joined);
  if (body.channel == Channel::kChat && ios_marked && IsMissedCall(body.text)) {
    body.channel = Channel::kCall;
    body.call_type = CallType::kMissed;
  }
  return body;
}

Party MakeSender(const std::string& name, const IdentityNormalizer& normalizer) {
  Party party;
  if (name.empty()) return party;
  party.display_name = SanitizeUtf8(name);
  party.identity = LooksLikePhone(name) ? normalizer.Phone(name)
                                        : normalizer.Handle(kPlatform, party.display_name);
  return party;
}

// A message as read, in file order: an event to emit or a reason to reject it.
struct Outcome {
  std::optional<Event> event;
  SourceRef where;
  std::string reason;
};

class WhatsAppImporter final : public Importer {
 public:
  std::string_view Name() const override { return kPlatform; }

  int Sniff(std::string_view /*name*/, std::string_view head) const override {
    if (head.starts_with(kBom)) head.remove_prefix(kBom.size());
    int seen = 0;
    while (!head.empty() && seen < kSniffLines) {
      const size_t eol = head.find('\n');
      std::string_view line = head.substr(0, eol);
      head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 1);
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (IsBlank(line)) continue;
      if (auto h = whatsapp::ParseLineHead(line); h && whatsapp::IsPlausible(*h)) return 90;
      ++seen;
    }
    return 0;
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    SG_ASSIGN_OR_RETURN(const std::string bytes, source.ReadAll());
    std::string_view all(bytes);
    if (all.starts_with(kBom)) all.remove_prefix(kBom.size());
    const std::vector<Line> lines = SplitLines(all);

    // First pass: which lines start messages, and which date order the file writes.
    std::vector<std::optional<LineHead>> heads(lines.size());
    whatsapp::DateOrderVotes votes;
    for (size_t i = 0; i < lines.size(); ++i) {
      heads[i] = whatsapp::ParseLineHead(lines[i].text);
      if (heads[i]) votes.Add(*heads[i]);
    }
    const DateOrder order = whatsapp::DecideDateOrder(votes, options.date_order);

    // Second pass: each message is its head line and the lines up to the next head.
    std::vector<Outcome> outcomes;
    std::string ios_chat_name;
    size_t i = 0;
    for (; i < lines.size() && !heads[i]; ++i) {
      if (IsBlank(lines[i].text)) continue;
      outcomes.push_back({std::nullopt, Where(source, lines[i]),
                          Quote(lines[i].text) + " does not start with a WhatsApp date and time"});
    }
    while (i < lines.size()) {
      const size_t first = i;
      size_t last = i;
      for (++i; i < lines.size() && !heads[i]; ++i) last = i;
      while (last > first && IsBlank(lines[last].text)) --last;
      const LineHead& head = *heads[first];
      auto civil = whatsapp::ResolveTime(head, order);
      if (!civil) {
        outcomes.push_back({std::nullopt, Where(source, lines[first]), civil.error().message});
        continue;
      }
      Body body = ParseBody(head, lines, first, last);
      if (ios_chat_name.empty()) ios_chat_name = body.ios_chat_name;

      Event event;
      event.platform = std::string(kPlatform);
      event.channel = body.channel;
      event.call_type = body.call_type;
      event.sender = MakeSender(body.sender_name, options.normalizer);
      event.time = options.zone.FromLocal(*civil);
      event.text = std::move(body.text);
      event.urls = ExtractUrls(event.text);
      event.attachments = std::move(body.attachments);
      event.source = Where(source, lines[first]);
      const size_t raw_end = lines[last].begin + lines[last].text.size();
      event.raw = std::string(all.substr(lines[first].begin, raw_end - lines[first].begin));
      outcomes.push_back({std::move(event), {}, {}});
    }

    const std::string thread = ThreadName(source.name(), ios_chat_name);
    for (Outcome& outcome : outcomes) {
      if (outcome.event) {
        outcome.event->thread = thread;
        sink.Emit(std::move(*outcome.event));
      } else {
        sink.Reject(outcome.where, outcome.reason);
      }
    }
    return OkStatus();
  }

 private:
  static SourceRef Where(const Source& source, const Line& line) {
    return {source.name(), "line " + std::to_string(line.number)};
  }
};

}  // namespace

std::unique_ptr<Importer> MakeWhatsAppImporter() { return std::make_unique<WhatsAppImporter>(); }

}  // namespace stalkguard::importers
