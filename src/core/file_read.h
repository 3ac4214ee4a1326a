// A whole file read into memory, for the small files stalkguard reads at once (app lists,
// profiles, files it has just written). Errors name the file.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"

namespace stalkguard {

// kNotFound when the file cannot be opened, kIo when reading it fails.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace stalkguard
