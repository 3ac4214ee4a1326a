// Native JSON Lines: one event per line in the schema of docs/formats/jsonl.md, the same the
// HTTP ingest API takes. Streams line by line, so memory stays flat on any file size.
#pragma once

#include <memory>

#include "importers/importer.h"

namespace stalkguard::importers {

std::unique_ptr<Importer> MakeJsonlImporter();

}  // namespace stalkguard::importers
