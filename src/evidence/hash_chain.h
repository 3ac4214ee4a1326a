// The evidence log: an append-only, hash-chained list of entries, each recording one item (an
// event, a finding, ...) by the BLAKE2b-256 hash of its canonical bytes, with when it was recorded
// and where it came from. Each entry's hash covers the previous entry's hash, so altering, removing
// or reordering anything breaks the chain at a point VerifyChain names. Byte layout:
// docs/formats/evidence-log.md.
//
//   evidence::HashChain chain;
//   chain.Append("event", event.id, evidence::CanonicalEventBytes(event), clock_ms, "chat.txt");
//   evidence::ChainReport report = evidence::VerifyChain(chain.entries(), lookup);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::evidence {

// Domain-separation tag that opens every entry hash input; a new layout means a new tag.
inline constexpr std::string_view kEntryHashTag = "stalkguard.evidence.entry.v1";
// The prev_hash of the first entry, and the head of an empty chain.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct ChainEntry {
  uint64_t seq = 0;         // 1 for the first entry, then +1 for each entry
  std::string kind;         // "event", "finding", ...: what item_id names
  std::string item_id;      // the item's id in the store (an event id, a finding id)
  std::string item_hash;    // lower-case hex BLAKE2b-256 of the item's canonical bytes
  int64_t recorded_ms = 0;  // UTC milliseconds when the entry was recorded
  std::string source;       // where the item came from: "export.zip!/chat.txt", a detector
  std::string prev_hash;    // entry_hash of entry seq-1; kGenesisHash for entry 1
  std::string entry_hash;   // lower-case hex BLAKE2b-256 of EntryHashInput(*this)

  friend bool operator==(const ChainEntry&, const ChainEntry&) = default;
};

// What a signature or manifest commits to: how many entries there are and the last one's hash.
struct ChainHead {
  uint64_t count = 0;
  std::string hash = std::string(kGenesisHash);

  friend bool operator==(const ChainHead&, const ChainHead&) = default;
};

// The bytes entry_hash is the BLAKE2b-256 of: tag, seq, kind, item_id, item_hash, recorded_ms,
// source and prev_hash, in that order (entry_hash itself is not part of it).
std::string EntryHashInput(const ChainEntry& entry);
// Lower-case hex BLAKE2b-256 of EntryHashInput(entry).
std::string ComputeEntryHash(const ChainEntry& entry);

// Builds a chain. Not safe from several threads; one writer owns it.
class HashChain {
 public:
  // A new, empty chain.
  HashChain() = default;
  // A chain that continues after `head`, e.g. the last entry read back from the store.
  // entries() then holds only what is appended from here on.
  explicit HashChain(const ChainHead& head);

  // Appends an entry for an item with the given canonical bytes and returns it. The caller
  // supplies the time (from its Clock); the library never reads the system clock. The
  // reference stays valid until the next Append.
  const ChainEntry& Append(std::string_view kind, std::string_view item_id,
                           std::string_view canonical_bytes, int64_t recorded_ms,
                           std::string_view source);

  const std::vector<ChainEntry>& entries() const { return entries_; }
  ChainHead Head() const { return head_; }

 private:
  ChainHead head_;
  std::vector<ChainEntry> entries_;
};

enum class ProblemKind {
  kEntryHash,     // entry_hash does not match the entry's own fields: the entry was edited
  kPrevLink,      // prev_hash does not match the entry before: removed or reordered entries
  kSequence,      // seq numbers do not count up by one
  kItemAltered,   // the item's canonical bytes no longer hash to item_hash
  kItemMissing,   // the item the entry records cannot be found
  kHeadMismatch,  // the chain does not end where the signed head says it does
};

std::string_view ToString(ProblemKind kind);

struct ChainProblem {
  ProblemKind kind = ProblemKind::kEntryHash;
  uint64_t seq = 0;     // the entry the problem is found at (0 for kHeadMismatch)
  std::string message;  // one sentence for people: "entry 7: item hash does not match ..."
};

struct ChainReport {
  std::vector<ChainProblem> problems;  // in entry order; empty when everything verifies
  ChainHead head;                      // the head of the chain as given (count and last hash)
  bool ok() const { return problems.empty(); }
};

// Checks entries one at a time, in the order given, remembering only the entry before: each
// entry's own hash, its sequence number and its link to the one before. VerifyChain runs these
// checks; a log too long to hold in memory (a store's) is fed through one entry at a time.
class ChainLinkChecker {
 public:
  // Appends what is wrong with `entry` to `problems`.
  void Check(const ChainEntry& entry, std::vector<ChainProblem>& problems);
  // The last entry checked as (seq, entry_hash); the empty chain's head before any.
  ChainHead Last() const { return last_; }

 private:
  bool started_ = false;
  ChainHead last_;
};

// Returns the canonical bytes of the item an entry records, or nullopt when the store does not
// have it. Called once per entry, from the thread that calls VerifyChain.
using ItemLookup =
    std::function<std::optional<std::string>(std::string_view kind, std::string_view item_id)>;

// Checks every entry of `entries`, in the order given: its own hash, its link to the entry
// before, its sequence number and (when `lookup` is set) its item's hash. All problems are
// reported, not just the first. When `expected_head` is given (from a signed manifest) the
// chain must end there too, which catches entries dropped from the end.
ChainReport VerifyChain(std::span<const ChainEntry> entries, const ItemLookup& lookup,
                        const std::optional<ChainHead>& expected_head = std::nullopt);

}  // namespace stalkguard::evidence
