// libFuzzer target: stalkerware indicator YAML (IndicatorSet::FromYaml). Any bytes in; it must
// return an error or a set, never throw or crash, and a set must find every package and host
// it was given.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "detectors/stalkerware/indicator_set.h"

namespace sd = stalkguard::detect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto set = sd::IndicatorSet::FromYaml(input, "fuzz.yaml");
  if (!set) {
    if (!set.error().message.starts_with("fuzz.yaml")) __builtin_trap();
    return 0;
  }
  for (const sd::IndicatorApp& app : set->apps()) {
    if (app.name.empty()) __builtin_trap();
    for (const std::string& package : app.packages) {
      const auto match = set->MatchPackage(package);
      if (!match || match->package != package) __builtin_trap();
    }
    for (const std::string& host : app.c2_domains) set->IsIndicatorHost(host);
    for (const std::string& host : app.websites) set->FindHost("www." + host);
  }
  // The input itself as a package list and as a host must not upset the lookups.
  const std::string whole(input.substr(0, 300));
  set->Match(std::span<const std::string>(&whole, 1));
  set->FindHost(whole);
  return 0;
}
