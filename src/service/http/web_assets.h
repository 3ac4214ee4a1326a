// The dashboard's static files (web/), compiled into the binary by cmake/EmbedFiles.cmake so
// that `stalkguard serve` needs no other file and fetches nothing from the network.
//
//   if (const WebAsset* a = FindWebAsset("app.js")) Send(a->content_type, a->bytes);
#pragma once

#include <span>
#include <string_view>

namespace stalkguard::service {

struct WebAsset {
  std::string_view name;          // file name in web/, e.g. "app.js" (no folders)
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted SHA-256 of the bytes, for If-None-Match
  std::string_view bytes;         // static storage: valid for the life of the program
};

// Every embedded file, sorted by name. Safe from any thread.
std::span<const WebAsset> WebAssets();

// The file named `name`, or nullptr when there is none.
inline const WebAsset* FindWebAsset(std::string_view name) {
  for (const WebAsset& asset : WebAssets()) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

}  // namespace stalkguard::service
