#include "classifier/csv_reader.h"

#include <fstream>
#include <sstream>

namespace stalkguard::classifier {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<CsvTable> ParseCsv(std::string_view content, std::string_view source) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  size_t i = 0;
  size_t line = 1;
  const size_t n = content.size();
  auto error = [&](size_t at_line, const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput,
                     std::string(source) + ":" + std::to_string(at_line) + ": " + what);
  };
  while (i < n) {
    const size_t row_line = line;
    row.clear();
    // One row: fields until an unquoted line end or the end of the input.
    while (true) {
      field.clear();
      if (i < n && content[i] == '"') {
        ++i;
        while (true) {
          if (i >= n) return error(row_line, "quoted field is never closed");
          const char c = content[i];
          if (c == '"') {
            if (i + 1 < n && content[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++i;
        }
        if (i < n && content[i] != ',' && content[i] != '\n' && content[i] != '\r') {
          return error(line, "text after a closing quote");
        }
      } else {
        while (i < n && content[i] != ',' && content[i] != '\n' && content[i] != '\r') {
          field.push_back(content[i]);
          ++i;
        }
      }
      row.push_back(field);
      if (i < n && content[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && content[i] == '\r') ++i;
      if (i < n && content[i] == '\n') {
        ++i;
        ++line;
      }
      break;
    }
    if (table.header.empty()) {
      table.header = row;
      continue;
    }
    if (row.size() != table.header.size()) {
      return error(row_line, "row has " + std::to_string(row.size()) + " fields, header has " +
                                 std::to_string(table.header.size()));
    }
    table.rows.push_back(row);
  }
  if (table.header.empty()) return error(1, "no header row");
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, path + ": read failed");
  return ParseCsv(buffer.str(), path);
}

}  // namespace stalkguard::classifier
