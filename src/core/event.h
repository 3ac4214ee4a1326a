// Event: one message, e-mail, call, post, comment, location point or app-inventory entry, as
// every importer produces it and every detector reads it. Times are UTC with the offset the
// source showed kept beside them; `source` says which file and record it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/identity.h"

namespace stalkguard {

enum class Channel { kSms, kMms, kCall, kEmail, kChat, kPost, kComment, kLocation, kApp, kSystem };
enum class Direction { kUnknown, kIncoming, kOutgoing, kPublic, kThirdParty };
// Android call-log types 1..6 keep their meaning here.
enum class CallType { kNone, kIncoming, kOutgoing, kMissed, kVoicemail, kRejected, kBlocked };

std::string_view ToString(Channel channel);
std::string_view ToString(Direction direction);
std::string_view ToString(CallType type);
std::optional<Channel> ChannelFromString(std::string_view name);
std::optional<Direction> DirectionFromString(std::string_view name);
std::optional<CallType> CallTypeFromString(std::string_view name);

struct Timestamp {
  int64_t utc_ms = 0;          // milliseconds since 1970-01-01T00:00:00Z
  int32_t offset_minutes = 0;  // the source's local offset from UTC at that moment
  bool offset_known = false;   // false when the source gave UTC or nothing about its zone
};

struct Attachment {
  std::string name;       // file name as the source gave it
  std::string mime_type;  // "image/jpeg"; "application/octet-stream" when unknown
  int64_t size = -1;      // bytes; -1 when unknown
  std::string sha256;     // lower-case hex of the bytes; empty when the bytes were not there
  std::string bytes;      // the content when the export carried it
  std::string uri;        // where the export points at it (a path inside the export, a link)
};

struct Reaction {
  std::string actor;  // display name of who reacted
  std::string emoji;
};

struct SourceRef {
  std::string file;    // path as given, with "!/" into archives: "export.zip!/chat.txt"
  std::string record;  // "line 12", "sms 3", "message 41"
};

struct Event {
  std::string id;  // 32 hex characters, stable for the same source content; set by the importer run
  std::string native_id;  // the source's own id when it has one (Message-ID, Telegram id)
  Channel channel = Channel::kChat;
  std::string platform;  // "sms", "whatsapp", "telegram", "instagram", "facebook", "email", ...
  Direction direction = Direction::kUnknown;
  Party sender;
  std::vector<Party> recipients;
  Timestamp time;
  std::string thread;   // conversation, chat or mailbox the event belongs to
  std::string subject;  // e-mail subject
  std::string text;     // UTF-8
  std::vector<std::string> urls;
  std::vector<Attachment> attachments;
  std::vector<Reaction> reactions;
  CallType call_type = CallType::kNone;
  int64_t call_duration_s = -1;
  SourceRef source;
  std::string raw;  // the exact bytes of the source record when the importer had them
};

}  // namespace stalkguard
