#include "evidence/bundle/internal/files.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "core/unique_fd.h"

namespace stalkguard::bundle::internal {
namespace {

namespace fs = std::filesystem;

Error IoError(const fs::path& path, std::string_view what, int err) {
  return Error{ErrorCode::kIo,
               path.string() + ": " + std::string(what) + ": " + std::strerror(err)};
}

Status WriteAll(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(IoError(path, "write failed", errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return OkStatus();
}

Status WriteFile(const fs::path& path, std::string_view bytes) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0) return tl::unexpected(IoError(path, "cannot create", errno));
  // The umask may have taken bits away; a bundle is meant to be handed on, so 0644 exactly.
  if (::fchmod(fd.get(), 0644) != 0) return tl::unexpected(IoError(path, "chmod failed", errno));
  SG_RETURN_IF_ERROR(WriteAll(fd.get(), bytes, path));
  if (!fd.Close()) return tl::unexpected(IoError(path, "close failed", errno));
  return OkStatus();
}

Status WriteDirectory(const FileMap& files, const fs::path& root) {
  std::set<fs::path> made;
  for (const auto& [path, bytes] : files) {
    fs::path target = root;
    // Create each parent with 0755 (mkdir's mode is cut by the umask; chmod sets it).
    size_t start = 0;
    for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
      target /= path.substr(start, slash - start);
      start = slash + 1;
      if (!made.insert(target).second) continue;
      if (::mkdir(target.c_str(), 0755) != 0) {
        if (errno != EEXIST) return tl::unexpected(IoError(target, "cannot create", errno));
      } else if (::chmod(target.c_str(), 0755) != 0) {
        return tl::unexpected(IoError(target, "chmod failed", errno));
      }
    }
    SG_RETURN_IF_ERROR(WriteFile(target / path.substr(start), bytes));
  }
  if (::chmod(root.c_str(), 0755) != 0) return tl::unexpected(IoError(root, "chmod failed", errno));
  // One sync of the file system for all the files, instead of an fsync per file (a case can
  // have ten thousand): the bundle is renamed into place only after it is on disk.
  UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return tl::unexpected(IoError(root, "cannot open", errno));
  if (::syncfs(dir.get()) != 0) return tl::unexpected(IoError(root, "sync failed", errno));
  return OkStatus();
}

Status ArchiveFailed(struct archive* a, const fs::path& path) {
  const char* message = archive_error_string(a);
  return MakeError(ErrorCode::kIo,
                   path.string() + ": " + (message ? message : "cannot write the archive"));
}

Status WriteZip(const FileMap& files, int64_t mtime_ms, int fd, const fs::path& path) {
  struct archive* a = archive_write_new();
  if (a == nullptr) return MakeError(ErrorCode::kInternal, "libarchive: out of memory");
  struct archive_entry* entry = archive_entry_new();
  Status status = OkStatus();
  if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
      archive_write_zip_set_compression_deflate(a) != ARCHIVE_OK) {
    status = ArchiveFailed(a, path);
  }
  // The fastest deflate level: JSON and XML shrink nearly as much, in far less time. Older
  // libarchive without the option keeps its default level.
  (void)archive_write_set_format_option(a, "zip", "compression-level", "1");
  if (status && archive_write_open_fd(a, fd) != ARCHIVE_OK) status = ArchiveFailed(a, path);
  // Only the fields set here reach the archive: a fixed time, no owner names, no access or
  // change times, so the same content gives the same bytes on every machine.
  const time_t mtime = static_cast<time_t>(mtime_ms / 1000);
  for (auto it = files.begin(); status && it != files.end(); ++it) {
    archive_entry_clear(entry);
    archive_entry_set_pathname(entry, it->first.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(it->second.size()));
    archive_entry_set_mtime(entry, mtime, 0);
    if (archive_write_header(a, entry) != ARCHIVE_OK) {
      status = ArchiveFailed(a, path);
      break;
    }
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const la_ssize_t n = archive_write_data(a, rest.data(), rest.size());
      if (n <= 0) {
        status = ArchiveFailed(a, path);
        break;
      }
      rest.remove_prefix(static_cast<size_t>(n));
    }
  }
  if (archive_write_close(a) != ARCHIVE_OK && status) status = ArchiveFailed(a, path);
  archive_entry_free(entry);
  archive_write_free(a);
  return status;
}

// Moves the finished temporary into place without replacing anything but an empty directory.
Status Publish(const fs::path& temp, const fs::path& out, bool replace_empty_dir) {
  int rc = 0;
  if (replace_empty_dir) {
    // rename(2) replaces an empty directory and fails with ENOTEMPTY if it filled up meanwhile.
    rc = ::rename(temp.c_str(), out.c_str());
  } else {
    rc = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, out.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && errno == EINVAL) {
      // A file system without RENAME_NOREPLACE: the check before writing has to do.
      rc = ::rename(temp.c_str(), out.c_str());
    }
  }
  if (rc != 0) {
    if (errno == EEXIST || errno == ENOTEMPTY) {
      return MakeError(ErrorCode::kInvalidInput,
                       out.string() + ": already exists and is not empty; not replaced");
    }
    return tl::unexpected(IoError(out, "cannot rename the finished bundle into place", errno));
  }
  return OkStatus();
}

Result<std::string> ReadFileNoFollow(const fs::path& path, uint64_t budget) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return tl::unexpected(IoError(path, "cannot open", errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return tl::unexpected(IoError(path, "cannot stat", errno));
  if (!S_ISREG(st.st_mode)) return MakeError(ErrorCode::kIo, path.string() + ": not a file");
  if (static_cast<uint64_t>(st.st_size) > budget) {
    return MakeError(ErrorCode::kInvalidInput, "the bundle is larger than 1 GiB; not read");
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(IoError(path, "read failed", errno));
    }
    if (n == 0) break;  // shrank while reading; what was there is what is checked
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

Result<LoadedBundle> LoadDirectory(const fs::path& root) {
  LoadedBundle out;
  uint64_t total = 0;
  std::error_code ec;
  // Directory symlinks are not followed by default; file symlinks are seen and skipped below.
  fs::recursive_directory_iterator it(root, ec);
  if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
    const fs::file_status status = it->symlink_status(ec);
    if (ec) return MakeError(ErrorCode::kIo, it->path().string() + ": " + ec.message());
    const std::string relative = it->path().lexically_relative(root).generic_string();
    if (fs::is_directory(status)) continue;
    if (fs::is_symlink(status)) {
      out.problems.push_back(BundleProblem{
          relative, relative + ": a symbolic link; a bundle holds only files, so it was not read"});
      continue;
    }
    if (!fs::is_regular_file(status)) {
      out.problems.push_back(BundleProblem{relative, relative + ": not a regular file; not read"});
      continue;
    }
    SG_ASSIGN_OR_RETURN(std::string bytes, ReadFileNoFollow(it->path(), kMaxBundleBytes - total));
    total += bytes.size();
    out.files.emplace(relative, std::move(bytes));
  }
  if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
  return out;
}

Result<LoadedBundle> LoadZip(const fs::path& path) {
  struct archive* a = archive_read_new();
  if (a == nullptr) return MakeError(ErrorCode::kInternal, "libarchive: out of memory");
  archive_read_support_format_zip(a);
  if (archive_read_open_filename(a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    Error error{ErrorCode::kInvalidInput,
                path.string() + ": not a readable zip archive: " + archive_error_string(a)};
    archive_read_free(a);
    return tl::unexpected(std::move(error));
  }
  LoadedBundle out;
  uint64_t total = 0;
  std::optional<Error> failure;
  struct archive_entry* entry = nullptr;
  int rc = ARCHIVE_OK;
  std::string buffer(1 << 16, '\0');
  while ((rc = archive_read_next_header(a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name ? raw_name : "";
    if (archive_entry_filetype(entry) == AE_IFDIR) continue;
    if (!IsSafeBundlePath(name)) {
      out.problems.push_back(BundleProblem{
          name, "\"" + name + "\": a zip entry whose path leaves the bundle; not read"});
      continue;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) {
      out.problems.push_back(
          BundleProblem{name, name + ": not a regular file (a link?); not read"});
      continue;
    }
    std::string bytes;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n < 0) {
        failure = Error{ErrorCode::kInvalidInput,
                        path.string() + ": " + name + ": " + archive_error_string(a)};
        break;
      }
      if (n == 0) break;
      total += static_cast<uint64_t>(n);
      if (total > kMaxBundleBytes) {
        failure = Error{ErrorCode::kInvalidInput, "the bundle is larger than 1 GiB; not read"};
        break;
      }
      bytes.append(buffer.data(), static_cast<size_t>(n));
    }
    if (failure) break;
    if (!out.files.emplace(name, std::move(bytes)).second) {
      out.problems.push_back(
          BundleProblem{name, name + ": in the archive twice; only the first was read"});
    }
  }
  if (!failure && rc != ARCHIVE_EOF) {
    failure = Error{ErrorCode::kInvalidInput,
                    path.string() + ": not a readable zip archive: " + archive_error_string(a)};
  }
  archive_read_free(a);
  if (failure) return tl::unexpected(std::move(*failure));
  return out;
}

}  // namespace

bool IsSafeBundlePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  for (;;) {
    const size_t slash = path.find('/', start);
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool IsZipPath(const fs::path& out) {
  std::string ext = out.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".zip";
}

Status WriteFiles(const FileMap& files, int64_t mtime_ms, const fs::path& out) {
  for (const auto& [path, bytes] : files) {
    SG_CHECK(IsSafeBundlePath(path), "unsafe bundle path " + path);
  }
  const bool zip = IsZipPath(out);
  std::error_code ec;
  const fs::file_status existing = fs::symlink_status(out, ec);
  bool replace_empty_dir = false;
  if (fs::exists(existing)) {
    if (zip || !fs::is_directory(existing)) {
      return MakeError(ErrorCode::kInvalidInput, out.string() + ": already exists; not replaced");
    }
    if (!fs::is_empty(out, ec) || ec) {
      return MakeError(ErrorCode::kInvalidInput,
                       out.string() + ": already exists and is not empty; not replaced");
    }
    replace_empty_dir = true;
  }

  // The temporary sits beside `out` so the final rename stays on one file system.
  fs::path parent = out.parent_path();
  if (parent.empty()) parent = ".";
  std::string pattern = (parent / ("." + out.filename().string() + ".partial-XXXXXX")).string();
  if (zip) {
    UniqueFd fd(::mkstemp(pattern.data()));
    if (fd.get() < 0) return tl::unexpected(IoError(pattern, "cannot create", errno));
    const fs::path temp = pattern;
    Status status = WriteZip(files, mtime_ms, fd.get(), temp);
    if (status && ::fchmod(fd.get(), 0644) != 0)
      status = tl::unexpected(IoError(temp, "chmod failed", errno));
    if (status && ::fsync(fd.get()) != 0)
      status = tl::unexpected(IoError(temp, "fsync failed", errno));
    if (status && !fd.Close()) status = tl::unexpected(IoError(temp, "close failed", errno));
    if (status) status = Publish(temp, out, false);
    if (!status) ::unlink(temp.c_str());
    return status;
  }
  if (::mkdtemp(pattern.data()) == nullptr) {
    return tl::unexpected(IoError(pattern, "cannot create", errno));
  }
  const fs::path temp = pattern;
  Status status = WriteDirectory(files, temp);
  if (status) status = Publish(temp, out, replace_empty_dir);
  if (!status) fs::remove_all(temp, ec);
  return status;
}

Result<LoadedBundle> LoadFiles(const fs::path& bundle) {
  std::error_code ec;
  const fs::file_status status = fs::status(bundle, ec);
  if (!fs::exists(status)) {
    return MakeError(ErrorCode::kNotFound, bundle.string() + ": no such bundle");
  }
  if (fs::is_directory(status)) return LoadDirectory(bundle);
  if (fs::file_size(bundle, ec) > kMaxBundleBytes && !ec) {
    return MakeError(ErrorCode::kInvalidInput, "the bundle is larger than 1 GiB; not read");
  }
  return LoadZip(bundle);
}

}  // namespace stalkguard::bundle::internal
