// Feeds arbitrary bytes to the Telegram importer as one result.json.
#include <cstddef>
#include <cstdint>

#include "fuzz/importer_fuzz.h"
#include "importers/telegram/telegram_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  static auto imp = stalkguard::importers::MakeTelegramImporter();
  return stalkguard::fuzz::RunImporter(*imp, d, n);
}
