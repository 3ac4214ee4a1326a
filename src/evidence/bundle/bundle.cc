#include "evidence/bundle/bundle.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>

#include "core/digest.h"
#include "core/timestamp.h"
#include "evidence/bundle/internal/files.h"
#include "evidence/bundle/internal/lines.h"
#include "evidence/canonical.h"

namespace stalkguard::bundle {
namespace {

namespace fs = std::filesystem;
using internal::EventLine;
using internal::FileMap;

Error Inconsistent(std::string message) {
  return Error{ErrorCode::kInvalidInput, "bundle content: " + std::move(message)};
}

// A file name that is safe on every system the bundle may be opened on: ASCII letters,
// digits, '.', '-' and '_' only, no leading dot (so never "." or ".."), at most 80 bytes with
// the extension kept. Collisions are caught when the file is added.
std::string SafeName(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    out.push_back(ok ? static_cast<char>(c) : '_');
  }
  const size_t first = out.find_first_not_of('.');
  out = first == std::string::npos ? "" : out.substr(first);
  if (out.empty()) out = "file";
  constexpr size_t kMax = 80;
  if (out.size() > kMax) {
    const size_t dot = out.rfind('.');
    const std::string ext =
        dot != std::string::npos && out.size() - dot <= 12 ? out.substr(dot) : "";
    out = out.substr(0, kMax - ext.size()) + ext;
  }
  return out;
}

// The original record keeps the extension its kind of export uses, so it opens in the right
// program: Android SMS Backup & Restore XML, RFC 5322 mail, WhatsApp's text export, and the
// JSON of Telegram and Meta exports.
std::string OriginalExtension(const Event& event) {
  const std::string& p = event.platform;
  if (p == "whatsapp") return ".txt";
  if (p == "email" || event.channel == Channel::kEmail) return ".eml";
  if (p == "sms" || event.channel == Channel::kSms || event.channel == Channel::kMms ||
      event.channel == Channel::kCall) {
    return ".xml";
  }
  if (p == "telegram" || p == "instagram" || p == "facebook" || p == "messenger") return ".json";
  const size_t start = event.raw.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && (event.raw[start] == '{' || event.raw[start] == '[')) {
    return ".json";
  }
  return ".bin";
}

std::string ContentSha256(const Attachment& a) {
  if (!a.sha256.empty()) return a.sha256;
  return a.bytes.empty() ? "" : Sha256Hex(a.bytes);
}

Status AddFile(FileMap& files, std::string path, std::string bytes) {
  if (!files.emplace(path, std::move(bytes)).second) {
    return tl::unexpected(Inconsistent("two items would be written to \"" + path + "\""));
  }
  return OkStatus();
}

std::string Readme(const BundleContent& content, const evidence::DeviceKey& key, size_t originals,
                   size_t attachments, size_t entries, size_t gaps) {
  std::ostringstream out;
  out << "Evidence bundle exported by stalkguard\n"
      << "======================================\n\n";
  if (!content.description.empty()) out << content.description << "\n\n";
  out << "Exported " << FormatRfc3339(Timestamp{content.created_ms, 0, false}) << " (UTC).\n\n"
      << "This bundle holds messages, calls and other records that stalkguard found on the\n"
      << "person's own phone and accounts, exactly as they were recorded, together with what\n"
      << "stalkguard flagged in them and the entries of its tamper-evident evidence log that\n"
      << "cover them. It is made so that anyone can check that nothing in it was added,\n"
      << "removed, altered or reordered after it was recorded.\n\n"
      << "What is in it\n"
      << "  events.jsonl    " << content.events.size()
      << " records (messages, calls, e-mails), one per line, oldest first\n"
      << "  findings.jsonl  " << content.findings.size() << " findings (what was flagged and why)\n"
      << "  cases.json      the case(s) these belong to\n"
      << "  chain.jsonl     " << entries << " evidence log entries";
  if (gaps > 0) out << " and " << gaps << " gap(s) for entries about other people, left out";
  out << "\n"
      << "  originals/      " << originals << " original records, byte for byte\n"
      << "  attachments/    " << attachments << " attachments\n"
      << "  manifest.json   every other file with its SHA-256 and size, signed\n\n";
  if (!content.redacted_event_ids.empty() || !content.redacted_finding_ids.empty()) {
    out << content.redacted_event_ids.size() + content.redacted_finding_ids.size()
        << " record(s) were redacted before export (marked \"redacted\": true); their content\n"
        << "cannot be checked against the log, everything else about them can.\n\n";
  }
  out << "Evidence log head:     " << content.head.count << " entries, ending in "
      << content.head.hash << "\n"
      << "Signed by device key:  " << key.Fingerprint() << "\n\n"
      << "How to check it\n"
      << "  stalkguard verify <this bundle>\n\n"
      << "Without stalkguard: every file is listed with its SHA-256 in manifest.json (compare\n"
      << "with sha256sum), and the manifest is signed with the Ed25519 key above. The layout\n"
      << "and a worked check are in docs/formats/evidence-bundle.md of the stalkguard sources.\n";
  return out.str();
}

// Everything that would make the written bundle fail its own verification for a reason that
// is the caller's, not tampering: missing chain entries, dangling references, bad JSON.
Status CheckContent(const BundleContent& content) {
  std::set<std::string, std::less<>> event_ids;
  for (const Event& e : content.events) {
    if (e.id.empty()) return tl::unexpected(Inconsistent("an event has no id"));
    if (!event_ids.insert(e.id).second) {
      return tl::unexpected(Inconsistent("event " + e.id + " is listed twice"));
    }
    for (size_t i = 0; i < e.attachments.size(); ++i) {
      const Attachment& a = e.attachments[i];
      if (!a.bytes.empty() && !a.sha256.empty() && Sha256Hex(a.bytes) != a.sha256) {
        return tl::unexpected(Inconsistent("attachment " + std::to_string(i) + " of event " + e.id +
                                           ": its bytes do not match its SHA-256"));
      }
    }
  }
  for (const std::string& id : content.redacted_event_ids) {
    if (!event_ids.contains(id)) {
      return tl::unexpected(Inconsistent("redacted event " + id + " is not in the bundle"));
    }
  }
  std::set<std::pair<std::string_view, std::string_view>> logged;
  for (const ChainLine& line : content.chain) {
    if (const auto* e = std::get_if<evidence::ChainEntry>(&line))
      logged.emplace(e->kind, e->item_id);
  }
  for (const Event& e : content.events) {
    if (!logged.contains({evidence::kKindEvent, e.id})) {
      return tl::unexpected(Inconsistent("event " + e.id + " has no entry in the chain"));
    }
  }
  std::set<std::string_view> finding_ids;
  for (const Finding& f : content.findings) {
    if (f.id.empty()) return tl::unexpected(Inconsistent("a finding has no id"));
    if (!finding_ids.insert(f.id).second) {
      return tl::unexpected(Inconsistent("finding " + f.id + " is listed twice"));
    }
    if (!logged.contains({evidence::kKindFinding, f.id})) {
      return tl::unexpected(Inconsistent("finding " + f.id + " has no entry in the chain"));
    }
    if (!f.event_id.empty() && !event_ids.contains(f.event_id)) {
      return tl::unexpected(Inconsistent("finding " + f.id + " is about event " + f.event_id +
                                         ", which is not in the bundle"));
    }
    if (!internal::ScoreRoundTrips(f.score)) {
      return tl::unexpected(Inconsistent("finding " + f.id + " has a score JSON cannot hold"));
    }
  }
  evidence::ChainHead end;
  if (!content.chain.empty()) {
    const ChainLine& last = content.chain.back();
    if (const auto* gap = std::get_if<ChainGap>(&last)) {
      end = evidence::ChainHead{gap->last_seq, gap->last_hash};
    } else {
      const auto& e = std::get<evidence::ChainEntry>(last);
      end = evidence::ChainHead{e.seq, e.entry_hash};
    }
  }
  if (end != content.head) {
    return tl::unexpected(Inconsistent("the chain ends at entry " + std::to_string(end.count) +
                                       ", not at the head " + std::to_string(content.head.count)));
  }
  if (!nlohmann::json::accept(content.cases_json)) {
    return tl::unexpected(Inconsistent("cases_json is not valid JSON"));
  }
  return OkStatus();
}

}  // namespace

void ChainPruner::Add(const evidence::ChainEntry& entry, bool keep) {
  if (keep) {
    if (open_gap_) {
      lines_.emplace_back(*std::move(open_gap_));
      open_gap_.reset();
    }
    lines_.emplace_back(entry);
    return;
  }
  if (open_gap_) {
    open_gap_->last_seq = entry.seq;
    open_gap_->last_hash = entry.entry_hash;
  } else {
    open_gap_ = ChainGap{entry.seq, entry.seq, entry.prev_hash, entry.entry_hash};
  }
}

std::vector<ChainLine> ChainPruner::Finish() {
  if (open_gap_) {
    lines_.emplace_back(*std::move(open_gap_));
    open_gap_.reset();
  }
  return std::exchange(lines_, {});
}

std::string BundleFingerprint(const evidence::Manifest& manifest) {
  const std::string hex = Sha256Hex(evidence::ManifestCanonicalBytes(manifest));
  std::string out;
  for (size_t i = 0; i < 20; i += 4) {
    if (!out.empty()) out.push_back('-');
    out.append(hex, i, 4);
  }
  return out;
}

Result<WriteResult> WriteBundle(const BundleContent& content, const evidence::DeviceKey& key,
                                const fs::path& out) {
  SG_RETURN_IF_ERROR(CheckContent(content));
  const std::set<std::string_view> redacted(content.redacted_event_ids.begin(),
                                            content.redacted_event_ids.end());
  FileMap files;
  std::string events_jsonl;
  size_t originals = 0, attachment_files = 0;
  for (const Event& source : content.events) {
    EventLine line;
    line.event = source;
    line.event.raw.clear();
    const std::string id_name = SafeName(source.id);
    if (!source.raw.empty()) {
      line.raw_sha256 = Sha256Hex(source.raw);
      line.original = "originals/" + id_name + OriginalExtension(source);
      SG_RETURN_IF_ERROR(AddFile(files, line.original, source.raw));
      ++originals;
    }
    for (size_t i = 0; i < source.attachments.size(); ++i) {
      Attachment& a = line.event.attachments[i];
      a.sha256 = ContentSha256(a);
      std::string file;
      if (!a.bytes.empty()) {
        file = "attachments/" + id_name + "-" + std::to_string(i) + "-" + SafeName(a.name);
        SG_RETURN_IF_ERROR(AddFile(files, file, std::move(a.bytes)));
        ++attachment_files;
      }
      a.bytes.clear();
      line.attachment_files.push_back(std::move(file));
    }
    line.redacted = redacted.contains(source.id);
    events_jsonl += internal::WriteEventLine(line);
    events_jsonl += '\n';
  }
  std::string findings_jsonl;
  const std::set<std::string_view> redacted_findings(content.redacted_finding_ids.begin(),
                                                     content.redacted_finding_ids.end());
  for (const Finding& f : content.findings) {
    findings_jsonl += internal::WriteFindingLine({f, redacted_findings.contains(f.id)});
    findings_jsonl += '\n';
  }
  std::string chain_jsonl;
  size_t entries = 0, gaps = 0;
  for (const ChainLine& line : content.chain) {
    (std::holds_alternative<ChainGap>(line) ? gaps : entries) += 1;
    chain_jsonl += internal::WriteChainLine(line);
    chain_jsonl += '\n';
  }
  SG_RETURN_IF_ERROR(AddFile(files, "events.jsonl", std::move(events_jsonl)));
  SG_RETURN_IF_ERROR(AddFile(files, "findings.jsonl", std::move(findings_jsonl)));
  SG_RETURN_IF_ERROR(AddFile(files, "chain.jsonl", std::move(chain_jsonl)));
  std::string cases = content.cases_json;
  if (cases.empty() || cases.back() != '\n') cases.push_back('\n');
  SG_RETURN_IF_ERROR(AddFile(files, "cases.json", std::move(cases)));
  SG_RETURN_IF_ERROR(AddFile(files, "README.txt",
                             Readme(content, key, originals, attachment_files, entries, gaps)));

  evidence::Manifest manifest;
  for (const auto& [path, bytes] : files) {
    manifest.files.push_back(
        evidence::ManifestFile{path, Sha256Hex(bytes), static_cast<int64_t>(bytes.size())});
  }
  manifest.chain_head = content.head;
  manifest.created_ms = content.created_ms;
  SG_RETURN_IF_ERROR(evidence::SignManifest(manifest, key));
  SG_RETURN_IF_ERROR(AddFile(files, "manifest.json", evidence::ManifestToJson(manifest)));

  WriteResult result;
  result.path = out;
  result.fingerprint = BundleFingerprint(manifest);
  result.files = static_cast<int64_t>(files.size());
  for (const auto& [path, bytes] : files) result.bytes += static_cast<int64_t>(bytes.size());
  SG_RETURN_IF_ERROR(internal::WriteFiles(files, content.created_ms, out));
  return result;
}

}  // namespace stalkguard::bundle
