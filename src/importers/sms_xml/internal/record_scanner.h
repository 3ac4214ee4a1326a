// Finds where each record of an SMS Backup & Restore document starts and ends, without parsing
// it. The importer then has pugixml parse one record at a time: that keeps the exact bytes of a
// record for Event::raw, lets one malformed record be rejected alone instead of ending the
// parse there, and never builds a DOM of the whole file, which can run to hundreds of MB of
// base64 images. The scan follows only the rules that decide where markup ends: quoted
// attribute values, comments, CDATA sections, processing instructions and the DOCTYPE; pugixml
// checks everything else when it parses the record.
//
//   SG_ASSIGN_OR_RETURN(const Root root, FindRoot(doc));
//   RecordScanner records(doc, root);
//   while (const std::optional<Record> record = records.Next()) Parse(record->raw);
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace stalkguard::importers::sms_xml {

// How many '\n' `text` holds.
int64_t LinesIn(std::string_view text);

// The root element of a document, <smses> or <calls> in a real backup.
struct Root {
  std::string_view name;                    // a view of the document
  size_t start = 0;                         // offset of its '<'
  size_t content = std::string_view::npos;  // just past its start tag; npos when the
                                            // document ends inside that tag
  bool empty = false;                       // "<smses count="0" />"
};

// Finds the root element past a byte-order mark, the XML declaration, comments and a DOCTYPE.
// Fails with kUnsupported on UTF-16 and with kInvalidInput on text that is not XML at all.
// Reads only as far as the root's start tag, so a file's head is enough.
Result<Root> FindRoot(std::string_view doc);

// The end of the element whose start tag is at `doc[lt]`: just past its end tag, or past the
// "/>" of an empty one; npos when the document ends first. A start tag broken by a '<' ends
// the element at that '<', so the records after it are still found.
size_t ScanElement(std::string_view doc, size_t lt);

// One child element of the root.
struct Record {
  std::string_view name;   // "sms", "mms", "call", or whatever else stands there
  int64_t line = 0;        // 1-based line of its '<'
  std::string_view raw;    // its bytes, from the '<' to just past its end; empty when cut
  bool cut_short = false;  // the document ends inside it
};

// Where a document ends early between records: before the root's end tag, inside a comment
// between records, or inside the root's start tag.
struct CutShort {
  int64_t line = 0;  // 1-based line where the unfinished part starts
  std::string what;  // "inside a comment or CDATA section"
};

// Walks the records of `doc` in order. White space and stray text between them, comments,
// processing instructions and end tags that close nothing (left by a broken record) are
// skipped. Holds views of `doc`, which must outlive it and everything it returns. One scanner
// per document and thread.
class RecordScanner {
 public:
  // `root` is FindRoot(doc).
  RecordScanner(std::string_view doc, const Root& root);

  // The next record, or nullopt at the root's end tag or where the document ends early. A
  // record that the document ends inside comes back with cut_short set, and is the last.
  std::optional<Record> Next();

  // Once Next() has returned nullopt: where the document ended early outside any record, or
  // nullopt when it reached the root's end tag or ended inside a record.
  const std::optional<CutShort>& cut_short() const { return cut_short_; }

 private:
  int64_t LineAt(size_t offset);

  std::string_view doc_;
  std::string_view root_name_;
  size_t pos_ = std::string_view::npos;  // where to look for the next record; npos when done
  size_t line_pos_ = 0;                  // LineAt's last offset, and its line
  int64_t line_ = 1;
  std::optional<CutShort> cut_short_;
};

}  // namespace stalkguard::importers::sms_xml
