#include "importers/jsonl/jsonl_importer.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/strings.h"
#include "core/timestamp.h"
#include "core/url_extract.h"
#include "core/utf8.h"

namespace stalkguard::importers {
namespace {

namespace sj = simdjson;

// simdjson validates UTF-8 for the whole line, so a string it hands out is valid.
std::string Utf8(std::string_view s) { return std::string(s); }

// "data_base64" is read as leniently as it always was: either alphabet, '=' and line breaks
// anywhere, the bits after the last whole byte dropped. A strict reading would reject records
// that import today.
std::optional<std::string> DecodeDataBase64(std::string_view text) {
  return DecodeBase64(text, {.lenient = true});
}

class JsonlImporter : public Importer {
 public:
  std::string_view Name() const override { return "jsonl"; }

  int Sniff(std::string_view name, std::string_view head) const override {
    // The first non-empty line must be a JSON object holding a time and a sender or text.
    size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || head[start] != '{') return 0;
    const size_t end = head.find('\n', start);
    if (end == std::string_view::npos && head.size() == Source::kHeadBytes) return 0;
    const std::string_view first =
        head.substr(start, end == std::string_view::npos ? head.npos : end - start);
    sj::dom::parser parser;
    sj::dom::element doc;
    if (parser.parse(first.data(), first.size()).get(doc) != sj::SUCCESS || !doc.is_object()) {
      return 0;
    }
    const bool has_time = doc["time"].error() == sj::SUCCESS || doc["ts"].error() == sj::SUCCESS;
    const bool has_body =
        doc["sender"].error() == sj::SUCCESS || doc["text"].error() == sj::SUCCESS;
    if (!has_time || !has_body) return 0;
    const bool named = name.ends_with(".jsonl") || name.ends_with(".ndjson");
    return named ? 95 : 85;
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    LineReader lines(source);
    sj::ondemand::parser parser;
    std::string padded;
    Scratch scratch;
    std::string reason;
    while (auto line = lines.Next()) {
      if (line->find_first_not_of(" \t\r") == std::string_view::npos) continue;
      if (lines.truncated()) {
        sink.Reject(Where(source, lines), "line longer than the 16 MiB limit");
        continue;
      }
      padded.assign(line->data(), line->size());
      padded.append(sj::SIMDJSON_PADDING, ' ');
      Event event;
      reason.clear();
      if (ParseLine(parser, padded, line->size(), options, scratch, event, reason)) {
        event.source.file.assign(source.name());
        SetRecord(lines.line_number(), event.source.record);
        event.raw.assign(line->data(), line->size());
        sink.Emit(std::move(event));
      } else {
        sink.Reject(Where(source, lines), reason);
      }
    }
    if (lines.error()) return tl::unexpected(*lines.error());
    return OkStatus();
  }

 private:
  // Addresses of one line as the parser's string buffer holds them; valid until the next line.
  struct Scratch {
    std::vector<std::pair<std::string_view, std::string_view>> recipients;  // raw, name
  };

  static SourceRef Where(const Source& source, const LineReader& lines) {
    SourceRef where{source.name(), ""};
    SetRecord(lines.line_number(), where.record);
    return where;
  }

  // "line 42", written without temporaries since it runs for every line.
  static void SetRecord(int64_t line_number, std::string& record) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, line_number).ptr;
    record.assign("line ");
    record.append(digits, end);
  }

  static bool ParseLine(sj::ondemand::parser& parser, const std::string& padded, size_t length,
                        const ImportOptions& options, Scratch& scratch, Event& event,
                        std::string& reason) {
    sj::ondemand::document doc;
    sj::ondemand::object object;
    sj::error_code error = parser.iterate(padded.data(), length, padded.size()).get(doc);
    if (!error) error = doc.get_object().get(object);
    if (error) {
      reason = error == sj::INCORRECT_TYPE
                   ? "not a JSON object"
                   : std::string("malformed JSON: ") + sj::error_message(error);
      return false;
    }
    std::string_view sender_raw, sender_name;
    bool have_time = false;
    auto& recipients = scratch.recipients;
    recipients.clear();
    for (auto field : object) {
      std::string_view key;
      if ((error = field.unescaped_key().get(key))) break;
      sj::ondemand::value value;
      if ((error = field.value().get(value))) break;
      if (key == "time" || key == "ts") {
        std::string_view text;
        int64_t ms = 0;
        if (value.get_string().get(text) == sj::SUCCESS) {
          auto t = ParseRfc3339(text);
          if (!t) {
            reason = "\"" + std::string(text.substr(0, 40)) + "\" is not an RFC 3339 time";
            return false;
          }
          event.time = *t;
          have_time = true;
        } else if (value.get_int64().get(ms) == sj::SUCCESS) {
          event.time.utc_ms = ms;  // a number is milliseconds since the epoch, UTC
          have_time = true;
        } else {
          reason = "\"" + std::string(key) + "\" must be an RFC 3339 string or epoch milliseconds";
          return false;
        }
      } else if (key == "sender") {
        if (!ReadParty(value, sender_raw, sender_name)) {
          reason = "\"sender\" must be a string or {\"id\", \"name\"}";
          return false;
        }
      } else if (key == "sender_name") {
        std::string_view s;
        if (value.get_string().get(s) == sj::SUCCESS) sender_name = s;
      } else if (key == "recipient" || key == "recipients") {
        if (!ReadRecipients(value, recipients)) {
          reason = "\"" + std::string(key) + "\" must be a string, {\"id\", \"name\"} or a list";
          return false;
        }
      } else if (key == "id") {
        std::string_view s;
        int64_t n = 0;
        if (value.get_string().get(s) == sj::SUCCESS) {
          event.native_id.assign(s);
        } else if (value.get_int64().get(n) == sj::SUCCESS) {
          char digits[24];
          event.native_id.assign(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
        }
      } else if (key == "channel") {
        std::string_view s;
        if (value.get_string().get(s) != sj::SUCCESS || !ChannelFromString(s)) {
          reason = "unknown channel \"" + Utf8(s.substr(0, 40)) + "\"";
          return false;
        }
        event.channel = *ChannelFromString(s);
      } else if (key == "direction") {
        std::string_view s;
        if (value.get_string().get(s) != sj::SUCCESS || !DirectionFromString(s)) {
          reason = "unknown direction \"" + Utf8(s.substr(0, 40)) + "\"";
          return false;
        }
        event.direction = *DirectionFromString(s);
      } else if (key == "platform" || key == "thread" || key == "subject" || key == "text") {
        std::string_view s;
        if (value.get_string().get(s) != sj::SUCCESS) {
          reason = "\"" + std::string(key) + "\" must be a string";
          return false;
        }
        std::string& target = key == "platform"  ? event.platform
                              : key == "thread"  ? event.thread
                              : key == "subject" ? event.subject
                                                 : event.text;
        target.assign(s);
      } else if (key == "urls") {
        sj::ondemand::array array;
        if (value.get_array().get(array) == sj::SUCCESS) {
          for (auto item : array) {
            std::string_view s;
            if (item.get_string().get(s) == sj::SUCCESS) event.urls.push_back(Utf8(s));
          }
        }
      } else if (key == "attachments") {
        if (!ReadAttachments(value, event.attachments, reason)) return false;
      } else if (key == "call") {
        sj::ondemand::object call;
        if (value.get_object().get(call) == sj::SUCCESS) {
          for (auto f : call) {
            std::string_view k;
            if (f.unescaped_key().get(k)) continue;
            std::string_view s;
            int64_t n = 0;
            if (k == "type" && f.value().get_string().get(s) == sj::SUCCESS) {
              if (auto type = CallTypeFromString(s)) event.call_type = *type;
            } else if (k == "duration_s" && f.value().get_int64().get(n) == sj::SUCCESS) {
              event.call_duration_s = n;
            }
          }
        }
      }
      // Other keys are ignored, so producers may add fields of their own.
    }
    if (error) {
      reason = std::string("malformed JSON: ") + sj::error_message(error);
      return false;
    }
    // current_location() fails only at the end of the document; anything else is trailing text.
    if (doc.current_location().error() == sj::SUCCESS) {
      reason = "text after the JSON object";
      return false;
    }
    if (!have_time) {
      reason = "no \"time\"";
      return false;
    }
    if (event.platform.empty()) event.platform.assign(ToString(event.channel));
    options.normalizer.Guess(sender_raw, event.platform, event.sender.identity);
    event.sender.display_name.assign(sender_name);
    for (const auto& [raw, name] : recipients) {
      Party& party = event.recipients.emplace_back();
      options.normalizer.Guess(raw, event.platform, party.identity);
      party.display_name.assign(name);
    }
    for (auto& url : ExtractUrls(event.text)) {
      if (std::find(event.urls.begin(), event.urls.end(), url) == event.urls.end()) {
        event.urls.push_back(std::move(url));
      }
    }
    return true;
  }

  // A party is "+447700900999" or {"id": "+447700900999", "name": "Jordan Blake"}.
  // The views point into the parser's string buffer and stay valid until the next line.
  static bool ReadParty(sj::ondemand::value value, std::string_view& raw, std::string_view& name) {
    std::string_view s;
    if (value.get_string().get(s) == sj::SUCCESS) {
      raw = s;
      return true;
    }
    sj::ondemand::object object;
    if (value.get_object().get(object) != sj::SUCCESS) return false;
    for (auto f : object) {
      std::string_view k, v;
      if (f.unescaped_key().get(k) || f.value().get_string().get(v)) continue;
      if (k == "id") raw = v;
      if (k == "name") name = v;
    }
    return true;
  }

  static bool ReadRecipients(sj::ondemand::value value,
                             std::vector<std::pair<std::string_view, std::string_view>>& out) {
    sj::ondemand::array array;
    if (value.get_array().get(array) == sj::SUCCESS) {
      for (auto item : array) {
        sj::ondemand::value v;
        std::string_view raw, name;
        if (item.get(v) || !ReadParty(v, raw, name)) return false;
        out.emplace_back(raw, name);
      }
      return true;
    }
    std::string_view raw, name;
    if (!ReadParty(value, raw, name)) return false;
    out.emplace_back(raw, name);
    return true;
  }

  static bool ReadAttachments(sj::ondemand::value value, std::vector<Attachment>& out,
                              std::string& reason) {
    sj::ondemand::array array;
    if (value.get_array().get(array) != sj::SUCCESS) {
      reason = "\"attachments\" must be a list";
      return false;
    }
    for (auto item : array) {
      sj::ondemand::object object;
      if (item.get_object().get(object) != sj::SUCCESS) {
        reason = "an attachment must be an object";
        return false;
      }
      Attachment a;
      for (auto f : object) {
        std::string_view k, s;
        int64_t n = 0;
        if (f.unescaped_key().get(k)) continue;
        sj::ondemand::value v;
        if (f.value().get(v)) continue;
        if (k == "size" && v.get_int64().get(n) == sj::SUCCESS) {
          a.size = n;
        } else if (v.get_string().get(s) == sj::SUCCESS) {
          if (k == "name")
            a.name = Utf8(s);
          else if (k == "mime_type")
            a.mime_type = Utf8(s);
          else if (k == "sha256")
            a.sha256 = Utf8(s);
          else if (k == "uri")
            a.uri = Utf8(s);
          else if (k == "data_base64") {
            std::optional<std::string> bytes = DecodeDataBase64(s);
            if (!bytes) {
              reason = "attachment \"" + a.name + "\": data_base64 is not base64";
              return false;
            }
            a.bytes = std::move(*bytes);
          }
        }
      }
      if (!a.bytes.empty()) {
        const std::string actual = Sha256Hex(a.bytes);
        if (!a.sha256.empty() && a.sha256 != actual) {
          reason = "attachment \"" + a.name + "\": sha256 does not match its data";
          return false;
        }
        a.sha256 = actual;
        a.size = static_cast<int64_t>(a.bytes.size());
      }
      if (a.mime_type.empty()) a.mime_type = "application/octet-stream";
      out.push_back(std::move(a));
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Importer> MakeJsonlImporter() { return std::make_unique<JsonlImporter>(); }

}  // namespace stalkguard::importers
