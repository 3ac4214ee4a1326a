#include "importers/email/internal/mime_message.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/strings.h"
#include "core/timestamp.h"
#include "core/url_extract.h"
#include "core/utf8.h"
#include "importers/email/internal/html_text.h"
#include "importers/email/internal/message_reader.h"

namespace stalkguard::importers::email_internal {
namespace {

// Deeper nesting than this (multiparts in forwarded messages in multiparts...) is not mail a
// person wrote; parts below it are ignored rather than recursed into.
constexpr int kMaxDepth = 32;

struct GObjectUnref {
  void operator()(gpointer p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

// GMime keeps global tables (charsets, object types) that g_mime_init builds once per process.
GMimeParserOptions* ParserOptions() {
  static std::once_flag once;
  static GMimeParserOptions* options = nullptr;
  std::call_once(once, [] {
    g_mime_init();
    options = g_mime_parser_options_new();
    // Raw 8-bit header text with no declared charset: UTF-8 first, then what Windows mail
    // programs wrote.
    static const char* kFallback[] = {"utf-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(options, kFallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
  });
  return options;
}

std::string Str(const char* s) { return s == nullptr ? std::string() : SanitizeUtf8(s); }

// A value quoted in a rejection reason: short, valid UTF-8.
std::string Quote(std::string_view value) {
  constexpr size_t kMax = 80;
  std::string shown = SanitizeUtf8(TrimAscii(value).substr(0, kMax));
  if (TrimAscii(value).size() > kMax) shown += "...";
  return "\"" + shown + "\"";
}

// windows-1252 bytes 0x80..0x9F; the five holes keep their C1 code points.
constexpr uint32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else if (b < 0xA0) {
      AppendUtf8(out, kCp1252High[b - 0x80]);
    } else {
      AppendUtf8(out, b);
    }
  }
  return out;
}

std::string IconvToUtf8(iconv_t cd, std::string_view bytes) {
  std::string out;
  char chunk[4096];
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = chunk;
    size_t o_left = sizeof chunk;
    const size_t r = g_mime_iconv(cd, &in, &in_left, &o, &o_left);
    out.append(chunk, static_cast<size_t>(o - chunk));
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      // An invalid or cut-off sequence: mark it and go on with the next byte.
      AppendUtf8(out, 0xFFFD);
      ++in;
      --in_left;
      g_mime_iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  char* o = chunk;
  size_t o_left = sizeof chunk;
  g_mime_iconv(cd, nullptr, nullptr, &o, &o_left);  // flush a stateful encoding (ISO-2022-JP)
  out.append(chunk, static_cast<size_t>(o - chunk));
  return SanitizeUtf8(out);
}

// The decoded (transfer encoding undone) content of a leaf part; nullopt when GMime fails.
std::optional<std::string> DecodedContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return std::string();
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, mem.get()) < 0) return std::nullopt;
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  if (array == nullptr || array->len == 0) return std::string();
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::optional<std::string> SerializedMessage(GMimeMessage* message) {
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  if (g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr, mem.get()) < 0) {
    return std::nullopt;
  }
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  if (array == nullptr || array->len == 0) return std::string();
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string MimeType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "application/octet-stream";
  GCharPtr mime(g_mime_content_type_get_mime_type(type));
  std::string out = mime ? AsciiLower(SanitizeUtf8(mime.get())) : "";
  return out.empty() || out == "/" ? "application/octet-stream" : out;
}

std::string NormaliseNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void AddParty(InternetAddress* address, const IdentityNormalizer& normalizer,
              std::vector<Party>& out, int depth) {
  if (address == nullptr || depth > 2) return;
  if (INTERNET_ADDRESS_IS_GROUP(address)) {
    InternetAddressList* members =
        internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
    if (members == nullptr) return;
    for (int i = 0; i < internet_address_list_length(members); ++i) {
      AddParty(internet_address_list_get_address(members, i), normalizer, out, depth + 1);
    }
    return;
  }
  if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return;
  const std::string addr =
      Str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
  if (TrimAscii(addr).empty()) return;
  Party party;
  party.identity = normalizer.Email(addr);
  party.display_name = std::string(TrimAscii(Str(internet_address_get_name(address))));
  out.push_back(std::move(party));
}

std::vector<Party> Parties(InternetAddressList* list, const IdentityNormalizer& normalizer) {
  std::vector<Party> out;
  if (list == nullptr) return out;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    AddParty(internet_address_list_get_address(list, i), normalizer, out, 0);
  }
  return out;
}

Timestamp FromDateTime(GDateTime* dt, bool offset_known) {
  Timestamp ts;
  ts.utc_ms = g_date_time_to_unix(dt) * 1000 + g_date_time_get_microsecond(dt) / 1000;
  ts.offset_minutes =
      offset_known ? static_cast<int32_t>(g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE) : 0;
  ts.offset_known = offset_known;
  return ts;
}

// A Received header ends with the time the relay took the message:
//   Received: from mx.example.com by mail.example.org; Fri, 1 Mar 2024 18:22:07 +0000
std::optional<Timestamp> NewestReceivedTime(GMimeObject* object) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  if (headers == nullptr) return std::nullopt;
  for (int i = 0; i < g_mime_header_list_get_count(headers); ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* name = header ? g_mime_header_get_name(header) : nullptr;
    const char* value = header ? g_mime_header_get_value(header) : nullptr;
    if (name == nullptr || value == nullptr || g_ascii_strcasecmp(name, "Received") != 0) continue;
    const std::string_view v(value);
    const size_t semi = v.rfind(';');
    if (semi == std::string_view::npos) continue;
    const std::string when(TrimAscii(v.substr(semi + 1)));
    GDateTime* dt = g_mime_utils_header_decode_date(when.c_str());
    if (dt == nullptr) continue;
    Timestamp ts = FromDateTime(dt, true);
    g_date_time_unref(dt);
    return ts;
  }
  return std::nullopt;
}

// RFC 5322: "-0000" means the sender's local zone is not known.
bool DateHasKnownZone(std::string_view value) {
  value = TrimAscii(value);
  const size_t paren = value.find('(');
  if (paren != std::string_view::npos) value = TrimAscii(value.substr(0, paren));
  return !value.ends_with("-0000");
}

std::string FirstReference(GMimeObject* object, const char* header) {
  const char* value = g_mime_object_get_header(object, header);
  if (value == nullptr) return "";
  GMimeReferences* refs = g_mime_references_parse(ParserOptions(), value);
  if (refs == nullptr) return "";
  std::string first;
  if (g_mime_references_length(refs) > 0) first = Str(g_mime_references_get_message_id(refs, 0));
  g_mime_references_free(refs);
  return first;
}

// "Re: Fwd: RE: Hello" -> "Hello", so replies without References still meet their thread.
std::string StripReplyPrefixes(std::string_view subject) {
  subject = TrimAscii(subject);
  while (true) {
    const std::string lower = AsciiLower(subject.substr(0, 4));
    size_t cut = 0;
    if (lower.starts_with("re:") || lower.starts_with("fw:"))
      cut = 3;
    else if (lower.starts_with("fwd:"))
      cut = 4;
    if (cut == 0) break;
    subject = TrimAscii(subject.substr(cut));
  }
  return std::string(subject);
}

struct Body {
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<Attachment> attachments;
};

bool IsAttachmentDisposition(GMimeObject* object) {
  const char* disposition = g_mime_object_get_disposition(object);
  return disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0;
}

void Walk(GMimeObject* object, int depth, bool nested, Body& body);

void AddMessagePart(GMimeMessagePart* part, int depth, Body& body) {
  GMimeObject* object = GMIME_OBJECT(part);
  GMimeMessage* inner = g_mime_message_part_get_message(part);
  Attachment att;
  const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
  att.name = Str(name);
  att.mime_type = MimeType(object);
  if (inner != nullptr) {
    if (auto bytes = SerializedMessage(inner)) {
      att.size = static_cast<int64_t>(bytes->size());
      att.sha256 = Sha256Hex(*bytes);
      att.bytes = std::move(*bytes);
    }
  }
  body.attachments.push_back(std::move(att));
  // Files inside a forwarded message reach the reader too, so they are listed as well.
  if (inner != nullptr) {
    GMimeObject* inner_part = g_mime_message_get_mime_part(inner);
    if (inner_part != nullptr) Walk(inner_part, depth + 1, true, body);
  }
}

void AddLeaf(GMimePart* part, bool nested, Body& body) {
  GMimeObject* object = GMIME_OBJECT(part);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  const char* filename = g_mime_part_get_filename(part);
  const bool is_file = filename != nullptr || IsAttachmentDisposition(object);
  const bool plain = type != nullptr && g_mime_content_type_is_type(type, "text", "plain");
  const bool html = type != nullptr && g_mime_content_type_is_type(type, "text", "html");
  if (!is_file && (plain || html)) {
    // The text of a forwarded message belongs to that message, not to this one.
    if (nested) return;
    const std::optional<std::string> bytes = DecodedContent(part);
    if (!bytes) return;  // a part that does not decode loses only itself
    const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
    std::string text = ToUtf8(*bytes, charset == nullptr ? "" : charset);
    (plain ? body.plain : body.html).push_back(std::move(text));
    return;
  }
  Attachment att;
  att.name = Str(filename);
  att.mime_type = MimeType(object);
  if (auto bytes = DecodedContent(part)) {
    att.size = static_cast<int64_t>(bytes->size());
    att.sha256 = Sha256Hex(*bytes);
    att.bytes = std::move(*bytes);
  }
  body.attachments.push_back(std::move(att));
}

void Walk(GMimeObject* object, int depth, bool nested, Body& body) {
  if (object == nullptr || depth > kMaxDepth) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
      Walk(g_mime_multipart_get_part(multipart, i), depth + 1, nested, body);
    }
  } else if (GMIME_IS_MESSAGE_PART(object)) {
    AddMessagePart(GMIME_MESSAGE_PART(object), depth, body);
  } else if (GMIME_IS_PART(object)) {
    AddLeaf(GMIME_PART(object), nested, body);
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::string_view FirstLine(std::string_view bytes) { return bytes.substr(0, bytes.find('\n')); }

}  // namespace

std::string ToUtf8(std::string_view bytes, std::string_view charset) {
  const std::string cs = AsciiLower(TrimAscii(charset));
  if (cs.empty() || cs == "us-ascii" || cs == "ascii" || cs == "utf-8" || cs == "utf8" ||
      cs == "unknown-8bit" || cs == "x-unknown" || cs == "default") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    return cs.starts_with("utf") ? SanitizeUtf8(bytes) : Windows1252ToUtf8(bytes);
  }
  if (cs == "iso-8859-1" || cs == "iso8859-1" || cs == "iso_8859-1" || cs == "latin1" ||
      cs == "l1" || cs == "windows-1252" || cs == "cp1252" || cs == "x-cp1252") {
    return Windows1252ToUtf8(bytes);
  }
  ParserOptions();  // g_mime_iconv_open needs GMime's charset tables
  iconv_t cd = g_mime_iconv_open("UTF-8", cs.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return IsValidUtf8(bytes) ? std::string(bytes) : Windows1252ToUtf8(bytes);
  }
  std::string out = IconvToUtf8(cd, bytes);
  g_mime_iconv_close(cd);
  return out;
}

Result<Event> ParseMimeMessage(std::string_view bytes, std::string_view envelope,
                               const IdentityNormalizer& normalizer) {
  if (TrimAscii(bytes).empty()) return MakeError(ErrorCode::kInvalidInput, "empty message");
  if (!IsHeaderLine(FirstLine(bytes))) {
    return MakeError(ErrorCode::kInvalidInput, "does not start with a header line");
  }
  GMimeParserOptions* options = ParserOptions();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));
  if (!message) {
    return MakeError(ErrorCode::kInvalidInput, "GMime cannot parse it as a message");
  }
  GMimeObject* object = GMIME_OBJECT(message.get());

  Event event;
  event.platform = "email";
  event.channel = Channel::kEmail;

  const char* date_value = g_mime_object_get_header(object, "Date");
  if (GDateTime* dt = g_mime_message_get_date(message.get())) {
    event.time = FromDateTime(dt, DateHasKnownZone(date_value == nullptr ? "" : date_value));
  } else if (auto iso = ParseRfc3339(TrimAscii(date_value == nullptr ? "" : date_value))) {
    // Some exporters and scripts write "2024-03-01T18:22:05Z" instead of RFC 5322 dates.
    event.time = *iso;
  } else if (auto from_line = ParseEnvelopeDate(envelope)) {
    event.time = *from_line;
  } else if (auto received = NewestReceivedTime(object)) {
    event.time = *received;
  } else {
    const std::string what =
        date_value == nullptr ? "no Date header" : "Date " + Quote(date_value) + " is not a date";
    return MakeError(ErrorCode::kInvalidInput,
                     what + ", and no mbox From line or Received header gives a time");
  }

  std::vector<Party> from = Parties(g_mime_message_get_from(message.get()), normalizer);
  if (!from.empty()) {
    event.sender = std::move(from.front());
  } else {
    event.sender.identity.kind = IdentityKind::kEmail;
  }
  for (GMimeAddressType type :
       {GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC}) {
    std::vector<Party> parties =
        Parties(g_mime_message_get_addresses(message.get(), type), normalizer);
    for (Party& p : parties) event.recipients.push_back(std::move(p));
  }

  event.subject = std::string(TrimAscii(Str(g_mime_message_get_subject(message.get()))));
  event.native_id = Str(g_mime_message_get_message_id(message.get()));
  event.thread = FirstReference(object, "References");
  if (event.thread.empty()) event.thread = FirstReference(object, "In-Reply-To");
  if (event.thread.empty()) event.thread = event.native_id;
  if (event.thread.empty()) event.thread = StripReplyPrefixes(event.subject);

  Body body;
  Walk(g_mime_message_get_mime_part(message.get()), 0, false, body);
  std::vector<std::string> hrefs;
  std::vector<std::string> html_texts;
  for (const std::string& html : body.html) {
    HtmlText converted = HtmlToText(html);
    html_texts.push_back(std::move(converted.text));
    for (std::string& h : converted.hrefs) hrefs.push_back(std::move(h));
  }
  // An empty text/plain alternative next to a real HTML one happens (newsletter tools).
  const std::string plain = Join(body.plain);
  event.text = SanitizeUtf8(NormaliseNewlines(TrimAscii(plain).empty() ? Join(html_texts) : plain));
  event.urls = ExtractUrls(event.text);
  for (std::string& h : hrefs) {
    h = SanitizeUtf8(h);
    if (std::find(event.urls.begin(), event.urls.end(), h) == event.urls.end()) {
      event.urls.push_back(std::move(h));
    }
  }
  event.attachments = std::move(body.attachments);
  return event;
}

}  // namespace stalkguard::importers::email_internal
