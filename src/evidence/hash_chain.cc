#include "evidence/hash_chain.h"

#include <string>
#include <utility>

#include "core/digest.h"
#include "evidence/canonical.h"
#include "evidence/internal/byte_writer.h"

namespace stalkguard::evidence {
namespace {

std::string Entry(uint64_t seq) { return "entry " + std::to_string(seq); }

// Enough of a hash for a person to tell two apart in a message; the full value is in the data.
std::string Short(std::string_view hash) { return std::string(hash.substr(0, 12)); }

void Add(ChainReport& report, ProblemKind kind, uint64_t seq, std::string message) {
  report.problems.push_back(ChainProblem{kind, seq, std::move(message)});
}

}  // namespace

std::string EntryHashInput(const ChainEntry& entry) {
  internal::ByteWriter w;
  w.Str(kEntryHashTag);
  w.Uint(entry.seq).Str(entry.kind).Str(entry.item_id).Str(entry.item_hash);
  w.Int(entry.recorded_ms).Str(entry.source).Str(entry.prev_hash);
  return w.Take();
}

std::string ComputeEntryHash(const ChainEntry& entry) {
  return Blake2b256Hex(EntryHashInput(entry));
}

HashChain::HashChain(const ChainHead& head) : head_(head) {}

const ChainEntry& HashChain::Append(std::string_view kind, std::string_view item_id,
                                    std::string_view canonical_bytes, int64_t recorded_ms,
                                    std::string_view source) {
  ChainEntry entry;
  entry.seq = head_.count + 1;
  entry.kind = kind;
  entry.item_id = item_id;
  entry.item_hash = ItemHash(canonical_bytes);
  entry.recorded_ms = recorded_ms;
  entry.source = source;
  entry.prev_hash = head_.hash;
  entry.entry_hash = ComputeEntryHash(entry);
  head_ = ChainHead{entry.seq, entry.entry_hash};
  entries_.push_back(std::move(entry));
  return entries_.back();
}

std::string_view ToString(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kEntryHash:
      return "entry_hash";
    case ProblemKind::kPrevLink:
      return "prev_link";
    case ProblemKind::kSequence:
      return "sequence";
    case ProblemKind::kItemAltered:
      return "item_altered";
    case ProblemKind::kItemMissing:
      return "item_missing";
    case ProblemKind::kHeadMismatch:
      return "head_mismatch";
  }
  return "entry_hash";
}

void ChainLinkChecker::Check(const ChainEntry& e, std::vector<ChainProblem>& problems) {
  auto add = [&](ProblemKind kind, std::string message) {
    problems.push_back(ChainProblem{kind, e.seq, std::move(message)});
  };
  // Each check looks at the entry as stored, so one edited entry is reported once as edited,
  // and a moved or missing one shows up as broken links where the gap is.
  if (ComputeEntryHash(e) != e.entry_hash)
    add(ProblemKind::kEntryHash,
        Entry(e.seq) + ": entry hash does not match its fields (the entry was edited)");
  const uint64_t expected_seq = started_ ? last_.count + 1 : 1;
  if (e.seq != expected_seq) {
    add(ProblemKind::kSequence, started_ ? "entries not in sequence: " + std::to_string(e.seq) +
                                               " follows " + std::to_string(last_.count)
                                         : "entries not in sequence: the first entry is " +
                                               std::to_string(e.seq) + ", not 1");
  }
  if (e.prev_hash != last_.hash) {
    add(ProblemKind::kPrevLink,
        started_ ? Entry(e.seq) + ": previous hash does not match entry " +
                       std::to_string(last_.count) + " (an entry was removed or reordered)"
                 : Entry(e.seq) +
                       ": previous hash is not the start of a chain (entries before it were "
                       "removed)");
  }
  started_ = true;
  last_ = ChainHead{e.seq, e.entry_hash};
}

ChainReport VerifyChain(std::span<const ChainEntry> entries, const ItemLookup& lookup,
                        const std::optional<ChainHead>& expected_head) {
  ChainReport report;
  ChainLinkChecker links;
  const ChainEntry* prev = nullptr;
  for (const ChainEntry& e : entries) {
    links.Check(e, report.problems);
    if (lookup) {
      const std::optional<std::string> bytes = lookup(e.kind, e.item_id);
      if (!bytes) {
        Add(report, ProblemKind::kItemMissing, e.seq,
            Entry(e.seq) + ": " + e.kind + " " + e.item_id + " is missing (removed)");
      } else if (ItemHash(*bytes) != e.item_hash) {
        Add(report, ProblemKind::kItemAltered, e.seq,
            Entry(e.seq) + ": item hash does not match the " + e.kind + "'s canonical bytes (" +
                e.kind + " " + e.item_id + " was altered)");
      }
    }
    prev = &e;
  }
  report.head.count = entries.size();
  report.head.hash = prev ? prev->entry_hash : std::string(kGenesisHash);
  if (expected_head && *expected_head != report.head) {
    Add(report, ProblemKind::kHeadMismatch, 0,
        "chain head does not match the signed head: " + std::to_string(expected_head->count) +
            " entries ending in " + Short(expected_head->hash) + " were signed, " +
            std::to_string(report.head.count) + " entries ending in " + Short(report.head.hash) +
            " are present (entries were added or removed)");
  }
  return report;
}

}  // namespace stalkguard::evidence
