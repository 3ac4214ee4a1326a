#include "checkup/password_csv.h"

#include <algorithm>
#include <optional>

#include "checkup/password_audit.h"
#include "core/strings.h"

namespace stalkguard::checkup {
namespace {

struct Record {
  std::vector<std::string> fields;
  int line = 0;
  std::string error;  // empty when the record parsed
};

void WipeRecord(Record& r) {
  for (std::string& f : r.fields) Wipe(f);
  r.fields.clear();
}

// Reads one record starting at `pos` on line `line`; moves both past its terminator.
Record NextRecord(std::string_view text, size_t& pos, int& line) {
  Record record;
  record.line = line;
  std::string field;
  bool quoted_field = false;
  while (true) {
    if (pos >= text.size()) {
      record.fields.push_back(std::move(field));
      break;
    }
    char c = text[pos];
    if (c == '"' && field.empty() && !quoted_field) {
      quoted_field = true;
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        c = text[pos++];
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field.push_back('"');
            ++pos;
          } else {
            closed = true;
            break;
          }
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
        }
      }
      if (!closed) {
        record.error = "a quoted field is not closed before the end of the file";
        record.fields.push_back(std::move(field));
        break;
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      quoted_field = false;
      ++pos;
      continue;
    }
    if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    if (c == '\n' || (c == '\r' && text[pos] == '\n')) {
      ++pos;
      ++line;
      record.fields.push_back(std::move(field));
      break;
    }
    if (quoted_field) {
      // Text after a closing quote: the row is malformed; skip to the end of its line.
      record.error = "text after a closing quote";
      while (pos < text.size() && text[pos] != '\n') ++pos;
      if (pos < text.size()) {
        ++pos;
        ++line;
      }
      record.fields.push_back(std::move(field));
      break;
    }
    field.push_back(c);
    ++pos;
  }
  Wipe(field);
  return record;
}

std::optional<size_t> Column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (AsciiLower(TrimAscii(header[i])) == name) return i;
  return std::nullopt;
}

// The host of a URL, for an account label: "https://mail.example.com/x" -> "mail.example.com".
std::string HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  const size_t end = url.find_first_of("/?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  const size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  return std::string(url);
}

}  // namespace

std::string_view CsvLayoutName(CsvLayout layout) {
  switch (layout) {
    case CsvLayout::kBitwarden:
      return "bitwarden";
    case CsvLayout::kChrome:
      return "chrome";
    case CsvLayout::kFirefox:
      return "firefox";
  }
  return "unknown";
}

Result<PasswordCsv> ReadPasswordCsv(std::string_view text, std::string_view file_name) {
  const std::string where(file_name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  int line = 1;
  Record header = NextRecord(text, pos, line);
  if (!header.error.empty())
    return MakeError(ErrorCode::kInvalidInput, where + ":1: header: " + header.error);

  PasswordCsv csv;
  std::optional<size_t> name, url, username, password, type;
  if (Column(header.fields, "login_password")) {
    csv.layout = CsvLayout::kBitwarden;
    name = Column(header.fields, "name");
    url = Column(header.fields, "login_uri");
    username = Column(header.fields, "login_username");
    password = Column(header.fields, "login_password");
    type = Column(header.fields, "type");
  } else if (Column(header.fields, "httprealm") && Column(header.fields, "password")) {
    csv.layout = CsvLayout::kFirefox;
    url = Column(header.fields, "url");
    username = Column(header.fields, "username");
    password = Column(header.fields, "password");
  } else if (Column(header.fields, "name") && Column(header.fields, "url") &&
             Column(header.fields, "password")) {
    csv.layout = CsvLayout::kChrome;
    name = Column(header.fields, "name");
    url = Column(header.fields, "url");
    username = Column(header.fields, "username");
    password = Column(header.fields, "password");
  } else {
    return MakeError(ErrorCode::kUnsupported,
                     where + ":1: not a Bitwarden, Chrome or Firefox password export (header)");
  }

  const size_t columns = header.fields.size();
  while (pos < text.size()) {
    Record row = NextRecord(text, pos, line);
    if (row.error.empty() && row.fields.size() == 1 && TrimAscii(row.fields[0]).empty()) {
      WipeRecord(row);  // a blank line
      continue;
    }
    if (row.error.empty() && row.fields.size() != columns)
      row.error = std::to_string(row.fields.size()) + " fields where the header has " +
                  std::to_string(columns);
    if (!row.error.empty()) {
      csv.errors.push_back(where + ":" + std::to_string(row.line) + ": " + row.error);
      WipeRecord(row);
      continue;
    }
    std::string none;
    auto field = [&](const std::optional<size_t>& i) -> std::string& {
      return i ? row.fields[*i] : none;
    };
    if (type && !field(type).empty() && AsciiLower(field(type)) != "login" && field(type) != "1") {
      ++csv.skipped;  // Bitwarden secure notes, cards and identities hold no login
      WipeRecord(row);
      continue;
    }
    if (field(password).empty()) {
      ++csv.skipped;
      WipeRecord(row);
      continue;
    }
    PasswordEntry entry;
    entry.url = field(url);
    entry.username = field(username);
    entry.password = std::move(field(password));
    entry.line = row.line;
    std::string label = name ? field(name) : std::string();
    if (label.empty()) label = HostOf(entry.url);
    if (label.empty()) label = "line " + std::to_string(row.line);
    if (!entry.username.empty()) label += " (" + entry.username + ")";
    entry.account = std::move(label);
    csv.entries.push_back(std::move(entry));
    WipeRecord(row);
  }
  return csv;
}

void WipePasswords(PasswordCsv& csv) {
  for (PasswordEntry& e : csv.entries) Wipe(e.password);
}

}  // namespace stalkguard::checkup
