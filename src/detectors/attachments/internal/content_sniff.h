// What the first bytes of an attachment say it is, whatever its name claims: programs by their
// magic numbers, and the containers (zip-like archives, OLE2 compound files) whose insides the
// judge looks at next. Pure functions over bytes, safe from any thread. Only
// attachment_judge.cc and its tests include this.
#pragma once

#include <optional>
#include <string_view>

namespace stalkguard::detect::attachment_internal {

// A program or launcher recognised by its bytes: PE ("MZ" with a PE header, or an MZ stub
// holding binary bytes), ELF, Mach-O (thin and universal), a "#!" script, a Windows shortcut
// (.lnk header and CLSID), an HTML application ("<hta:application" near the start), an MSI
// installer (OLE2 whose root CLSID is the installer's) or an ISO 9660 disk image ("CD001").
// Returns the sentence fragment ("a Windows program (PE)"), or nullopt.
std::optional<std::string_view> SniffProgram(std::string_view bytes);

enum class Container { kNone, kZip, kSevenZip, kRar, kOle2 };
Container SniffContainer(std::string_view bytes);

// What the directory of an OLE2 compound file (legacy .doc/.xls/.ppt, .msi) holds.
struct Ole2Contents {
  bool vba = false;  // a "VBA", "_VBA_PROJECT" or "_VBA_PROJECT_CUR" entry: Office macros
  bool msi = false;  // the root entry has the Windows Installer CLSID
};

// Reads the directory entries of an OLE2 file without following its allocation tables:
// directory sectors start on 512-byte boundaries and entries are 128 bytes, so every entry
// sits at a multiple of 128 after the header, and an entry is recognised by its UTF-16LE name,
// its name length field and its type byte. Damaged files give what could be read.
Ole2Contents ScanOle2(std::string_view bytes);

}  // namespace stalkguard::detect::attachment_internal
