#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "core/digest.h"
#include "evidence/bundle/bundle.h"
#include "evidence/bundle/internal/files.h"
#include "evidence/bundle/internal/lines.h"
#include "evidence/canonical.h"
#include "evidence/internal/hex.h"

namespace stalkguard::bundle {
namespace {

namespace fs = std::filesystem;
using evidence::ChainEntry;
using internal::EventLine;
using internal::FileMap;

constexpr std::string_view kManifestPath = "manifest.json";
constexpr std::string_view kEventsPath = "events.jsonl";
constexpr std::string_view kFindingsPath = "findings.jsonl";
constexpr std::string_view kChainPath = "chain.jsonl";
constexpr std::string_view kCasesPath = "cases.json";

std::string At(std::string_view file, size_t line) {
  return std::string(file) + " line " + std::to_string(line);
}

// Enough of a hash for a person to tell two apart in a message; the full value is in the data.
std::string Short(std::string_view hash) { return std::string(hash.substr(0, 12)); }

class Checker {
 public:
  Checker(const FileMap& files, const evidence::Manifest& manifest, BundleReport& report)
      : files_(files), manifest_(manifest), report_(report) {}

  void Run() {
    CheckRequiredFiles();
    const std::string* events = File(kEventsPath);
    const std::string* findings = File(kFindingsPath);
    const std::string* chain = File(kChainPath);
    if (events) ReadEvents(*events);
    if (findings) ReadFindings(*findings);
    if (chain) ReadChain(*chain);
    CheckChainLinks();
    CheckItems();
    CheckFiles();
    CheckFindingEvents();
  }

 private:
  struct EventItem {
    size_t line = 0;
    EventLine data;
  };
  struct FindingItem {
    size_t line = 0;
    internal::FindingLine data;
  };

  void Problem(std::string item, std::string message) {
    report_.problems.push_back(BundleProblem{std::move(item), std::move(message)});
  }

  const std::string* File(std::string_view path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
  }

  bool Listed(std::string_view path) const {
    for (const evidence::ManifestFile& f : manifest_.files) {
      if (f.path == path) return true;
    }
    return false;
  }

  // A file the manifest lists but the bundle lacks is already reported by VerifyManifest; one
  // that neither has means the manifest was made without it.
  void CheckRequiredFiles() {
    for (std::string_view path : {kEventsPath, kFindingsPath, kChainPath, kCasesPath}) {
      if (!File(path) && !Listed(path)) {
        Problem(std::string(path),
                std::string(path) + ": missing from the bundle and the manifest");
      }
    }
    if (const std::string* cases = File(kCasesPath); cases && !nlohmann::json::accept(*cases)) {
      Problem(std::string(kCasesPath), std::string(kCasesPath) + ": not valid JSON");
    }
  }

  template <typename T>
  void LineErrors(std::string_view file, const internal::ParsedLines<T>& parsed) {
    for (const internal::LineError& e : parsed.errors) {
      Problem(At(file, e.line), At(file, e.line) + ": " + e.message);
    }
  }

  void ReadEvents(const std::string& text) {
    internal::ParsedLines<EventLine> parsed = internal::ParseEventLines(text);
    LineErrors(kEventsPath, parsed);
    for (auto& [line, data] : parsed.items) {
      const std::string id = data.event.id;
      const auto [it, inserted] = events_.emplace(id, EventItem{line, std::move(data)});
      if (!inserted) {
        Problem(At(kEventsPath, line), At(kEventsPath, line) + ": event " + id +
                                           " appears twice (first on line " +
                                           std::to_string(it->second.line) + ")");
      }
    }
    report_.events = static_cast<int64_t>(parsed.items.size());
  }

  void ReadFindings(const std::string& text) {
    internal::ParsedLines<internal::FindingLine> parsed = internal::ParseFindingLines(text);
    LineErrors(kFindingsPath, parsed);
    for (auto& [line, data] : parsed.items) {
      const std::string id = data.finding.id;
      const auto [it, inserted] = findings_.emplace(id, FindingItem{line, std::move(data)});
      if (!inserted) {
        Problem(At(kFindingsPath, line), At(kFindingsPath, line) + ": finding " + id +
                                             " appears twice (first on line " +
                                             std::to_string(it->second.line) + ")");
      }
    }
    report_.findings = static_cast<int64_t>(parsed.items.size());
  }

  void ReadChain(const std::string& text) {
    internal::ParsedLines<ChainLine> parsed = internal::ParseChainLines(text);
    LineErrors(kChainPath, parsed);
    for (auto& [line, data] : parsed.items) {
      (std::holds_alternative<ChainGap>(data) ? report_.gaps : report_.entries) += 1;
      chain_.push_back(std::move(data));
    }
  }

  // The same walk as evidence::VerifyChain, in its words, with gaps standing in for runs of
  // entries about other people: a gap carries the hashes at both of its ends, so the links on
  // either side of it are still checked.
  void CheckChainLinks() {
    uint64_t last_seq = 0;
    std::string last_hash(evidence::kGenesisHash);
    std::string last_name;  // "entry 7", "left-out entries 3-6"; empty before the first line
    for (const ChainLine& line : chain_) {
      if (const auto* e = std::get_if<ChainEntry>(&line)) {
        const std::string item = "chain entry " + std::to_string(e->seq);
        const std::string name = "entry " + std::to_string(e->seq);
        if (evidence::ComputeEntryHash(*e) != e->entry_hash) {
          Problem(item, name + ": entry hash does not match its fields (the entry was edited)");
        }
        CheckLink(item, name, e->seq, e->prev_hash, last_seq, last_hash, last_name);
        last_seq = e->seq;
        last_hash = e->entry_hash;
        last_name = name;
        continue;
      }
      const auto& gap = std::get<ChainGap>(line);
      const std::string range = std::to_string(gap.first_seq) + "-" + std::to_string(gap.last_seq);
      const std::string item = "chain gap " + range;
      const std::string name = gap.first_seq == gap.last_seq
                                   ? "left-out entry " + std::to_string(gap.first_seq)
                                   : "left-out entries " + range;
      if (gap.last_seq < gap.first_seq) Problem(item, name + ": the gap ends before it starts");
      CheckLink(item, name, gap.first_seq, gap.prev_hash, last_seq, last_hash, last_name);
      last_seq = gap.last_seq;
      last_hash = gap.last_hash;
      last_name = name;
    }
    const evidence::ChainHead present{last_seq, last_hash};
    if (present != manifest_.chain_head) {
      Problem("chain", "chain head does not match the signed head: " +
                           std::to_string(manifest_.chain_head.count) + " entries ending in " +
                           Short(manifest_.chain_head.hash) + " were signed, " +
                           std::to_string(present.count) + " entries ending in " +
                           Short(present.hash) + " are present (entries were added or removed)");
    }
  }

  void CheckLink(const std::string& item, const std::string& name, uint64_t first_seq,
                 const std::string& prev_hash, uint64_t last_seq, const std::string& last_hash,
                 const std::string& last_name) {
    if (first_seq != last_seq + 1) {
      Problem(item, last_name.empty() ? "entries not in sequence: the first line starts at " +
                                            std::to_string(first_seq) + ", not 1"
                                      : "entries not in sequence: " + std::to_string(first_seq) +
                                            " follows " + std::to_string(last_seq));
    }
    if (prev_hash != last_hash) {
      Problem(item, last_name.empty()
                        ? name +
                              ": previous hash is not the start of a chain (entries before it "
                              "were removed)"
                        : name + ": previous hash does not match " + last_name +
                              " (an entry was removed or reordered)");
    }
  }

  void CheckItems() {
    std::set<std::string, std::less<>> logged_events, logged_findings, noted;
    for (const ChainLine& line : chain_) {
      const auto* e = std::get_if<ChainEntry>(&line);
      if (e == nullptr) continue;
      const std::string item = "chain entry " + std::to_string(e->seq);
      const std::string name = "entry " + std::to_string(e->seq);
      if (e->kind == evidence::kKindEvent) {
        logged_events.insert(e->item_id);
        const auto it = events_.find(e->item_id);
        if (it == events_.end()) {
          Problem(item, name + ": event " + e->item_id + " is missing (removed)");
          continue;
        }
        const EventItem& event = it->second;
        if (event.data.redacted) {
          if (noted.insert(e->item_id).second) {
            report_.notes.push_back("event " + e->item_id +
                                    " was redacted before export: its content cannot be checked "
                                    "against the log; its place in the chain and the signature "
                                    "still are");
          }
          continue;
        }
        const std::string bytes =
            evidence::CanonicalEventBytesWithRawHash(event.data.event, event.data.raw_sha256);
        if (evidence::ItemHash(bytes) != e->item_hash) {
          Problem(At(kEventsPath, event.line),
                  name + ": item hash does not match the event's canonical bytes (event " +
                      e->item_id + " on " + At(kEventsPath, event.line) + " was altered)");
        }
      } else if (e->kind == evidence::kKindFinding) {
        logged_findings.insert(e->item_id);
        const auto it = findings_.find(e->item_id);
        if (it == findings_.end()) {
          Problem(item, name + ": finding " + e->item_id + " is missing (removed)");
          continue;
        }
        const FindingItem& finding = it->second;
        if (finding.data.redacted) {
          if (noted.insert(e->item_id).second) {
            report_.notes.push_back("finding " + e->item_id +
                                    " was redacted before export: its content cannot be checked "
                                    "against the log; its place in the chain and the signature "
                                    "still are");
          }
          continue;
        }
        if (evidence::ItemHash(evidence::CanonicalFindingBytes(finding.data.finding)) !=
            e->item_hash) {
          Problem(At(kFindingsPath, finding.line),
                  name + ": item hash does not match the finding's canonical bytes (finding " +
                      e->item_id + " on " + At(kFindingsPath, finding.line) + " was altered)");
        }
      }
    }
    for (const auto& [id, event] : events_) {
      if (!logged_events.contains(id)) {
        Problem(At(kEventsPath, event.line), At(kEventsPath, event.line) + ": event " + id +
                                                 " has no entry in the chain (it was added)");
      }
    }
    for (const auto& [id, finding] : findings_) {
      if (!logged_findings.contains(id)) {
        Problem(At(kFindingsPath, finding.line), At(kFindingsPath, finding.line) + ": finding " +
                                                     id +
                                                     " has no entry in the chain (it was added)");
      }
    }
  }

  // The original records and attachment bytes are committed to by the hashes inside the
  // events; the manifest alone would accept them re-signed.
  void CheckFiles() {
    for (const auto& [id, event] : events_) {
      const EventLine& data = event.data;
      const std::string where = At(kEventsPath, event.line);
      if (const std::string readable = internal::ReadableTime(data.event.time);
          data.time_text != readable) {
        Problem(where, where + ": the readable time " + data.time_text +
                           " does not match the recorded time " + readable);
      }
      if (!data.original.empty()) {
        ++report_.originals;
        const std::string* bytes = File(data.original);
        if (bytes == nullptr) {
          Problem(data.original,
                  data.original + ": the original record of event " + id + " is missing");
        } else if (Sha256Hex(*bytes) != data.raw_sha256) {
          Problem(data.original, data.original +
                                     ": SHA-256 does not match the raw_sha256 of event " + id +
                                     " (the original record was altered)");
        }
      } else if (!data.raw_sha256.empty()) {
        Problem(where, where + ": event " + id +
                           " commits to an original record, but names no file holding it");
      }
      for (size_t i = 0; i < data.attachment_files.size(); ++i) {
        const std::string& path = data.attachment_files[i];
        if (path.empty()) continue;
        ++report_.attachments;
        const std::string* bytes = File(path);
        if (bytes == nullptr) {
          Problem(path,
                  path + ": attachment " + std::to_string(i) + " of event " + id + " is missing");
        } else if (Sha256Hex(*bytes) != data.event.attachments[i].sha256) {
          Problem(path, path + ": SHA-256 does not match attachment " + std::to_string(i) +
                            " of event " + id + " (the attachment was altered)");
        }
      }
    }
  }

  void CheckFindingEvents() {
    for (const auto& [id, finding] : findings_) {
      const std::string& event_id = finding.data.finding.event_id;
      if (!event_id.empty() && !events_.contains(event_id)) {
        Problem(At(kFindingsPath, finding.line), At(kFindingsPath, finding.line) + ": finding " +
                                                     id + " is about event " + event_id +
                                                     ", which is not in the bundle");
      }
    }
  }

  const FileMap& files_;
  const evidence::Manifest& manifest_;
  BundleReport& report_;
  std::map<std::string, EventItem, std::less<>> events_;
  std::map<std::string, FindingItem, std::less<>> findings_;
  std::vector<ChainLine> chain_;
};

}  // namespace

Result<BundleReport> VerifyBundle(const fs::path& bundle,
                                  const std::optional<std::string>& trusted_public_key_hex) {
  SG_ASSIGN_OR_RETURN(internal::LoadedBundle loaded, internal::LoadFiles(bundle));
  const auto manifest_file = loaded.files.find(kManifestPath);
  if (manifest_file == loaded.files.end()) {
    return MakeError(ErrorCode::kInvalidInput,
                     bundle.string() + ": not an evidence bundle (no manifest.json)");
  }
  Result<evidence::Manifest> parsed = evidence::ManifestFromJson(manifest_file->second);
  if (!parsed) {
    return MakeError(parsed.error().code,
                     bundle.string() + ": not an evidence bundle (" + parsed.error().message + ")");
  }
  const evidence::Manifest& manifest = *parsed;

  BundleReport report;
  report.problems = std::move(loaded.problems);
  report.head = manifest.chain_head;
  report.fingerprint = BundleFingerprint(manifest);
  const auto public_key =
      evidence::internal::HexDecode(manifest.public_key_hex, crypto_sign_PUBLICKEYBYTES);
  report.key_fingerprint =
      public_key ? evidence::DeviceKey::FingerprintOf(*public_key) : "(malformed key)";

  std::vector<evidence::ManifestFile> present;
  for (const auto& [path, bytes] : loaded.files) {
    if (path == kManifestPath) continue;
    present.push_back(
        evidence::ManifestFile{path, Sha256Hex(bytes), static_cast<int64_t>(bytes.size())});
  }
  const evidence::ManifestReport signed_files =
      evidence::VerifyManifest(manifest, present, trusted_public_key_hex);
  for (const evidence::ManifestProblem& p : signed_files.problems) {
    report.problems.push_back(
        BundleProblem{p.path.empty() ? std::string("manifest") : p.path, p.message});
  }

  Checker(loaded.files, manifest, report).Run();
  return report;
}

}  // namespace stalkguard::bundle
