#include "evidence/bundle/bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/digest.h"
#include "evidence/bundle/internal/lines.h"
#include "evidence/canonical.h"
#include "evidence/internal/temp_dir.h"

namespace stalkguard::bundle {
namespace {

namespace fs = std::filesystem;
using evidence::ChainEntry;
using evidence::internal::TempDir;

constexpr int64_t kCreatedMs = 1709337600000;  // 2024-03-02T00:00:00Z

Party Phone(std::string number, std::string name) {
  return Party{Identity{IdentityKind::kPhone, std::move(number)}, std::move(name)};
}

// Jordan's texts to Sam, read from an Android SMS backup, with the original XML records.
Event Sms() {
  Event e;
  e.id = "5f0c1e2d3b4a59687766554433221100";
  e.channel = Channel::kSms;
  e.platform = "sms";
  e.direction = Direction::kIncoming;
  e.sender = Phone("+447700900456", "Jordan Blake");
  e.recipients = {Phone("+447700900123", "")};
  e.time = Timestamp{1709251200000, 0, false};
  e.thread = "+447700900456";
  e.text = "I know where you live.";
  e.call_duration_s = -1;
  e.source = SourceRef{"sms-backup.xml", "sms 3"};
  e.raw =
      "<sms protocol=\"0\" address=\"+447700900456\" date=\"1709251200000\" type=\"1\" "
      "body=\"I know where you live.\" contact_name=\"Jordan Blake\" />";
  return e;
}

// A photo by MMS, sent from a phone an hour ahead of UTC.
Event MmsWithPhoto() {
  Event e = Sms();
  e.id = "6a1b2c3d4e5f60718293a4b5c6d7e8f9";
  e.channel = Channel::kMms;
  e.time = Timestamp{1709254800000, 60, true};
  e.text = "Nice jacket today 👀";
  e.attachments = {Attachment{"IMG 0042.jpg", "image/jpeg", 4, "", "\xff\xd8\xff\xe0", "part/1"}};
  e.source.record = "mms 1";
  e.raw = "<mms date=\"1709254800000\" msg_box=\"1\" address=\"+447700900456\"><parts /></mms>";
  return e;
}

Event MissedCall() {
  Event e;
  e.id = "7b2c3d4e5f60718293a4b5c6d7e8f90a";
  e.channel = Channel::kCall;
  e.platform = "sms";
  e.direction = Direction::kIncoming;
  e.sender = Phone("+447700900456", "Jordan Blake");
  e.time = Timestamp{1709258400000, 0, false};
  e.call_type = CallType::kMissed;
  e.call_duration_s = 0;
  e.source = SourceRef{"calls-backup.xml", "call 17"};
  return e;
}

Event WhatsApp() {
  Event e;
  e.id = "8c3d4e5f60718293a4b5c6d7e8f90a1b";
  e.channel = Channel::kChat;
  e.platform = "whatsapp";
  e.direction = Direction::kIncoming;
  e.sender = Phone("+447700900456", "Jordan");
  e.recipients = {Phone("+447700900123", "Sam"), Phone("+447700900789", "Alex")};
  e.time = Timestamp{1709262000000, -300, true};
  e.thread = "Old friends";
  e.text = "You can't hide from me https://example.net/sam";
  e.urls = {"https://example.net/sam"};
  e.reactions = {Reaction{"Alex", "😮"}};
  e.call_duration_s = -1;
  e.source = SourceRef{"WhatsApp Chat with Old friends.zip!/_chat.txt", "line 12"};
  return e;
}

Finding MakeFinding(const Event& event, std::string category, double score, Severity severity,
                    TextSpan span, std::string why) {
  Finding f;
  f.event_id = event.id;
  f.detector = "text.classifier";
  f.category = std::move(category);
  f.score = score;
  f.severity = severity;
  f.span = span;
  f.why = std::move(why);
  f.excerpt = event.text.substr(span.begin, span.end - span.begin);
  f.id = evidence::ItemHash(evidence::CanonicalFindingBytes(f)).substr(0, 32);
  return f;
}

// The log as the store would hold it: entries about Jordan's messages and their findings,
// among entries about other contacts that the bundle leaves out.
struct Log {
  std::vector<Event> events;
  std::vector<Finding> findings;
  evidence::HashChain chain;
};

Log MakeLog() {
  Log log;
  log.events = {Sms(), MmsWithPhoto(), MissedCall(), WhatsApp()};
  log.findings = {
      MakeFinding(log.events[0], "threat", 0.93, Severity::kDanger, TextSpan{0, 22},
                  "model: threat 0.93"),
      MakeFinding(log.events[3], "threat", 1.0 / 3.0, Severity::kWarning, TextSpan{0, 22},
                  "pattern: cant-hide"),
  };
  int64_t t = 1709300000000;
  auto other = [&](const std::string& id) {
    log.chain.Append("event", id, "other contact " + id, t++, "other.xml");
  };
  auto event = [&](const Event& e) {
    log.chain.Append("event", e.id, evidence::CanonicalEventBytes(e), t++, e.source.file);
  };
  auto finding = [&](const Finding& f) {
    log.chain.Append("finding", f.id, evidence::CanonicalFindingBytes(f), t++, f.detector);
  };
  other("o1");
  other("o2");
  event(log.events[0]);
  event(log.events[1]);
  other("o3");
  event(log.events[2]);
  event(log.events[3]);
  finding(log.findings[0]);
  other("o4");
  finding(log.findings[1]);
  other("o5");
  other("o6");
  return log;
}

BundleContent MakeContent(const Log& log) {
  BundleContent content;
  content.events = log.events;
  content.findings = log.findings;
  std::set<std::string> keep;
  for (const Event& e : log.events) keep.insert("event/" + e.id);
  for (const Finding& f : log.findings) keep.insert("finding/" + f.id);
  ChainPruner pruner;
  for (const ChainEntry& e : log.chain.entries()) {
    pruner.Add(e, keep.contains(e.kind + "/" + e.item_id));
  }
  content.chain = pruner.Finish();
  content.head = log.chain.Head();
  content.cases_json = R"({"cases":[{"contact":"Jordan Blake","severity":"danger"}]})";
  content.created_ms = kCreatedMs;
  content.description = "Case: Jordan Blake (danger)";
  return content;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::string Describe(const BundleReport& report) {
  std::string out;
  for (const BundleProblem& p : report.problems) out += "  [" + p.item + "] " + p.message + "\n";
  for (const std::string& n : report.notes) out += "  note: " + n + "\n";
  return out;
}

bool Has(const BundleReport& report, std::string_view item, std::string_view message) {
  return std::any_of(report.problems.begin(), report.problems.end(), [&](const BundleProblem& p) {
    return p.item == item && p.message.find(message) != std::string::npos;
  });
}

class BundleTest : public testing::Test {
 protected:
  BundleTest()
      : key_(*evidence::DeviceKey::LoadOrCreate(dir_.path() / "device.key")),
        other_key_(*evidence::DeviceKey::LoadOrCreate(dir_.path() / "other.key")),
        log_(MakeLog()),
        content_(MakeContent(log_)) {}

  fs::path Write(const std::string& name) {
    const fs::path out = dir_.path() / name;
    const auto written = WriteBundle(content_, key_, out);
    EXPECT_TRUE(written) << written.error().message;
    return out;
  }

  BundleReport Verify(const fs::path& bundle,
                      const std::optional<std::string>& trusted = std::nullopt) {
    auto report = VerifyBundle(bundle, trusted);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : BundleReport{};
  }

  // What a forger holding `key` would do after editing files: list them again and sign.
  static void Resign(const fs::path& bundle, const evidence::DeviceKey& key) {
    auto old = evidence::ManifestFromJson(ReadBytes(bundle / "manifest.json"));
    ASSERT_TRUE(old);
    evidence::Manifest manifest;
    manifest.files = *evidence::ScanBundle(bundle, {"manifest.json"});
    manifest.chain_head = old->chain_head;
    manifest.created_ms = old->created_ms;
    ASSERT_TRUE(evidence::SignManifest(manifest, key));
    WriteBytes(bundle / "manifest.json", evidence::ManifestToJson(manifest));
  }

  TempDir dir_;
  evidence::DeviceKey key_;
  evidence::DeviceKey other_key_;
  Log log_;
  BundleContent content_;
};

TEST_F(BundleTest, WrittenBundleVerifies) {
  const fs::path out = dir_.path() / "case";
  auto written = WriteBundle(content_, key_, out);
  ASSERT_TRUE(written) << written.error().message;
  const BundleReport report = Verify(out);
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_TRUE(report.notes.empty());
  EXPECT_EQ(report.events, 4);
  EXPECT_EQ(report.findings, 2);
  EXPECT_EQ(report.entries, 6);
  EXPECT_EQ(report.gaps, 4);  // o1-o2, o3, o4, o5-o6
  EXPECT_EQ(report.originals, 2);
  EXPECT_EQ(report.attachments, 1);
  EXPECT_EQ(report.head, log_.chain.Head());
  EXPECT_EQ(report.fingerprint, written->fingerprint);
  EXPECT_EQ(report.key_fingerprint, key_.Fingerprint());
  EXPECT_EQ(written->files, 9);

  EXPECT_EQ(ReadBytes(out / "originals" / (Sms().id + ".xml")), Sms().raw);
  EXPECT_EQ(ReadBytes(out / "attachments" / (MmsWithPhoto().id + "-0-IMG_0042.jpg")),
            "\xff\xd8\xff\xe0");
  struct stat st {};
  ASSERT_EQ(::stat((out / "events.jsonl").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  const std::string readme = ReadBytes(out / "README.txt");
  EXPECT_NE(readme.find("Case: Jordan Blake (danger)"), std::string::npos);
  EXPECT_NE(readme.find(key_.Fingerprint()), std::string::npos);
  EXPECT_NE(readme.find(log_.chain.Head().hash), std::string::npos);
  EXPECT_NE(readme.find("stalkguard verify"), std::string::npos);
  // Nothing is left beside the bundle.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_.path())) ++entries;
  EXPECT_EQ(entries, 3u);  // two keys and the bundle
}

// The example in docs/formats/evidence-bundle.md, "A worked check without stalkguard".
TEST_F(BundleTest, WorkedExampleIsPinned) {
  const fs::path out = Write("case");
  const std::string line1 =
      R"({"id":"5f0c1e2d3b4a59687766554433221100","native_id":"","channel":"sms","platf)"
      R"(orm":"sms","direction":"incoming","sender":{"kind":"phone","value":"+447700900)"
      R"(456","display_name":"Jordan Blake"},"recipients":[{"kind":"phone","value":"+44)"
      R"(7700900123","display_name":""}],"time":{"utc_ms":1709251200000,"offset_minutes)"
      R"(":0,"offset_known":false,"rfc3339":"2024-03-01T00:00:00Z"},"thread":"+44770090)"
      R"(0456","subject":"","text":"I know where you live.","urls":[],"attachments":[],)"
      R"("reactions":[],"call_type":"none","call_duration_s":-1,"source":{"file":"sms-b)"
      R"(ackup.xml","record":"sms 3"},"raw_sha256":"cddead9a9ba286629c37c21d272a316e975)"
      R"(4a465698860a5860a4f0846026376","original":"originals/5f0c1e2d3b4a5968776655443)"
      R"(3221100.xml"})";
  EXPECT_EQ(Lines(ReadBytes(out / "events.jsonl")).at(0), line1);
  EXPECT_EQ(Sha256Hex(Sms().raw),
            "cddead9a9ba286629c37c21d272a316e9754a465698860a5860a4f0846026376");
  EXPECT_EQ(evidence::ItemHash(evidence::CanonicalEventBytes(Sms())),
            "b3d41dbd901acf492cc8a063525bc952abf4f0ef09223502e0f1ef3b0c4f5736");
  EXPECT_EQ(std::get<ChainEntry>(content_.chain[1]).item_hash,
            "b3d41dbd901acf492cc8a063525bc952abf4f0ef09223502e0f1ef3b0c4f5736");
}

TEST_F(BundleTest, ZipRoundTripIsDeterministic) {
  const fs::path a = Write("a.zip");
  const fs::path b = Write("b.zip");
  const BundleReport report = Verify(a);
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.events, 4);
  EXPECT_EQ(report.originals, 2);
  EXPECT_EQ(report.attachments, 1);
  EXPECT_EQ(ReadBytes(a), ReadBytes(b));
  // The same files as the directory form, so both have one fingerprint.
  EXPECT_EQ(Verify(Write("dir")).fingerprint, report.fingerprint);
}

TEST_F(BundleTest, EditedEventTextIsCaughtWhenResigned) {
  const fs::path out = Write("case");
  std::string events = ReadBytes(out / "events.jsonl");
  const size_t at = events.find("where you live");
  ASSERT_NE(at, std::string::npos);
  events[at] = 'W';
  WriteBytes(out / "events.jsonl", events);
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "events.jsonl line 1", "(event " + Sms().id)) << Describe(report);
  EXPECT_TRUE(Has(report, "events.jsonl line 1", "was altered")) << Describe(report);
  EXPECT_EQ(report.problems.size(), 1u) << Describe(report);
}

TEST_F(BundleTest, EditedEventTextIsCaughtByTheManifest) {
  const fs::path out = Write("case");
  std::string events = ReadBytes(out / "events.jsonl");
  const size_t at = events.find("where you live");
  ASSERT_NE(at, std::string::npos);
  events[at] = 'W';
  WriteBytes(out / "events.jsonl", events);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "events.jsonl", "SHA-256 does not match the manifest"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "events.jsonl line 1", "was altered")) << Describe(report);
}

TEST_F(BundleTest, DroppedChainEntryIsNamed) {
  const fs::path out = Write("case");
  std::vector<std::string> chain = Lines(ReadBytes(out / "chain.jsonl"));
  // Lines: gap 1-2, entries 3 and 4, gap 5, entries 6, 7, 8, gap 9, entry 10, gap 11-12.
  ASSERT_EQ(chain.size(), 10u);
  chain.erase(chain.begin() + 5);  // entry 7
  WriteBytes(out / "chain.jsonl", Join(chain));
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "chain entry 8", "entries not in sequence: 8 follows 6"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "chain entry 8",
                  "entry 8: previous hash does not match entry 6 (an entry was removed or "
                  "reordered)"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "events.jsonl line 4", "has no entry in the chain")) << Describe(report);
}

TEST_F(BundleTest, SwappedChainEntriesAreNamed) {
  const fs::path out = Write("case");
  std::vector<std::string> chain = Lines(ReadBytes(out / "chain.jsonl"));
  std::swap(chain[1], chain[2]);  // entries 3 and 4
  WriteBytes(out / "chain.jsonl", Join(chain));
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "chain entry 4", "entries not in sequence: 4 follows 2"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "chain entry 4", "previous hash does not match left-out entries 1-2"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "chain entry 3", "entries not in sequence: 3 follows 4"))
      << Describe(report);
  EXPECT_TRUE(
      Has(report, "chain gap 5-5", "left-out entry 5: previous hash does not match entry 3"))
      << Describe(report);
}

TEST_F(BundleTest, TruncatedChainMissesTheSignedHead) {
  const fs::path out = Write("case");
  std::vector<std::string> chain = Lines(ReadBytes(out / "chain.jsonl"));
  chain.pop_back();
  WriteBytes(out / "chain.jsonl", Join(chain));
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "chain", "chain head does not match the signed head: 12 entries"))
      << Describe(report);
}

TEST_F(BundleTest, SignatureByAnotherKeyIsBad) {
  const fs::path out = Write("case");
  auto manifest = evidence::ManifestFromJson(ReadBytes(out / "manifest.json"));
  ASSERT_TRUE(manifest);
  manifest->signature_hex = HexEncode(other_key_.Sign(evidence::ManifestCanonicalBytes(*manifest)));
  WriteBytes(out / "manifest.json", evidence::ManifestToJson(*manifest));
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "manifest", "the signature does not verify")) << Describe(report);
  EXPECT_EQ(report.problems.size(), 1u) << Describe(report);
}

TEST_F(BundleTest, ManifestResignedByAnotherKeyIsUntrusted) {
  const fs::path out = Write("case");
  Resign(out, other_key_);
  // Valid in itself...
  EXPECT_TRUE(Verify(out).ok());
  // ...but not by the key the reader trusts.
  const BundleReport report = Verify(out, key_.PublicKeyHex());
  EXPECT_TRUE(Has(report, "manifest", "not by the trusted key " + key_.Fingerprint()))
      << Describe(report);
  EXPECT_EQ(report.key_fingerprint, other_key_.Fingerprint());
  EXPECT_TRUE(Verify(Write("again"), key_.PublicKeyHex()).ok());
}

TEST_F(BundleTest, AlteredOriginalIsNamed) {
  const fs::path out = Write("case");
  const std::string path = "originals/" + Sms().id + ".xml";
  std::string raw = ReadBytes(out / path);
  raw[raw.find("live")] = 'L';
  WriteBytes(out / path, raw);
  BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, path, "SHA-256 does not match the manifest")) << Describe(report);
  EXPECT_TRUE(Has(report, path, "raw_sha256 of event " + Sms().id)) << Describe(report);
  // Re-signing does not help: the event commits to the record's hash.
  Resign(out, key_);
  report = Verify(out);
  EXPECT_TRUE(Has(report, path, "the original record was altered")) << Describe(report);
  EXPECT_EQ(report.problems.size(), 1u) << Describe(report);
}

TEST_F(BundleTest, AlteredAttachmentIsNamed) {
  const fs::path out = Write("case");
  const std::string path = "attachments/" + MmsWithPhoto().id + "-0-IMG_0042.jpg";
  WriteBytes(out / path, "\xff\xd8\xff\xe1");
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, path, "the attachment was altered")) << Describe(report);
}

TEST_F(BundleTest, RemovedOriginalIsNamed) {
  const fs::path out = Write("case");
  const std::string path = "originals/" + MmsWithPhoto().id + ".xml";
  fs::remove(out / path);
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, path, "is missing")) << Describe(report);
}

TEST_F(BundleTest, RedactedEventIsANoteNotAProblem) {
  content_.events[1].text = "[redacted]";
  content_.events[1].raw.clear();
  content_.redacted_event_ids = {content_.events[1].id};
  const BundleReport report = Verify(Write("case"));
  EXPECT_TRUE(report.ok()) << Describe(report);
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_EQ(report.notes[0], "event " + MmsWithPhoto().id +
                                 " was redacted before export: its content cannot be checked "
                                 "against the log; its place in the chain and the signature "
                                 "still are");
}

TEST_F(BundleTest, RedactedFindingIsANoteNotAProblem) {
  ASSERT_FALSE(content_.findings.empty());
  content_.findings[0].excerpt = "call me on [phone number removed]";
  content_.redacted_finding_ids = {content_.findings[0].id};
  const BundleReport report = Verify(Write("case"));
  EXPECT_TRUE(report.ok()) << Describe(report);
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("finding " + content_.findings[0].id + " was redacted"),
            std::string::npos)
      << report.notes[0];
}

TEST_F(BundleTest, FindingEditedWithoutARedactionMarkIsCaught) {
  ASSERT_FALSE(content_.findings.empty());
  content_.findings[0].excerpt = "something else";
  const BundleReport report = Verify(Write("case"));
  EXPECT_FALSE(report.ok());
}

// People read the RFC 3339 time, not utc_ms; it is not hashed, so verify compares the two.
TEST_F(BundleTest, EditedReadableTimeIsNamed) {
  const fs::path out = Write("case");
  std::string events = ReadBytes(out / "events.jsonl");
  const std::string shown = "\"rfc3339\":\"2024-03-01T02:00:00+01:00\"";
  const size_t at = events.find(shown);
  ASSERT_NE(at, std::string::npos);
  events.replace(at, shown.size(), "\"rfc3339\":\"2024-03-02T02:00:00+01:00\"");
  WriteBytes(out / "events.jsonl", events);
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "events.jsonl line 2",
                  "the readable time 2024-03-02T02:00:00+01:00 does not match the recorded time "
                  "2024-03-01T02:00:00+01:00"))
      << Describe(report);
  EXPECT_EQ(report.problems.size(), 1u) << Describe(report);
}

TEST_F(BundleTest, RemovedEventLineIsNamed) {
  const fs::path out = Write("case");
  std::vector<std::string> events = Lines(ReadBytes(out / "events.jsonl"));
  events.erase(events.begin() + 2);  // the missed call
  WriteBytes(out / "events.jsonl", Join(events));
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(
      Has(report, "chain entry 6", "entry 6: event " + MissedCall().id + " is missing (removed)"))
      << Describe(report);
}

TEST_F(BundleTest, MalformedLinesAreNamedAndTheRestIsChecked) {
  const fs::path out = Write("case");
  std::vector<std::string> findings = Lines(ReadBytes(out / "findings.jsonl"));
  const size_t at = findings[1].find("\"score\":");
  findings[1].replace(at, 8, "\"score\":\"high\",\"x\":");
  WriteBytes(out / "findings.jsonl", Join(findings) + "not json\n");
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "findings.jsonl line 2", "\"score\" is not a number"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "findings.jsonl line 3", "not valid JSON")) << Describe(report);
  EXPECT_TRUE(Has(report, "chain entry 10", "is missing (removed)")) << Describe(report);
  EXPECT_EQ(report.findings, 1);
}

TEST_F(BundleTest, FindingAboutAnEventOutsideTheBundleIsNamed) {
  const fs::path out = Write("case");
  std::vector<std::string> events = Lines(ReadBytes(out / "events.jsonl"));
  events.erase(events.begin());  // Sms, which finding 1 is about
  WriteBytes(out / "events.jsonl", Join(events));
  Resign(out, key_);
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "findings.jsonl line 1", "which is not in the bundle"))
      << Describe(report);
}

TEST_F(BundleTest, RefusesAnOutDirectoryThatIsNotEmpty) {
  const fs::path out = dir_.path() / "busy";
  fs::create_directory(out);
  WriteBytes(out / "notes.txt", "mine");
  const auto written = WriteBundle(content_, key_, out);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(written.error().message.find(out.string()), std::string::npos);
  EXPECT_EQ(ReadBytes(out / "notes.txt"), "mine");
  // An empty directory is taken.
  fs::create_directory(dir_.path() / "empty");
  EXPECT_TRUE(WriteBundle(content_, key_, dir_.path() / "empty"));
  EXPECT_TRUE(Verify(dir_.path() / "empty").ok());
  // An existing zip is not replaced either.
  Write("case.zip");
  EXPECT_FALSE(WriteBundle(content_, key_, dir_.path() / "case.zip"));
}

TEST_F(BundleTest, RefusesInconsistentContent) {
  BundleContent missing_entry = content_;
  missing_entry.findings[0].why = "edited";
  missing_entry.findings[0].id = "ffffffffffffffffffffffffffffffff";
  EXPECT_EQ(WriteBundle(missing_entry, key_, dir_.path() / "a").error().code,
            ErrorCode::kInvalidInput);
  BundleContent bad_cases = content_;
  bad_cases.cases_json = "{\"cases\": [";
  EXPECT_EQ(WriteBundle(bad_cases, key_, dir_.path() / "b").error().code, ErrorCode::kInvalidInput);
  BundleContent nan_score = content_;
  nan_score.findings[0].score = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(WriteBundle(nan_score, key_, dir_.path() / "c"));
  EXPECT_FALSE(fs::exists(dir_.path() / "a"));
}

TEST_F(BundleTest, NotABundleIsAnError) {
  EXPECT_EQ(VerifyBundle(dir_.path() / "nothing").error().code, ErrorCode::kNotFound);
  fs::create_directory(dir_.path() / "plain");
  EXPECT_FALSE(VerifyBundle(dir_.path() / "plain"));
  EXPECT_FALSE(VerifyBundle(dir_.path() / "device.key"));  // not a zip
}

// A zip made by hand: the bundle's files plus entries that would leave the bundle if
// extracted. Verify reads archives in memory, reports those entries and never uses them.
TEST_F(BundleTest, ZipEntriesOutsideTheBundleAreRefused) {
  const fs::path dir = Write("case");
  const fs::path zip = dir_.path() / "crafted.zip";
  struct archive* a = archive_write_new();
  ASSERT_EQ(archive_write_set_format_zip(a), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(a, zip.c_str()), ARCHIVE_OK);
  auto add = [&](const std::string& path, const std::string& bytes) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, path.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(a, bytes.data(), bytes.size()),
              static_cast<la_ssize_t>(bytes.size()));
    archive_entry_free(entry);
  };
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      add(e.path().lexically_relative(dir).generic_string(), ReadBytes(e.path()));
    }
  }
  add("../evil.txt", "x");
  add("originals/../../evil.txt", "x");
  archive_write_close(a);
  archive_write_free(a);
  const BundleReport report = Verify(zip);
  EXPECT_TRUE(Has(report, "../evil.txt", "a zip entry whose path leaves the bundle"))
      << Describe(report);
  EXPECT_TRUE(Has(report, "originals/../../evil.txt", "a zip entry whose path leaves the bundle"))
      << Describe(report);
  EXPECT_EQ(report.problems.size(), 2u) << Describe(report);
  EXPECT_FALSE(fs::exists(dir_.path().parent_path() / "evil.txt"));
}

TEST_F(BundleTest, SymbolicLinksAreNotFollowed) {
  const fs::path out = Write("case");
  fs::create_symlink(dir_.path() / "device.key", out / "key");
  const BundleReport report = Verify(out);
  EXPECT_TRUE(Has(report, "key", "a symbolic link")) << Describe(report);
}

// Events read back from events.jsonl must give the very bytes the log hashed, whatever they
// hold.
TEST(EventLines, RoundTripKeepsCanonicalBytes) {
  std::vector<Event> cases = {Sms(), MmsWithPhoto(), MissedCall(), WhatsApp()};
  Event empty;  // every string empty, no lists, defaults everywhere
  cases.push_back(empty);
  Event odd = WhatsApp();
  odd.text = "Ça va ? 🙂\u200b\n\t\"quoted\" \\ back\x01slash";
  odd.time = Timestamp{-86400123, -570, true};                    // before 1970, offset -09:30
  odd.source.file = std::string("exp\xff\xfeort.zip!/chat.txt");  // not UTF-8
  odd.subject = std::string("nul\0inside", 10);
  odd.attachments = {Attachment{"voice.opus", "audio/ogg", -1, "", "", "https://x.test/v"},
                     Attachment{"a.pdf", "application/pdf", 9, Sha256Hex("123456789"), "", ""}};
  cases.push_back(odd);
  Event call = MissedCall();
  call.call_type = CallType::kRejected;
  call.call_duration_s = std::numeric_limits<int64_t>::max();
  call.time.utc_ms = std::numeric_limits<int64_t>::min();
  cases.push_back(call);

  for (const Event& event : cases) {
    SCOPED_TRACE("event " + event.id + " text " + event.text);
    internal::EventLine line;
    line.event = event;
    line.event.raw.clear();
    line.raw_sha256 = event.raw.empty() ? "" : Sha256Hex(event.raw);
    for (Attachment& a : line.event.attachments) {
      if (a.sha256.empty() && !a.bytes.empty()) a.sha256 = Sha256Hex(a.bytes);
      a.bytes.clear();
    }
    const std::string text = internal::WriteEventLine(line);
    EXPECT_EQ(text.find('\n'), std::string::npos);
    auto back = internal::ReadEventLine(text);
    ASSERT_TRUE(back) << back.error().message << "\n" << text;
    EXPECT_EQ(evidence::CanonicalEventBytesWithRawHash(back->event, back->raw_sha256),
              evidence::CanonicalEventBytes(event))
        << text;
    EXPECT_EQ(back->time_text, internal::ReadableTime(event.time));
  }
  // Times RFC 3339 cannot hold get no readable form rather than a wrong one.
  EXPECT_EQ(internal::ReadableTime(Timestamp{std::numeric_limits<int64_t>::min(), 0, false}), "");
  EXPECT_EQ(internal::ReadableTime(Timestamp{0, 24 * 60, true}), "");
  EXPECT_EQ(internal::ReadableTime(Timestamp{-86400123, -570, true}),
            "1969-12-30T14:29:59.877-09:30");
}

TEST(FindingLines, ScoreKeepsItsBits) {
  for (double score :
       {0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 0.9300000000000001, 5e-324, std::nextafter(1.0, 0.0)}) {
    SCOPED_TRACE(score);
    EXPECT_TRUE(internal::ScoreRoundTrips(score));
    Finding f = MakeFinding(Sms(), "threat", score, Severity::kWatch, TextSpan{3, 7}, "why");
    auto back = internal::ReadFindingLine(internal::WriteFindingLine({f, false}));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(std::bit_cast<uint64_t>(back->finding.score), std::bit_cast<uint64_t>(score));
    EXPECT_EQ(evidence::CanonicalFindingBytes(back->finding), evidence::CanonicalFindingBytes(f));
    EXPECT_EQ(back->finding.id, f.id);
    EXPECT_FALSE(back->redacted);
  }
  EXPECT_FALSE(internal::ScoreRoundTrips(std::numeric_limits<double>::infinity()));
}

TEST(ChainLines, MistypedFieldsAreNamed) {
  EXPECT_EQ(internal::ReadChainLine(R"({"seq":-1})").error().message,
            "\"seq\" is not a whole number");
  EXPECT_EQ(internal::ReadChainLine(R"({"gap":{"first_seq":1,"last_seq":2,"prev_hash":3}})")
                .error()
                .message,
            "\"gap.prev_hash\" is not a string");
  EXPECT_EQ(internal::ReadEventLine(R"({"id":"x","native_id":""})").error().message,
            "no \"channel\"");
  const auto parsed = internal::ParseChainLines("{}\n\n[1]\n");
  ASSERT_EQ(parsed.errors.size(), 3u);
  EXPECT_EQ(parsed.errors[1].line, 2u);
  EXPECT_EQ(parsed.errors[1].message, "empty line");
  EXPECT_EQ(parsed.errors[2].message, "not a JSON object");
}

TEST(ChainPruner, CollapsesRunsOfUnkeptEntries) {
  evidence::HashChain chain;
  for (int i = 1; i <= 7; ++i) chain.Append("event", "e" + std::to_string(i), "x", i, "s");
  const std::vector<ChainEntry>& e = chain.entries();
  const bool keep[] = {false, false, true, false, true, true, false};
  ChainPruner pruner;
  for (size_t i = 0; i < e.size(); ++i) pruner.Add(e[i], keep[i]);
  const std::vector<ChainLine> lines = pruner.Finish();
  const std::vector<ChainLine> want = {
      ChainGap{1, 2, std::string(evidence::kGenesisHash), e[1].entry_hash},
      e[2],
      ChainGap{4, 4, e[3].prev_hash, e[3].entry_hash},
      e[4],
      e[5],
      ChainGap{7, 7, e[6].prev_hash, e[6].entry_hash},
  };
  EXPECT_EQ(lines, want);
  EXPECT_TRUE(pruner.Finish().empty());
}

TEST(BundleFingerprint, HasTheShapeOfAKeyFingerprint) {
  evidence::Manifest manifest;
  const std::string fingerprint = BundleFingerprint(manifest);
  const std::string hex = Sha256Hex(evidence::ManifestCanonicalBytes(manifest));
  EXPECT_EQ(fingerprint, hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" +
                             hex.substr(12, 4) + "-" + hex.substr(16, 4));
}

}  // namespace
}  // namespace stalkguard::bundle
