// CsvReader: reads RFC 4180 CSV, the layout of every labelled data set in ../shared/data: a
// header row, comma-separated fields, fields in double quotes when they hold commas, quotes
// ("" inside) or line breaks. Used by training and evaluation, never on a user's messages.
//
//   SG_ASSIGN_OR_RETURN(CsvTable table, ReadCsvFile("olid/train.csv"));
//   const int text = table.Column("text");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::classifier {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each has header.size() fields

  // Index of the column named `name`, or -1 when there is none.
  int Column(std::string_view name) const;
};

// Parses `content` (the whole file). `source` names the file in error messages. Accepts "\n"
// and "\r\n" line ends, a missing final line end and a UTF-8 byte-order mark. Fails on a quote
// that is never closed, text after a closing quote, or a row whose field count differs from the
// header's; the message names the source and the line where the row starts.
Result<CsvTable> ParseCsv(std::string_view content, std::string_view source);

// Reads and parses the file at `path`.
Result<CsvTable> ReadCsvFile(const std::string& path);

}  // namespace stalkguard::classifier
