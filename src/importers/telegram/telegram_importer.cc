#include "importers/telegram/telegram_importer.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/timestamp.h"
#include "core/url_extract.h"
#include "core/utf8.h"
#include "importers/internal/json_error.h"
#include "importers/internal/json_value.h"
#include "importers/internal/media_type.h"

namespace stalkguard::importers {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kPlatform = "telegram";
// 9999-12-31T23:59:59Z: anything later is a corrupt value, not a date.
constexpr int64_t kMaxUnixSeconds = 253402300799;
// Real UTC offsets lie within -12:00..+14:00.
constexpr int64_t kMaxOffsetMinutes = 14 * 60;

std::string_view StripBom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

std::optional<dom::element> Field(const dom::object& object, std::string_view key) {
  dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

// The string at `key`; empty when it is missing, null or not a string.
std::string_view StringField(const dom::object& object, std::string_view key) {
  std::string_view value;
  const auto field = Field(object, key);
  if (!field || field->get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

std::optional<int64_t> IntField(const dom::object& object, std::string_view key) {
  const auto field = Field(object, key);
  int64_t value = 0;
  if (!field || field->get_int64().get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

std::optional<double> NumberField(const dom::object& object, std::string_view key) {
  const auto field = Field(object, key);
  double value = 0;
  if (!field || field->get_double().get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

// Peer ids: "user5550999", "channel1234", "chat42". Exports from before 2021 wrote a bare
// number for users, which we read as "user<number>".
std::string PeerId(const dom::object& object, std::string_view key) {
  const auto field = Field(object, key);
  if (!field) return {};
  std::string_view text;
  if (field->get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  int64_t number = 0;
  if (field->get_int64().get(number) == simdjson::SUCCESS) return "user" + std::to_string(number);
  return {};
}

// --- Where a broken document breaks ------------------------------------------------------

// Telegram Desktop writes control characters other than \n, \r and \t as "\x0B"
// (SerializeString in export_output_json.cpp), which no JSON parser accepts. Rewrites each such
// escape inside a string as "\u000B" and records where each one was in the original.
std::optional<std::string> RepairHexEscapes(std::string_view bytes, std::vector<size_t>& at) {
  if (bytes.find("\\x") == std::string_view::npos) return std::nullopt;
  auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  out.reserve(bytes.size() + 64);
  bool in_string = false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (!in_string) {
      in_string = c == '"';
      out += c;
    } else if (c == '"') {
      in_string = false;
      out += c;
    } else if (c != '\\' || i + 1 >= bytes.size()) {
      out += c;
    } else if (bytes[i + 1] == 'x' && i + 3 < bytes.size() && is_hex(bytes[i + 2]) &&
               is_hex(bytes[i + 3])) {
      at.push_back(i);
      out += "\\u00";
      out += bytes[i + 2];
      out += bytes[i + 3];
      i += 3;
    } else {
      out += c;
      out += bytes[++i];
    }
  }
  if (at.empty()) return std::nullopt;
  return out;
}

// --- Dates -------------------------------------------------------------------------------

// "2024-03-01T18:22:05": the wall clock of the computer that made the export, without a zone.
std::optional<CivilTime> ParseExportDate(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  CivilTime t;
  if (!number(0, 4, t.year) || !number(5, 2, t.month) || !number(8, 2, t.day) ||
      !number(11, 2, t.hour) || !number(14, 2, t.minute) || !number(17, 2, t.second)) {
    return std::nullopt;
  }
  if (!IsValidDate(t.year, t.month, t.day) || t.hour > 23 || t.minute > 59 || t.second > 59) {
    return std::nullopt;
  }
  return t;
}

// "date_unixtime": "1709313725" (a string, as Telegram writes it) or a plain number.
std::optional<int64_t> ParseUnixSeconds(dom::element value) {
  int64_t seconds = -1;
  std::string_view text;
  if (value.get_int64().get(seconds) != simdjson::SUCCESS) {
    if (value.get_string().get(text) != simdjson::SUCCESS || text.empty()) return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  }
  if (seconds < 0 || seconds > kMaxUnixSeconds) return std::nullopt;
  return seconds;
}

// Newer exports give the instant ("date_unixtime") and the exporting computer's wall clock
// ("date"); their difference is that computer's UTC offset at the time, which we keep. Older
// exports have only "date", read as local time in the zone the user chose.
bool ReadTime(const dom::object& message, const TimeZone& zone, Timestamp& out,
              std::string& reason) {
  const auto unixtime = Field(message, "date_unixtime");
  const auto date = Field(message, "date");
  std::string_view date_text;
  std::optional<CivilTime> local;
  if (date && date->get_string().get(date_text) == simdjson::SUCCESS) {
    local = ParseExportDate(date_text);
  }
  if (unixtime) {
    const auto seconds = ParseUnixSeconds(*unixtime);
    if (!seconds) {
      reason = "\"date_unixtime\" " + QuoteJson(*unixtime) + " is not a Unix time";
      return false;
    }
    out = Timestamp{*seconds * 1000, 0, false};
    if (local) {
      const int64_t diff_ms = CivilToUnixMs(*local) - out.utc_ms;
      if (diff_ms % 60000 == 0 && diff_ms / 60000 >= -kMaxOffsetMinutes &&
          diff_ms / 60000 <= kMaxOffsetMinutes) {
        out.offset_minutes = static_cast<int32_t>(diff_ms / 60000);
        out.offset_known = true;
      }
    }
    return true;
  }
  if (!date) {
    reason = "message has no \"date\"";
    return false;
  }
  if (!local) {
    reason = "\"date\" " + QuoteJson(*date) + " is not a date";
    return false;
  }
  out = zone.FromLocal(*local);
  return true;
}

// --- Content -----------------------------------------------------------------------------

void AppendLine(std::string& text, std::string_view line) {
  if (!text.empty()) text += '\n';
  text += line;
}

// "text" is a string, or an array of strings and entity objects:
//   ["look ", {"type": "link", "text": "https://example.com/x"},
//    {"type": "text_link", "text": "here", "href": "http://198.51.100.7/login"}]
// Links the entities mark are added to `links`; a text_link's target is not in the text at all.
void ReadText(dom::element value, std::string& text, std::vector<std::string>& links) {
  std::string_view piece;
  if (value.get_string().get(piece) == simdjson::SUCCESS) {
    text.append(piece);
    return;
  }
  dom::array parts;
  if (value.get_array().get(parts) != simdjson::SUCCESS) return;
  for (dom::element part : parts) {
    if (part.get_string().get(piece) == simdjson::SUCCESS) {
      text.append(piece);
      continue;
    }
    dom::object entity;
    if (part.get_object().get(entity) != simdjson::SUCCESS) continue;
    piece = StringField(entity, "text");
    text.append(piece);
    const std::string_view type = StringField(entity, "type");
    if (type == "link" && !piece.empty()) links.emplace_back(piece);
    if (type == "text_link") {
      const std::string_view href = StringField(entity, "href");
      if (!href.empty()) links.emplace_back(href);
    }
  }
}

std::string FormatCoordinate(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", value);
  return buf;
}

// Shared locations, venues, contacts and polls carry no "text"; they are written out so that
// the whereabouts and doxxing checks can read them:
//   "location_information": {"latitude": 53.8008, "longitude": -1.5491}, "place_name": "..."
void DescribeMedia(const dom::object& message, std::string& text) {
  const std::string_view place = StringField(message, "place_name");
  const std::string_view address = StringField(message, "address");
  std::string where;
  if (const auto location = Field(message, "location_information")) {
    dom::object point;
    if (location->get_object().get(point) == simdjson::SUCCESS) {
      const auto lat = NumberField(point, "latitude");
      const auto lon = NumberField(point, "longitude");
      if (lat && lon) where = FormatCoordinate(*lat) + ", " + FormatCoordinate(*lon);
    }
  }
  if (!place.empty() || !address.empty()) {
    std::string line = "Place: ";
    line += place;
    if (!place.empty() && !address.empty()) line += ", ";
    line += address;
    if (!where.empty()) line += " (" + where + ")";
    AppendLine(text, line);
  } else if (!where.empty()) {
    const bool live = Field(message, "live_location_period_seconds").has_value();
    AppendLine(text, (live ? "Live location: " : "Location: ") + where);
  }
  if (const auto contact = Field(message, "contact_information")) {
    dom::object card;
    if (contact->get_object().get(card) == simdjson::SUCCESS) {
      std::string line = "Contact: ";
      line += StringField(card, "first_name");
      const std::string_view last = StringField(card, "last_name");
      if (!last.empty()) line += " " + std::string(last);
      const std::string_view phone = StringField(card, "phone_number");
      if (!phone.empty()) line += ", " + std::string(phone);
      AppendLine(text, line);
    }
  }
  if (const auto poll = Field(message, "poll")) {
    dom::object question;
    if (poll->get_object().get(question) == simdjson::SUCCESS) {
      std::string line = "Poll: ";
      line += StringField(question, "question");
      dom::array answers;
      if (const auto list = Field(question, "answers");
          list && list->get_array().get(answers) == simdjson::SUCCESS) {
        std::string joined;
        for (dom::element answer : answers) {
          dom::object option;
          if (answer.get_object().get(option) != simdjson::SUCCESS) continue;
          if (!joined.empty()) joined += " / ";
          joined += StringField(option, "text");
        }
        if (!joined.empty()) line += " (" + joined + ")";
      }
      AppendLine(text, line);
    }
  }
}

// A path relative to the export folder, or a note instead of one when the file was left out:
// "(File not included. Change data exporting settings to download.)".
bool IsPlaceholderPath(std::string_view path) {
  return path.empty() || path.front() == '(' || path.find(" (File ") != std::string_view::npos;
}

// "photo": "photos/photo_1@01-03-2024_18-22-05.jpg" and "file": "files/report.pdf" with
// "mime_type". Newer exports add "file_name" and sizes.
void ReadAttachments(const dom::object& message, std::vector<Attachment>& out) {
  auto add = [&](std::string_view path_key, std::string_view size_key, std::string_view fallback) {
    const auto field = Field(message, path_key);
    std::string_view path;
    if (!field || field->get_string().get(path) != simdjson::SUCCESS) return;
    Attachment a;
    const bool included = !IsPlaceholderPath(path);
    a.name = SanitizeUtf8(StringField(message, "file_name"));
    if (a.name.empty() && included) a.name = SanitizeUtf8(LastPathComponent(path));
    if (included) a.uri = SanitizeUtf8(path);
    const std::string_view declared = path_key == "file" ? StringField(message, "mime_type") : "";
    a.mime_type = declared.empty() ? MimeTypeForName(a.name, fallback) : SanitizeUtf8(declared);
    if (const auto size = IntField(message, size_key); size && *size >= 0) a.size = *size;
    out.push_back(std::move(a));
  };
  add("photo", "photo_file_size", "image/jpeg");
  add("file", "file_size", "application/octet-stream");
}

// Newer exports: "reactions": [{"type": "emoji", "count": 2, "emoji": "👍",
//   "recent": [{"from": "Sam Lee", "from_id": "user5550123", "date": "..."}]}]
void ReadReactions(const dom::object& message, std::vector<Reaction>& out) {
  dom::array reactions;
  const auto field = Field(message, "reactions");
  if (!field || field->get_array().get(reactions) != simdjson::SUCCESS) return;
  for (dom::element value : reactions) {
    dom::object reaction;
    if (value.get_object().get(reaction) != simdjson::SUCCESS) continue;
    const std::string emoji = SanitizeUtf8(StringField(reaction, "emoji"));
    if (emoji.empty()) continue;  // custom emoji carry only a document id
    dom::array recent;
    bool named = false;
    if (const auto list = Field(reaction, "recent");
        list && list->get_array().get(recent) == simdjson::SUCCESS) {
      for (dom::element who : recent) {
        dom::object actor;
        if (who.get_object().get(actor) != simdjson::SUCCESS) continue;
        out.push_back({SanitizeUtf8(StringField(actor, "from")), emoji});
        named = true;
      }
    }
    if (!named) out.push_back({"", emoji});
  }
}

// "members": ["Casey Morgan", null] (null for deleted accounts).
std::string JoinNames(const dom::object& message, std::string_view key) {
  dom::array names;
  const auto field = Field(message, key);
  if (!field || field->get_array().get(names) != simdjson::SUCCESS) return {};
  std::string out;
  for (dom::element value : names) {
    std::string_view name;
    if (value.get_string().get(name) != simdjson::SUCCESS) name = "a deleted account";
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// A sentence for a service entry, such as "Casey Morgan added Alex Kim, Priya Shah". Actions
// we have no wording for keep their name: "Jordan Blake: edit chat theme".
std::string DescribeService(const dom::object& m, std::string_view action, std::string actor) {
  if (actor.empty()) actor = "Someone";
  const std::string title(StringField(m, "title"));
  const std::string members = JoinNames(m, "members");
  if (action.empty()) {
    const std::string_view info = StringField(m, "information_text");
    return info.empty() ? actor + " did something Telegram did not export" : std::string(info);
  }
  if (action == "create_group" || action == "create_channel") {
    std::string text = actor + " created the " + (action == "create_group" ? "group" : "channel") +
                       " \"" + title + "\"";
    if (!members.empty()) text += " with " + members;
    return text;
  }
  if (action == "edit_group_title") return actor + " renamed the group to \"" + title + "\"";
  if (action == "edit_group_photo") return actor + " changed the group photo";
  if (action == "delete_group_photo") return actor + " removed the group photo";
  if (action == "invite_members") return actor + " added " + members;
  if (action == "remove_members") {
    return members == actor ? actor + " left the group" : actor + " removed " + members;
  }
  if (action == "join_group_by_link") {
    const std::string_view inviter = StringField(m, "inviter");
    return actor + " joined the group by an invite link" +
           (inviter.empty() ? "" : " from " + std::string(inviter));
  }
  if (action == "join_group_by_request") return actor + " joined the group after a request";
  if (action == "migrate_to_supergroup" || action == "migrate_from_group") {
    return actor + " converted the group to a supergroup";
  }
  if (action == "pin_message") {
    const auto id = IntField(m, "message_id");
    return actor + " pinned " + (id ? "message " + std::to_string(*id) : "a message");
  }
  if (action == "clear_history") return actor + " cleared the history";
  if (action == "take_screenshot") return actor + " took a screenshot";
  if (action == "joined_telegram") return actor + " joined Telegram";
  if (action == "invite_to_group_call") return actor + " invited " + members + " to a group call";
  if (action == "set_messages_ttl") {
    const auto period = IntField(m, "period");
    return period && *period > 0
               ? actor + " set messages to disappear after " + std::to_string(*period) + " s"
               : actor + " turned off disappearing messages";
  }
  if (action == "proximity_reached") {
    const auto distance = IntField(m, "distance");
    return std::string(StringField(m, "from")) + " came within " +
           (distance ? std::to_string(*distance) + " m" : "range") + " of " +
           std::string(StringField(m, "to"));
  }
  std::string name(action);
  std::replace(name.begin(), name.end(), '_', ' ');
  return actor + ": " + name;
}

bool IsPublicChat(std::string_view type) {
  return type == "public_supergroup" || type == "public_channel";
}

// What every message of one chat shares.
struct Chat {
  std::string record;  // "chats.list[2]." before "messages[41]"; empty for a single chat
  std::string id;      // "5550999"; empty when the chat has no id
  std::string type;    // "personal_chat", "private_group", ...
  std::string thread;  // the chat's name
  Party owner;         // the person who made the export, when known or inferred
  Party peer;          // the other person of a personal chat; empty otherwise
  // The owner comes from the full export's "personal_information", not from inference.
  bool owner_stated = false;
  // A personal chat of a single-chat export in which the peer has written: whoever else
  // writes in it is the owner, though the file does not name them.
  bool owner_inferred = false;
};

class ExportReader {
 public:
  ExportReader(const Source& source, const ImportOptions& options, EventSink& sink)
      : file_(source.name()), options_(options), sink_(sink) {}

  // The full export's "personal_information": {"user_id": 5550123, "first_name": "Sam", ...}.
  void ReadOwner(const dom::object& info) {
    const auto id = IntField(info, "user_id");
    if (!id) return;
    owner_.identity = options_.normalizer.Handle(kPlatform, "user" + std::to_string(*id));
    std::string name(StringField(info, "first_name"));
    const std::string_view last = StringField(info, "last_name");
    if (!last.empty()) name += (name.empty() ? "" : " ") + std::string(last);
    owner_.display_name = SanitizeUtf8(name);
  }

  // One chat object: {"name": ..., "type": ..., "id": ..., "messages": [...]}.
  void ReadChat(dom::element value, const std::string& record) {
    const SourceRef where{file_, record.empty() ? "chat" : record};
    dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
      sink_.Reject(where, "chat is " + std::string(JsonKind(value)) + ", not a JSON object");
      return;
    }
    dom::array messages;
    const auto list = Field(object, "messages");
    if (!list || list->get_array().get(messages) != simdjson::SUCCESS) {
      sink_.Reject(where, "chat \"" + SanitizeUtf8(StringField(object, "name")) +
                              "\" has no \"messages\" list");
      return;
    }
    Chat chat = Describe(object, messages);
    chat.record = record.empty() ? "" : record + ".";
    size_t index = 0;
    for (dom::element message : messages) {
      ReadMessage(message, chat, chat.record + "messages[" + std::to_string(index++) + "]");
    }
  }

 private:
  Chat Describe(const dom::object& object, const dom::array& messages) const {
    Chat chat;
    chat.type = SanitizeUtf8(StringField(object, "type"));
    if (const auto id = IntField(object, "id")) chat.id = std::to_string(*id);
    chat.thread = SanitizeUtf8(StringField(object, "name"));
    if (chat.thread.empty()) {
      chat.thread = chat.type == "saved_messages" ? "Saved Messages"
                    : chat.id.empty()             ? ""
                                                  : "chat " + chat.id;
    }
    chat.owner = owner_;
    chat.owner_stated = !owner_.identity.empty();
    if (chat.type != "personal_chat" || chat.id.empty()) return chat;
    // A personal chat's "id" is the other person's user id.
    chat.peer.identity = options_.normalizer.Handle(kPlatform, "user" + chat.id);
    chat.peer.display_name = chat.thread;
    if (chat.owner_stated) return chat;
    // A single-chat export does not name its owner. Once the peer's id is seen on a message,
    // the chat's "id" is confirmed to be theirs and the other sender can only be the owner.
    Party other;
    for (dom::element value : messages) {
      dom::object message;
      if (value.get_object().get(message) != simdjson::SUCCESS) continue;
      Party sender = SenderOf(message);
      if (sender.identity == chat.peer.identity) {
        chat.owner_inferred = true;
      } else if (other.identity.empty() && !sender.identity.empty()) {
        other = std::move(sender);
      }
    }
    if (chat.owner_inferred) chat.owner = std::move(other);
    return chat;
  }

  // Messages name their author in "from"/"from_id", service entries in "actor"/"actor_id".
  Party SenderOf(const dom::object& message) const {
    const bool service = StringField(message, "type") == "service";
    std::string id = PeerId(message, service ? "actor_id" : "from_id");
    std::string_view name = StringField(message, service ? "actor" : "from");
    if (id.empty() && service) {
      id = PeerId(message, "from_id");
      name = StringField(message, "from");
    }
    Party party;
    if (!id.empty()) party.identity = options_.normalizer.Handle(kPlatform, id);
    party.display_name = SanitizeUtf8(name);
    return party;
  }

  static Direction DirectionOf(const Party& sender, const Chat& chat) {
    if (sender.identity.empty()) return Direction::kUnknown;
    if (chat.owner_stated) {
      if (sender.identity == chat.owner.identity) return Direction::kOutgoing;
      return IsPublicChat(chat.type) ? Direction::kPublic : Direction::kIncoming;
    }
    if (chat.owner_inferred) {
      return sender.identity == chat.peer.identity ? Direction::kIncoming : Direction::kOutgoing;
    }
    return Direction::kUnknown;
  }

  void ReadMessage(dom::element value, const Chat& chat, const std::string& record) {
    const SourceRef where{file_, record};
    dom::object message;
    if (value.get_object().get(message) != simdjson::SUCCESS) {
      sink_.Reject(where, "message is " + std::string(JsonKind(value)) + ", not a JSON object");
      return;
    }
    std::string_view type = "message";
    if (const auto field = Field(message, "type");
        field && field->get_string().get(type) != simdjson::SUCCESS) {
      sink_.Reject(where, "message \"type\" " + QuoteJson(*field) + " is not a string");
      return;
    }
    if (type == "unsupported") {
      sink_.Reject(where, "Telegram could not export this message (\"type\": \"unsupported\")");
      return;
    }
    if (type != "message" && type != "service") {
      sink_.Reject(where, "unknown message type \"" + SanitizeUtf8(type) + "\"");
      return;
    }
    Event event;
    std::string reason;
    if (!ReadTime(message, options_.zone, event.time, reason)) {
      sink_.Reject(where, reason);
      return;
    }
    event.platform = std::string(kPlatform);
    event.thread = chat.thread;
    event.source = where;
    event.raw = simdjson::to_string(value);
    if (const auto id = IntField(message, "id"); id && !chat.id.empty()) {
      event.native_id = chat.id + ":" + std::to_string(*id);
    }
    event.sender = SenderOf(message);
    event.direction = DirectionOf(event.sender, chat);
    // In a personal chat the other party is the recipient.
    if (!chat.peer.identity.empty() && !chat.owner.identity.empty()) {
      if (event.direction == Direction::kIncoming) event.recipients.push_back(chat.owner);
      if (event.direction == Direction::kOutgoing) event.recipients.push_back(chat.peer);
    }
    if (type == "service") {
      ReadService(message, event);
    } else {
      ReadContent(message, event);
    }
    sink_.Emit(std::move(event));
  }

  static void ReadContent(const dom::object& message, Event& event) {
    std::string text;
    std::vector<std::string> links;
    if (const auto field = Field(message, "text")) {
      ReadText(*field, text, links);
    } else if (const auto entities = Field(message, "text_entities")) {
      ReadText(*entities, text, links);
    }
    DescribeMedia(message, text);
    event.text = SanitizeUtf8(text);
    event.urls = ExtractUrls(event.text);
    for (const std::string& link : links) {
      std::string url = SanitizeUtf8(link);
      if (std::find(event.urls.begin(), event.urls.end(), url) == event.urls.end()) {
        event.urls.push_back(std::move(url));
      }
    }
    ReadAttachments(message, event.attachments);
    ReadReactions(message, event.reactions);
  }

  // {"type": "service", "actor": "Jordan Blake", "action": "phone_call",
  //  "duration_seconds": 35, "discard_reason": "hangup"}
  static void ReadService(const dom::object& message, Event& event) {
    const std::string_view action = StringField(message, "action");
    if (action == "phone_call" || action == "group_call") {
      event.channel = Channel::kCall;
      // Telegram leaves the duration out when it is zero.
      const auto duration =
          IntField(message, action == "phone_call" ? "duration_seconds" : "duration");
      event.call_duration_s = duration && *duration >= 0 ? *duration : 0;
      // The actor placed the call. Call types keep their Android meaning: "missed" is a call
      // to the owner that was not answered; one the owner placed is kOutgoing however it ended.
      const std::string_view why = StringField(message, "discard_reason");
      if (event.direction == Direction::kOutgoing) {
        event.call_type = CallType::kOutgoing;
      } else if (why == "missed") {
        event.call_type = CallType::kMissed;
      } else if (why == "busy" || why == "declined") {
        event.call_type = CallType::kRejected;
      } else if (event.direction == Direction::kIncoming || event.direction == Direction::kPublic) {
        event.call_type = CallType::kIncoming;
      }
      return;
    }
    event.channel = Channel::kSystem;
    event.text = SanitizeUtf8(DescribeService(message, action, event.sender.display_name));
    event.urls = ExtractUrls(event.text);
  }

  std::string file_;
  const ImportOptions& options_;
  EventSink& sink_;
  Party owner_;
};

class TelegramImporter final : public Importer {
 public:
  std::string_view Name() const override { return kPlatform; }

  int Sniff(std::string_view name, std::string_view head) const override {
    head = StripBom(head);
    const size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{') return 0;
    auto has = [&](std::string_view key) { return head.find(key) != std::string_view::npos; };
    const bool full_export = has("\"personal_information\"") ||
                             (has("\"chats\"") && has("\"list\"") && has("\"messages\""));
    const bool marked = has("\"from_id\"") || has("\"date_unixtime\"") ||
                        has("\"text_entities\"") || has("\"actor_id\"");
    if (full_export || (has("\"messages\"") && marked)) return 95;
    // Old single-chat exports: no markers, but Telegram's message shape.
    if (has("\"messages\"") && has("\"type\"") && has("\"date\"") && !has("\"sender_name\"")) {
      return LastPathComponent(name) == "result.json" ? 60 : 50;
    }
    return 0;
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    SG_ASSIGN_OR_RETURN(std::string bytes, source.ReadAll());
    if (std::string_view(bytes).substr(0, 3) == "\xEF\xBB\xBF") bytes.erase(0, 3);
    bytes.reserve(bytes.size() + simdjson::SIMDJSON_PADDING);
    dom::parser parser;
    dom::element root;
    simdjson::error_code error = parser.parse(bytes).get(root);
    if (error != simdjson::SUCCESS) {
      std::vector<size_t> repaired_at;
      std::optional<std::string> repaired = RepairHexEscapes(bytes, repaired_at);
      if (repaired) {
        repaired->reserve(repaired->size() + simdjson::SIMDJSON_PADDING);
        error = parser.parse(*repaired).get(root);
      }
      if (error != simdjson::SUCCESS) {
        return MakeError(ErrorCode::kInvalidInput,
                         DescribeJsonError(source.name(), bytes, repaired ? *repaired : bytes,
                                           simdjson::error_message(error), repaired_at,
                                           /*growth=*/2));
      }
    }
    dom::object top;
    if (root.get_object().get(top) != simdjson::SUCCESS) {
      return MakeError(ErrorCode::kInvalidInput,
                       source.name() + ": not a Telegram export: the document is " +
                           std::string(JsonKind(root)) + ", not an object");
    }
    ExportReader reader(source, options, sink);
    if (const auto info = Field(top, "personal_information")) {
      dom::object person;
      if (info->get_object().get(person) == simdjson::SUCCESS) reader.ReadOwner(person);
    }
    const auto chats = Field(top, "chats");
    if (!chats) {
      if (Field(top, "messages")) {
        reader.ReadChat(root, "");
        return OkStatus();
      }
      if (Field(top, "personal_information")) return OkStatus();  // exported without chats
      return MakeError(ErrorCode::kInvalidInput,
                       source.name() + ": not a Telegram export: no \"messages\" or \"chats\"");
    }
    // "chats": {"about": "...", "list": [...]}, and chats the owner left in "left_chats".
    for (std::string_view section : {"chats", "left_chats"}) {
      const auto field = Field(top, section);
      if (!field) continue;
      dom::object holder;
      dom::array list;
      const auto inner = field->get_object().get(holder) == simdjson::SUCCESS
                             ? Field(holder, "list")
                             : std::optional<dom::element>();
      if (!inner || inner->get_array().get(list) != simdjson::SUCCESS) {
        sink.Reject({source.name(), std::string(section)},
                    "\"" + std::string(section) + "\" has no \"list\" of chats");
        continue;
      }
      size_t index = 0;
      for (dom::element chat : list) {
        reader.ReadChat(chat, std::string(section) + ".list[" + std::to_string(index++) + "]");
      }
    }
    return OkStatus();
  }
};

}  // namespace

std::unique_ptr<Importer> MakeTelegramImporter() { return std::make_unique<TelegramImporter>(); }

}  // namespace stalkguard::importers
