// Feeds arbitrary bytes to the WhatsApp importer; seeds in fuzz/seeds/whatsapp/.
#include <cstddef>
#include <cstdint>

#include "fuzz/importer_fuzz.h"
#include "importers/whatsapp/whatsapp_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  static auto imp = stalkguard::importers::MakeWhatsAppImporter();
  return stalkguard::fuzz::RunImporter(*imp, d, n);
}
