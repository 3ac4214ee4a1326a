#include "importers/whatsapp/internal/media_marker.h"

#include <array>
#include <utility>

#include "core/strings.h"
#include "core/utf8.h"
#include "importers/internal/media_type.h"
#include "importers/whatsapp/internal/chat_line.h"

namespace stalkguard::importers::whatsapp {
namespace {

constexpr std::string_view kUnknownType = "application/octet-stream";

// "<Media omitted>" as Android writes it when media was left out of the export.
constexpr std::array<std::string_view, 9> kOmittedAndroid = {
    "<Media omitted>",          // en
    "<Médias omis>",            // fr
    "<Medien ausgeschlossen>",  // de
    "<Multimedia omitido>",     // es
    "<Mídia oculta>",           // pt
    "<Media weggelaten>",       // nl
    "<Media omessi>",           // it
    "<Media omesso>",           // it, older versions
    "<Mídia omitida>",          // pt, older versions
};

// iOS writes the kind of media: "image omitted". The MIME type is as much as the kind tells.
struct OmittedKind {
  std::string_view marker;
  std::string_view mime_type;
};
constexpr std::array<OmittedKind, 7> kOmittedIos = {{
    {"image omitted", "image/*"},
    {"video omitted", "video/*"},
    {"audio omitted", "audio/*"},
    {"sticker omitted", "image/webp"},
    {"GIF omitted", "image/gif"},
    {"document omitted", "application/octet-stream"},
    {"Contact card omitted", "text/vcard"},
}};

// Android, when media was exported: "IMG-20240301-WA0001.jpg (file attached)".
constexpr std::array<std::string_view, 7> kFileAttached = {
    " (file attached)",       // en
    " (fichier joint)",       // fr
    " (Datei angehängt)",     // de
    " (archivo adjunto)",     // es
    " (arquivo anexado)",     // pt
    " (bestand bijgevoegd)",  // nl
    " (file allegato)",       // it
};

// Spaces and tabs at either end, and the direction marks iOS puts before a line.
std::string_view Trim(std::string_view s) { return TrimAscii(StripLeadingMarks(s), " \t"); }

// iOS documents come as "Report.pdf • 3 pages document omitted": the name ends at the bullet.
std::string_view CutAtBullet(std::string_view name) {
  const size_t bullet = name.find(" \xE2\x80\xA2 ");
  return Trim(bullet == std::string_view::npos ? name : name.substr(0, bullet));
}

Attachment Named(std::string_view name) {
  Attachment a;
  a.name = SanitizeUtf8(name);
  a.uri = a.name;
  a.mime_type = MimeTypeFromName(name);
  return a;
}

Attachment Unnamed(std::string_view mime_type) {
  Attachment a;
  a.mime_type = std::string(mime_type);
  return a;
}

}  // namespace

std::optional<MediaLine> ParseMediaLine(std::string_view line) {
  const std::string_view s = Trim(line);
  if (s.empty()) return std::nullopt;
  for (std::string_view marker : kOmittedAndroid) {
    if (s == marker) return MediaLine{Unnamed(kUnknownType), ""};
  }
  for (const OmittedKind& kind : kOmittedIos) {
    if (s == kind.marker) return MediaLine{Unnamed(kind.mime_type), ""};
  }
  // "Report.pdf • 3 pages \u200edocument omitted".
  constexpr std::string_view kDocument = "document omitted";
  if (s.size() > kDocument.size() && s.ends_with(kDocument)) {
    std::string_view name = s.substr(0, s.size() - kDocument.size());
    // The mark before "document omitted" sits at the end of the name part.
    while (!name.empty() && (name.back() == ' ' || name.ends_with("\xE2\x80\x8E"))) {
      name.remove_suffix(name.back() == ' ' ? 1 : 3);
    }
    name = CutAtBullet(name);
    if (!name.empty()) return MediaLine{Named(name), ""};
  }
  // iOS "<attached: 00000012-PHOTO-2024-03-01-18-22-05.jpg>", possibly with text after it.
  constexpr std::string_view kAttached = "<attached: ";
  if (s.starts_with(kAttached)) {
    const size_t close = s.find('>', kAttached.size());
    if (close != std::string_view::npos) {
      const std::string_view name = Trim(s.substr(kAttached.size(), close - kAttached.size()));
      if (!name.empty()) {
        return MediaLine{Named(name), std::string(Trim(s.substr(close + 1)))};
      }
    }
  }
  for (std::string_view suffix : kFileAttached) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      const std::string_view name = CutAtBullet(s.substr(0, s.size() - suffix.size()));
      if (!name.empty()) return MediaLine{Named(name), ""};
    }
  }
  return std::nullopt;
}

std::string MimeTypeFromName(std::string_view name) { return MimeTypeForName(name, kUnknownType); }

}  // namespace stalkguard::importers::whatsapp
