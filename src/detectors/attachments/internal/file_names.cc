#include "detectors/attachments/internal/file_names.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/utf8.h"

namespace stalkguard::detect::attachment_internal {
namespace {

struct RiskyRow {
  std::string_view extension;
  RiskyType type;
};

// Programs score 0.7 (a warning: someone sent the person something that runs); disk images a
// little less, because they also carry harmless installers, but they are the usual way to get
// a program past a mail filter since Office started blocking macros from the internet.
constexpr double kProgram = 0.7;
constexpr double kDiskImage = 0.6;

constexpr std::array kRiskyExtensions = {
    RiskyRow{"exe", {"a Windows program", kProgram}},
    RiskyRow{"scr", {"a Windows screen saver, which is a program", kProgram}},
    RiskyRow{"com", {"a DOS/Windows program", kProgram}},
    RiskyRow{"pif", {"a Windows program shortcut that runs code", kProgram}},
    RiskyRow{"cpl", {"a Windows control panel program", kProgram}},
    RiskyRow{"dll", {"a Windows program library", kProgram}},
    RiskyRow{"msc", {"a Windows management console file that runs commands", kProgram}},
    RiskyRow{"msi", {"a Windows installer", kProgram}},
    RiskyRow{"msp", {"a Windows installer patch", kProgram}},
    RiskyRow{"bat", {"a Windows batch script", kProgram}},
    RiskyRow{"cmd", {"a Windows batch script", kProgram}},
    RiskyRow{"ps1", {"a PowerShell script", kProgram}},
    RiskyRow{"psm1", {"a PowerShell script", kProgram}},
    RiskyRow{"vbs", {"a VBScript program", kProgram}},
    RiskyRow{"vbe", {"an encoded VBScript program", kProgram}},
    RiskyRow{"js", {"a JScript program that Windows runs when it is opened", kProgram}},
    RiskyRow{"jse", {"an encoded JScript program", kProgram}},
    RiskyRow{"wsf", {"a Windows Script File", kProgram}},
    RiskyRow{"wsh", {"a Windows Script Host file", kProgram}},
    RiskyRow{"wsc", {"a Windows script component", kProgram}},
    RiskyRow{"sct", {"a Windows script component", kProgram}},
    RiskyRow{"hta", {"an HTML application, which runs with full rights", kProgram}},
    RiskyRow{"lnk", {"a Windows shortcut, which can start any command", kProgram}},
    RiskyRow{"scf", {"a Windows shell command file", kProgram}},
    RiskyRow{"reg", {"a Windows registry file", kProgram}},
    RiskyRow{"chm", {"a compiled help file, which can run scripts", kProgram}},
    RiskyRow{"xll", {"an Excel add-in, which is a program", kProgram}},
    RiskyRow{"appref-ms", {"a ClickOnce application link that installs a program", kProgram}},
    RiskyRow{"jar", {"a Java program", kProgram}},
    RiskyRow{"apk", {"an Android app", kProgram}},
    RiskyRow{"xapk", {"an Android app bundle", kProgram}},
    RiskyRow{"apks", {"an Android app bundle", kProgram}},
    RiskyRow{"sh", {"a shell script", kProgram}},
    RiskyRow{"bash", {"a shell script", kProgram}},
    RiskyRow{"command", {"a macOS shell script", kProgram}},
    RiskyRow{"pkg", {"a macOS installer", kProgram}},
    RiskyRow{"iso", {"a disk image, a common way to carry programs past checks", kDiskImage}},
    RiskyRow{"img", {"a disk image, a common way to carry programs past checks", kDiskImage}},
    RiskyRow{"vhd", {"a virtual disk, a common way to carry programs past checks", kDiskImage}},
    RiskyRow{"vhdx", {"a virtual disk, a common way to carry programs past checks", kDiskImage}},
    RiskyRow{"dmg", {"a macOS disk image", kDiskImage}},
};

constexpr auto kDecoyExtensions = std::to_array<std::string_view>({
    "pdf",  "doc", "docx", "xls",  "xlsx", "ppt", "pptx", "odt",  "ods",   "rtf",
    "txt",  "csv", "jpg",  "jpeg", "png",  "gif", "bmp",  "heic", "webp",  "tif",
    "tiff", "svg", "mp3",  "m4a",  "wav",  "ogg", "mp4",  "mov",  "avi",   "mkv",
    "zip",  "rar", "7z",   "htm",  "html", "eml", "ics",  "vcf",  "pages", "key",
});

constexpr auto kMacroExtensions = std::to_array<std::string_view>({
    "docm",
    "dotm",
    "xlsm",
    "xltm",
    "xlam",
    "pptm",
    "potm",
    "ppsm",
    "ppam",
    "sldm",
});

// Decodes one UTF-8 code point at `i`, advancing it; invalid bytes give U+FFFD, one byte each.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms and surrogates are as invalid as a stray byte.
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(NextCodePoint(s, i));
  return out;
}

bool IsBidiControl(uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Characters that change or hide how a name is shown: C0/C1 controls, bidi controls and
// marks, zero-width characters, the BOM.
bool IsInvisibleOrControl(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || IsBidiControl(cp) ||
         (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF;
}

std::string_view TrimTrailingSpacesAndDots(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.remove_suffix(1);
  return s;
}

bool IsExtensionChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

std::string RealExtension(std::string_view name) {
  name = TrimTrailingSpacesAndDots(name);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size()) return "";
  const std::string_view ext = name.substr(dot + 1);
  if (ext.size() > 10 || !std::all_of(ext.begin(), ext.end(), IsExtensionChar)) return "";
  return AsciiLower(ext);
}

std::optional<RiskyType> RiskyExtension(std::string_view extension) {
  for (const RiskyRow& row : kRiskyExtensions) {
    if (row.extension == extension) return row.type;
  }
  return std::nullopt;
}

bool IsDecoyExtension(std::string_view extension) {
  return std::find(kDecoyExtensions.begin(), kDecoyExtensions.end(), extension) !=
         kDecoyExtensions.end();
}

bool IsMacroExtension(std::string_view extension) {
  return std::find(kMacroExtensions.begin(), kMacroExtensions.end(), extension) !=
         kMacroExtensions.end();
}

std::optional<DoubleExtension> FindDoubleExtension(std::string_view name) {
  // "photo.jpg     .scr": cut the real extension, then any spaces, underscores or dots that
  // pad it away from the decoy, then look for a decoy extension at the end of what is left.
  name = TrimTrailingSpacesAndDots(name);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view stem = name.substr(0, dot);
  size_t padding = 0;
  while (!stem.empty() && (stem.back() == ' ' || stem.back() == '_' || stem.back() == '\t')) {
    stem.remove_suffix(1);
    ++padding;
  }
  const std::string decoy = RealExtension(stem);
  if (decoy.empty() || !IsDecoyExtension(decoy)) return std::nullopt;
  // "report.pdf.exe" has a stem "report.pdf" whose own stem must be non-empty: ".pdf.exe" is
  // a hidden file called ".pdf" with extension exe, which fools nobody.
  if (stem.size() == decoy.size() + 1) return std::nullopt;
  return DoubleExtension{decoy, padding};
}

bool HasBidiControl(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    if (IsBidiControl(NextCodePoint(name, i))) return true;
  }
  return false;
}

std::string VisualName(std::string_view name) {
  const std::vector<uint32_t> cps = CodePoints(name);
  std::vector<uint32_t> visual;
  visual.reserve(cps.size());
  for (size_t i = 0; i < cps.size();) {
    if (cps[i] != 0x202E) {
      if (!IsBidiControl(cps[i])) visual.push_back(cps[i]);
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < cps.size() && cps[end] != 0x202C && cps[end] != 0x2069) ++end;
    for (size_t k = end; k > i + 1; --k) {
      if (!IsBidiControl(cps[k - 1])) visual.push_back(cps[k - 1]);
    }
    i = end < cps.size() ? end + 1 : end;
  }
  std::string out;
  for (uint32_t cp : visual) AppendUtf8(out, cp);
  return out;
}

std::string DisplayName(std::string_view name, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    if (out.size() >= max_bytes) {
      out += "…";
      break;
    }
    const uint32_t cp = NextCodePoint(name, i);
    if (IsInvisibleOrControl(cp)) {
      char spelled[16];
      std::snprintf(spelled, sizeof spelled, "[U+%04X]", cp);
      out += spelled;
    } else {
      AppendUtf8(out, cp);
    }
  }
  return out;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace stalkguard::detect::attachment_internal
