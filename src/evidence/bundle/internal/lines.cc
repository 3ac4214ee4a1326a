#include "evidence/bundle/internal/lines.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/digest.h"
#include "core/timestamp.h"
#include "core/utf8.h"
#include "evidence/internal/hex.h"

namespace stalkguard::bundle::internal {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// ---- writing ----

// Canonical bytes commit to strings exactly as stored. Importers keep text valid UTF-8, but
// a file name or record label from a damaged export may not be; JSON cannot hold those bytes
// as a string, so they go in as {"hex": "..."} rather than being "repaired" into other bytes.
ordered_json Text(std::string_view value) {
  if (IsValidUtf8(value)) return ordered_json(std::string(value));
  return ordered_json{{"hex", HexEncode(value)}};
}

ordered_json PartyJson(const Party& party) {
  return ordered_json{{"kind", ToString(party.identity.kind)},
                      {"value", Text(party.identity.value)},
                      {"display_name", Text(party.display_name)}};
}

std::string Dump(const ordered_json& j) {
  // ensure_ascii off so a reader sees the words and emoji as sent; every string is valid UTF-8
  // by construction (Text), so the strict handler cannot throw.
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

// ---- reading ----

Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

std::string Name(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : std::string(prefix) + "." + std::string(key);
}

// The JSON library throws on a wrong type; every read looks first so the message names the
// field.
Result<const json*> Member(const json& object, std::string_view prefix, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return tl::unexpected(Invalid("no \"" + Name(prefix, key) + "\""));
  return &*it;
}

Result<std::string> StrValue(const json& value, const std::string& name) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.size() == 1 && value.contains("hex") && value["hex"].is_string()) {
    const std::string& hex = value["hex"].get_ref<const std::string&>();
    auto bytes = evidence::internal::HexDecode(hex, hex.size() / 2);
    if (bytes) return *std::move(bytes);
  }
  return tl::unexpected(Invalid("\"" + name + "\" is not a string"));
}

Result<std::string> Str(const json& object, std::string_view prefix, const char* key) {
  SG_ASSIGN_OR_RETURN(const json* value, Member(object, prefix, key));
  return StrValue(*value, Name(prefix, key));
}

Result<int64_t> Int(const json& object, std::string_view prefix, const char* key) {
  SG_ASSIGN_OR_RETURN(const json* value, Member(object, prefix, key));
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() &&
       value->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))) {
    return tl::unexpected(Invalid("\"" + Name(prefix, key) + "\" is not an integer"));
  }
  return value->get<int64_t>();
}

Result<uint64_t> Uint(const json& object, std::string_view prefix, const char* key) {
  SG_ASSIGN_OR_RETURN(const json* value, Member(object, prefix, key));
  if (!value->is_number_unsigned()) {
    return tl::unexpected(Invalid("\"" + Name(prefix, key) + "\" is not a whole number"));
  }
  return value->get<uint64_t>();
}

Result<bool> Bool(const json& object, std::string_view prefix, const char* key) {
  SG_ASSIGN_OR_RETURN(const json* value, Member(object, prefix, key));
  if (!value->is_boolean()) {
    return tl::unexpected(Invalid("\"" + Name(prefix, key) + "\" is not true or false"));
  }
  return value->get<bool>();
}

Result<const json*> Typed(const json& object, std::string_view prefix, const char* key,
                          json::value_t type, const char* what) {
  SG_ASSIGN_OR_RETURN(const json* value, Member(object, prefix, key));
  if (value->type() != type) {
    return tl::unexpected(Invalid("\"" + Name(prefix, key) + "\" is not " + what));
  }
  return value;
}

Result<const json*> Object(const json& object, std::string_view prefix, const char* key) {
  return Typed(object, prefix, key, json::value_t::object, "an object");
}
Result<const json*> Array(const json& object, std::string_view prefix, const char* key) {
  return Typed(object, prefix, key, json::value_t::array, "a list");
}

std::string Element(std::string_view prefix, const char* key, size_t index) {
  return Name(prefix, key) + "[" + std::to_string(index) + "]";
}

Result<json> ParseObject(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return tl::unexpected(Invalid("not valid JSON"));
  if (!doc.is_object()) return tl::unexpected(Invalid("not a JSON object"));
  return doc;
}

Result<Party> ReadParty(const json& object, const std::string& name) {
  if (!object.is_object()) return tl::unexpected(Invalid("\"" + name + "\" is not an object"));
  Party party;
  SG_ASSIGN_OR_RETURN(std::string kind, Str(object, name, "kind"));
  const auto parsed = IdentityKindFromString(kind);
  if (!parsed) {
    return tl::unexpected(Invalid("\"" + name + ".kind\" is not an identity kind: " + kind));
  }
  party.identity.kind = *parsed;
  SG_ASSIGN_OR_RETURN(party.identity.value, Str(object, name, "value"));
  SG_ASSIGN_OR_RETURN(party.display_name, Str(object, name, "display_name"));
  return party;
}

template <typename T>
ParsedLines<T> ParseLines(std::string_view text, Result<T> (*read)(std::string_view)) {
  ParsedLines<T> out;
  size_t number = 0;
  while (!text.empty()) {
    ++number;
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty()) {
      out.errors.push_back(LineError{number, "empty line"});
      continue;
    }
    Result<T> item = read(line);
    if (item) {
      out.items.emplace_back(number, *std::move(item));
    } else {
      out.errors.push_back(LineError{number, std::move(item.error().message)});
    }
  }
  return out;
}

}  // namespace

std::string WriteEventLine(const EventLine& line) {
  const Event& e = line.event;
  ordered_json recipients = ordered_json::array();
  for (const Party& r : e.recipients) recipients.push_back(PartyJson(r));
  ordered_json urls = ordered_json::array();
  for (const std::string& url : e.urls) urls.push_back(Text(url));
  ordered_json attachments = ordered_json::array();
  for (size_t i = 0; i < e.attachments.size(); ++i) {
    const Attachment& a = e.attachments[i];
    ordered_json item{{"name", Text(a.name)},
                      {"mime_type", Text(a.mime_type)},
                      {"size", a.size},
                      {"sha256", Text(a.sha256)},
                      {"uri", Text(a.uri)}};
    if (i < line.attachment_files.size() && !line.attachment_files[i].empty()) {
      item["file"] = line.attachment_files[i];
    }
    attachments.push_back(std::move(item));
  }
  ordered_json reactions = ordered_json::array();
  for (const Reaction& r : e.reactions) {
    reactions.push_back(ordered_json{{"actor", Text(r.actor)}, {"emoji", Text(r.emoji)}});
  }
  ordered_json out{
      {"id", Text(e.id)},
      {"native_id", Text(e.native_id)},
      {"channel", ToString(e.channel)},
      {"platform", Text(e.platform)},
      {"direction", ToString(e.direction)},
      {"sender", PartyJson(e.sender)},
      {"recipients", std::move(recipients)},
      {"time", ordered_json{{"utc_ms", e.time.utc_ms},
                            {"offset_minutes", e.time.offset_minutes},
                            {"offset_known", e.time.offset_known},
                            {"rfc3339", ReadableTime(e.time)}}},
      {"thread", Text(e.thread)},
      {"subject", Text(e.subject)},
      {"text", Text(e.text)},
      {"urls", std::move(urls)},
      {"attachments", std::move(attachments)},
      {"reactions", std::move(reactions)},
      {"call_type", ToString(e.call_type)},
      {"call_duration_s", e.call_duration_s},
      {"source", ordered_json{{"file", Text(e.source.file)}, {"record", Text(e.source.record)}}},
      {"raw_sha256", line.raw_sha256},
  };
  if (!line.original.empty()) out["original"] = line.original;
  if (line.redacted) out["redacted"] = true;
  return Dump(out);
}

std::string WriteFindingLine(const FindingLine& line) {
  const Finding& f = line.finding;
  // The score is a JSON number: the serialiser writes the shortest decimal that reads back
  // to the same double (ScoreRoundTrips checks), so the committed bit pattern survives.
  ordered_json out{{"id", Text(f.id)},
                   {"event_id", Text(f.event_id)},
                   {"detector", Text(f.detector)},
                   {"category", Text(f.category)},
                   {"score", f.score},
                   {"severity", ToString(f.severity)},
                   {"span", ordered_json{{"begin", f.span.begin}, {"end", f.span.end}}},
                   {"why", Text(f.why)},
                   {"excerpt", Text(f.excerpt)}};
  if (line.redacted) out["redacted"] = true;
  return Dump(out);
}

std::string WriteChainLine(const ChainLine& line) {
  if (const auto* gap = std::get_if<ChainGap>(&line)) {
    return Dump(ordered_json{{"gap", ordered_json{{"first_seq", gap->first_seq},
                                                  {"last_seq", gap->last_seq},
                                                  {"prev_hash", Text(gap->prev_hash)},
                                                  {"last_hash", Text(gap->last_hash)}}}});
  }
  const auto& e = std::get<evidence::ChainEntry>(line);
  return Dump(ordered_json{{"seq", e.seq},
                           {"kind", Text(e.kind)},
                           {"item_id", Text(e.item_id)},
                           {"item_hash", Text(e.item_hash)},
                           {"recorded_ms", e.recorded_ms},
                           {"source", Text(e.source)},
                           {"prev_hash", Text(e.prev_hash)},
                           {"entry_hash", Text(e.entry_hash)}});
}

Result<EventLine> ReadEventLine(std::string_view text) {
  SG_ASSIGN_OR_RETURN(const json doc, ParseObject(text));
  EventLine line;
  Event& e = line.event;
  SG_ASSIGN_OR_RETURN(e.id, Str(doc, "", "id"));
  SG_ASSIGN_OR_RETURN(e.native_id, Str(doc, "", "native_id"));
  SG_ASSIGN_OR_RETURN(const std::string channel, Str(doc, "", "channel"));
  const auto parsed_channel = ChannelFromString(channel);
  if (!parsed_channel) return tl::unexpected(Invalid("\"channel\" is not a channel: " + channel));
  e.channel = *parsed_channel;
  SG_ASSIGN_OR_RETURN(e.platform, Str(doc, "", "platform"));
  SG_ASSIGN_OR_RETURN(const std::string direction, Str(doc, "", "direction"));
  const auto parsed_direction = DirectionFromString(direction);
  if (!parsed_direction) {
    return tl::unexpected(Invalid("\"direction\" is not a direction: " + direction));
  }
  e.direction = *parsed_direction;
  SG_ASSIGN_OR_RETURN(const json* sender, Member(doc, "", "sender"));
  SG_ASSIGN_OR_RETURN(e.sender, ReadParty(*sender, "sender"));
  SG_ASSIGN_OR_RETURN(const json* recipients, Array(doc, "", "recipients"));
  for (size_t i = 0; i < recipients->size(); ++i) {
    SG_ASSIGN_OR_RETURN(Party party, ReadParty((*recipients)[i], Element("", "recipients", i)));
    e.recipients.push_back(std::move(party));
  }
  SG_ASSIGN_OR_RETURN(const json* time, Object(doc, "", "time"));
  SG_ASSIGN_OR_RETURN(e.time.utc_ms, Int(*time, "time", "utc_ms"));
  SG_ASSIGN_OR_RETURN(const int64_t offset, Int(*time, "time", "offset_minutes"));
  if (offset < std::numeric_limits<int32_t>::min() ||
      offset > std::numeric_limits<int32_t>::max()) {
    return tl::unexpected(Invalid("\"time.offset_minutes\" is out of range"));
  }
  e.time.offset_minutes = static_cast<int32_t>(offset);
  SG_ASSIGN_OR_RETURN(e.time.offset_known, Bool(*time, "time", "offset_known"));
  SG_ASSIGN_OR_RETURN(line.time_text, Str(*time, "time", "rfc3339"));
  SG_ASSIGN_OR_RETURN(e.thread, Str(doc, "", "thread"));
  SG_ASSIGN_OR_RETURN(e.subject, Str(doc, "", "subject"));
  SG_ASSIGN_OR_RETURN(e.text, Str(doc, "", "text"));
  SG_ASSIGN_OR_RETURN(const json* urls, Array(doc, "", "urls"));
  for (size_t i = 0; i < urls->size(); ++i) {
    SG_ASSIGN_OR_RETURN(std::string url, StrValue((*urls)[i], Element("", "urls", i)));
    e.urls.push_back(std::move(url));
  }
  SG_ASSIGN_OR_RETURN(const json* attachments, Array(doc, "", "attachments"));
  for (size_t i = 0; i < attachments->size(); ++i) {
    const json& item = (*attachments)[i];
    const std::string name = Element("", "attachments", i);
    if (!item.is_object()) return tl::unexpected(Invalid("\"" + name + "\" is not an object"));
    Attachment a;
    SG_ASSIGN_OR_RETURN(a.name, Str(item, name, "name"));
    SG_ASSIGN_OR_RETURN(a.mime_type, Str(item, name, "mime_type"));
    SG_ASSIGN_OR_RETURN(a.size, Int(item, name, "size"));
    SG_ASSIGN_OR_RETURN(a.sha256, Str(item, name, "sha256"));
    SG_ASSIGN_OR_RETURN(a.uri, Str(item, name, "uri"));
    std::string file;
    if (item.contains("file")) {
      SG_ASSIGN_OR_RETURN(file, Str(item, name, "file"));
    }
    e.attachments.push_back(std::move(a));
    line.attachment_files.push_back(std::move(file));
  }
  SG_ASSIGN_OR_RETURN(const json* reactions, Array(doc, "", "reactions"));
  for (size_t i = 0; i < reactions->size(); ++i) {
    const json& item = (*reactions)[i];
    const std::string name = Element("", "reactions", i);
    if (!item.is_object()) return tl::unexpected(Invalid("\"" + name + "\" is not an object"));
    Reaction r;
    SG_ASSIGN_OR_RETURN(r.actor, Str(item, name, "actor"));
    SG_ASSIGN_OR_RETURN(r.emoji, Str(item, name, "emoji"));
    e.reactions.push_back(std::move(r));
  }
  SG_ASSIGN_OR_RETURN(const std::string call_type, Str(doc, "", "call_type"));
  const auto parsed_call = CallTypeFromString(call_type);
  if (!parsed_call) {
    return tl::unexpected(Invalid("\"call_type\" is not a call type: " + call_type));
  }
  e.call_type = *parsed_call;
  SG_ASSIGN_OR_RETURN(e.call_duration_s, Int(doc, "", "call_duration_s"));
  SG_ASSIGN_OR_RETURN(const json* source, Object(doc, "", "source"));
  SG_ASSIGN_OR_RETURN(e.source.file, Str(*source, "source", "file"));
  SG_ASSIGN_OR_RETURN(e.source.record, Str(*source, "source", "record"));
  SG_ASSIGN_OR_RETURN(line.raw_sha256, Str(doc, "", "raw_sha256"));
  if (doc.contains("original")) {
    SG_ASSIGN_OR_RETURN(line.original, Str(doc, "", "original"));
  }
  if (doc.contains("redacted")) {
    SG_ASSIGN_OR_RETURN(line.redacted, Bool(doc, "", "redacted"));
  }
  return line;
}

Result<FindingLine> ReadFindingLine(std::string_view text) {
  SG_ASSIGN_OR_RETURN(const json doc, ParseObject(text));
  FindingLine line;
  Finding& f = line.finding;
  SG_ASSIGN_OR_RETURN(f.id, Str(doc, "", "id"));
  SG_ASSIGN_OR_RETURN(f.event_id, Str(doc, "", "event_id"));
  SG_ASSIGN_OR_RETURN(f.detector, Str(doc, "", "detector"));
  SG_ASSIGN_OR_RETURN(f.category, Str(doc, "", "category"));
  SG_ASSIGN_OR_RETURN(const json* score, Member(doc, "", "score"));
  // A number too large for a double reads as infinity, which JSON cannot write back.
  if (!score->is_number() || !std::isfinite(score->get<double>())) {
    return tl::unexpected(Invalid("\"score\" is not a number"));
  }
  f.score = score->get<double>();
  SG_ASSIGN_OR_RETURN(const std::string severity, Str(doc, "", "severity"));
  const auto parsed_severity = SeverityFromString(severity);
  if (!parsed_severity) {
    return tl::unexpected(Invalid("\"severity\" is not a severity: " + severity));
  }
  f.severity = *parsed_severity;
  SG_ASSIGN_OR_RETURN(const json* span, Object(doc, "", "span"));
  SG_ASSIGN_OR_RETURN(const uint64_t begin, Uint(*span, "span", "begin"));
  SG_ASSIGN_OR_RETURN(const uint64_t end, Uint(*span, "span", "end"));
  f.span = TextSpan{static_cast<size_t>(begin), static_cast<size_t>(end)};
  SG_ASSIGN_OR_RETURN(f.why, Str(doc, "", "why"));
  SG_ASSIGN_OR_RETURN(f.excerpt, Str(doc, "", "excerpt"));
  if (doc.contains("redacted")) {
    SG_ASSIGN_OR_RETURN(line.redacted, Bool(doc, "", "redacted"));
  }
  return line;
}

Result<ChainLine> ReadChainLine(std::string_view text) {
  SG_ASSIGN_OR_RETURN(const json doc, ParseObject(text));
  if (doc.contains("gap")) {
    SG_ASSIGN_OR_RETURN(const json* g, Object(doc, "", "gap"));
    ChainGap gap;
    SG_ASSIGN_OR_RETURN(gap.first_seq, Uint(*g, "gap", "first_seq"));
    SG_ASSIGN_OR_RETURN(gap.last_seq, Uint(*g, "gap", "last_seq"));
    SG_ASSIGN_OR_RETURN(gap.prev_hash, Str(*g, "gap", "prev_hash"));
    SG_ASSIGN_OR_RETURN(gap.last_hash, Str(*g, "gap", "last_hash"));
    return ChainLine(std::move(gap));
  }
  evidence::ChainEntry e;
  SG_ASSIGN_OR_RETURN(e.seq, Uint(doc, "", "seq"));
  SG_ASSIGN_OR_RETURN(e.kind, Str(doc, "", "kind"));
  SG_ASSIGN_OR_RETURN(e.item_id, Str(doc, "", "item_id"));
  SG_ASSIGN_OR_RETURN(e.item_hash, Str(doc, "", "item_hash"));
  SG_ASSIGN_OR_RETURN(e.recorded_ms, Int(doc, "", "recorded_ms"));
  SG_ASSIGN_OR_RETURN(e.source, Str(doc, "", "source"));
  SG_ASSIGN_OR_RETURN(e.prev_hash, Str(doc, "", "prev_hash"));
  SG_ASSIGN_OR_RETURN(e.entry_hash, Str(doc, "", "entry_hash"));
  return ChainLine(std::move(e));
}

ParsedLines<EventLine> ParseEventLines(std::string_view text) {
  return ParseLines<EventLine>(text, &ReadEventLine);
}
ParsedLines<FindingLine> ParseFindingLines(std::string_view text) {
  return ParseLines<FindingLine>(text, &ReadFindingLine);
}
ParsedLines<ChainLine> ParseChainLines(std::string_view text) {
  return ParseLines<ChainLine>(text, &ReadChainLine);
}

std::string ReadableTime(const Timestamp& time) {
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, with a day's margin for the offset; the
  // bounds also keep the calendar arithmetic far from overflow.
  constexpr int64_t kFirstMs = -62167219200000 + 86400000;
  constexpr int64_t kLastMs = 253402300799999 - 86400000;
  const bool offset_ok =
      !time.offset_known || (time.offset_minutes > -24 * 60 && time.offset_minutes < 24 * 60);
  if (time.utc_ms < kFirstMs || time.utc_ms > kLastMs || !offset_ok) return "";
  return FormatRfc3339(time);
}

bool ScoreRoundTrips(double score) {
  const json back = json::parse(json(score).dump(), nullptr, /*allow_exceptions=*/false);
  return back.is_number() &&
         std::bit_cast<uint64_t>(back.get<double>()) == std::bit_cast<uint64_t>(score);
}

}  // namespace stalkguard::bundle::internal
