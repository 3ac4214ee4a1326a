// libFuzzer target: adb package lists. Any bytes in; every package kept must be a well-formed
// package name (so no input smuggles text into a match or a report), kept once, and every
// rejection must name the source and a line that exists.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "detectors/stalkerware/package_list.h"

namespace sd = stalkguard::detect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const sd::PackageList list = sd::ParsePackageList(input, "fuzz.txt");
  std::unordered_set<std::string> seen;
  for (const std::string& package : list.packages) {
    if (!sd::IsPackageName(package)) __builtin_trap();
    if (!seen.insert(package).second) __builtin_trap();
  }
  size_t lines = 1;
  for (char c : input) lines += c == '\n';
  for (const std::string& rejection : list.rejected) {
    if (!rejection.starts_with("fuzz.txt:")) __builtin_trap();
    const size_t line = std::stoul(rejection.substr(9));
    if (line == 0 || line > lines) __builtin_trap();
  }
  if (list.packages.size() + list.rejected.size() > lines) __builtin_trap();
  return 0;
}
