// Helpers every importer that lists attachments by file name needs.
#pragma once

#include <string>
#include <string_view>

namespace stalkguard::importers {

// The MIME type for a file name's extension ("IMG-1.JPG" -> "image/jpeg"); `fallback` when
// the extension is missing or unknown. Executable and macro types get their real names, since
// the attachment checks look for them.
std::string MimeTypeForName(std::string_view name,
                            std::string_view fallback = "application/octet-stream");

// "photos/123.jpg" -> "123.jpg"; both "/" and "\" separate.
std::string_view LastPathComponent(std::string_view path);

}  // namespace stalkguard::importers
