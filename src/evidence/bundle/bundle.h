// Evidence bundles: what `stalkguard export` writes and `stalkguard verify` checks. A bundle is
// a directory or a .zip holding the original records, the normalised events, the findings, the
// cases, the evidence-log entries that cover them and a manifest signed with the device key.
// Layout: docs/formats/evidence-bundle.md.
//
//   bundle::BundleContent content = ...;   // built from the store by the caller
//   SG_RETURN_IF_ERROR(bundle::WriteBundle(content, key, "case-jordan.zip"));
//   SG_ASSIGN_OR_RETURN(auto report, bundle::VerifyBundle("case-jordan.zip"));
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/event.h"
#include "core/finding.h"
#include "core/result.h"
#include "evidence/device_key.h"
#include "evidence/hash_chain.h"
#include "evidence/manifest.h"

namespace stalkguard::bundle {

// A run of log entries about items outside the bundle (other contacts), left out so the bundle
// discloses nothing about them but their number. The hashes at both ends keep the chain
// checkable across the gap: `prev_hash` is the prev_hash of entry `first_seq`, `last_hash` the
// entry_hash of entry `last_seq`.
struct ChainGap {
  uint64_t first_seq = 0;
  uint64_t last_seq = 0;
  std::string prev_hash;
  std::string last_hash;

  friend bool operator==(const ChainGap&, const ChainGap&) = default;
};

// One line of chain.jsonl: a whole entry, or a gap.
using ChainLine = std::variant<evidence::ChainEntry, ChainGap>;

// Builds the pruned chain: feed every entry of the log in seq order; entries for which `keep`
// is true stay whole, runs of the others become one ChainGap each.
class ChainPruner {
 public:
  void Add(const evidence::ChainEntry& entry, bool keep);
  std::vector<ChainLine> Finish();

 private:
  std::vector<ChainLine> lines_;
  std::optional<ChainGap> open_gap_;
};

struct BundleContent {
  // The events, with `raw` and attachment bytes where the store had them, oldest first.
  std::vector<Event> events;
  // Events whose text, sender or recipients were redacted before export (their content can
  // no longer match the log; verify says so and checks everything else).
  std::vector<std::string> redacted_event_ids;
  std::vector<Finding> findings;  // each with its evidence `id`
  // Findings whose excerpt or span was redacted (verify notes them like redacted events).
  std::vector<std::string> redacted_finding_ids;
  std::string cases_json;  // the exported cases: the "cases" array of `stalkguard cases --json`
  std::vector<ChainLine> chain;  // pruned chain, seq order, ending at `head`
  evidence::ChainHead head;      // the log's head at export
  int64_t created_ms = 0;        // UTC, from the caller's clock
  std::string description;       // one line for README.txt: "Case: Jordan Blake (danger)"
};

struct WriteResult {
  std::filesystem::path path;
  std::string fingerprint;  // BundleFingerprint of the written manifest
  int64_t files = 0;
  int64_t bytes = 0;
};

// Writes the bundle to `out`: a .zip file when `out` ends in ".zip", otherwise a directory
// (created; it must not exist or be empty). Fails with kInvalidInput when the content is
// inconsistent (a finding or event without its chain entry) and kIo on write errors; a
// partly written bundle is removed.
Result<WriteResult> WriteBundle(const BundleContent& content, const evidence::DeviceKey& key,
                                const std::filesystem::path& out);

// What people compare to tie a report to a bundle: the first 80 bits of SHA-256 of the
// manifest's signed bytes, "3f2a-9c01-77de-b410-0c5e".
std::string BundleFingerprint(const evidence::Manifest& manifest);

struct BundleProblem {
  std::string item;     // what fails: "manifest", "events.jsonl line 12", "chain entry 41"
  std::string message;  // one sentence for people
};

struct BundleReport {
  std::vector<BundleProblem> problems;  // empty when everything verifies
  std::vector<std::string> notes;       // things that are not failures: redacted events
  int64_t events = 0, findings = 0, entries = 0, gaps = 0, originals = 0, attachments = 0;
  evidence::ChainHead head;     // as the signed manifest states it
  std::string fingerprint;      // BundleFingerprint
  std::string key_fingerprint;  // the signer's DeviceKey fingerprint
  bool ok() const { return problems.empty(); }
};

// Checks a bundle (directory or .zip): the manifest signature (and, when given, that the key is
// the trusted one), every file against the manifest, every event and finding against its chain
// entry, every original record and attachment against the hash its event commits to, and the
// chain's links, order and head. Returns an error only when the bundle cannot be read at all
// (not found, not a bundle, unreadable zip); every other fault is a problem in the report.
Result<BundleReport> VerifyBundle(
    const std::filesystem::path& bundle,
    const std::optional<std::string>& trusted_public_key_hex = std::nullopt);

}  // namespace stalkguard::bundle
