// Builds the compact common-password list the password audit ships
// (docs/formats/common-passwords.md):
//
//   build_common_passwords IN.txt OUT.sgpw
//
// IN is one password a line (CR LF or LF; blank lines skipped). The output depends only on the
// set of lower-cased passwords, so the same list always gives the same bytes.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "checkup/password_audit.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build_common_passwords IN.txt OUT.sgpw\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 1;
  }
  std::vector<std::string> passwords;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) passwords.push_back(line);
  }
  const auto set = stalkguard::checkup::CommonPasswords::FromPasswords(passwords);
  const std::string bytes = set.Serialize();
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::cerr << argv[2] << ": write failed\n";
    return 1;
  }
  std::cout << argv[2] << ": " << set.size() << " hashes from " << passwords.size() << " lines\n";
  return 0;
}
