// The store's evidence log: every stored event and kept finding is logged once, in a chain that
// verifies against the items as the store gives them back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "core/digest.h"
#include "evidence/canonical.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace sgs = stalkguard::store;
namespace ev = stalkguard::evidence;

namespace {

class SqliteEvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sg-evlog-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "store.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Events with the fields the store keeps in its own form: an unknown sender given a kind, a
  // recipient known only by name, an offset given for a time whose offset is unknown, raw
  // bytes and attachment bytes.
  static std::vector<sg::Event> Events() {
    std::vector<sg::Event> out;
    for (int i = 0; i < 3; ++i) {
      sg::Event e;
      e.id = sg::IdHasher().Add("event").Add(i).HexDigest();
      e.platform = "sms";
      e.channel = sg::Channel::kSms;
      e.direction = sg::Direction::kIncoming;
      e.sender = {{sg::IdentityKind::kPhone, "+447700900999"}, "Jordan"};
      e.recipients = {{{sg::IdentityKind::kPhone, "+447700900123"}, "Me"}};
      e.time = {1709251200000 + i * 60000, 60, true};
      e.text = "message " + std::to_string(i) + " 😡";
      e.source = {"sms.xml", "sms " + std::to_string(i + 1)};
      e.raw = "<sms body=\"message " + std::to_string(i) + "\"/>";
      out.push_back(std::move(e));
    }
    out[1].sender = {{sg::IdentityKind::kPhone, ""}, "Unknown caller"};
    out[1].recipients.push_back({{sg::IdentityKind::kEmail, ""}, "Sam (no address)"});
    out[1].time = {1709251260000, 120, false};
    out[2].attachments.push_back({"a.jpg", "image/jpeg", -7, "", "jpegbytes", "files/a.jpg"});
    out[2].call_duration_s = -9;
    return out;
  }

  std::vector<ev::ChainEntry> Entries(sgs::Store& store) {
    std::vector<ev::ChainEntry> out;
    EXPECT_TRUE(store.ForEachEvidenceEntry([&](const ev::ChainEntry& e) -> sg::Status {
      out.push_back(e);
      return sg::OkStatus();
    }));
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
};

sg::Finding Threat(const std::string& event_id) {
  sg::Finding f;
  f.event_id = event_id;
  f.detector = "abuse";
  f.category = "threat";
  f.score = 0.1 + 0.2;  // a score whose decimal form is not exact
  f.severity = sg::Severity::kDanger;
  f.span = {0, 7};
  f.why = "model: threat 0.30";
  f.excerpt = "message";
  return f;
}

}  // namespace

TEST_F(SqliteEvidenceTest, LogsEachStoredEventOnceAsItReadsBack) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store) << store.error().message;
  const auto events = Events();
  ASSERT_TRUE((*store)->WriteEvents(0, events));
  ASSERT_TRUE((*store)->WriteEvents(0, events));  // duplicates add no entries

  const auto entries = Entries(**store);
  ASSERT_EQ(entries.size(), 3u);
  std::map<std::string, std::string> logged;  // event id -> item hash
  for (const auto& e : entries) {
    EXPECT_EQ(e.kind, "event");
    EXPECT_EQ(e.source, "sms.xml");
    logged[e.item_id] = e.item_hash;
  }
  std::vector<std::string> ids;
  for (const auto& e : events) ids.push_back(e.id);
  int read = 0;
  ASSERT_TRUE((*store)->ReadEvents(ids, [&](sg::Event& e) -> sg::Status {
    ++read;
    EXPECT_FALSE(e.raw.empty());
    EXPECT_EQ(logged[e.id], ev::ItemHash(ev::CanonicalEventBytes(e))) << e.id;
    return sg::OkStatus();
  }));
  EXPECT_EQ(read, 3);

  auto head = (*store)->EvidenceHead();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->count, 3u);
  EXPECT_EQ(head->hash, entries.back().entry_hash);
  auto lookup = [&](std::string_view, std::string_view id) -> std::optional<std::string> {
    std::optional<std::string> bytes;
    (void)(*store)->ReadEvents({std::string(id)}, [&](sg::Event& e) -> sg::Status {
      bytes = ev::CanonicalEventBytes(e);
      return sg::OkStatus();
    });
    return bytes;
  };
  EXPECT_TRUE(ev::VerifyChain(entries, lookup, *head).ok());
}

TEST_F(SqliteEvidenceTest, ChainContinuesAcrossReopening) {
  const auto events = Events();
  {
    auto store = sgs::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->WriteEvents(0, {events[0]}));
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->WriteEvents(0, {events[1], events[2]}));
  const auto entries = Entries(**store);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_TRUE(ev::VerifyChain(entries, nullptr).ok());
  EXPECT_EQ(entries[1].prev_hash, entries[0].entry_hash);
}

TEST_F(SqliteEvidenceTest, LogsAFindingOnceAndGivesItsId) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  const auto events = Events();
  ASSERT_TRUE((*store)->WriteEvents(0, events));
  sg::Case c;
  c.contact_id = "c1";
  c.display = "Jordan";
  c.severity = sg::Severity::kDanger;
  sg::Finding burst = Threat("");
  burst.detector = "contact";
  burst.category = "excessive_contact";
  burst.span = {5, 5};  // empty, stored as no span
  c.findings = {Threat(events[0].id), burst};
  ASSERT_TRUE((*store)->ReplaceCases({c}));
  ASSERT_TRUE((*store)->ReplaceCases({c}));  // the same conclusions: no new entries
  c.findings.push_back(Threat(events[1].id));
  ASSERT_TRUE((*store)->ReplaceCases({c}));

  const auto entries = Entries(**store);
  ASSERT_EQ(entries.size(), 6u);  // 3 events + 3 distinct findings
  auto cases = (*store)->ListCases();
  ASSERT_TRUE(cases);
  ASSERT_EQ((*cases)[0].findings.size(), 3u);
  std::map<std::string, const ev::ChainEntry*> by_id;
  for (const auto& e : entries) by_id[e.item_id] = &e;
  for (const sg::Finding& f : (*cases)[0].findings) {
    ASSERT_EQ(f.id.size(), 32u);
    ASSERT_TRUE(by_id.count(f.id)) << f.id;
    EXPECT_EQ(by_id[f.id]->kind, "finding");
    EXPECT_EQ(by_id[f.id]->source, "detector:" + f.detector);
    EXPECT_EQ(by_id[f.id]->item_hash, ev::ItemHash(ev::CanonicalFindingBytes(f)));
  }
  EXPECT_TRUE(ev::VerifyChain(entries, nullptr).ok());
}

TEST_F(SqliteEvidenceTest, LogRefusesChangesAndRemovals) {
  {
    auto store = sgs::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->WriteEvents(0, Events()));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE evidence_log SET source = 'x'", nullptr, nullptr, &message),
            SQLITE_OK);
  EXPECT_NE(std::string(message ? message : "").find("append-only"), std::string::npos);
  sqlite3_free(message);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM evidence_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteEvidenceTest, StoreWithoutALogGetsItsEventsLoggedOnOpen) {
  {
    auto store = sgs::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->WriteEvents(0, Events()));
  }
  // A store written before the log existed: events, no entries.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER evidence_log_no_delete; DELETE FROM evidence_log;"
                         " CREATE TRIGGER evidence_log_no_delete BEFORE DELETE ON evidence_log"
                         " BEGIN SELECT RAISE(ABORT, 'the evidence log is append-only'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store) << store.error().message;
  const auto entries = Entries(**store);
  ASSERT_EQ(entries.size(), 3u);
  auto lookup = [&](std::string_view, std::string_view id) -> std::optional<std::string> {
    std::optional<std::string> bytes;
    (void)(*store)->ReadEvents({std::string(id)}, [&](sg::Event& e) -> sg::Status {
      bytes = ev::CanonicalEventBytes(e);
      return sg::OkStatus();
    });
    return bytes;
  };
  EXPECT_TRUE(ev::VerifyChain(entries, lookup).ok());
}
