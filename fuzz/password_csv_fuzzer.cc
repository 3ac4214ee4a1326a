// libFuzzer target: password-manager CSV exports. Any bytes in; the reader must not crash, every
// error must name the file and a line that exists, every entry must have a password and a line
// inside the input, and no error message may quote a field (a password) of the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checkup/password_csv.h"

namespace sc = stalkguard::checkup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto csv = sc::ReadPasswordCsv(input, "fuzz.csv");
  if (!csv) {
    if (!csv.error().message.starts_with("fuzz.csv:")) __builtin_trap();
    return 0;
  }
  size_t lines = 1;
  for (char c : input) lines += c == '\n';
  for (const std::string& error : csv->errors) {
    if (!error.starts_with("fuzz.csv:")) __builtin_trap();
    const size_t line = std::stoul(error.substr(9));
    if (line < 2 || line > lines) __builtin_trap();
  }
  for (const sc::PasswordEntry& e : csv->entries) {
    if (e.password.empty() || e.account.empty()) __builtin_trap();
    if (e.line < 2 || static_cast<size_t>(e.line) > lines) __builtin_trap();
  }
  sc::WipePasswords(*csv);
  for (const sc::PasswordEntry& e : csv->entries)
    if (!e.password.empty()) __builtin_trap();
  return 0;
}
