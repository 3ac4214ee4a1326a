// Feeds arbitrary bytes to the SMS Backup & Restore XML importer as one file.
#include <cstddef>
#include <cstdint>

#include "fuzz/importer_fuzz.h"
#include "importers/sms_xml/sms_xml_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  static const auto importer = stalkguard::importers::MakeSmsXmlImporter();
  return stalkguard::fuzz::RunImporter(*importer, d, n);
}
