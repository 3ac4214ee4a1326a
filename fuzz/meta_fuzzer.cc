// Feeds arbitrary bytes to the Instagram / Facebook Messenger importer as one message_1.json.
#include <cstddef>
#include <cstdint>

#include "fuzz/importer_fuzz.h"
#include "importers/meta/meta_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  static auto imp = stalkguard::importers::MakeMetaImporter();
  return stalkguard::fuzz::RunImporter(*imp, d, n);
}
