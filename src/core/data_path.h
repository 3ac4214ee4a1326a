// Where shipped data files (the model, pattern files, config/) are found at run time: beside
// the running binary or in a folder above it (the build tree sits inside the source tree, and
// an installed tree keeps them next to bin/), else relative to the working directory.
#pragma once

#include <string>
#include <string_view>

namespace stalkguard {

// `$<env_var>` when that is set and not empty; else the first `<dir>/<relative>` that exists
// for the running binary's folder and up to five folders above it; else `relative` itself.
std::string FindDataPath(std::string_view relative, const char* env_var = nullptr);

}  // namespace stalkguard
