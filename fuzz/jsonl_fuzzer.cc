// libFuzzer target: native JSON Lines import.
#include "fuzz/importer_fuzz.h"
#include "importers/jsonl/jsonl_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto importer = stalkguard::importers::MakeJsonlImporter();
  return stalkguard::fuzz::RunImporter(*importer, data, size);
}
