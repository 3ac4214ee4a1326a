// Canonical bytes of an Event and of a Finding: the exact bytes the evidence log hashes, so
// that what was recorded can be proved unchanged later. The encoding is versioned,
// deterministic and length-prefixed (docs/formats/evidence-log.md, "Canonical items"): the same
// event gives the same bytes on every run and machine, and a change to any field that matters
// as evidence gives different bytes.
//
//   const std::string bytes = evidence::CanonicalEventBytes(event);
//   chain.Append("event", event.id, bytes, now_ms, event.source.file);
//
// All functions are pure and safe from several threads.
#pragma once

#include <string>
#include <string_view>

#include "core/event.h"
#include "core/finding.h"

namespace stalkguard::evidence {

// Version tags that open the canonical bytes. A new field means a new tag; old entries keep
// verifying against the encoder of their own tag.
inline constexpr std::string_view kCanonicalEventTag = "stalkguard.event.v1";
inline constexpr std::string_view kCanonicalFindingTag = "stalkguard.finding.v1";

// Entry kinds in the chain for the two canonical item types.
inline constexpr std::string_view kKindEvent = "event";
inline constexpr std::string_view kKindFinding = "finding";

// Every evidential field of `event`. Attachment bytes are represented by their SHA-256 (the
// stored `sha256`, or the hash of `bytes` when only those are set), and `raw` by its SHA-256,
// so the canonical form stays small while still committing to the content.
std::string CanonicalEventBytes(const Event& event);

// The same bytes, with the SHA-256 of `raw` given rather than computed: what a verifier has
// when it reads an event back from a bundle, where the raw record is a file of its own.
// `raw_sha256_hex` is used as given ("" for an event without raw); `event.raw` is ignored.
// CanonicalEventBytes(e) == CanonicalEventBytesWithRawHash(e, e.raw.empty() ? "" :
// Sha256Hex(e.raw)).
std::string CanonicalEventBytesWithRawHash(const Event& event, std::string_view raw_sha256_hex);

// Every field of `finding`; the score is committed to by its exact IEEE-754 bit pattern.
std::string CanonicalFindingBytes(const Finding& finding);

// Lower-case hex 256-bit BLAKE2b of canonical bytes: the `item_hash` a chain entry stores.
std::string ItemHash(std::string_view canonical_bytes);

// A finding as a store keeps it: an empty span is 0..0 whatever offset it was empty at.
Finding StoredFinding(const Finding& finding);
// The finding's id in the log: the first 32 hex digits of the item hash of its stored form.
std::string FindingId(const Finding& finding);

}  // namespace stalkguard::evidence
