#include "detectors/attachments/testing/fixtures.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <stdexcept>

namespace stalkguard::detect::testing {
namespace {

void Check(int rc, archive* a, const char* what) {
  if (rc != ARCHIVE_OK) {
    const char* message = archive_error_string(a);
    throw std::runtime_error(std::string(what) + ": " + (message ? message : "?"));
  }
}

void PutLe16(std::string& b, size_t at, unsigned v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}

}  // namespace

std::string MakeZip(const std::vector<ZipEntry>& entries, const std::string& passphrase) {
  std::string buffer(1 << 20, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  Check(archive_write_set_format_zip(a), a, "format");
  if (!passphrase.empty()) {
    Check(archive_write_set_options(a, "zip:encryption=zipcrypt"), a, "encryption");
    Check(archive_write_set_passphrase(a, passphrase.c_str()), a, "passphrase");
  }
  Check(archive_write_open_memory(a, buffer.data(), buffer.size(), &used), a, "open");
  for (const ZipEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    Check(archive_write_header(a, entry), a, "header");
    if (archive_write_data(a, e.content.data(), e.content.size()) < 0) Check(-1, a, "data");
    archive_entry_free(entry);
  }
  Check(archive_write_close(a), a, "close");
  archive_write_free(a);
  buffer.resize(used);
  return buffer;
}

std::string MakeDocx(bool with_macros) {
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\"/>"},
      {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"},
      {"word/document.xml",
       "<?xml version=\"1.0\"?><w:document><w:body>Lovely holiday, see "
       "you soon</w:body></w:document>"},
  };
  if (with_macros) entries.push_back({"word/vbaProject.bin", MakeOle2({{"VBA", 1}})});
  return MakeZip(entries);
}

std::string MakeOle2(const std::vector<Ole2Entry>& entries, const std::string& root_clsid) {
  std::string file(512, '\0');
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  PutLe16(file, 0x1A, 3);       // major version 3: 512-byte sectors
  PutLe16(file, 0x1C, 0xFFFE);  // little-endian
  PutLe16(file, 0x1E, 9);       // sector shift
  std::vector<Ole2Entry> all = {{"Root Entry", 5}};
  all.insert(all.end(), entries.begin(), entries.end());
  std::string directory((all.size() + 3) / 4 * 512, '\0');
  for (size_t i = 0; i < all.size(); ++i) {
    std::string entry(128, '\0');
    for (size_t c = 0; c < all[i].name.size(); ++c) entry[2 * c] = all[i].name[c];
    PutLe16(entry, 64, static_cast<unsigned>(2 * (all[i].name.size() + 1)));
    entry[66] = static_cast<char>(all[i].type);
    if (all[i].type == 5 && root_clsid.size() == 16) entry.replace(80, 16, root_clsid);
    directory.replace(i * 128, 128, entry);
  }
  return file + directory;
}

std::string MakePe() {
  std::string pe(0x80, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  return pe;
}

std::string MakeJpeg() {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) +
         std::string(200, '\x11') + "\xFF\xD9";
}

std::string MakePdf() {
  return "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

std::string MakeEicar() {
  return std::string("X5O!P%@AP[4\\PZX54(P^)7CC)7}$") + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
}

}  // namespace stalkguard::detect::testing
