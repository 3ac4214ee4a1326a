#include "casework/internal/wording.h"

#include <cstdio>
#include <map>

#include "core/timestamp.h"

namespace stalkguard::casework::internal {

std::string LocalDate(int64_t utc_ms, const TimeZone& zone) {
  const CivilTime t = UnixMsToCivil(utc_ms + int64_t{zone.OffsetMinutesAt(utc_ms)} * 60000);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  return buf;
}

std::string LocalDateTime(int64_t utc_ms, const TimeZone& zone) {
  const int32_t offset = zone.OffsetMinutesAt(utc_ms);
  const CivilTime t = UnixMsToCivil(utc_ms + int64_t{offset} * 60000);
  const int32_t abs_offset = offset < 0 ? -offset : offset;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d %c%02d:%02d", t.year, t.month, t.day,
                t.hour, t.minute, offset < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
  return buf;
}

int64_t LocalDay(int64_t utc_ms, const TimeZone& zone) {
  const int64_t local = utc_ms + int64_t{zone.OffsetMinutesAt(utc_ms)} * 60000;
  constexpr int64_t kDayMs = 86400000;
  return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
}

namespace {

std::string Readable(std::string_view name);

// "WhatsApp" for "whatsapp": platforms as their makers write them.
std::string PlatformLabel(std::string_view platform) {
  static const std::map<std::string, std::string, std::less<>> kPlatforms = {
      {"sms", "SMS"},           {"mms", "MMS"},
      {"email", "E-mail"},      {"whatsapp", "WhatsApp"},
      {"telegram", "Telegram"}, {"instagram", "Instagram"},
      {"facebook", "Facebook"}, {"messenger", "Messenger"},
      {"signal", "Signal"},     {"snapchat", "Snapchat"},
      {"tiktok", "TikTok"},     {"discord", "Discord"},
      {"android", "Phone"}};
  if (auto it = kPlatforms.find(platform); it != kPlatforms.end()) return it->second;
  return Readable(platform);
}

}  // namespace

std::string ChannelLabel(const Event& event) {
  if (event.channel == Channel::kCall) return "Call";
  if (event.channel == Channel::kApp) return "App on the phone";
  return PlatformLabel(event.platform.empty() ? ToString(event.channel) : event.platform);
}

namespace {

std::string Readable(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '_' || c == '.') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::string FormLabel(std::string_view form) {
  static const std::map<std::string, std::string, std::less<>> kForms = {
      {"abusive_messages", "Abusive messages"},
      {"excessive_contact", "Excessive unwanted contact"},
      {"public_shaming", "Public shaming and sharing private information"},
      {"device_compromise", "Malicious links, attachments or stalkerware"},
      {"impersonation", "Impersonation"},
      {"rumours", "Rumours to the person's circle"}};
  if (auto it = kForms.find(form); it != kForms.end()) return it->second;
  return Readable(form);
}

std::string CategoryLabel(std::string_view category) {
  static const std::map<std::string, std::string, std::less<>> kCategories = {
      {"threat", "Threat"},
      {"sexual", "Sexual harassment"},
      {"identity_attack", "Attack on identity"},
      {"insult", "Insult"},
      {"toxic", "Abuse"},
      {"spam", "Unwanted bulk message"},
      {"excessive_contact", "Excessive contact"},
      {"night_contact", "Contact at night"},
      {"persistence_after_refusal", "Contact after being told to stop"},
      {"escalation", "Escalation"},
      {"doxxing", "Private information shared"},
      {"intimate_image", "Intimate image shared"},
      {"malicious_link", "Dangerous link"},
      {"malicious_attachment", "Dangerous attachment"},
      {"stalkerware", "Stalkerware"},
      {"monitoring", "Monitoring"},
      {"impersonation", "Impersonation"},
      {"ban_evasion", "New account after a block"},
      {"rumour", "Rumour"},
      {"whereabouts", "Knows where the person is"},
      {"refusal", "Told to stop"}};
  if (auto it = kCategories.find(category); it != kCategories.end()) return it->second;
  return Readable(category);
}

std::string PartyLabel(const Party& party) {
  const Identity& id = party.identity;
  std::string address;
  if (!id.empty()) {
    switch (id.kind) {
      case IdentityKind::kPhone:
        address = "phone " + id.value;
        break;
      case IdentityKind::kEmail:
        address = id.value;
        break;
      case IdentityKind::kHandle: {
        const size_t colon = id.value.find(':');
        address = colon == std::string::npos ? id.value
                                             : PlatformLabel(id.value.substr(0, colon)) + " @" +
                                                   id.value.substr(colon + 1);
        break;
      }
    }
  }
  if (party.display_name.empty()) return address.empty() ? "Unknown sender" : address;
  if (address.empty()) return party.display_name;
  return party.display_name + " (" + address + ")";
}

std::string DescribeWithoutText(const Event& event) {
  if (event.channel == Channel::kCall) {
    std::string what;
    switch (event.call_type) {
      case CallType::kMissed:
        what = "Missed call";
        break;
      case CallType::kRejected:
        what = "Rejected call";
        break;
      case CallType::kBlocked:
        what = "Blocked call";
        break;
      case CallType::kVoicemail:
        what = "Voicemail";
        break;
      case CallType::kOutgoing:
        what = "Outgoing call";
        break;
      default:
        what = "Call";
    }
    if (event.call_duration_s > 0) {
      const int64_t minutes = (event.call_duration_s + 59) / 60;
      what += ", " + std::to_string(minutes) + " min";
    }
    return what;
  }
  if (!event.attachments.empty()) return "(attachment only)";
  return "(no text)";
}

}  // namespace stalkguard::casework::internal
