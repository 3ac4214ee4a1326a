// Shared body of the importer fuzz targets: feed the bytes to one importer as a file and
// require that it neither crashes nor emits an event that breaks the model's invariants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/utf8.h"
#include "importers/importer.h"
#include "importers/testing/collecting_sink.h"

namespace stalkguard::fuzz {

inline int RunImporter(const importers::Importer& importer, const uint8_t* data, size_t size,
                       const char* name = "fuzz.input") {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  importers::MemorySource source(name, bytes);
  (void)importer.Sniff(name, bytes);
  static const importers::ImportOptions options = [] {
    importers::ImportOptions o;
    o.zone = *TimeZone::Named("Europe/London");
    o.normalizer = IdentityNormalizer("GB");
    return o;
  }();
  importers::testing::CollectingSink sink;
  (void)importer.Import(source, options, sink);
  for (const Event& e : sink.events) {
    // Text must always be valid UTF-8, or it would poison JSON output and the store.
    if (!IsValidUtf8(e.text) || !IsValidUtf8(e.sender.display_name)) __builtin_trap();
    if (e.source.file.empty()) __builtin_trap();
  }
  return 0;
}

}  // namespace stalkguard::fuzz
