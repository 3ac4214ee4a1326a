// Reads e-mail: an mbox (many messages between "From " lines, mboxrd ">From " quoting undone),
// a single RFC 5322 message (.eml) and each file of a Maildir cur/ or new/ folder, which the
// walker hands over one file at a time. MIME is parsed with GMime. The format and its field
// mapping are described in docs/formats/import-email.md.
//
//   auto importer = MakeEmailImporter();
//   FileSource source("Takeout/Mail/All mail.mbox");
//   SG_RETURN_IF_ERROR(importer->Import(source, options, sink));
#pragma once

#include <memory>

#include "importers/importer.h"

namespace stalkguard::importers {

// Name() is "email". Each message becomes one Event on channel kEmail with its exact bytes in
// `raw`; a message without a usable time, or one GMime cannot parse, is rejected as
// "message N (line L)" and reading goes on. An mbox is streamed: memory is bounded by the
// largest message (at most 128 MiB; a longer one is rejected), not by the file.
std::unique_ptr<Importer> MakeEmailImporter();

}  // namespace stalkguard::importers
