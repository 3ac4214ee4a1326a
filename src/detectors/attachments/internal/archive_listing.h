// The entry names of a zip, 7-Zip or RAR archive and whether any entry is encrypted, read with
// libarchive from memory. Only headers are read, never data, so a zip bomb costs nothing.
// Safe from any thread. Only attachment_judge.cc and its tests include this.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::detect::attachment_internal {

// Entries read past this are not listed: a real document has a few hundred at most.
inline constexpr size_t kMaxArchiveEntries = 10000;

struct ArchiveListing {
  bool readable = false;           // libarchive recognised the format and read a header
  bool encrypted = false;          // some entry (or the header block) is password-protected
  std::vector<std::string> names;  // entry paths as stored, in archive order
};

// Never fails: unreadable or damaged archives give what was read before the damage.
ArchiveListing ListArchive(std::string_view bytes);

}  // namespace stalkguard::detect::attachment_internal
