#include "core/data_path.h"

#include <cstdlib>
#include <filesystem>

namespace stalkguard {

std::string FindDataPath(std::string_view relative_path, const char* env_var) {
  namespace fs = std::filesystem;
  if (env_var != nullptr) {
    if (const char* env = std::getenv(env_var); env != nullptr && *env != '\0') return env;
  }
  const fs::path relative{std::string(relative_path)};
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (int up = 0; up < 6 && !ec && !dir.empty(); ++up) {
    if (fs::exists(dir / relative, ec)) return (dir / relative).string();
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return relative.string();
}

}  // namespace stalkguard
