// A bundle's files held in memory, and the two ways they reach the disk and come back: a
// directory of plain files or a .zip archive (libarchive). Writing goes to a temporary name
// beside the target and is renamed into place, so a reader never sees half a bundle.
// Reading never follows a symbolic link and refuses archive entries that would leave the
// bundle.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "evidence/bundle/bundle.h"

namespace stalkguard::bundle::internal {

// Bundle path ('/'-separated, relative) -> bytes, in path order.
using FileMap = std::map<std::string, std::string, std::less<>>;

// Reading stops with an error past this many bytes in all: a bundle is one person's case,
// and the verifier holds it in memory.
inline constexpr uint64_t kMaxBundleBytes = uint64_t{1} << 30;

// True for a relative path of non-empty components, none of them "." or "..", without '\\'
// or NUL: a path that stays inside the bundle on every system.
bool IsSafeBundlePath(std::string_view path);

// True when `out` names a zip bundle (ends in ".zip", any case).
bool IsZipPath(const std::filesystem::path& out);

// Writes `files` as a directory (mode 0755, files 0644) or, for a .zip `out`, as one archive
// whose entries all carry `mtime_ms`, so the same files give the same bytes. Fails with
// kInvalidInput when `out` exists (a directory may exist if it is empty) and kIo when writing
// fails; nothing is left behind on failure.
Status WriteFiles(const FileMap& files, int64_t mtime_ms, const std::filesystem::path& out);

struct LoadedBundle {
  FileMap files;
  // Entries skipped as unsafe: symbolic links, special files, zip paths that leave the bundle.
  std::vector<BundleProblem> problems;
};

// Reads a bundle directory, or any other file as a zip archive. Fails with kNotFound when
// `bundle` does not exist, kInvalidInput when it is not a readable zip or is larger than
// kMaxBundleBytes, and kIo when a file cannot be read.
Result<LoadedBundle> LoadFiles(const std::filesystem::path& bundle);

}  // namespace stalkguard::bundle::internal
