// Reads the .txt file of WhatsApp's "Export chat", Android and iOS layouts, in the date orders,
// clocks and languages the app writes. One event per message; system lines ("You blocked this
// contact") become Channel::kSystem events without a sender. docs/formats/import-whatsapp.md
// describes the layouts and the field mapping.
//
//   auto importer = MakeWhatsAppImporter();
//   SG_RETURN_IF_ERROR(importer->Import(source, options, sink));
//
// The export carries no time zone: times are read in options.zone and its offset is recorded.
// The date order is decided per file from its own dates, then options.date_order, then
// day-first. The whole file is read into memory (chat exports are small).
#pragma once

#include <memory>

#include "importers/importer.h"

namespace stalkguard::importers {

// A new importer named "whatsapp". Immutable; safe to share between threads.
std::unique_ptr<Importer> MakeWhatsAppImporter();

}  // namespace stalkguard::importers
