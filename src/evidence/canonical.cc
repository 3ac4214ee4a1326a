#include "evidence/canonical.h"

#include <bit>
#include <cstdint>

#include "core/digest.h"
#include "evidence/internal/byte_writer.h"

namespace stalkguard::evidence {
namespace {

using internal::ByteWriter;

void WriteParty(ByteWriter& w, const Party& party) {
  // Kind and value together are the identity; the display name is what the person saw.
  w.Str(ToString(party.identity.kind)).Str(party.identity.value).Str(party.display_name);
}

std::string ContentSha256(const Attachment& attachment) {
  if (!attachment.sha256.empty()) return attachment.sha256;
  if (!attachment.bytes.empty()) return Sha256Hex(attachment.bytes);
  return "";
}

}  // namespace

std::string CanonicalEventBytes(const Event& event) {
  // An empty `raw` means the importer did not have the record's bytes: the field is then
  // empty rather than the hash of nothing.
  return CanonicalEventBytesWithRawHash(event, event.raw.empty() ? "" : Sha256Hex(event.raw));
}

std::string CanonicalEventBytesWithRawHash(const Event& event, std::string_view raw_sha256_hex) {
  ByteWriter w;
  w.Str(kCanonicalEventTag);
  w.Str(event.id).Str(event.native_id);
  // Enums go in by their stored names, so reordering an enum cannot change old bytes.
  w.Str(ToString(event.channel)).Str(event.platform).Str(ToString(event.direction));
  WriteParty(w, event.sender);
  w.Count(event.recipients.size());
  for (const Party& recipient : event.recipients) WriteParty(w, recipient);
  w.Int(event.time.utc_ms).Int(event.time.offset_minutes).Bool(event.time.offset_known);
  w.Str(event.thread).Str(event.subject).Str(event.text);
  w.Count(event.urls.size());
  for (const std::string& url : event.urls) w.Str(url);
  w.Count(event.attachments.size());
  for (const Attachment& a : event.attachments) {
    w.Str(a.name).Str(a.mime_type).Int(a.size).Str(ContentSha256(a)).Str(a.uri);
  }
  w.Count(event.reactions.size());
  for (const Reaction& r : event.reactions) w.Str(r.actor).Str(r.emoji);
  w.Str(ToString(event.call_type)).Int(event.call_duration_s);
  w.Str(event.source.file).Str(event.source.record);
  w.Str(raw_sha256_hex);
  return w.Take();
}

std::string CanonicalFindingBytes(const Finding& finding) {
  ByteWriter w;
  w.Str(kCanonicalFindingTag);
  w.Str(finding.event_id).Str(finding.detector).Str(finding.category);
  w.Uint(std::bit_cast<uint64_t>(finding.score));
  w.Str(ToString(finding.severity));
  w.Uint(finding.span.begin).Uint(finding.span.end);
  w.Str(finding.why).Str(finding.excerpt);
  return w.Take();
}

std::string ItemHash(std::string_view canonical_bytes) { return Blake2b256Hex(canonical_bytes); }

Finding StoredFinding(const Finding& finding) {
  Finding stored = finding;
  if (stored.span.empty()) stored.span = {};
  return stored;
}

std::string FindingId(const Finding& finding) {
  return ItemHash(CanonicalFindingBytes(StoredFinding(finding))).substr(0, 32);
}

}  // namespace stalkguard::evidence
