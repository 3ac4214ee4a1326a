// Reads the protected person's profile from TOML (docs/formats/profile.md):
//
//   [person]
//   names = ["Sam Lee"]
//   phones = ["+44 7700 900123"]
//   handles = ["instagram:sam.lee"]
//   [[trusted]]
//   name = "Dad"
//   phones = ["+44 7700 900456"]
//
// Phones are normalised to E.164 in the region of the first phone written with "+" (or
// person.region). Unknown keys are an error that names the key, so a typo never silently
// drops a setting.
#pragma once

#include <string>

#include "core/profile.h"
#include "core/result.h"

namespace stalkguard::profile {

Result<Profile> LoadProfile(const std::string& path);
// Same, from text; `name` is used in error messages.
Result<Profile> ParseProfile(const std::string& text, const std::string& name);

}  // namespace stalkguard::profile
