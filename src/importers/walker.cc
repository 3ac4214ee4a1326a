#include "importers/walker.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include "core/strings.h"

namespace stalkguard::importers {
namespace {

namespace fs = std::filesystem;

// Files exports carry beside their messages; the messages refer to them by name.
bool IsMediaName(std::string_view name) {
  static constexpr std::array<std::string_view, 24> kMedia = {
      ".jpg", ".jpeg", ".png",  ".gif",  ".webp", ".heic", ".bmp", ".mp4",
      ".mov", ".3gp",  ".webm", ".opus", ".ogg",  ".m4a",  ".mp3", ".aac",
      ".wav", ".amr",  ".pdf",  ".vcf",  ".tgs",  ".avif", ".mkv", ".avi"};
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string ext = AsciiLower(name.substr(dot));
  return std::find(kMedia.begin(), kMedia.end(), ext) != kMedia.end();
}

// Operating-system litter inside folders and archives, never user data.
bool IsLitter(std::string_view name) {
  const size_t slash = name.find_last_of("/!");
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return base == ".DS_Store" || base == "Thumbs.db" || base == "desktop.ini" ||
         base.starts_with("._") || name.find("__MACOSX/") != std::string_view::npos;
}

bool LooksLikeArchive(std::string_view head, std::string_view name) {
  if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06")) return true;
  if (head.size() > 262 && head.substr(257, 5) == "ustar") return true;
  const bool gz = head.starts_with("\x1f\x8b");
  return gz && (name.ends_with(".tar.gz") || name.ends_with(".tgz"));
}

// One entry of an open libarchive reader, read as a stream.
class ArchiveEntrySource : public Source {
 public:
  ArchiveEntrySource(std::string name, struct archive* archive, int64_t size)
      : Source(std::move(name)), archive_(archive), size_(size) {}
  int64_t size() const override { return size_; }

 protected:
  Result<size_t> ReadRaw(char* buf, size_t n) override {
    const la_ssize_t got = archive_read_data(archive_, buf, n);
    if (got < 0) {
      return MakeError(ErrorCode::kIo, name() + ": " + archive_error_string(archive_));
    }
    return static_cast<size_t>(got);
  }

 private:
  struct archive* archive_;
  int64_t size_;
};

}  // namespace

Walker::Walker(const ImporterList& importers, const ImportOptions& options, EventSink& sink)
    : importers_(importers), options_(options), sink_(sink) {}

int64_t Walker::TotalBytes(const std::vector<std::string>& paths) {
  int64_t total = 0;
  std::error_code ec;
  for (const auto& path : paths) {
    if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
      }
    } else if (fs::is_regular_file(path, ec)) {
      total += static_cast<int64_t>(fs::file_size(path, ec));
    }
  }
  return total;
}

int64_t Walker::bytes_done() const {
  return bytes_finished_ + (current_ != nullptr ? current_->consumed() : 0);
}

Status Walker::ImportPath(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return MakeError(ErrorCode::kNotFound, path + ": no such file or folder");
  }
  if (!fs::is_directory(status)) {
    ImportFile(path, path, /*named_by_user=*/true);
    return OkStatus();
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(
           path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return MakeError(ErrorCode::kIo, path + ": cannot list: " + ec.message());
  std::sort(files.begin(), files.end());  // the same order on every run and machine
  for (const auto& file : files) ImportFile(file.string(), file.string(), false);
  return OkStatus();
}

void Walker::ImportFile(const std::string& path, const std::string& display, bool named_by_user) {
  if (IsLitter(display)) return;
  FileSource source(path, display);
  const int64_t size = std::max<int64_t>(source.size(), 0);
  auto head = source.Head();
  if (!head) {
    sink_.Reject({display, ""}, head.error().message);
    bytes_finished_ += size;
    return;
  }
  if (LooksLikeArchive(*head, display)) {
    ImportArchive(path, display);
  } else {
    ImportSource(source, named_by_user);
  }
  bytes_finished_ += size;
}

void Walker::ImportArchive(const std::string& path, const std::string& display) {
  struct archive* archive = archive_read_new();
  archive_read_support_format_zip(archive);
  archive_read_support_format_tar(archive);
  archive_read_support_filter_gzip(archive);
  if (archive_read_open_filename(archive, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    sink_.Reject({display, ""},
                 std::string("cannot open archive: ") + archive_error_string(archive));
    archive_read_free(archive);
    return;
  }
  struct archive_entry* entry = nullptr;
  int rc;
  while ((rc = archive_read_next_header(archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* entry_name = archive_entry_pathname_utf8(entry);
    if (entry_name == nullptr) entry_name = archive_entry_pathname(entry);
    const std::string name = display + "!/" + (entry_name ? entry_name : "?");
    if (IsLitter(name)) continue;
    const int64_t size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    ArchiveEntrySource source(name, archive, size);
    ImportSource(source, false);
  }
  if (rc != ARCHIVE_EOF) {
    sink_.Reject({display, ""}, std::string("archive is damaged; entries after this point were not "
                                            "read: ") +
                                    archive_error_string(archive));
  }
  archive_read_free(archive);
}

void Walker::ImportSource(Source& source, bool named_by_user) {
  auto head = source.Head();
  if (!head) {
    sink_.Reject({source.name(), ""}, head.error().message);
    return;
  }
  const Importer* importer = DetectFormat(importers_, source.name(), *head);
  if (importer == nullptr) {
    if (IsMediaName(source.name()) && !named_by_user) {
      skipped_.push_back({source.name(), "media file"});
    } else if (head->empty()) {
      skipped_.push_back({source.name(), "empty file"});
    } else if (named_by_user) {
      sink_.Reject({source.name(), ""}, "not a format stalkguard reads (see docs/formats/)");
    } else {
      skipped_.push_back({source.name(), "no known format"});
    }
    return;
  }
  current_ = &source;
  Status status = importer->Import(source, options_, sink_);
  current_ = nullptr;
  if (!status) {
    sink_.Reject({source.name(), ""}, status.error().message);
    return;
  }
  ++files_imported_;
}

}  // namespace stalkguard::importers
