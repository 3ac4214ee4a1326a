#include "evidence/manifest.h"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "core/digest.h"
#include "evidence/internal/byte_writer.h"
#include "evidence/internal/hex.h"

namespace stalkguard::evidence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool ByPath(const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; }

Error Invalid(std::string message) {
  return Error{ErrorCode::kInvalidInput, "manifest: " + std::move(message)};
}

Result<std::string> FileSha256(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, path.string() + ": cannot open");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n > 0) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(n));
    }
  }
  if (in.bad()) return MakeError(ErrorCode::kIo, path.string() + ": read failed");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

// The JSON library throws on a wrong type; these look first, so the message can name the field.
Result<const json*> Field(const json& object, const char* key, json::value_t type) {
  const auto it = object.find(key);
  if (it == object.end()) return tl::unexpected(Invalid(std::string("no \"") + key + "\""));
  const bool number = type == json::value_t::number_integer;
  const bool type_ok = number ? it->is_number_integer() : it->type() == type;
  if (!type_ok) return tl::unexpected(Invalid(std::string("\"") + key + "\" has the wrong type"));
  return &*it;
}

}  // namespace

std::string ManifestCanonicalBytes(const Manifest& manifest) {
  std::vector<ManifestFile> files = manifest.files;
  std::sort(files.begin(), files.end(), ByPath);
  internal::ByteWriter w;
  w.Str(kManifestTag);
  w.Count(files.size());
  for (const ManifestFile& f : files) w.Str(f.path).Str(f.sha256).Int(f.size);
  w.Uint(manifest.chain_head.count).Str(manifest.chain_head.hash);
  w.Int(manifest.created_ms).Str(manifest.public_key_hex);
  return w.Take();
}

Status SignManifest(Manifest& manifest, const DeviceKey& key) {
  std::vector<ManifestFile> files = manifest.files;
  std::sort(files.begin(), files.end(), ByPath);
  for (size_t i = 0; i < files.size(); ++i) {
    if (i > 0 && files[i].path == files[i - 1].path) {
      return tl::unexpected(Invalid("\"" + files[i].path + "\" is listed twice"));
    }
    if (!internal::IsSha256Hex(files[i].sha256)) {
      return tl::unexpected(Invalid("\"" + files[i].path + "\" has a malformed SHA-256"));
    }
  }
  manifest.files = std::move(files);
  manifest.public_key_hex = key.PublicKeyHex();
  manifest.signature_hex = HexEncode(key.Sign(ManifestCanonicalBytes(manifest)));
  return OkStatus();
}

std::string_view ToString(ManifestProblemKind kind) {
  switch (kind) {
    case ManifestProblemKind::kBadSignature:
      return "bad_signature";
    case ManifestProblemKind::kUntrustedKey:
      return "untrusted_key";
    case ManifestProblemKind::kHashMismatch:
      return "hash_mismatch";
    case ManifestProblemKind::kSizeMismatch:
      return "size_mismatch";
    case ManifestProblemKind::kMissingFile:
      return "missing_file";
    case ManifestProblemKind::kExtraFile:
      return "extra_file";
  }
  return "bad_signature";
}

ManifestReport VerifyManifest(const Manifest& manifest, const std::vector<ManifestFile>& present,
                              const std::optional<std::string>& trusted_public_key_hex) {
  ManifestReport report;
  auto add = [&report](ManifestProblemKind kind, std::string path, std::string message) {
    report.problems.push_back(ManifestProblem{kind, std::move(path), std::move(message)});
  };

  const auto public_key = internal::HexDecode(manifest.public_key_hex, crypto_sign_PUBLICKEYBYTES);
  const auto signature = internal::HexDecode(manifest.signature_hex, crypto_sign_BYTES);
  if (!public_key || !signature) {
    add(ManifestProblemKind::kBadSignature, "",
        "the manifest's public key or signature is malformed");
  } else if (!DeviceKey::Verify(*public_key, ManifestCanonicalBytes(manifest), *signature)) {
    add(ManifestProblemKind::kBadSignature, "",
        "the signature does not verify: the manifest was changed after signing, or the "
        "signature was made with another key");
  }
  if (trusted_public_key_hex) {
    const auto trusted = internal::HexDecode(*trusted_public_key_hex, crypto_sign_PUBLICKEYBYTES);
    if (!trusted || !public_key || *trusted != *public_key) {
      add(ManifestProblemKind::kUntrustedKey, "",
          "the manifest is signed by key " +
              (public_key ? DeviceKey::FingerprintOf(*public_key) : std::string("(malformed)")) +
              ", not by the trusted key " +
              (trusted ? DeviceKey::FingerprintOf(*trusted) : std::string("(malformed)")));
    }
  }

  std::map<std::string_view, const ManifestFile*> found;
  for (const ManifestFile& f : present) found.emplace(f.path, &f);
  std::map<std::string_view, const ManifestFile*> listed;
  for (const ManifestFile& f : manifest.files) listed.emplace(f.path, &f);
  // Walk both sorted maps together so problems come out in path order.
  auto l = listed.begin();
  auto p = found.begin();
  while (l != listed.end() || p != found.end()) {
    if (p == found.end() || (l != listed.end() && l->first < p->first)) {
      add(ManifestProblemKind::kMissingFile, l->second->path,
          l->second->path + ": listed in the manifest but missing from the bundle");
      ++l;
    } else if (l == listed.end() || p->first < l->first) {
      add(ManifestProblemKind::kExtraFile, p->second->path,
          p->second->path + ": in the bundle but not listed in the manifest");
      ++p;
    } else {
      const ManifestFile& want = *l->second;
      const ManifestFile& got = *p->second;
      if (got.sha256 != want.sha256) {
        add(ManifestProblemKind::kHashMismatch, want.path,
            want.path + ": SHA-256 does not match the manifest (the file was altered)");
      }
      if (got.size != want.size) {
        add(ManifestProblemKind::kSizeMismatch, want.path,
            want.path + ": size is " + std::to_string(got.size) + " bytes, the manifest says " +
                std::to_string(want.size));
      }
      ++l;
      ++p;
    }
  }
  return report;
}

Result<std::vector<ManifestFile>> ScanBundle(const fs::path& root,
                                             const std::vector<std::string>& skip) {
  std::vector<ManifestFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec);
  if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
    const fs::path& path = it->path();
    const fs::file_status status = it->symlink_status(ec);
    if (ec) return MakeError(ErrorCode::kIo, path.string() + ": " + ec.message());
    if (fs::is_directory(status)) continue;
    // A link could point outside the bundle or change after signing; a bundle holds only files.
    if (!fs::is_regular_file(status)) {
      return MakeError(ErrorCode::kIo, path.string() + ": not a regular file");
    }
    std::string relative = path.lexically_relative(root).generic_string();
    if (std::find(skip.begin(), skip.end(), relative) != skip.end()) continue;
    SG_ASSIGN_OR_RETURN(std::string sha256, FileSha256(path));
    const auto size = fs::file_size(path, ec);
    if (ec) return MakeError(ErrorCode::kIo, path.string() + ": " + ec.message());
    files.push_back(
        ManifestFile{std::move(relative), std::move(sha256), static_cast<int64_t>(size)});
  }
  if (ec) return MakeError(ErrorCode::kIo, root.string() + ": " + ec.message());
  std::sort(files.begin(), files.end(), ByPath);
  return files;
}

std::string ManifestToJson(const Manifest& manifest) {
  json files = json::array();
  for (const ManifestFile& f : manifest.files) {
    files.push_back({{"path", f.path}, {"sha256", f.sha256}, {"size", f.size}});
  }
  // nlohmann's default object type keeps keys sorted, so the written form is stable too.
  const json out = {
      {"format", kManifestFormat},
      {"version", kManifestVersion},
      {"created_ms", manifest.created_ms},
      {"chain_head", {{"count", manifest.chain_head.count}, {"hash", manifest.chain_head.hash}}},
      {"files", std::move(files)},
      {"public_key", manifest.public_key_hex},
      {"signature", manifest.signature_hex},
  };
  return out.dump(2) + "\n";
}

Result<Manifest> ManifestFromJson(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return tl::unexpected(Invalid("not a JSON object"));
  SG_ASSIGN_OR_RETURN(const json* format, Field(doc, "format", json::value_t::string));
  if (format->get<std::string>() != kManifestFormat) {
    return tl::unexpected(Invalid("\"format\" is not \"" + std::string(kManifestFormat) + "\""));
  }
  SG_ASSIGN_OR_RETURN(const json* version, Field(doc, "version", json::value_t::number_integer));
  if (version->get<int64_t>() != kManifestVersion) {
    return MakeError(ErrorCode::kUnsupported,
                     "manifest: version " + version->dump() + " is not supported");
  }
  Manifest m;
  SG_ASSIGN_OR_RETURN(const json* created, Field(doc, "created_ms", json::value_t::number_integer));
  m.created_ms = created->get<int64_t>();
  SG_ASSIGN_OR_RETURN(const json* head, Field(doc, "chain_head", json::value_t::object));
  SG_ASSIGN_OR_RETURN(const json* count, Field(*head, "count", json::value_t::number_integer));
  if (!count->is_number_unsigned()) return tl::unexpected(Invalid("\"count\" is negative"));
  m.chain_head.count = count->get<uint64_t>();
  SG_ASSIGN_OR_RETURN(const json* hash, Field(*head, "hash", json::value_t::string));
  m.chain_head.hash = hash->get<std::string>();
  SG_ASSIGN_OR_RETURN(const json* key, Field(doc, "public_key", json::value_t::string));
  m.public_key_hex = key->get<std::string>();
  SG_ASSIGN_OR_RETURN(const json* signature, Field(doc, "signature", json::value_t::string));
  m.signature_hex = signature->get<std::string>();
  SG_ASSIGN_OR_RETURN(const json* files, Field(doc, "files", json::value_t::array));
  for (const json& f : *files) {
    if (!f.is_object()) return tl::unexpected(Invalid("an entry of \"files\" is not an object"));
    ManifestFile file;
    SG_ASSIGN_OR_RETURN(const json* path, Field(f, "path", json::value_t::string));
    file.path = path->get<std::string>();
    SG_ASSIGN_OR_RETURN(const json* sha256, Field(f, "sha256", json::value_t::string));
    file.sha256 = sha256->get<std::string>();
    SG_ASSIGN_OR_RETURN(const json* size, Field(f, "size", json::value_t::number_integer));
    file.size = size->get<int64_t>();
    m.files.push_back(std::move(file));
  }
  return m;
}

}  // namespace stalkguard::evidence
