// Small byte fixtures for the attachment tests: archives written with libarchive, OLE2 compound
// files with a hand-built directory, minimal program headers. Test-only.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stalkguard::detect::testing {

struct ZipEntry {
  std::string name;
  std::string content;
};

// A zip archive of `entries`; with a passphrase, every entry is encrypted (ZipCrypto).
std::string MakeZip(const std::vector<ZipEntry>& entries, const std::string& passphrase = "");

// A Word document (OOXML) with the usual parts; `with_macros` adds word/vbaProject.bin.
std::string MakeDocx(bool with_macros);

// An OLE2 compound file whose directory holds a root entry (with `root_clsid`, 16 bytes or
// empty) and the given storages (type 1) and streams (type 2).
struct Ole2Entry {
  std::string name;
  int type = 2;
};
std::string MakeOle2(const std::vector<Ole2Entry>& entries, const std::string& root_clsid = "");

// A minimal PE: DOS header, e_lfanew at 0x40, "PE\0\0" and a few zero bytes.
std::string MakePe();
// JPEG and PDF starts that any viewer recognises.
std::string MakeJpeg();
std::string MakePdf();
// The EICAR anti-virus test file, put together here so that no source file holds it whole.
std::string MakeEicar();

}  // namespace stalkguard::detect::testing
