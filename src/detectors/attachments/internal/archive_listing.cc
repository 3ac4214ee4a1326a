#include "detectors/attachments/internal/archive_listing.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace stalkguard::detect::attachment_internal {
namespace {

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

}  // namespace

ArchiveListing ListArchive(std::string_view bytes) {
  ArchiveListing out;
  std::unique_ptr<archive, ArchiveFree> reader(archive_read_new());
  if (!reader) return out;
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_7zip(reader.get());
  archive_read_support_format_rar(reader.get());
  archive_read_support_format_rar5(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return out;
  }
  archive_entry* entry = nullptr;
  while (out.names.size() < kMaxArchiveEntries) {
    const int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) break;
    out.readable = true;
    if (archive_entry_is_encrypted(entry)) out.encrypted = true;
    const char* path = archive_entry_pathname_utf8(entry);
    if (path == nullptr) path = archive_entry_pathname(entry);
    if (path != nullptr) out.names.emplace_back(path);
  }
  // A 7-Zip or RAR archive with encrypted headers fails on its first header; libarchive still
  // knows it saw encryption.
  if (archive_read_has_encrypted_entries(reader.get()) > 0) out.encrypted = true;
  return out;
}

}  // namespace stalkguard::detect::attachment_internal
