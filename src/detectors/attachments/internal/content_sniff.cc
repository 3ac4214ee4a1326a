#include "detectors/attachments/internal/content_sniff.h"

#include <array>
#include <cstdint>
#include <string>

#include "core/strings.h"

namespace stalkguard::detect::attachment_internal {
namespace {

uint32_t ReadLe32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

uint32_t ReadBe32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

bool StartsWith(std::string_view b, std::string_view magic) {
  return b.substr(0, magic.size()) == magic;
}

using namespace std::string_view_literals;

constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv;
// [MS-SHLLINK] 2.1: HeaderSize 0x4C, then LinkCLSID 00021401-0000-0000-C000-000000000046.
constexpr std::string_view kLnkMagic =
    "\x4C\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv;
// The root entry CLSIDs of Windows Installer databases (000C1084-...), patches (000C1086-...)
// and transforms (000C1082-...), as stored (first three fields little-endian).
constexpr std::array kMsiClsids = {
    "\x84\x10\x0C\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv,
    "\x86\x10\x0C\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv,
    "\x82\x10\x0C\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv,
};

bool IsPe(std::string_view b) {
  if (!StartsWith(b, "MZ") || b.size() < 0x40) return false;
  // The DOS header's e_lfanew (offset 0x3C) points at "PE\0\0". Without it, an MZ stub is still
  // a program when it holds binary bytes; a text file that happens to start with "MZ" has none.
  const uint32_t pe = ReadLe32(b, 0x3C);
  if (pe <= b.size() - 4 && b.substr(pe, 4) == "PE\0\0"sv) return true;
  return b.substr(0, 0x40).find('\0') != std::string_view::npos;
}

std::optional<std::string_view> SniffMachO(std::string_view b) {
  if (b.size() < 8) return std::nullopt;
  const uint32_t magic = ReadBe32(b, 0);
  if (magic == 0xFEEDFACE || magic == 0xFEEDFACF || magic == 0xCEFAEDFE || magic == 0xCFFAEDFE) {
    return "a macOS program (Mach-O)";
  }
  if (magic == 0xCAFEBABE) {
    // Universal binaries and Java class files share this magic. A universal binary counts its
    // architectures next (a handful); a class file has its version there (45 and up).
    return ReadBe32(b, 4) < 45 ? "a macOS program (Mach-O universal)" : "a Java class file";
  }
  return std::nullopt;
}

bool IsIso9660(std::string_view b) {
  // ISO 9660 volume descriptors start at sector 16 (byte 0x8000): a type byte, then "CD001".
  for (size_t at : {0x8001, 0x8801, 0x9001}) {
    if (b.size() >= at + 5 && b.substr(at, 5) == "CD001") return true;
  }
  return false;
}

bool IsHta(std::string_view b) {
  return AsciiLower(b.substr(0, 4096)).find("<hta:application") != std::string::npos;
}

// The name of an OLE2 directory entry, when `entry` (128 bytes) holds a plausible one:
// UTF-16LE with only ASCII code units, its length field (bytes, with the terminating NUL)
// matching, and a type byte of storage (1), stream (2) or root (5).
std::optional<std::string> Ole2EntryName(std::string_view entry) {
  const size_t name_bytes = static_cast<unsigned char>(entry[64]) |
                            static_cast<size_t>(static_cast<unsigned char>(entry[65])) << 8;
  const auto type = static_cast<unsigned char>(entry[66]);
  if (name_bytes < 4 || name_bytes > 64 || name_bytes % 2 != 0) return std::nullopt;
  if (type != 1 && type != 2 && type != 5) return std::nullopt;
  std::string name;
  for (size_t i = 0; i + 2 < name_bytes; i += 2) {
    const auto lo = static_cast<unsigned char>(entry[i]);
    if (entry[i + 1] != '\0' || lo < 0x20 || lo >= 0x7F) return std::nullopt;
    name += static_cast<char>(lo);
  }
  if (entry[name_bytes - 2] != '\0' || entry[name_bytes - 1] != '\0') return std::nullopt;
  return name;
}

}  // namespace

std::optional<std::string_view> SniffProgram(std::string_view b) {
  if (IsPe(b)) return "a Windows program (PE)";
  if (StartsWith(b,
                 "\x7F"
                 "ELF"))
    return "a Linux program (ELF)";
  if (auto macho = SniffMachO(b)) return macho;
  if (StartsWith(b, "#!")) return "a script (#!)";
  if (StartsWith(b, kLnkMagic)) return "a Windows shortcut (.lnk), which can start any command";
  if (StartsWith(b, kOle2Magic) && ScanOle2(b).msi) return "a Windows installer (MSI)";
  if (IsIso9660(b)) return "a disk image (ISO 9660)";
  if (IsHta(b)) return "an HTML application (HTA), which runs with full rights";
  return std::nullopt;
}

Container SniffContainer(std::string_view b) {
  if (StartsWith(b, "PK\x03\x04"sv) || StartsWith(b, "PK\x05\x06"sv)) return Container::kZip;
  if (StartsWith(b, "7z\xBC\xAF\x27\x1C"sv)) return Container::kSevenZip;
  if (StartsWith(b, "Rar!\x1A\x07"sv)) return Container::kRar;
  if (StartsWith(b, kOle2Magic)) return Container::kOle2;
  return Container::kNone;
}

Ole2Contents ScanOle2(std::string_view b) {
  Ole2Contents out;
  if (!StartsWith(b, kOle2Magic)) return out;
  for (size_t at = 512; at + 128 <= b.size(); at += 128) {
    const std::string_view entry = b.substr(at, 128);
    const std::optional<std::string> name = Ole2EntryName(entry);
    if (!name) continue;
    // Word 97-2003 keeps its project in "Macros/VBA", Excel in "_VBA_PROJECT_CUR/VBA",
    // PowerPoint in a "VBA" storage; each holds a "_VBA_PROJECT" stream. A "Macros" storage
    // alone is not enough: Word can leave an empty one behind after macros are deleted.
    if (*name == "VBA" || *name == "_VBA_PROJECT" || *name == "_VBA_PROJECT_CUR") {
      out.vba = true;
    }
    if (static_cast<unsigned char>(entry[66]) == 5) {
      for (std::string_view clsid : kMsiClsids) {
        if (entry.substr(80, 16) == clsid) out.msi = true;
      }
    }
  }
  return out;
}

}  // namespace stalkguard::detect::attachment_internal
