#include "importers/meta/meta_importer.h"

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/url_extract.h"
#include "core/utf8.h"
#include "importers/internal/json_error.h"
#include "importers/internal/json_value.h"
#include "importers/internal/media_type.h"

namespace stalkguard::importers {
namespace {

namespace dom = simdjson::dom;

// 9999-12-31T23:59:59.999Z: anything later is a corrupt value, not a time.
constexpr int64_t kMaxUnixMs = 253402300799999;

std::optional<dom::element> Field(const dom::object& object, std::string_view key) {
  dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

// The repaired string at `key`; empty when it is missing, null or not a string.
std::string StringField(const dom::object& object, std::string_view key) {
  std::string_view value;
  const auto field = Field(object, key);
  if (!field || field->get_string().get(value) != simdjson::SUCCESS) return {};
  return RepairMojibake(value);
}

std::optional<int64_t> IntField(const dom::object& object, std::string_view key) {
  const auto field = Field(object, key);
  int64_t value = 0;
  if (!field || field->get_int64().get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

bool TrueField(const dom::object& object, std::string_view key) {
  const auto field = Field(object, key);
  bool value = false;
  return field && field->get_bool().get(value) == simdjson::SUCCESS && value;
}

// Media lists: "photos": [{"uri": "your_instagram_activity/messages/inbox/jordanblake_1234/
// photos/123.jpg", "creation_timestamp": 1709317000}], and "sticker": {"uri": "..."}.
void ReadAttachments(const dom::object& message, std::vector<Attachment>& out) {
  auto add = [&](const dom::object& media, std::string_view fallback) {
    const std::string uri = StringField(media, "uri");
    if (uri.empty()) return;
    Attachment a;
    a.name = std::string(LastPathComponent(uri));
    a.mime_type = MimeTypeForName(a.name, fallback);
    a.uri = uri;
    out.push_back(std::move(a));
  };
  static constexpr std::pair<std::string_view, std::string_view> kLists[] = {
      {"photos", "image/jpeg"},     {"videos", "video/mp4"},
      {"audio_files", "audio/mp4"}, {"files", "application/octet-stream"},
      {"gifs", "image/gif"},
  };
  for (const auto& [key, fallback] : kLists) {
    dom::array list;
    const auto field = Field(message, key);
    if (!field || field->get_array().get(list) != simdjson::SUCCESS) continue;
    for (dom::element item : list) {
      dom::object media;
      if (item.get_object().get(media) == simdjson::SUCCESS) add(media, fallback);
    }
  }
  dom::object sticker;
  if (const auto field = Field(message, "sticker");
      field && field->get_object().get(sticker) == simdjson::SUCCESS) {
    add(sticker, "image/png");
  }
}

// "reactions": [{"reaction": "\u00e2\u009d\u00a4", "actor": "Sam Lee"}]
void ReadReactions(const dom::object& message, std::vector<Reaction>& out) {
  dom::array list;
  const auto field = Field(message, "reactions");
  if (!field || field->get_array().get(list) != simdjson::SUCCESS) return;
  for (dom::element item : list) {
    dom::object reaction;
    if (item.get_object().get(reaction) != simdjson::SUCCESS) continue;
    std::string emoji = StringField(reaction, "reaction");
    if (!emoji.empty()) out.push_back({StringField(reaction, "actor"), std::move(emoji)});
  }
}

// "You missed a call from Jordan Blake.", "Jordan missed your call.", "Missed video chat": the
// word "missed", at most two of a few small words, then "call" or "chat". "I missed you, call
// me" is not a call.
bool SaysMissedCall(std::string_view text) {
  const std::string lower = AsciiLower(text);
  static constexpr std::string_view kFillers[] = {"your ",  "a ",     "an ",   "the ",
                                                  "video ", "audio ", "voice "};
  for (size_t at = lower.find("missed "); at != std::string::npos;
       at = lower.find("missed ", at + 1)) {
    std::string_view rest = std::string_view(lower).substr(at + 7);
    for (int words = 0; words < 2; ++words) {
      for (std::string_view filler : kFillers) {
        if (rest.substr(0, filler.size()) == filler) {
          rest.remove_prefix(filler.size());
          break;
        }
      }
    }
    if (rest.substr(0, 4) == "call" || rest.substr(0, 4) == "chat") return true;
  }
  return false;
}

// Meta writes calls as text in the exporting person's language ("Jordan missed your call.",
// "You missed a video chat with Jordan.") with "call_duration" in seconds; older Facebook
// exports add "type": "Call" and "missed": true.
void ReadCall(const dom::object& message, Event& event) {
  const auto duration = IntField(message, "call_duration");
  const std::string type = StringField(message, "type");
  const bool missed = TrueField(message, "missed") || SaysMissedCall(event.text);
  if (!duration && type != "Call" && !missed) return;
  event.channel = Channel::kCall;
  // The export does not say whose call it was, so only a missed one has a type.
  if (missed) event.call_type = CallType::kMissed;
  if (duration && *duration >= 0) event.call_duration_s = *duration;
}

// "instagram" or "facebook" from where the file sits, e.g.
// "your_instagram_activity/messages/inbox/jordanblake_1234/message_1.json".
std::string_view PlatformFromPath(std::string_view path) {
  const std::string lower = AsciiLower(path);
  if (lower.find("instagram") != std::string::npos) return "instagram";
  if (lower.find("facebook") != std::string::npos || lower.find("messenger") != std::string::npos) {
    return "facebook";
  }
  return {};
}

std::string_view DetectPlatform(std::string_view file, std::string_view thread_path,
                                const dom::array& messages) {
  for (std::string_view path : {file, thread_path}) {
    const std::string_view platform = PlatformFromPath(path);
    if (!platform.empty()) return platform;
  }
  for (dom::element item : messages) {
    dom::object message;
    if (item.get_object().get(message) == simdjson::SUCCESS &&
        Field(message, "is_geoblocked_for_viewer")) {
      return "instagram";
    }
  }
  return "meta";
}

class ThreadReader {
 public:
  ThreadReader(const Source& source, const ImportOptions& options, EventSink& sink)
      : file_(source.name()), options_(options), sink_(sink) {}

  void Read(const dom::object& thread, const dom::array& messages) {
    const std::string thread_path = StringField(thread, "thread_path");
    platform_ = std::string(DetectPlatform(file_, thread_path, messages));
    const std::string title = StringField(thread, "title");
    thread_ = title.empty() || thread_path.empty() ? title + thread_path
                                                   : title + " (" + thread_path + ")";
    dom::array people;
    if (const auto field = Field(thread, "participants");
        field && field->get_array().get(people) == simdjson::SUCCESS) {
      for (dom::element item : people) {
        dom::object person;
        if (item.get_object().get(person) != simdjson::SUCCESS) continue;
        std::string name = StringField(person, "name");
        if (name.empty()) continue;
        participants_.push_back({options_.normalizer.Handle(platform_, name), std::move(name)});
      }
    }
    size_t index = 0;
    for (dom::element message : messages) {
      ReadMessage(message, "messages[" + std::to_string(index++) + "]");
    }
  }

 private:
  void ReadMessage(dom::element value, const std::string& record) {
    const SourceRef where{file_, record};
    dom::object message;
    if (value.get_object().get(message) != simdjson::SUCCESS) {
      sink_.Reject(where, "message is " + std::string(JsonKind(value)) + ", not a JSON object");
      return;
    }
    const auto stamp = Field(message, "timestamp_ms");
    if (!stamp) {
      sink_.Reject(where, "message has no \"timestamp_ms\"");
      return;
    }
    int64_t utc_ms = -1;
    if (stamp->get_int64().get(utc_ms) != simdjson::SUCCESS || utc_ms < 0 || utc_ms > kMaxUnixMs) {
      sink_.Reject(where,
                   "\"timestamp_ms\" " + QuoteJson(*stamp) + " is not a time in milliseconds");
      return;
    }
    Event event;
    event.platform = platform_;
    event.time.utc_ms = utc_ms;  // Meta gives UTC only; the offset stays unknown
    event.thread = thread_;
    event.source = where;
    event.raw = simdjson::to_string(value);
    event.sender.display_name = StringField(message, "sender_name");
    event.sender.identity = options_.normalizer.Handle(platform_, event.sender.display_name);
    for (const Party& p : participants_) {
      if (p.identity != event.sender.identity) event.recipients.push_back(p);
    }
    event.text = StringField(message, "content");
    std::string link;
    dom::object share;
    if (const auto field = Field(message, "share");
        field && field->get_object().get(share) == simdjson::SUCCESS) {
      link = StringField(share, "link");
      if (event.text.empty()) event.text = StringField(share, "share_text");
    }
    event.urls = ExtractUrls(event.text);
    if (!link.empty() &&
        std::find(event.urls.begin(), event.urls.end(), link) == event.urls.end()) {
      event.urls.push_back(std::move(link));
    }
    ReadAttachments(message, event.attachments);
    ReadReactions(message, event.reactions);
    ReadCall(message, event);
    // Older Facebook threads mark people joining and leaving a group ("Jordan added Casey to
    // the group.") with these types.
    const std::string type = StringField(message, "type");
    if (type == "Subscribe" || type == "Unsubscribe") event.channel = Channel::kSystem;
    sink_.Emit(std::move(event));
  }

  std::string file_;
  const ImportOptions& options_;
  EventSink& sink_;
  std::string platform_;
  std::string thread_;
  std::vector<Party> participants_;
};

class MetaImporter final : public Importer {
 public:
  std::string_view Name() const override { return "meta"; }

  int Sniff(std::string_view name, std::string_view head) const override {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    const size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{') return 0;
    auto has = [&](std::string_view key) { return head.find(key) != std::string_view::npos; };
    if (!has("\"participants\"") || !has("\"messages\"")) return 0;
    if (has("\"sender_name\"") || has("\"timestamp_ms\"")) return 95;
    // An empty thread, or a head that ends before the first message.
    const std::string_view base = LastPathComponent(name);
    return base.substr(0, 8) == "message_" ? 60 : 40;
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    SG_ASSIGN_OR_RETURN(std::string bytes, source.ReadAll());
    if (std::string_view(bytes).substr(0, 3) == "\xEF\xBB\xBF") bytes.erase(0, 3);
    bytes.reserve(bytes.size() + simdjson::SIMDJSON_PADDING);
    dom::parser parser;
    dom::element root;
    if (const auto error = parser.parse(bytes).get(root); error != simdjson::SUCCESS) {
      return MakeError(ErrorCode::kInvalidInput, DescribeJsonError(source.name(), bytes, bytes,
                                                                   simdjson::error_message(error)));
    }
    dom::object thread;
    if (root.get_object().get(thread) != simdjson::SUCCESS) {
      return MakeError(ErrorCode::kInvalidInput,
                       source.name() + ": not a Meta messages file: the document is " +
                           std::string(JsonKind(root)) + ", not an object");
    }
    dom::array messages;
    const auto list = Field(thread, "messages");
    if (!list || list->get_array().get(messages) != simdjson::SUCCESS) {
      return MakeError(ErrorCode::kInvalidInput,
                       source.name() + ": not a Meta messages file: no \"messages\" list");
    }
    ThreadReader(source, options, sink).Read(thread, messages);
    return OkStatus();
  }
};

}  // namespace

std::string RepairMojibake(std::string_view text) {
  // Every character at most U+00FF means UTF-8 lead bytes 0x00-0x7F, 0xC2 and 0xC3 only.
  std::string bytes;
  bytes.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      bytes += static_cast<char>(c);
      continue;
    }
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((c != 0xC2 && c != 0xC3) || (next & 0xC0) != 0x80) {
      return IsValidUtf8(text) ? std::string(text) : SanitizeUtf8(text);
    }
    bytes += static_cast<char>(((c & 0x03) << 6) | (next & 0x3F));
    ++i;
  }
  if (bytes.size() == text.size() || IsValidUtf8(bytes)) return bytes;
  return std::string(text);  // Latin-1 text written correctly, such as "café"
}

std::unique_ptr<Importer> MakeMetaImporter() { return std::make_unique<MetaImporter>(); }

}  // namespace stalkguard::importers
