// Parses one RFC 5322 message with GMime into an Event: addresses, time, subject, thread, body
// text, links and attachments. Safe from several threads (GMime is initialised once).
#pragma once

#include <string>
#include <string_view>

#include "core/event.h"
#include "core/identity_normalizer.h"
#include "core/result.h"

namespace stalkguard::importers::email_internal {

// Reads `bytes` (one message, as handed out by MessageReader). `envelope` is the message's
// mbox "From " line, empty outside an mbox; its date is the first fallback for a missing or
// broken Date header, the newest Received header the second. The event's platform, channel,
// sender, recipients, time, thread, subject, text, urls, attachments and native_id are set;
// source, raw, id and direction are left to the caller.
//
// Fails, with a reason phrased for a person, when the bytes do not start with a header, GMime
// cannot parse them, or nothing gives the message a time.
Result<Event> ParseMimeMessage(std::string_view bytes, std::string_view envelope,
                               const IdentityNormalizer& normalizer);

// Converts text in `charset` (a MIME charset name, empty when the part named none) to valid
// UTF-8. Undeclared 8-bit text that is not UTF-8 is read as windows-1252, as is text labelled
// ISO-8859-1, which mail programs use for both; bytes that do not convert become U+FFFD.
std::string ToUtf8(std::string_view bytes, std::string_view charset);

}  // namespace stalkguard::importers::email_internal
