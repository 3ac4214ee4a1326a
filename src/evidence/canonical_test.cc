#include "evidence/canonical.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/digest.h"

namespace stalkguard::evidence {
namespace {

// An event with every field set, about invented people.
Event SampleEvent() {
  Event e;
  e.id = "0191a2b3c4d5e6f708192a3b4c5d6e7f";
  e.native_id = "<20240301.1@example.org>";
  e.channel = Channel::kEmail;
  e.platform = "email";
  e.direction = Direction::kIncoming;
  e.sender = Party{Identity{IdentityKind::kEmail, "drew.x@example.org"}, "Drew X"};
  e.recipients = {Party{Identity{IdentityKind::kEmail, "sam.lee@example.org"}, "Sam Lee"},
                  Party{Identity{IdentityKind::kPhone, "+447700900123"}, ""}};
  e.time = Timestamp{1709251200000, 60, true};
  e.thread = "INBOX";
  e.subject = "I know where you are";
  e.text = "Saw you at the café on Mill Road. https://example.net/x";
  e.urls = {"https://example.net/x"};
  e.attachments = {Attachment{"photo.jpg", "image/jpeg", 4, Sha256Hex("abcd"), "", "att/1"}};
  e.reactions = {Reaction{"Drew X", "👀"}};
  e.call_type = CallType::kNone;
  e.call_duration_s = -1;
  e.source = SourceRef{"mail/inbox.mbox", "message 41"};
  e.raw = "From: drew.x@example.org\r\nSubject: I know where you are\r\n\r\nSaw you";
  return e;
}

Finding SampleFinding() {
  Finding f;
  f.event_id = "0191a2b3c4d5e6f708192a3b4c5d6e7f";
  f.detector = "text.patterns";
  f.category = "whereabouts";
  f.score = 0.875;
  f.severity = Severity::kWarning;
  f.span = TextSpan{0, 30};
  f.why = "pattern: knows-location";
  f.excerpt = "Saw you at the café on Mill Road";
  return f;
}

TEST(CanonicalEventBytes, SameEventSameBytes) {
  const Event a = SampleEvent();
  const Event b = SampleEvent();
  EXPECT_EQ(CanonicalEventBytes(a), CanonicalEventBytes(b));
  EXPECT_EQ(CanonicalEventBytes(a), CanonicalEventBytes(a));
}

// Pins the v1 encoding: if this changes, old chains stop verifying. Update only together with
// a new kCanonicalEventTag and the format page. The value was cross-checked with a separate
// implementation written from docs/formats/evidence-log.md alone.
TEST(CanonicalEventBytes, StableAcrossRuns) {
  // The bytes, by their SHA-256, and the item hash (BLAKE2b-256) the log stores for them.
  EXPECT_EQ(Sha256Hex(CanonicalEventBytes(SampleEvent())),
            "7c746ff37ad7a1f0589cd89e491ce2137dadd0edae8e2fd88fd2eb9f7199ac4b");
  EXPECT_EQ(ItemHash(CanonicalEventBytes(SampleEvent())),
            "eb11115564fcc09b20d1cebb28869d332d303efa6f2bf0a0f30ce15939bf44ae");
}

TEST(CanonicalEventBytes, OpensWithVersionTag) {
  const std::string bytes = CanonicalEventBytes(SampleEvent());
  ASSERT_GT(bytes.size(), 8 + kCanonicalEventTag.size());
  EXPECT_EQ(bytes.substr(8, kCanonicalEventTag.size()), kCanonicalEventTag);
}

TEST(CanonicalEventBytes, IgnoresAttachmentBytesWhenHashIsSet) {
  Event with_bytes = SampleEvent();
  with_bytes.attachments[0].bytes = "abcd";
  EXPECT_EQ(CanonicalEventBytes(with_bytes), CanonicalEventBytes(SampleEvent()));
  // Bytes without a stored hash commit to the same content as the hash would.
  with_bytes.attachments[0].sha256.clear();
  EXPECT_EQ(CanonicalEventBytes(with_bytes), CanonicalEventBytes(SampleEvent()));
}

struct Mutation {
  const char* field;
  std::function<void(Event&)> apply;
};

TEST(CanonicalEventBytes, EveryEvidentialFieldChangesTheBytes) {
  const std::vector<Mutation> mutations = {
      {"id", [](Event& e) { e.id[0] = '1'; }},
      {"native_id", [](Event& e) { e.native_id += "x"; }},
      {"channel", [](Event& e) { e.channel = Channel::kChat; }},
      {"platform", [](Event& e) { e.platform = "gmail"; }},
      {"direction", [](Event& e) { e.direction = Direction::kOutgoing; }},
      {"sender.kind", [](Event& e) { e.sender.identity.kind = IdentityKind::kHandle; }},
      {"sender.value", [](Event& e) { e.sender.identity.value = "drew.y@example.org"; }},
      {"sender.display_name", [](Event& e) { e.sender.display_name = "D X"; }},
      {"recipients.add", [](Event& e) { e.recipients.push_back(e.recipients[0]); }},
      {"recipients.remove", [](Event& e) { e.recipients.pop_back(); }},
      {"recipients.order", [](Event& e) { std::swap(e.recipients[0], e.recipients[1]); }},
      {"recipients.value", [](Event& e) { e.recipients[1].identity.value = "+447700900124"; }},
      {"time.utc_ms", [](Event& e) { e.time.utc_ms += 1; }},
      {"time.offset_minutes", [](Event& e) { e.time.offset_minutes = 0; }},
      {"time.offset_known", [](Event& e) { e.time.offset_known = false; }},
      {"thread", [](Event& e) { e.thread = "Spam"; }},
      {"subject", [](Event& e) { e.subject += "."; }},
      {"text", [](Event& e) { e.text[5] = 'Y'; }},
      {"text.moved_to_subject",
       [](Event& e) {
         e.subject += e.text.substr(0, 1);
         e.text.erase(0, 1);
       }},
      {"urls", [](Event& e) { e.urls.emplace_back("https://example.net/y"); }},
      {"attachment.name", [](Event& e) { e.attachments[0].name = "photo2.jpg"; }},
      {"attachment.mime", [](Event& e) { e.attachments[0].mime_type = "image/png"; }},
      {"attachment.size", [](Event& e) { e.attachments[0].size = 5; }},
      {"attachment.sha256", [](Event& e) { e.attachments[0].sha256 = Sha256Hex("abce"); }},
      {"attachment.uri", [](Event& e) { e.attachments[0].uri = "att/2"; }},
      {"attachment.removed", [](Event& e) { e.attachments.clear(); }},
      {"reactions", [](Event& e) { e.reactions[0].emoji = "👍"; }},
      {"call_type", [](Event& e) { e.call_type = CallType::kMissed; }},
      {"call_duration_s", [](Event& e) { e.call_duration_s = 0; }},
      {"source.file", [](Event& e) { e.source.file = "mail/other.mbox"; }},
      {"source.record", [](Event& e) { e.source.record = "message 42"; }},
      {"raw", [](Event& e) { e.raw.back() = 'X'; }},
      {"raw.removed", [](Event& e) { e.raw.clear(); }},
  };
  const std::string base = CanonicalEventBytes(SampleEvent());
  for (const Mutation& m : mutations) {
    Event e = SampleEvent();
    m.apply(e);
    EXPECT_NE(CanonicalEventBytes(e), base) << "changing " << m.field << " kept the same bytes";
  }
}

// A verifier reading a bundle has only the raw record's hash; given it, it must rebuild the
// very bytes the log hashed.
TEST(CanonicalEventBytes, WithRawHashAgreesWithRaw) {
  const Event with_raw = SampleEvent();
  Event without_raw = with_raw;
  without_raw.raw.clear();
  EXPECT_EQ(CanonicalEventBytesWithRawHash(without_raw, Sha256Hex(with_raw.raw)),
            CanonicalEventBytes(with_raw));
  // The raw bytes themselves are ignored once the hash is given.
  EXPECT_EQ(CanonicalEventBytesWithRawHash(with_raw, Sha256Hex(with_raw.raw)),
            CanonicalEventBytes(with_raw));
  // No raw: an empty hash, not the hash of nothing.
  EXPECT_EQ(CanonicalEventBytesWithRawHash(without_raw, ""), CanonicalEventBytes(without_raw));
  EXPECT_NE(CanonicalEventBytesWithRawHash(without_raw, Sha256Hex("")),
            CanonicalEventBytes(without_raw));
}

TEST(CanonicalFindingBytes, SameFindingSameBytes) {
  EXPECT_EQ(CanonicalFindingBytes(SampleFinding()), CanonicalFindingBytes(SampleFinding()));
  EXPECT_EQ(Sha256Hex(CanonicalFindingBytes(SampleFinding())),
            "ea35032fb24158fbcb1bfb038b52a5967d7dcd5242f6d42f44e1ec0d51e2cfb6");
  EXPECT_EQ(ItemHash(CanonicalFindingBytes(SampleFinding())),
            "b5b628eb07e1db06d5709729530e5a500a353548fdb22924c2ae7a3e71413193");
}

TEST(CanonicalFindingBytes, EveryFieldChangesTheBytes) {
  const std::vector<std::pair<const char*, std::function<void(Finding&)>>> mutations = {
      {"event_id", [](Finding& f) { f.event_id.back() = '0'; }},
      {"detector", [](Finding& f) { f.detector = "text.classifier"; }},
      {"category", [](Finding& f) { f.category = "threat"; }},
      {"score", [](Finding& f) { f.score = 0.8750001; }},
      {"severity", [](Finding& f) { f.severity = Severity::kDanger; }},
      {"span.begin", [](Finding& f) { f.span.begin = 1; }},
      {"span.end", [](Finding& f) { f.span.end = 31; }},
      {"why", [](Finding& f) { f.why = "pattern: knows-address"; }},
      {"excerpt", [](Finding& f) { f.excerpt += "!"; }},
  };
  const std::string base = CanonicalFindingBytes(SampleFinding());
  for (const auto& [field, apply] : mutations) {
    Finding f = SampleFinding();
    apply(f);
    EXPECT_NE(CanonicalFindingBytes(f), base) << "changing " << field << " kept the same bytes";
  }
}

TEST(CanonicalBytes, EventAndFindingNeverCollide) {
  // The version tags keep the two item types apart even for degenerate values.
  EXPECT_NE(CanonicalEventBytes(Event{}), CanonicalFindingBytes(Finding{}));
}

TEST(FindingId, IsTheItemHashPrefixOfTheStoredForm) {
  Finding f = SampleFinding();
  EXPECT_EQ(FindingId(f), ItemHash(CanonicalFindingBytes(f)).substr(0, 32));
  // An empty span is kept as 0..0, wherever it was empty.
  Finding empty_at_five = f;
  empty_at_five.span = {5, 5};
  Finding empty_at_zero = f;
  empty_at_zero.span = {0, 0};
  EXPECT_EQ(FindingId(empty_at_five), FindingId(empty_at_zero));
  EXPECT_EQ(StoredFinding(empty_at_five).span.begin, 0u);
}

}  // namespace
}  // namespace stalkguard::evidence
