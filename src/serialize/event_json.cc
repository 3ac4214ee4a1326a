#include "serialize/event_json.h"

#include <nlohmann/json.hpp>

#include "core/identity.h"
#include "core/timestamp.h"

namespace stalkguard::serialize {
namespace {

using json = nlohmann::ordered_json;

json PartyJson(const Party& p) {
  json out = {{"id", p.identity.empty() ? "" : p.identity.Key()}};
  if (!p.display_name.empty()) out["name"] = p.display_name;
  return out;
}

}  // namespace

std::string EventToJson(const Event& e, bool with_raw) {
  json out;
  if (!e.id.empty()) out["event_id"] = e.id;
  if (!e.native_id.empty()) out["id"] = e.native_id;
  out["time"] = FormatRfc3339(e.time);
  out["platform"] = e.platform;
  out["channel"] = ToString(e.channel);
  out["direction"] = ToString(e.direction);
  out["sender"] = PartyJson(e.sender);
  if (!e.recipients.empty()) {
    out["recipients"] = json::array();
    for (const Party& p : e.recipients) out["recipients"].push_back(PartyJson(p));
  }
  if (!e.thread.empty()) out["thread"] = e.thread;
  if (!e.subject.empty()) out["subject"] = e.subject;
  out["text"] = e.text;
  if (!e.urls.empty()) out["urls"] = e.urls;
  if (!e.attachments.empty()) {
    out["attachments"] = json::array();
    for (const Attachment& a : e.attachments) {
      json j = {{"name", a.name}, {"mime_type", a.mime_type}};
      if (a.size >= 0) j["size"] = a.size;
      if (!a.sha256.empty()) j["sha256"] = a.sha256;
      if (!a.uri.empty()) j["uri"] = a.uri;
      out["attachments"].push_back(std::move(j));
    }
  }
  if (!e.reactions.empty()) {
    out["reactions"] = json::array();
    for (const Reaction& r : e.reactions)
      out["reactions"].push_back({{"actor", r.actor}, {"emoji", r.emoji}});
  }
  if (e.call_type != CallType::kNone || e.call_duration_s >= 0) {
    json call = {{"type", ToString(e.call_type)}};
    if (e.call_duration_s >= 0) call["duration_s"] = e.call_duration_s;
    out["call"] = std::move(call);
  }
  out["source"] = {{"file", e.source.file}, {"record", e.source.record}};
  if (with_raw && !e.raw.empty()) out["raw"] = e.raw;
  // Text is valid UTF-8 by the importer contract; replace rather than throw if one slips.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace stalkguard::serialize
