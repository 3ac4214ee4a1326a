// Reads the CSV export of a password manager: Bitwarden, Chrome (and Chromium browsers) or
// Firefox, told apart by the header row. RFC 4180 quoting: quoted fields may hold commas,
// doubled quotes and newlines. A bad row becomes an error naming the file and line, and the
// good rows are kept.
//
//   SG_ASSIGN_OR_RETURN(PasswordCsv csv, ReadPasswordCsv(text, "export.csv"));
//   ... audit csv.entries ...; WipePasswords(csv);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace stalkguard::checkup {

enum class CsvLayout { kBitwarden, kChrome, kFirefox };

// "bitwarden", "chrome", "firefox".
std::string_view CsvLayoutName(CsvLayout layout);

struct PasswordEntry {
  std::string account;  // "name (username)", or the site's host when the export has no name
  std::string url;
  std::string username;
  std::string password;  // secret: wipe with WipePasswords when done
  int line = 0;          // where the row starts, 1-based
};

struct PasswordCsv {
  CsvLayout layout = CsvLayout::kChrome;
  std::vector<PasswordEntry> entries;  // logins with a password, in file order
  std::vector<std::string> errors;     // "file:line: what is wrong"; never quotes a field
  int skipped = 0;                     // rows without a password (notes, cards, empty)
};

// Parses `text`, the whole file; `file_name` is only used in messages. An unknown header is an
// error (kUnsupported). Pure function, safe from several threads. Field copies the parser
// makes along the way are wiped; the caller wipes `text`.
Result<PasswordCsv> ReadPasswordCsv(std::string_view text, std::string_view file_name);

// Overwrites the passwords in `csv`.
void WipePasswords(PasswordCsv& csv);

}  // namespace stalkguard::checkup
