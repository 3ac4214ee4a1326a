#include "importers/sms_xml/sms_xml_importer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <exception>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "core/strings.h"
#include "core/timestamp.h"
#include "core/url_extract.h"
#include "importers/internal/media_type.h"
#include "importers/sms_xml/internal/readable_date.h"
#include "importers/sms_xml/internal/record_scanner.h"
#include "importers/sms_xml/internal/text_repair.h"

namespace stalkguard::importers {
namespace {

using sms_xml::CleanText;
using sms_xml::LinesIn;
using sms_xml::Quote;

constexpr size_t kNpos = std::string_view::npos;

// Attribute values keep literal line breaks (only "\r\n" becomes "\n"): the XML rule that
// turns them into spaces (parse_wconv_attribute) would change message text that another
// exporter wrote without "&#10;".
constexpr unsigned kParseOptions = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol;

// The app writes numbers as plain digits; anything else (a sign, spaces, "1.5e12") is suspect.
std::optional<int64_t> ParseDigits(std::string_view v) {
  if (v.empty() || v.size() > 18) return std::nullopt;
  if (!std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

// MMS part data is standard base64, with or without padding, line breaks and spaces; the app
// never writes the URL-safe alphabet, so '-' and '_' mean the data is damaged.
std::optional<std::string> DecodePartData(std::string_view base64) {
  return DecodeBase64(base64, {.url_safe = false, .skip_spaces = true});
}

// The value of attribute `name`; nullopt when it is missing, empty or "null", which is how the
// app writes a Java null.
std::optional<std::string_view> Attr(const pugi::xml_node& node, const char* name) {
  const std::string_view value = node.attribute(name).value();
  if (value.empty() || value == "null") return std::nullopt;
  return value;
}

// "(Unknown)" is what the app writes when the number is not in the phone's contacts.
std::string ContactName(const pugi::xml_node& node) {
  const auto name = Attr(node, "contact_name");
  if (!name || TrimAscii(*name) == "(Unknown)") return "";
  return CleanText(TrimAscii(*name));
}

// Reads "date" (UTC milliseconds) and, when it can, the offset from "readable_date".
bool ReadTime(const pugi::xml_node& node, Timestamp& time, std::string& reason) {
  const auto date = Attr(node, "date");
  if (!date) {
    reason = "no date";
    return false;
  }
  const auto ms = ParseDigits(*date);
  if (!ms) {
    reason = "date " + Quote(*date) + " is not a time in milliseconds";
    return false;
  }
  time.utc_ms = *ms;
  if (const auto readable = Attr(node, "readable_date")) {
    if (const auto offset = sms_xml::OffsetFromReadableDate(*readable, *ms)) {
      time.offset_minutes = *offset;
      time.offset_known = true;
    }
  }
  return true;
}

// Splits "+447700900999~+447700900321", the addresses of a group conversation.
std::vector<std::string_view> SplitAddresses(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const size_t tilde = list.find('~');
    const std::string_view item = TrimAscii(list.substr(0, tilde));
    if (!item.empty() && item != "null") out.push_back(item);
    if (tilde == kNpos) break;
    list.remove_prefix(tilde + 1);
  }
  return out;
}

void AddParty(std::vector<Party>& parties, Party party) {
  if (party.identity.empty()) return;
  for (const Party& p : parties) {
    if (p.identity == party.identity) return;
  }
  parties.push_back(std::move(party));
}

// The thread of a conversation is its counterparts' normalised addresses, sorted, joined by
// "~", so a group thread is the same whoever wrote last.
std::string ThreadOf(const std::vector<Party>& parties) {
  std::vector<std::string> values;
  for (const Party& p : parties) values.push_back(p.identity.value);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string thread;
  for (const std::string& v : values) {
    if (!thread.empty()) thread += '~';
    thread += v;
  }
  return thread;
}

// <sms address="+447700900999" date="1709317325000" type="1" body="..." contact_name="..."/>
// type: 1 received, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued.
bool ReadSms(const pugi::xml_node& sms, const ImportOptions& options, Event& event,
             std::string& reason) {
  event.channel = Channel::kSms;
  const auto address = Attr(sms, "address");
  if (!address) {
    reason = "no address";
    return false;
  }
  if (!ReadTime(sms, event.time, reason)) return false;
  const auto type_text = Attr(sms, "type");
  const auto type = type_text ? ParseDigits(*type_text) : std::nullopt;
  if (!type || *type < 1 || *type > 6) {
    reason = type_text ? "type " + Quote(*type_text) + " is not an SMS type (1 to 6)" : "no type";
    return false;
  }
  Party party{options.normalizer.Phone(CleanText(*address)), ContactName(sms)};
  if (party.identity.empty()) {
    reason = "address " + Quote(*address) + " is not a number or sender name";
    return false;
  }
  event.thread = party.identity.value;
  if (*type == 1) {
    event.direction = Direction::kIncoming;
    event.sender = std::move(party);
  } else {
    event.direction = Direction::kOutgoing;
    event.recipients.push_back(std::move(party));
  }
  if (const auto body = Attr(sms, "body")) event.text = CleanText(*body);
  if (const auto subject = Attr(sms, "subject")) event.subject = CleanText(*subject);
  return true;
}

// The name an MMS part is known by: <part name="IMG_0001.jpg" fn="null" cl="IMG_0001.jpg"
// cid="&lt;0&gt;" .../>.
std::string PartName(const pugi::xml_node& part) {
  for (const char* key : {"name", "fn", "cl", "cid"}) {
    if (const auto value = Attr(part, key)) {
      std::string_view name = TrimAscii(*value);
      if (name.size() >= 2 && name.front() == '<' && name.back() == '>') {
        name = name.substr(1, name.size() - 2);
      }
      if (!name.empty()) return CleanText(name);
    }
  }
  return "";
}

// Reads <parts>: text parts into event.text, the SMIL layout skipped, the rest as attachments
// with their decoded bytes. A part whose data is not base64 is kept without bytes and noted.
void ReadParts(const pugi::xml_node& mms, std::string_view raw, int64_t line, Event& event,
               std::vector<std::string>& notes) {
  for (const pugi::xml_node& part : mms.child("parts").children("part")) {
    const std::string mime = AsciiLower(TrimAscii(Attr(part, "ct").value_or("")));
    if (mime == "application/smil") continue;
    const auto text = Attr(part, "text");
    const auto data = Attr(part, "data");
    const auto note = [&](const std::string& name) {
      const ptrdiff_t offset = part.offset_debug();
      const int64_t part_line =
          offset < 0 ? line : line + LinesIn(raw.substr(0, std::min(raw.size(), size_t(offset))));
      notes.push_back("part " + Quote(name) + " on line " + std::to_string(part_line) +
                      ": its data is not base64, so the message was imported without it");
    };
    if (mime == "text/plain" && (text || !data)) {
      if (text) {
        if (!event.text.empty()) event.text += '\n';
        event.text += CleanText(*text);
      }
      continue;
    }
    if (mime == "text/plain") {
      // A text part carried as data instead of text.
      if (auto bytes = DecodePartData(*data)) {
        if (!event.text.empty()) event.text += '\n';
        event.text += CleanText(*bytes);
      } else {
        note(PartName(part));
      }
      continue;
    }
    Attachment attachment;
    attachment.name = PartName(part);
    attachment.mime_type = mime.empty() ? "application/octet-stream" : CleanText(mime);
    bool have_bytes = false;
    if (data) {
      if (auto bytes = DecodePartData(*data)) {
        attachment.bytes = std::move(*bytes);
        have_bytes = true;
      } else {
        note(attachment.name);
      }
    } else if (text) {
      // vCards and other text/* parts arrive as text.
      attachment.bytes = CleanText(*text);
      have_bytes = true;
    }
    if (have_bytes) {
      attachment.size = static_cast<int64_t>(attachment.bytes.size());
      attachment.sha256 = Sha256Hex(attachment.bytes);
    }
    event.attachments.push_back(std::move(attachment));
  }
}

// <mms date="..." msg_box="1" address="+447700900999~+447700900321" contact_name="Jordan
// Blake, Alex Kim"> <parts>...</parts> <addrs><addr address="..." type="137"/>...</addrs></mms>
bool ReadMms(const pugi::xml_node& mms, std::string_view raw, int64_t line,
             const ImportOptions& options, Event& event, std::string& reason,
             std::vector<std::string>& notes) {
  event.channel = Channel::kMms;
  if (!ReadTime(mms, event.time, reason)) return false;
  // msg_box: 1 inbox, 2 sent, 3 drafts, 4 outbox, 5 failed. Without it, m_type tells:
  // m-send-req (128) was sent; m-notification-ind (130) and m-retrieve-conf (132) received.
  if (const auto box = Attr(mms, "msg_box")) {
    const auto n = ParseDigits(*box);
    if (!n || *n < 1 || *n > 5) {
      reason = "msg_box " + Quote(*box) + " is not a message box (1 to 5)";
      return false;
    }
    event.direction = *n == 1 ? Direction::kIncoming : Direction::kOutgoing;
  } else if (const auto m_type = Attr(mms, "m_type")) {
    const auto n = ParseDigits(*m_type);
    if (n != 128 && n != 130 && n != 132) {
      reason = "no msg_box, and m_type " + Quote(*m_type) + " does not say who sent it";
      return false;
    }
    event.direction = n == 128 ? Direction::kOutgoing : Direction::kIncoming;
  } else {
    reason = "no msg_box";
    return false;
  }

  // "address" lists the other people in the conversation; contact_name names them in the same
  // order, joined by ", ". A name with a comma in it breaks the pairing, so names are used
  // only when the counts agree.
  std::vector<Party> counterparts;
  const std::vector<std::string_view> addresses = SplitAddresses(Attr(mms, "address").value_or(""));
  std::vector<std::string_view> names;
  if (const auto contact = Attr(mms, "contact_name")) {
    for (std::string_view rest = *contact;;) {
      const size_t comma = rest.find(',');
      names.push_back(TrimAscii(rest.substr(0, comma)));
      if (comma == kNpos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  for (size_t i = 0; i < addresses.size(); ++i) {
    Party party{options.normalizer.Phone(CleanText(addresses[i])), ""};
    if (names.size() == addresses.size() && names[i] != "(Unknown)") {
      party.display_name = CleanText(names[i]);
    }
    AddParty(counterparts, std::move(party));
  }
  const auto with_name = [&counterparts](Party party) {
    for (const Party& known : counterparts) {
      if (known.identity == party.identity) party.display_name = known.display_name;
    }
    return party;
  };

  // <addrs>: PduHeaders types 137 from, 151 to, 130 cc, 129 bcc. A sent message's "from" is
  // the phone itself, often as "insert-address-token".
  std::vector<Party> from;
  std::vector<Party> to;
  for (const pugi::xml_node& addr : mms.child("addrs").children("addr")) {
    const auto value = Attr(addr, "address");
    if (!value || *value == "insert-address-token") continue;
    const auto type = ParseDigits(Attr(addr, "type").value_or(""));
    Party party = with_name({options.normalizer.Phone(CleanText(*value)), ""});
    if (type == 137) {
      AddParty(from, std::move(party));
    } else if (type == 151 || type == 130 || type == 129) {
      AddParty(to, std::move(party));
    }
  }
  if (counterparts.empty() && from.empty() && to.empty()) {
    reason = "no address";
    return false;
  }

  if (event.direction == Direction::kIncoming) {
    if (!from.empty()) {
      event.sender = from.front();
    } else if (counterparts.size() == 1) {
      event.sender = counterparts.front();
    }
    event.recipients = to;
  } else {
    event.recipients = to.empty() ? counterparts : to;
  }
  if (counterparts.empty()) {
    counterparts = event.recipients;
    if (event.direction == Direction::kIncoming) AddParty(counterparts, event.sender);
  }
  event.thread = ThreadOf(counterparts);
  if (const auto subject = Attr(mms, "sub")) event.subject = CleanText(*subject);
  if (const auto m_id = Attr(mms, "m_id")) event.native_id = CleanText(*m_id);
  ReadParts(mms, raw, line, event, notes);
  return true;
}

// Android marks a caller who hid their number with presentation 2 (restricted), 3 (unknown)
// or 4 (payphone) and an empty number; older versions wrote the numbers "-2", "-1" and "-3".
// Returns how to name such a caller, or "" for an ordinary number.
std::string_view HiddenCaller(std::string_view number, std::optional<int64_t> presentation) {
  if (number == "-2") return "Private number";
  if (number == "-3") return "Payphone";
  if (number == "-1") return "Unknown number";
  if (!number.empty()) return "";
  if (presentation == 2) return "Private number";
  if (presentation == 4) return "Payphone";
  return "Unknown number";
}

// <call number="+447700900999" duration="0" date="1709317500000" type="3" presentation="1"
// contact_name="Jordan Blake"/>. Types follow CallLog.Calls: 1 incoming, 2 outgoing, 3 missed,
// 4 voicemail, 5 rejected, 6 blocked, 7 answered on another device.
bool ReadCall(const pugi::xml_node& call, const ImportOptions& options, Event& event,
              std::string& reason) {
  static constexpr CallType kTypes[] = {
      CallType::kNone,      CallType::kIncoming, CallType::kOutgoing, CallType::kMissed,
      CallType::kVoicemail, CallType::kRejected, CallType::kBlocked,  CallType::kIncoming};
  event.channel = Channel::kCall;
  const auto presentation = ParseDigits(Attr(call, "presentation").value_or(""));
  const bool hidden_by_presentation = presentation >= 2 && presentation <= 4;
  const pugi::xml_attribute number_attr = call.attribute("number");
  std::string_view number = TrimAscii(number_attr.value());
  if (number == "null") number = "";
  if ((!number_attr || number_attr.value() == std::string_view("null")) &&
      !hidden_by_presentation) {
    reason = "no number";
    return false;
  }
  if (!ReadTime(call, event.time, reason)) return false;
  const auto type_text = Attr(call, "type");
  const auto type = type_text ? ParseDigits(*type_text) : std::nullopt;
  if (!type || *type < 1 || *type > 7) {
    reason = type_text ? "type " + Quote(*type_text) + " is not a call type (1 to 7)" : "no type";
    return false;
  }
  event.call_type = kTypes[*type];
  event.direction = *type == 2 ? Direction::kOutgoing : Direction::kIncoming;
  if (const auto duration = Attr(call, "duration")) {
    const auto seconds = ParseDigits(*duration);
    if (!seconds) {
      reason = "duration " + Quote(*duration) + " is not a number of seconds";
      return false;
    }
    event.call_duration_s = *seconds;
  }
  Party party;
  const std::string_view hidden = HiddenCaller(number, presentation);
  if (hidden.empty()) {
    party = {options.normalizer.Phone(CleanText(number)), ContactName(call)};
  }
  if (party.identity.empty()) {
    party = {{IdentityKind::kPhone, ""}, hidden.empty() ? "Unknown number" : std::string(hidden)};
  }
  event.thread = party.identity.value;
  if (event.direction == Direction::kOutgoing) {
    event.recipients.push_back(std::move(party));
  } else {
    event.sender = std::move(party);
  }
  return true;
}

class SmsXmlImporter : public Importer {
 public:
  std::string_view Name() const override { return "sms_xml"; }

  int Sniff(std::string_view name, std::string_view head) const override {
    const auto root = sms_xml::FindRoot(head);
    if (!root) return 0;
    int score = 0;
    if (root->name == "smses") {
      const bool records = head.find("<sms ") != kNpos || head.find("<mms ") != kNpos;
      score = records ? 98 : 90;
    } else if (root->name == "calls") {
      // <calls> alone is a common word; a <call number=...> record makes it this app's.
      score = head.find("<call ") != kNpos && head.find(" number=") != kNpos ? 95 : 60;
    } else {
      return 0;
    }
    // <!--File Created By SMS Backup & Restore v10.20.002 on 01/03/2024 18:30:00-->
    if (head.substr(0, root->start).find("SMS Backup & Restore") != kNpos) return 100;
    // The app names its files "sms-20240301183000.xml" and "calls-20240301183000.xml".
    const std::string base = AsciiLower(LastPathComponent(name));
    if ((base.starts_with("sms") || base.starts_with("calls")) && base.ends_with(".xml")) {
      ++score;
    }
    return std::min(score, 100);
  }

  Status Import(Source& source, const ImportOptions& options, EventSink& sink) const override {
    try {
      SG_ASSIGN_OR_RETURN(const std::string doc, source.ReadAll());
      return ImportDocument(doc, source.name(), options, sink);
    } catch (const std::exception& e) {
      return MakeError(ErrorCode::kInternal, source.name() + ": " + e.what());
    } catch (...) {
      return MakeError(ErrorCode::kInternal, source.name() + ": unexpected failure");
    }
  }

 private:
  static Status ImportDocument(std::string_view doc, const std::string& file,
                               const ImportOptions& options, EventSink& sink) {
    auto root = sms_xml::FindRoot(doc);
    if (!root) return MakeError(root.error().code, file + ": " + root.error().message);
    if (root->name != "smses" && root->name != "calls") {
      return MakeError(ErrorCode::kUnsupported,
                       file + ": the root element is <" + CleanText(root->name.substr(0, 40)) +
                           ">, not the <smses> or <calls> of SMS Backup & Restore");
    }
    const auto cut_short = [&](const std::string& where, const std::string& what) {
      sink.Reject({file, where}, "the file ends on line " + std::to_string(LinesIn(doc) + 1) +
                                     ", " + what + ": the backup was cut short");
    };
    int64_t sms_count = 0;
    int64_t mms_count = 0;
    int64_t call_count = 0;
    pugi::xml_document xml;
    sms_xml::RecordScanner records(doc, *root);
    while (const std::optional<sms_xml::Record> record = records.Next()) {
      std::string where = "line " + std::to_string(record->line);
      if (record->name == "sms") where += " (sms " + std::to_string(++sms_count) + ")";
      if (record->name == "mms") where += " (mms " + std::to_string(++mms_count) + ")";
      if (record->name == "call") where += " (call " + std::to_string(++call_count) + ")";
      if (record->cut_short) {
        cut_short(where, "inside this record");
        break;
      }
      ImportRecord(record->raw, record->name, record->line, {file, std::move(where)}, options, xml,
                   sink);
    }
    if (const auto& cut = records.cut_short()) {
      cut_short("line " + std::to_string(cut->line), cut->what);
    }
    return OkStatus();
  }

  static void ImportRecord(std::string_view raw, std::string_view name, int64_t line,
                           SourceRef where, const ImportOptions& options, pugi::xml_document& xml,
                           EventSink& sink) {
    if (name != "sms" && name != "mms" && name != "call") {
      sink.Reject(where,
                  "<" + CleanText(name.substr(0, 40)) + "> is not an sms, mms or call record");
      return;
    }
    const pugi::xml_parse_result parsed =
        xml.load_buffer(raw.data(), raw.size(), kParseOptions, pugi::encoding_utf8);
    if (!parsed) {
      const size_t offset =
          std::min(raw.size(), static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset)));
      sink.Reject(where, "malformed XML on line " +
                             std::to_string(line + LinesIn(raw.substr(0, offset))) + ": " +
                             parsed.description());
      return;
    }
    const pugi::xml_node node = xml.document_element();
    Event event;
    std::string reason;
    std::vector<std::string> notes;
    bool ok = false;
    if (name == "sms") {
      ok = ReadSms(node, options, event, reason);
    } else if (name == "mms") {
      ok = ReadMms(node, raw, line, options, event, reason, notes);
    } else {
      ok = ReadCall(node, options, event, reason);
    }
    if (!ok) {
      sink.Reject(where, reason);
      return;
    }
    event.platform = "sms";
    event.urls = ExtractUrls(event.text);
    event.source = where;
    event.raw.assign(raw.data(), raw.size());
    sink.Emit(std::move(event));
    for (const std::string& note : notes) sink.Reject(where, note);
  }
};

}  // namespace

std::unique_ptr<Importer> MakeSmsXmlImporter() { return std::make_unique<SmsXmlImporter>(); }

}  // namespace stalkguard::importers
