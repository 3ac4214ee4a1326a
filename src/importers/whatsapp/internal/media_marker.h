// Recognises the lines WhatsApp writes in place of media, in the languages it exports in, and
// turns them into Attachments. Pure functions, safe from any thread.
//
//   Android: "<Media omitted>", "IMG-20240301-WA0001.jpg (file attached)"
//   iOS:     "\u200eimage omitted", "\u200e<attached: 00000012-PHOTO-2024-03-01-18-22-05.jpg>"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/event.h"

namespace stalkguard::importers::whatsapp {

// When `line` (one line of a message's text) is a media marker, the attachment it stands for
// and what is left of the line once the marker is gone (usually nothing); else nullopt.
struct MediaLine {
  Attachment attachment;
  std::string rest;
};
std::optional<MediaLine> ParseMediaLine(std::string_view line);

// A MIME type from a file name's extension: "IMG-1.jpg" -> "image/jpeg";
// "application/octet-stream" when the extension is unknown.
std::string MimeTypeFromName(std::string_view name);

}  // namespace stalkguard::importers::whatsapp
