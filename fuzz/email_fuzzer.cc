// Feeds arbitrary bytes to the e-mail importer as one file (mbox or single message).
#include <cstddef>
#include <cstdint>

#include "fuzz/importer_fuzz.h"
#include "importers/email/email_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  static auto imp = stalkguard::importers::MakeEmailImporter();
  return stalkguard::fuzz::RunImporter(*imp, d, n);
}
