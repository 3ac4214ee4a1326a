#include "importers/internal/media_type.h"

#include <array>
#include <utility>

#include "core/strings.h"

namespace stalkguard::importers {

std::string MimeTypeForName(std::string_view name, std::string_view fallback) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 38> kTypes = {{
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"heic", "image/heic"},
      {"bmp", "image/bmp"},
      {"mp4", "video/mp4"},
      {"3gp", "video/3gpp"},
      {"mov", "video/quicktime"},
      {"webm", "video/webm"},
      {"mkv", "video/x-matroska"},
      {"opus", "audio/ogg"},
      {"ogg", "audio/ogg"},
      {"oga", "audio/ogg"},
      {"m4a", "audio/mp4"},
      {"aac", "audio/aac"},
      {"mp3", "audio/mpeg"},
      {"amr", "audio/amr"},
      {"wav", "audio/wav"},
      {"pdf", "application/pdf"},
      {"vcf", "text/vcard"},
      {"txt", "text/plain"},
      {"html", "text/html"},
      {"js", "text/javascript"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"docm", "application/vnd.ms-word.document.macroEnabled.12"},
      {"xls", "application/vnd.ms-excel"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12"},
      {"zip", "application/zip"},
      {"tgs", "application/x-tgsticker"},
      {"apk", "application/vnd.android.package-archive"},
      {"exe", "application/vnd.microsoft.portable-executable"},
      {"scr", "application/vnd.microsoft.portable-executable"},
      {"bat", "application/x-msdos-program"},
      {"vbs", "text/vbscript"},
  }};
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size()) return std::string(fallback);
  const std::string ext = AsciiLower(name.substr(dot + 1));
  for (const auto& [known, type] : kTypes) {
    if (ext == known) return std::string(type);
  }
  return std::string(fallback);
}

std::string_view LastPathComponent(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace stalkguard::importers
