// SMS Backup & Restore (the Android app by SyncTech): "sms-*.xml" files with <smses> holding
// <sms> and <mms> records, and "calls-*.xml" files with <calls> holding <call> records. Each
// record becomes one Event on the "sms" platform (channel kSms, kMms or kCall); see
// docs/formats/import-sms-xml.md for the field mapping.
//
//   auto importer = MakeSmsXmlImporter();
//   Status s = importer->Import(source, options, sink);
//
// Import reads the whole file into memory (backups with MMS images run to hundreds of MB, so
// expect that much) and parses one record at a time, so a broken record costs only itself. It
// fails only when the source cannot be read or is not an SMS Backup & Restore XML document at
// all (no <smses> or <calls> root element). A file cut short keeps the records before the cut
// and reports the cut once through EventSink::Reject.
#pragma once

#include <memory>

#include "importers/importer.h"

namespace stalkguard::importers {

// Immutable and safe to share between threads.
std::unique_ptr<Importer> MakeSmsXmlImporter();

}  // namespace stalkguard::importers
