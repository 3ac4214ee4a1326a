// The body of an ingest request, as events: one event object, an array of them, an object
// {"events": [...]}, or JSON Lines (application/x-ndjson). Each event is read by the native
// JSONL importer (docs/formats/jsonl.md), so the API takes exactly what `stalkguard scan` takes
// from a .jsonl file. A bad event is rejected with its number and reason; the others go in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/result.h"
#include "importers/importer.h"

namespace stalkguard::service {

struct IngestRejection {
  int64_t index = 0;   // 1-based position of the event in the request
  std::string reason;  // "\"time\" is missing", phrased for a person
};

struct IngestBody {
  std::vector<Event> events;       // in request order, good ones only
  std::vector<int64_t> positions;  // 1-based request position of each of `events`
  std::vector<IngestRejection> rejections;
  int64_t total = 0;  // events in the request, good and bad
};

// Fails (kInvalidInput, with where) only when the body as a whole is not JSON of one of the
// accepted shapes; a single bad event is a rejection. Events get `source_name` as their source
// file ("api request 17") and "line N" (N: their position in the request) as their record.
Result<IngestBody> ParseIngestBody(std::string_view body, std::string_view content_type,
                                   std::string_view source_name,
                                   const importers::ImportOptions& options);

}  // namespace stalkguard::service
