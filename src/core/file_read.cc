#include "core/file_read.h"

#include <fstream>
#include <iterator>

namespace stalkguard {

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path.string() + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return MakeError(ErrorCode::kIo, path.string() + ": read failed");
  return bytes;
}

}  // namespace stalkguard
