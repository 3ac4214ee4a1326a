#include "evidence/hash_chain.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "evidence/canonical.h"

namespace stalkguard::evidence {
namespace {

constexpr int kEntries = 20;
constexpr int64_t kStartMs = 1709251200000;  // 2024-03-01T00:00:00Z

// A store as VerifyChain sees it: canonical bytes by "kind/id".
using Items = std::map<std::string, std::string>;

ItemLookup LookupIn(const Items& items) {
  return [&items](std::string_view kind, std::string_view id) -> std::optional<std::string> {
    const auto it = items.find(std::string(kind) + "/" + std::string(id));
    if (it == items.end()) return std::nullopt;
    return it->second;
  };
}

Event NthEvent(int n) {
  Event e;
  e.id = "event-" + std::to_string(n);
  e.channel = Channel::kSms;
  e.platform = "sms";
  e.direction = Direction::kIncoming;
  e.sender = Party{Identity{IdentityKind::kPhone, "+447700900999"}, "Unknown"};
  e.time = Timestamp{kStartMs + int64_t{n} * 60000, 0, false};
  e.text = "message number " + std::to_string(n) + ": I'm outside";
  e.source = SourceRef{"sms-backup.xml", "sms " + std::to_string(n)};
  return e;
}

// Twenty entries: every third one records a finding about the event before it.
struct Fixture {
  std::vector<ChainEntry> entries;
  Items items;
  ChainHead head;
  std::map<std::string, Event> events;  // by id, to alter and re-encode
};

Fixture MakeChain() {
  Fixture f;
  HashChain chain;
  for (int n = 1; n <= kEntries; ++n) {
    const int64_t recorded_ms = kStartMs + 86400000 + n;
    if (n % 3 == 0) {
      Finding finding{"event-" + std::to_string(n - 1),
                      "text.patterns",
                      "whereabouts",
                      0.9,
                      Severity::kWarning,
                      TextSpan{0, 10},
                      "pattern: outside",
                      "I'm outside",
                      ""};
      const std::string id = "finding-" + std::to_string(n);
      const std::string bytes = CanonicalFindingBytes(finding);
      chain.Append(kKindFinding, id, bytes, recorded_ms, "text.patterns");
      f.items["finding/" + id] = bytes;
    } else {
      const Event e = NthEvent(n);
      const std::string bytes = CanonicalEventBytes(e);
      chain.Append(kKindEvent, e.id, bytes, recorded_ms, e.source.file);
      f.items["event/" + e.id] = bytes;
      f.events[e.id] = e;
    }
  }
  f.entries = chain.entries();
  f.head = chain.Head();
  return f;
}

TEST(HashChain, AppendsLinkedEntries) {
  const Fixture f = MakeChain();
  ASSERT_EQ(f.entries.size(), static_cast<size_t>(kEntries));
  EXPECT_EQ(f.entries[0].seq, 1u);
  EXPECT_EQ(f.entries[0].prev_hash, kGenesisHash);
  for (size_t i = 1; i < f.entries.size(); ++i) {
    EXPECT_EQ(f.entries[i].seq, i + 1);
    EXPECT_EQ(f.entries[i].prev_hash, f.entries[i - 1].entry_hash);
  }
  EXPECT_EQ(f.head.count, static_cast<uint64_t>(kEntries));
  EXPECT_EQ(f.head.hash, f.entries.back().entry_hash);
}

TEST(HashChain, SameInputsSameChain) { EXPECT_EQ(MakeChain().entries, MakeChain().entries); }

// Pins the v1 entry hash: the same entry must hash the same on every machine, forever. The
// value matches the Python recipe in docs/formats/evidence-log.md.
TEST(HashChain, EntryHashIsPinned) {
  ChainEntry e{1,
               "event",
               "event-1",
               std::string(64, 'a'),
               kStartMs,
               "sms-backup.xml",
               std::string(kGenesisHash),
               ""};
  EXPECT_EQ(ComputeEntryHash(e),
            "4422f4f8e360712f0104dc8388bcc5e9ed00c99fc63895f415ed60d0298128ca");
}

TEST(HashChain, ContinuesAfterAHead) {
  Fixture f = MakeChain();
  HashChain more(f.head);
  const std::string bytes = CanonicalEventBytes(NthEvent(99));
  const ChainEntry& next = more.Append(kKindEvent, "event-99", bytes, kStartMs, "late.xml");
  EXPECT_EQ(next.seq, static_cast<uint64_t>(kEntries + 1));
  EXPECT_EQ(next.prev_hash, f.head.hash);
  f.entries.push_back(next);
  f.items["event/event-99"] = bytes;
  EXPECT_TRUE(VerifyChain(f.entries, LookupIn(f.items)).ok());
}

TEST(VerifyChain, AcceptsAnUntouchedChain) {
  const Fixture f = MakeChain();
  const ChainReport report = VerifyChain(f.entries, LookupIn(f.items), f.head);
  EXPECT_TRUE(report.ok()) << report.problems.front().message;
  EXPECT_EQ(report.head, f.head);
}

TEST(VerifyChain, AcceptsAnEmptyChain) {
  const ChainReport report = VerifyChain({}, nullptr, ChainHead{});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.head.hash, kGenesisHash);
}

struct Tamper {
  const char* name;
  std::function<void(Fixture&)> apply;
  std::vector<std::pair<ProblemKind, uint64_t>> expected;  // (kind, seq), in report order
};

std::string Describe(const ChainReport& report) {
  std::string out;
  for (const ChainProblem& p : report.problems) out += "\n  " + p.message;
  return out.empty() ? "\n  (no problems)" : out;
}

TEST(VerifyChain, NamesTheEntryForEachTampering) {
  const std::vector<Tamper> cases = {
      {"one byte of an event's text",
       [](Fixture& f) {
         Event& e = f.events["event-7"];
         e.text[0] ^= 0x01;
         f.items["event/event-7"] = CanonicalEventBytes(e);
       },
       {{ProblemKind::kItemAltered, 7}}},
      {"one byte of the stored canonical bytes",
       [](Fixture& f) { f.items["finding/finding-9"].back() ^= 0x20; },
       {{ProblemKind::kItemAltered, 9}}},
      {"an event removed from the store",
       [](Fixture& f) { f.items.erase("event/event-4"); },
       {{ProblemKind::kItemMissing, 4}}},
      {"entry 10 dropped",
       [](Fixture& f) { f.entries.erase(f.entries.begin() + 9); },
       {{ProblemKind::kSequence, 11},
        {ProblemKind::kPrevLink, 11},
        {ProblemKind::kHeadMismatch, 0}}},
      {"the first entry dropped",
       [](Fixture& f) { f.entries.erase(f.entries.begin()); },
       {{ProblemKind::kSequence, 2}, {ProblemKind::kPrevLink, 2}, {ProblemKind::kHeadMismatch, 0}}},
      {"entries 5 and 6 swapped",
       [](Fixture& f) { std::swap(f.entries[4], f.entries[5]); },
       {{ProblemKind::kSequence, 6},
        {ProblemKind::kPrevLink, 6},
        {ProblemKind::kSequence, 5},
        {ProblemKind::kPrevLink, 5},
        {ProblemKind::kSequence, 7},
        {ProblemKind::kPrevLink, 7}}},
      {"entry 3's source edited",
       [](Fixture& f) { f.entries[2].source = "other.xml"; },
       {{ProblemKind::kEntryHash, 3}}},
      {"entry 3's time edited",
       [](Fixture& f) { f.entries[2].recorded_ms -= 3600000; },
       {{ProblemKind::kEntryHash, 3}}},
      {"entry 3's source edited and its hash recomputed",
       [](Fixture& f) {
         f.entries[2].source = "other.xml";
         f.entries[2].entry_hash = ComputeEntryHash(f.entries[2]);
       },
       {{ProblemKind::kPrevLink, 4}}},
      {"entry 8's item hash replaced to match an altered event",
       [](Fixture& f) {
         Event& e = f.events["event-8"];
         e.text = "nothing to see";
         f.items["event/event-8"] = CanonicalEventBytes(e);
         f.entries[7].item_hash = ItemHash(f.items["event/event-8"]);
       },
       {{ProblemKind::kEntryHash, 8}}},
      {"the last entry dropped",
       [](Fixture& f) { f.entries.pop_back(); },
       {{ProblemKind::kHeadMismatch, 0}}},
      {"an entry appended after signing",
       [](Fixture& f) {
         HashChain more(f.head);
         f.entries.push_back(more.Append(kKindEvent, "event-1", f.items["event/event-1"], kStartMs,
                                         "sms-backup.xml"));
       },
       {{ProblemKind::kHeadMismatch, 0}}},
  };
  for (const Tamper& t : cases) {
    Fixture f = MakeChain();
    const ChainHead signed_head = f.head;
    t.apply(f);
    const ChainReport report = VerifyChain(f.entries, LookupIn(f.items), signed_head);
    std::vector<std::pair<ProblemKind, uint64_t>> got;
    for (const ChainProblem& p : report.problems) got.emplace_back(p.kind, p.seq);
    EXPECT_EQ(got, t.expected) << t.name << ":" << Describe(report);
  }
}

TEST(VerifyChain, MessagesSayWhatIsWrongAndWhere) {
  Fixture f = MakeChain();
  const ChainHead signed_head = f.head;
  f.items["event/event-7"].back() ^= 0x01;
  f.entries.erase(f.entries.begin() + 7);  // entry 8
  f.entries[2].source = "other.xml";
  const ChainReport report = VerifyChain(f.entries, LookupIn(f.items), signed_head);
  std::vector<std::string> messages;
  for (const ChainProblem& p : report.problems) messages.push_back(p.message);
  const std::vector<std::string> expected = {
      "entry 3: entry hash does not match its fields (the entry was edited)",
      "entry 7: item hash does not match the event's canonical bytes (event event-7 was altered)",
      "entries not in sequence: 9 follows 7",
      "entry 9: previous hash does not match entry 7 (an entry was removed or reordered)",
  };
  ASSERT_GE(messages.size(), expected.size()) << Describe(report);
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(messages[i], expected[i]);
  ASSERT_EQ(messages.size(), expected.size() + 1) << Describe(report);
  EXPECT_EQ(report.problems.back().kind, ProblemKind::kHeadMismatch);
  EXPECT_EQ(report.head.count, static_cast<uint64_t>(kEntries - 1));
}

TEST(VerifyChain, WithoutLookupChecksOnlyTheChain) {
  Fixture f = MakeChain();
  f.items.clear();
  EXPECT_TRUE(VerifyChain(f.entries, nullptr).ok());
  EXPECT_FALSE(VerifyChain(f.entries, LookupIn(f.items)).ok());
}

}  // namespace
}  // namespace stalkguard::evidence
