// The signed manifest of an evidence bundle: every file in the bundle with its SHA-256 and
// size, the head of the evidence chain it was exported from, the device's public key and when
// it was made, signed with the device key. VerifyManifest says which file changed, went
// missing or was added, and whether the signature holds. Layout and JSON form:
// docs/formats/evidence-log.md, "Manifest".
//
//   evidence::Manifest manifest{.files = files, .chain_head = chain.Head(), .created_ms = now};
//   SG_RETURN_IF_ERROR(evidence::SignManifest(manifest, key));
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "evidence/device_key.h"
#include "evidence/hash_chain.h"

namespace stalkguard::evidence {

inline constexpr std::string_view kManifestTag = "stalkguard.manifest.v1";
inline constexpr std::string_view kManifestFormat = "stalkguard.manifest";
inline constexpr int kManifestVersion = 1;

struct ManifestFile {
  std::string path;    // relative to the bundle root, '/'-separated: "events/0001.json"
  std::string sha256;  // lower-case hex of the file's bytes
  int64_t size = 0;    // bytes

  friend bool operator==(const ManifestFile&, const ManifestFile&) = default;
};

struct Manifest {
  std::vector<ManifestFile> files;  // sorted by path once signed
  ChainHead chain_head;             // the evidence chain as it stood at export
  int64_t created_ms = 0;           // UTC milliseconds, from the caller's Clock
  std::string public_key_hex;       // the signer's Ed25519 public key; set by SignManifest
  std::string signature_hex;        // Ed25519 over ManifestCanonicalBytes; set by SignManifest
};

// What is signed: every field but the signature, files in path order. Deterministic.
std::string ManifestCanonicalBytes(const Manifest& manifest);

// Sorts the files by path, sets the public key and signs. Fails with kInvalidInput when two
// files share a path or a hash is not 64 lower-case hex digits, leaving `manifest` unsigned.
Status SignManifest(Manifest& manifest, const DeviceKey& key);

enum class ManifestProblemKind {
  kBadSignature,  // the signature does not verify over the manifest as it is
  kUntrustedKey,  // it verifies, but with a key other than the one the reader trusts
  kHashMismatch,  // a file's bytes do not hash to the listed SHA-256
  kSizeMismatch,  // a file's size differs from the listed size
  kMissingFile,   // listed but not in the bundle
  kExtraFile,     // in the bundle but not listed
};

std::string_view ToString(ManifestProblemKind kind);

struct ManifestProblem {
  ManifestProblemKind kind = ManifestProblemKind::kBadSignature;
  std::string path;     // the file concerned; empty for signature and key problems
  std::string message;  // one sentence for people: "events.jsonl: SHA-256 does not match ..."
};

struct ManifestReport {
  std::vector<ManifestProblem> problems;  // signature first, then files in path order
  bool ok() const { return problems.empty(); }
};

// Checks the signature over `manifest` and compares its list with `present`, the files
// actually found in the bundle (as ScanBundle returns them). When `trusted_public_key_hex` is
// set, the manifest must also be signed by that key: otherwise anyone could re-sign an edited
// bundle with a key of their own. Pure; safe from several threads.
ManifestReport VerifyManifest(
    const Manifest& manifest, const std::vector<ManifestFile>& present,
    const std::optional<std::string>& trusted_public_key_hex = std::nullopt);

// Every regular file under `root` with its SHA-256 and size, paths relative and '/'-separated,
// sorted; files named in `skip` (e.g. the manifest itself) are left out. Fails with kIo when a
// file or directory cannot be read; symbolic links are listed as an error, not followed.
Result<std::vector<ManifestFile>> ScanBundle(const std::filesystem::path& root,
                                             const std::vector<std::string>& skip = {});

// The manifest as one JSON object with a format name and version; ManifestFromJson reads it
// back and fails with kInvalidInput (naming the field) or kUnsupported for another version.
std::string ManifestToJson(const Manifest& manifest);
Result<Manifest> ManifestFromJson(std::string_view json);

}  // namespace stalkguard::evidence
