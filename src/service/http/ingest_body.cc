#include "service/http/ingest_body.h"

#include <simdjson.h>

#include <charconv>

#include "importers/jsonl/jsonl_importer.h"
#include "importers/source.h"

namespace stalkguard::service {
namespace {

namespace sj = simdjson;

// Collects what the JSONL importer reads; its record names are "line N", which here is the
// event's position in the request.
class Collector : public importers::EventSink {
 public:
  explicit Collector(IngestBody& out) : out_(out) {}
  void Emit(Event&& event) override {
    out_.positions.push_back(Position(event.source.record));
    out_.events.push_back(std::move(event));
  }
  void Reject(const SourceRef& where, const std::string& reason) override {
    out_.rejections.push_back({Position(where.record), reason});
  }

 private:
  static int64_t Position(std::string_view record) {
    int64_t n = 0;
    if (record.starts_with("line ")) {
      std::from_chars(record.data() + 5, record.data() + record.size(), n);
    }
    return n;
  }
  IngestBody& out_;
};

bool IsJsonLines(std::string_view content_type) {
  return content_type.starts_with("application/x-ndjson") ||
         content_type.starts_with("application/jsonl") ||
         content_type.starts_with("application/x-jsonlines");
}

// One event a line: arrays and {"events": [...]} become JSON Lines for the importer.
Result<std::string> ToJsonLines(std::string_view body) {
  sj::dom::parser parser;
  sj::dom::element doc;
  if (auto error = parser.parse(body.data(), body.size()).get(doc); error != sj::SUCCESS) {
    return MakeError(ErrorCode::kInvalidInput,
                     std::string("body is not JSON: ") + sj::error_message(error));
  }
  sj::dom::array events;
  if (doc.is_array()) {
    events = doc.get_array().value_unsafe();
  } else if (doc.is_object()) {
    sj::dom::element list;
    if (doc["events"].get(list) != sj::SUCCESS) return std::string(sj::minify(doc)) + "\n";
    if (!list.is_array()) {
      return MakeError(ErrorCode::kInvalidInput, "\"events\" must be an array of events");
    }
    events = list.get_array().value_unsafe();
  } else {
    return MakeError(ErrorCode::kInvalidInput,
                     "body must be an event, an array of events or {\"events\": [...]}");
  }
  std::string lines;
  lines.reserve(body.size() + 64);
  for (sj::dom::element event : events) {
    // A non-object stays on its line so that the importer rejects it with its number.
    lines += sj::minify(event);
    lines += '\n';
  }
  return lines;
}

}  // namespace

Result<IngestBody> ParseIngestBody(std::string_view body, std::string_view content_type,
                                   std::string_view source_name,
                                   const importers::ImportOptions& options) {
  std::string lines;
  if (IsJsonLines(content_type)) {
    lines.assign(body);
  } else {
    SG_ASSIGN_OR_RETURN(lines, ToJsonLines(body));
  }
  IngestBody out;
  importers::MemorySource source(std::string(source_name), std::move(lines));
  Collector collector(out);
  SG_RETURN_IF_ERROR(importers::MakeJsonlImporter()->Import(source, options, collector));
  out.total = static_cast<int64_t>(out.events.size() + out.rejections.size());
  return out;
}

}  // namespace stalkguard::service
