#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/digest.h"
#include "evidence/canonical.h"

namespace sg = stalkguard;
namespace sgs = stalkguard::store;

namespace stalkguard::store {
extern const std::vector<std::string_view> kMigrations;
}  // namespace stalkguard::store

namespace {

// A second connection to the store file, as the dashboard would open it.
class Reader {
 public:
  explicit Reader(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~Reader() { sqlite3_close(db_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The rows of `sql`, columns joined by "|".
  std::vector<std::string> Rows(const std::string& sql) const {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        row += (i > 0 ? "|" : "") + std::string(text ? text : "NULL");
      }
      out.push_back(row);
    }
    sqlite3_finalize(stmt);
    return out;
  }
  std::string One(const std::string& sql) const {
    auto rows = Rows(sql);
    return rows.empty() ? "" : rows[0];
  }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

constexpr const char* kIndexSql =
    "SELECT sql FROM sqlite_master WHERE name = 'events_by_counterpart'";
// What counterpart_stats must always hold.
constexpr const char* kStatsFromEvents =
    "SELECT counterpart_id, channel, direction, COUNT(*), MIN(ts_ms), MAX(ts_ms) FROM events"
    " WHERE counterpart_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
constexpr const char* kStats =
    "SELECT counterpart_id, channel, direction, events, first_ms, last_ms FROM counterpart_stats"
    " ORDER BY 1, 2, 3";

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sg-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    path_ = (dir_ / "sub" / "store.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static sg::Event MakeEvent(const std::string& text, int64_t ms) {
    sg::Event e;
    e.id = sg::IdHasher().Add(text).Add(ms).HexDigest();
    e.platform = "sms";
    e.channel = sg::Channel::kSms;
    e.direction = sg::Direction::kIncoming;
    e.sender = {{sg::IdentityKind::kPhone, "+447700900999"}, "Jordan Blake"};
    e.recipients = {{{sg::IdentityKind::kPhone, "+447700900123"}, ""}};
    e.time = {ms, 60, true};
    e.text = text;
    e.source = {"sms.xml", "line 3"};
    e.attachments.push_back({"a.jpg", "image/jpeg", 3, sg::Sha256Hex("abc"), "abc", ""});
    return e;
  }

  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace

TEST_F(SqliteStoreTest, CreatesFolderAndSchema) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE(std::filesystem::exists(path_));
  EXPECT_EQ(*(*store)->CountEvents(), 0);
}

TEST_F(SqliteStoreTest, SameEventTwiceIsStoredOnce) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  auto run = (*store)->BeginImport({"sms.xml"});
  ASSERT_TRUE(run);
  std::vector<sg::Event> batch = {MakeEvent("hi", 1000), MakeEvent("again", 2000)};
  auto first = (*store)->WriteEvents(*run, batch);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->inserted, 2);
  auto second = (*store)->WriteEvents(*run, batch);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->inserted, 0);
  EXPECT_EQ(second->duplicates, 2);
  EXPECT_EQ(*(*store)->CountEvents(), 2);
}

TEST_F(SqliteStoreTest, SurvivesReopenAndKeepsIdentities) {
  {
    auto store = sgs::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->WriteEvents(1, {MakeEvent("hi", 1000)}));
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->WriteEvents(1, {MakeEvent("later", 3000)}));
  auto identities = (*store)->ListIdentities();
  ASSERT_TRUE(identities);
  ASSERT_EQ(identities->size(), 2u);
  EXPECT_EQ((*identities)[0].identity.Key(), "phone:+447700900999");
  EXPECT_EQ((*identities)[0].display_names, std::vector<std::string>{"Jordan Blake"});
}

TEST_F(SqliteStoreTest, SummarisesContacts) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  sg::Event reply = MakeEvent("stop", 5000);
  reply.direction = sg::Direction::kOutgoing;
  reply.sender = {{sg::IdentityKind::kPhone, "+447700900123"}, ""};
  reply.recipients = {{{sg::IdentityKind::kPhone, "+447700900999"}, ""}};
  ASSERT_TRUE((*store)->WriteEvents(1, {MakeEvent("a", 1000), MakeEvent("b", 9000), reply}));
  auto ids = (*store)->ListIdentities();
  ASSERT_TRUE(ids);
  std::vector<sgs::ContactRecord> contacts;
  for (const auto& rec : *ids) {
    const bool self = rec.identity.value == "+447700900123";
    contacts.push_back(
        {self ? "self" : "c1", self ? "You" : "Jordan Blake", {rec.id}, {"test"}, self});
  }
  ASSERT_TRUE((*store)->ReplaceContacts(contacts));
  auto summaries = (*store)->ContactSummaries();
  ASSERT_TRUE(summaries) << summaries.error().message;
  ASSERT_EQ(summaries->size(), 1u);
  const auto& s = (*summaries)[0];
  EXPECT_EQ(s.display, "Jordan Blake");
  EXPECT_EQ(s.incoming, 2);
  EXPECT_EQ(s.outgoing, 1);
  EXPECT_EQ(s.first_ms, 1000);
  EXPECT_EQ(s.last_ms, 9000);
  EXPECT_EQ(s.channels, std::vector<std::string>{"sms"});
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path());
  std::ofstream(path_) << "this is a text file, not a database, with enough bytes to matter "
                       << std::string(200, 'x');
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find(path_), std::string::npos);
}

TEST_F(SqliteStoreTest, RefusesANewerSchema) {
  { ASSERT_TRUE(sgs::SqliteStore::Open(path_)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, NewStoreUsesSixteenKibPages) {
  { ASSERT_TRUE(sgs::SqliteStore::Open(path_)); }
  EXPECT_EQ(Reader(path_).One("PRAGMA page_size"), "16384");
}

TEST_F(SqliteStoreTest, VersionOneStoreKeepsItsPagesAndGetsItsCountsBackfilled) {
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path());
  {
    Reader v1(path_);
    const std::string schema = "PRAGMA page_size=4096; " + std::string(sgs::kMigrations[0]) +
                               "; PRAGMA user_version=1;"
                               "INSERT INTO identities (id, kind, value) VALUES"
                               " (1, 'phone', '+447700900999'), (2, 'phone', '+447700900123');"
                               "INSERT INTO events (id, import_id, platform, channel, direction,"
                               " counterpart_id, ts_ms, source_file, source_record) VALUES"
                               " (x'01', 1, 'sms', 'sms', 'incoming', 1, 1000, 'a', 'line 1'),"
                               " (x'02', 1, 'sms', 'sms', 'incoming', 1, 3000, 'a', 'line 2'),"
                               " (x'03', 1, 'sms', 'sms', 'outgoing', 1, 2000, 'a', 'line 3'),"
                               " (x'04', 1, 'sms', 'sms', 'incoming', NULL, 2000, 'a', 'line 4');";
    ASSERT_EQ(sqlite3_exec(v1.db(), schema.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store) << store.error().message;
  Reader reader(path_);
  EXPECT_EQ(reader.One("PRAGMA page_size"), "4096");
  EXPECT_EQ(reader.One("PRAGMA user_version"), std::to_string(sgs::SqliteStore::SchemaVersion()));
  EXPECT_EQ(reader.Rows(kStats),
            (std::vector<std::string>{"1|sms|incoming|2|1000|3000", "1|sms|outgoing|1|2000|2000"}));
  // The old store takes new events like a new one.
  ASSERT_TRUE((*store)->WriteEvents(1, {MakeEvent("new", 5000)}));
  EXPECT_EQ(reader.Rows(kStats), reader.Rows(kStatsFromEvents));
}

TEST_F(SqliteStoreTest, VersionFiveFindingsKeepTheirOrder) {
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path());
  {
    Reader v5(path_);
    std::string schema;
    for (size_t i = 0; i < 5; ++i) schema += std::string(sgs::kMigrations[i]) + ";\n";
    schema +=
        "PRAGMA user_version=5;"
        "INSERT INTO cases VALUES ('c1', 'Jordan', '[]', 0, 'watch', 0.4, '[]', '[]', '{}', '[]',"
        " 1);"
        "INSERT INTO findings (id, case_id, detector, category, score, severity, why, excerpt)"
        " VALUES (1, 'c1', 'abuse', 'insult', 0.2, 'info', 'w', 'second by score, first'),"
        " (2, 'c1', 'abuse', 'threat', 0.9, 'danger', 'w', 'first by score, second');";
    ASSERT_EQ(sqlite3_exec(v5.db(), schema.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(v5.db());
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store) << store.error().message;
  auto cases = (*store)->ListCases();
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 1u);
  ASSERT_EQ((*cases)[0].findings.size(), 2u);
  EXPECT_EQ((*cases)[0].findings[0].excerpt, "second by score, first");
  EXPECT_EQ((*cases)[0].findings[1].excerpt, "first by score, second");
  EXPECT_EQ(Reader(path_).Rows("SELECT sort_key FROM findings ORDER BY id"),
            (std::vector<std::string>{"1", "2"}));
}

TEST_F(SqliteStoreTest, CounterpartCountsFollowTheEvents) {
  auto store = sgs::SqliteStore::Open(path_, {.events_per_commit = 3, .bulk_after_events = 5});
  ASSERT_TRUE(store);
  sg::Event reply = MakeEvent("stop", 500);
  reply.direction = sg::Direction::kOutgoing;
  reply.recipients = {{{sg::IdentityKind::kEmail, "jordan@example.com"}, "Jordan"}};
  sg::Event call = MakeEvent("", 7000);
  call.channel = sg::Channel::kCall;
  sg::Event nobody = MakeEvent("anonymous", 8000);
  nobody.sender = {};
  std::vector<sg::Event> first = {MakeEvent("a", 1000), MakeEvent("b", 9000), reply, call, nobody};
  auto run = (*store)->BeginImport({"x"});
  ASSERT_TRUE(run);
  ASSERT_TRUE((*store)->WriteEvents(*run, first));
  // Duplicates count once; a later batch widens the time range.
  ASSERT_TRUE((*store)->WriteEvents(*run, {MakeEvent("a", 1000), MakeEvent("c", 200)}));
  ASSERT_TRUE((*store)->FinishImport(*run, {}, 0));
  Reader reader(path_);
  EXPECT_EQ(reader.Rows(kStats), reader.Rows(kStatsFromEvents));
  EXPECT_EQ(reader.Rows(kStats).size(), 3u);
}

TEST_F(SqliteStoreTest, LargeRunRebuildsTheCounterpartIndexInOneTransaction) {
  const std::string fresh_index = [&] {
    { EXPECT_TRUE(sgs::SqliteStore::Open(path_ + ".fresh")); }
    return Reader(path_ + ".fresh").One(kIndexSql);
  }();
  ASSERT_FALSE(fresh_index.empty());
  auto store = sgs::SqliteStore::Open(path_, {.events_per_commit = 2, .bulk_after_events = 4});
  ASSERT_TRUE(store);
  Reader reader(path_);
  auto run = (*store)->BeginImport({"x"});
  ASSERT_TRUE(run);
  std::vector<std::vector<sg::Event>> batches(4);
  for (int i = 0; i < 12; ++i) batches[i / 3].push_back(MakeEvent("m" + std::to_string(i), i));
  ASSERT_TRUE((*store)->WriteEvents(*run, batches[0]));
  // Three events reach the commit threshold of two: a reader sees them.
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM events"), "3");
  ASSERT_TRUE((*store)->WriteEvents(*run, batches[1]));
  ASSERT_TRUE((*store)->WriteEvents(*run, batches[2]));
  // Six events are at least the three stored before the run: the run is now one transaction.
  // A reader still sees the index and none of the new events.
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM events"), "3");
  EXPECT_EQ(reader.One(kIndexSql), fresh_index);
  ASSERT_TRUE((*store)->WriteEvents(*run, batches[3]));
  ASSERT_TRUE((*store)->FinishImport(*run, {12, 0}, 0));
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM events"), "12");
  EXPECT_EQ(reader.One(kIndexSql), fresh_index);
  EXPECT_EQ(reader.One("PRAGMA integrity_check"), "ok");
  EXPECT_NE(reader
                .One("EXPLAIN QUERY PLAN SELECT ts_ms FROM events WHERE counterpart_id = 1"
                     " ORDER BY ts_ms")
                .find("events_by_counterpart"),
            std::string::npos);
  EXPECT_EQ(reader.Rows(kStats), reader.Rows(kStatsFromEvents));
}

TEST_F(SqliteStoreTest, UnfinishedLargeRunLeavesTheStoreAsBefore) {
  {
    auto store = sgs::SqliteStore::Open(path_, {.events_per_commit = 100, .bulk_after_events = 2});
    ASSERT_TRUE(store);
    auto run = (*store)->BeginImport({"x"});
    ASSERT_TRUE(run);
    ASSERT_TRUE((*store)->WriteEvents(*run, {MakeEvent("a", 1), MakeEvent("b", 2)}));
    ASSERT_TRUE((*store)->WriteRejections(*run, {{"x", "line 3", "no \"time\""}}));
    // The process stops here, without FinishImport.
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  EXPECT_EQ(*(*store)->CountEvents(), 0);
  Reader reader(path_);
  EXPECT_FALSE(reader.One(kIndexSql).empty());
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM rejections"), "0");
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM counterpart_stats"), "0");
}

TEST_F(SqliteStoreTest, ManyIdentitiesKeepTheirOwnIds) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  // Enough identities to grow the id cache several times, some longer than a cache slot holds.
  std::vector<sg::Event> batch;
  for (int i = 0; i < 3000; ++i) {
    sg::Event e = MakeEvent("m" + std::to_string(i), i);
    e.sender.identity = {sg::IdentityKind::kEmail,
                         (i % 3 == 0 ? std::string(50, 'x') : "") + std::to_string(i) + "@e.org"};
    e.sender.display_name.clear();
    batch.push_back(e);
  }
  ASSERT_TRUE((*store)->WriteEvents(1, batch));
  for (auto& e : batch) e.id = sg::IdHasher().Add(e.id).HexDigest();  // new events, same senders
  ASSERT_TRUE((*store)->WriteEvents(1, batch));
  Reader reader(path_);
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM identities WHERE kind = 'email'"), "3000");
  // Every event points at the sender it was written with ("m12" was sent by "12@e.org").
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM events e JOIN identities i ON i.id = e.sender_id"
                       " WHERE i.value <> (CASE WHEN CAST(substr(e.body, 2) AS INTEGER) % 3 = 0"
                       " THEN replace(hex(zeroblob(25)), '0', 'x') ELSE '' END)"
                       " || substr(e.body, 2) || '@e.org'"),
            "0");
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM events"), "6000");
}

TEST_F(SqliteStoreTest, ReadsBackAContactsEventsInTimeOrder) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  sg::Event reply = MakeEvent("stop texting me", 5000);
  reply.direction = sg::Direction::kOutgoing;
  reply.sender = {{sg::IdentityKind::kPhone, "+447700900123"}, ""};
  reply.recipients = {{{sg::IdentityKind::kPhone, "+447700900999"}, "Jordan Blake"}};
  reply.urls = {"https://example.com/a"};
  reply.reactions = {{"Jordan Blake", "😠"}};
  sg::Event anonymous = MakeEvent("no sender", 7000);
  anonymous.sender = {};
  anonymous.recipients = {};
  ASSERT_TRUE(
      (*store)->WriteEvents(1, {MakeEvent("b", 9000), reply, MakeEvent("a", 1000), anonymous}));
  auto ids = (*store)->ListIdentities();
  ASSERT_TRUE(ids);
  std::vector<sgs::ContactRecord> contacts;
  for (const auto& rec : *ids) {
    const bool self = rec.identity.value == "+447700900123";
    contacts.push_back({self ? "self" : "c1", self ? "You" : "Jordan", {rec.id}, {"test"}, self});
  }
  ASSERT_TRUE((*store)->ReplaceContacts(contacts));
  auto listed = (*store)->ListContacts();
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  const auto& jordan = (*listed)[0];
  EXPECT_EQ(jordan.record.id, "c1");
  ASSERT_EQ(jordan.identities.size(), 1u);
  EXPECT_EQ(jordan.identities[0].display_names, std::vector<std::string>{"Jordan Blake"});

  std::vector<sg::Event> seen;
  ASSERT_TRUE((*store)->ForEachEvent(jordan.record.identity_ids, [&](sg::Event& e) -> sg::Status {
    seen.push_back(e);
    return sg::OkStatus();
  }));
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].text, "a");
  EXPECT_EQ(seen[1].text, "stop texting me");
  EXPECT_EQ(seen[2].text, "b");
  EXPECT_EQ(seen[0].id, MakeEvent("a", 1000).id);
  EXPECT_EQ(seen[0].sender.identity.Key(), "phone:+447700900999");
  EXPECT_EQ(seen[0].time.offset_minutes, 60);
  ASSERT_EQ(seen[0].attachments.size(), 1u);
  EXPECT_EQ(seen[0].attachments[0].sha256, sg::Sha256Hex("abc"));
  EXPECT_EQ(seen[1].direction, sg::Direction::kOutgoing);
  ASSERT_EQ(seen[1].recipients.size(), 1u);
  EXPECT_EQ(seen[1].recipients[0].display_name, "Jordan Blake");
  EXPECT_EQ(seen[1].urls, std::vector<std::string>{"https://example.com/a"});
  ASSERT_EQ(seen[1].reactions.size(), 1u);
  EXPECT_EQ(seen[1].source.record, "line 3");

  // No ids: the events nobody can be tied to.
  seen.clear();
  ASSERT_TRUE((*store)->ForEachEvent({}, [&](sg::Event& e) -> sg::Status {
    seen.push_back(e);
    return sg::OkStatus();
  }));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].text, "no sender");

  // The visitor's error stops the walk and comes back.
  int calls = 0;
  auto stopped = (*store)->ForEachEvent(jordan.record.identity_ids, [&](sg::Event&) -> sg::Status {
    ++calls;
    return sg::MakeError(sg::ErrorCode::kInvalidInput, "enough");
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().message, "enough");
  EXPECT_EQ(calls, 1);
}

TEST_F(SqliteStoreTest, ReplacesAndListsCasesMostSevereFirst) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  sg::Case watch;
  watch.contact_id = "c-watch";
  watch.display = "Alex";
  watch.severity = sg::Severity::kWatch;
  watch.score = 0.4;
  sg::Case danger;
  danger.contact_id = "c-danger";
  danger.display = "Jordan Blake";
  danger.identities = {"phone:+447700900999"};
  danger.severity = sg::Severity::kDanger;
  danger.score = 0.93;
  danger.forms = {"abusive_messages", "excessive_contact"};
  danger.reasons = {"a threat after a refusal"};
  danger.actions = {"Call the police"};
  danger.facts.incidents = 12;
  danger.facts.channels = {"sms", "whatsapp"};
  danger.facts.refused = true;
  danger.facts.unanswered_share = 0.75;
  sg::Finding threat;
  threat.event_id = std::string(32, 'a');
  threat.detector = "abuse";
  threat.category = "threat";
  threat.score = 0.91;
  threat.severity = sg::Severity::kDanger;
  threat.span = {4, 18};
  threat.why = "model: threat 0.91";
  threat.excerpt = "you'll regret this";
  danger.findings = {threat};
  ASSERT_TRUE((*store)->ReplaceCases({watch, danger}));
  ASSERT_TRUE((*store)->ReplaceCases({watch, danger}));  // replaced, not added to

  auto cases = (*store)->ListCases();
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 2u);
  const sg::Case& first = (*cases)[0];
  EXPECT_EQ(first.contact_id, "c-danger");
  EXPECT_EQ(first.severity, sg::Severity::kDanger);
  EXPECT_EQ(first.forms, danger.forms);
  EXPECT_EQ(first.facts.incidents, 12);
  EXPECT_EQ(first.facts.channels, danger.facts.channels);
  EXPECT_TRUE(first.facts.refused);
  EXPECT_DOUBLE_EQ(first.facts.unanswered_share, 0.75);
  ASSERT_EQ(first.findings.size(), 1u);
  EXPECT_EQ(first.findings[0].event_id, threat.event_id);
  EXPECT_EQ(first.findings[0].span.begin, 4u);
  EXPECT_EQ(first.findings[0].excerpt, "you'll regret this");
  EXPECT_EQ((*cases)[1].contact_id, "c-watch");
  EXPECT_TRUE((*cases)[1].findings.empty());
}

TEST_F(SqliteStoreTest, ReplacesTheCasesOfSomeContactsOnly) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  auto make = [](const std::string& id, sg::Severity severity, double score, int findings) {
    sg::Case c;
    c.contact_id = id;
    c.display = id;
    c.severity = severity;
    c.score = score;
    for (int i = 0; i < findings; ++i) {
      sg::Finding f;
      f.event_id = sg::IdHasher().Add(id).Add(i).HexDigest();
      f.detector = "abuse";
      f.category = "insult";
      f.score = 0.5;
      f.why = "model: insult";
      f.excerpt = id + " " + std::to_string(i);
      c.findings.push_back(f);
    }
    return c;
  };
  ASSERT_TRUE((*store)->ReplaceCases({make("a", sg::Severity::kWatch, 0.4, 2),
                                      make("b", sg::Severity::kWarning, 0.7, 1),
                                      make("c", sg::Severity::kInfo, 0.1, 1)}));
  // "a" is judged again, "c" has no case any more, "b" is not touched.
  ASSERT_TRUE((*store)->ReplaceCasesFor({"a", "c"}, {make("a", sg::Severity::kDanger, 0.9, 3)}));
  auto cases = (*store)->ListCases();
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].contact_id, "a");
  EXPECT_EQ((*cases)[0].severity, sg::Severity::kDanger);
  EXPECT_EQ((*cases)[0].findings.size(), 3u);
  EXPECT_EQ((*cases)[1].contact_id, "b");
  EXPECT_EQ((*cases)[1].findings.size(), 1u);
  Reader reader(path_);
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM findings"), "4");
  // The first two findings of "a" were logged already: only the third is new to the log.
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM evidence_log WHERE kind = 'finding'"), "5");

  // A case of a contact not named is refused and nothing changes.
  EXPECT_FALSE((*store)->ReplaceCasesFor({"a"}, {make("b", sg::Severity::kInfo, 0.1, 0)}));
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM cases"), "2");
}

// Live ingest's path: only the findings that differ are written, and the stored cases read
// back as a full rewrite would leave them.
TEST_F(SqliteStoreTest, UpdateCasesWritesOnlyTheFindingsThatDiffer) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  auto finding = [](const std::string& text, double score) {
    sg::Finding f;
    f.event_id = sg::IdHasher().Add(text).HexDigest();
    f.detector = "abuse";
    f.category = "insult";
    f.score = score;
    f.why = "model: insult";
    f.excerpt = text;
    return f;
  };
  auto make = [&](const std::string& id, const std::vector<std::string>& texts) {
    sg::Case c;
    c.contact_id = id;
    c.display = id;
    c.severity = sg::Severity::kWatch;
    c.score = 0.4;
    for (size_t i = 0; i < texts.size(); ++i)
      c.findings.push_back(finding(texts[i], 0.9 - 0.1 * static_cast<double>(i)));
    return c;
  };
  ASSERT_TRUE((*store)->ReplaceCases(
      {make("a", {"a1", "a2", "a3"}), make("b", {"b1"}), make("c", {"c1"})}));
  auto stored = (*store)->ListCases();
  ASSERT_TRUE(stored);
  std::map<std::string, sg::Case> before;
  for (sg::Case& c : *stored) before[c.contact_id] = c;
  Reader reader(path_);
  const std::string a3_row = reader.One("SELECT id FROM findings WHERE excerpt = 'a3'");

  // "a": a2 goes, a new finding comes first and another between a1 and a3; "b" goes; "d" is
  // new; "c" is given with a wrong `before` and is rewritten whole.
  sg::Case a = make("a", {"new first", "a1", "new middle", "a3"});
  a.findings[0].score = 0.95;
  a.findings[1].score = 0.9;  // a1 as stored
  a.findings[2].score = 0.75;
  a.findings[3].score = 0.7;  // a3 as stored
  a.severity = sg::Severity::kWarning;
  sg::Case c = make("c", {"c1", "c2"});
  sg::Case d = make("d", {"d1"});
  sg::Case wrong_c = make("c", {"c0", "c1"});
  std::vector<sgs::Store::CaseUpdate> updates = {{"a", &before.at("a"), &a},
                                                 {"b", &before.at("b"), nullptr},
                                                 {"c", &wrong_c, &c},
                                                 {"d", nullptr, &d}};
  ASSERT_TRUE((*store)->UpdateCases(updates));
  auto cases = (*store)->ListCases();
  ASSERT_TRUE(cases) << cases.error().message;
  std::map<std::string, sg::Case> got;
  for (sg::Case& k : *cases) got[k.contact_id] = k;
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got.at("a").severity, sg::Severity::kWarning);
  for (const sg::Case* want : {&a, &c, &d}) {
    const sg::Case& have = got.at(want->contact_id);
    ASSERT_EQ(have.findings.size(), want->findings.size()) << want->contact_id;
    for (size_t i = 0; i < want->findings.size(); ++i) {
      EXPECT_EQ(have.findings[i].excerpt, want->findings[i].excerpt) << want->contact_id << i;
      EXPECT_EQ(have.findings[i].id, sg::evidence::FindingId(want->findings[i]));
      EXPECT_EQ(want->findings[i].id, have.findings[i].id);  // set on `after`
    }
  }
  EXPECT_EQ(reader.One("SELECT id FROM findings WHERE excerpt = 'a3'"), a3_row);
  // Logged once each: 5 at first, then "new first", "new middle", "c2", "d1".
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM evidence_log WHERE kind = 'finding'"), "9");
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM findings"), "7");

  // Many findings put between the same two run out of room: the case is renumbered.
  before.clear();
  for (sg::Case& k : *cases) before[k.contact_id] = k;
  sg::Case packed = got.at("d");
  for (int i = 0; i < 40; ++i) {
    sg::Finding f = finding("d" + std::to_string(i + 2), 0.5);
    f.id.clear();
    packed.findings.insert(packed.findings.begin() + 1, f);
    std::vector<sgs::Store::CaseUpdate> more = {{"d", &before.at("d"), &packed}};
    ASSERT_TRUE((*store)->UpdateCases(more));
    before["d"] = packed;
  }
  auto listed = (*store)->ListCases();
  ASSERT_TRUE(listed);
  for (const sg::Case& k : *listed) {
    if (k.contact_id != "d") continue;
    ASSERT_EQ(k.findings.size(), packed.findings.size());
    for (size_t i = 0; i < k.findings.size(); ++i)
      EXPECT_EQ(k.findings[i].excerpt, packed.findings[i].excerpt) << i;
  }
}

TEST_F(SqliteStoreTest, ReportsWhatBecameOfEachWrittenEvent) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  sg::Event outgoing = MakeEvent("to them", 3000);
  outgoing.direction = sg::Direction::kOutgoing;
  std::swap(outgoing.sender, outgoing.recipients[0]);
  sg::Event nobody = MakeEvent("a note", 4000);
  nobody.sender = {};
  nobody.recipients.clear();
  sgs::WriteReport report;
  auto counts = (*store)->WriteEventsReporting(
      0, {MakeEvent("hi", 1000), MakeEvent("hi", 1000), outgoing, nobody}, report);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(counts->inserted, 3);
  ASSERT_EQ(report.events.size(), 4u);
  EXPECT_TRUE(report.identities_changed);
  EXPECT_TRUE(report.events[0].inserted);
  EXPECT_FALSE(report.events[1].inserted);  // the same id twice
  EXPECT_TRUE(report.events[2].inserted);
  EXPECT_GT(report.events[2].seq, report.events[0].seq);
  // Both are about the other person: sender of the first, recipient of the outgoing one.
  EXPECT_NE(report.events[0].counterpart_id, 0);
  EXPECT_EQ(report.events[2].counterpart_id, report.events[0].counterpart_id);
  EXPECT_EQ(report.events[3].counterpart_id, 0);
  Reader reader(path_);
  EXPECT_EQ(
      reader.One("SELECT seq, counterpart_id FROM events WHERE body = 'to them'"),
      std::to_string(report.events[2].seq) + "|" + std::to_string(report.events[2].counterpart_id));

  std::vector<int64_t> seqs;
  ASSERT_TRUE((*store)->ForEachEventWithSeq({report.events[0].counterpart_id},
                                            [&](sg::Event&, int64_t seq) -> sg::Status {
                                              seqs.push_back(seq);
                                              return sg::OkStatus();
                                            }));
  EXPECT_EQ(seqs, (std::vector<int64_t>{report.events[0].seq, report.events[2].seq}));

  // Known identities and names: nothing for the contacts to relink.
  ASSERT_TRUE((*store)->WriteEventsReporting(0, {MakeEvent("later", 5000)}, report));
  EXPECT_FALSE(report.identities_changed);
  EXPECT_TRUE(report.identity_changes.empty());
  // A new name shown for a known identity is a change, and only that name is reported.
  sg::Event renamed = MakeEvent("new name", 6000);
  renamed.sender.display_name = "J.";
  ASSERT_TRUE((*store)->WriteEventsReporting(0, {renamed}, report));
  EXPECT_TRUE(report.identities_changed);
  ASSERT_EQ(report.identity_changes.size(), 1u);
  EXPECT_EQ(report.identity_changes[0].id, report.events[0].counterpart_id);
  EXPECT_EQ(report.identity_changes[0].identity.Key(), "phone:+447700900999");
  EXPECT_EQ(report.identity_changes[0].display_names, std::vector<std::string>{"J."});
  // A new identity is reported with its names.
  sg::Event stranger = MakeEvent("who", 7000);
  stranger.sender = {{sg::IdentityKind::kPhone, "+447700900777"}, "Casey"};
  ASSERT_TRUE((*store)->WriteEventsReporting(0, {stranger}, report));
  ASSERT_EQ(report.identity_changes.size(), 1u);
  EXPECT_EQ(report.identity_changes[0].id, report.events[0].counterpart_id);
  EXPECT_EQ(report.identity_changes[0].display_names, std::vector<std::string>{"Casey"});
}

TEST_F(SqliteStoreTest, UpdateContactsWritesOnlyWhatChanged) {
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  sg::Event other = MakeEvent("other", 2000);
  other.sender = {{sg::IdentityKind::kPhone, "+447700900777"}, "Casey"};
  ASSERT_TRUE((*store)->WriteEvents(1, {MakeEvent("a", 1000), other}));
  auto ids = (*store)->ListIdentities();
  ASSERT_TRUE(ids);
  ASSERT_EQ(ids->size(), 3u);
  const int64_t jordan = (*ids)[0].id, self = (*ids)[1].id, casey = (*ids)[2].id;
  ASSERT_TRUE((*store)->ReplaceContacts({{"c1", "Jordan", {jordan}, {}, false},
                                         {"self", "You", {self}, {}, true},
                                         {"c2", "Casey", {casey}, {}, false}}));
  // c2 is merged into c1, self stays as it was.
  ASSERT_TRUE(
      (*store)->UpdateContacts({{"c1", "Jordan Blake", {jordan, casey}, {"why"}, false}}, {"c2"}));
  auto listed = (*store)->ListContacts();
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].record.id, "c1");
  EXPECT_EQ((*listed)[0].record.display, "Jordan Blake");
  EXPECT_EQ((*listed)[0].record.identity_ids, (std::vector<int64_t>{jordan, casey}));
  EXPECT_EQ((*listed)[0].record.link_reasons, std::vector<std::string>{"why"});
  EXPECT_EQ((*listed)[1].record.id, "self");
  EXPECT_TRUE((*listed)[1].record.is_self);
  EXPECT_EQ((*listed)[1].record.identity_ids, std::vector<int64_t>{self});
  Reader reader(path_);
  EXPECT_EQ(reader.One("SELECT COUNT(*) FROM contacts"), "2");
}

TEST_F(SqliteStoreTest, CheckupRecordsAreReplacedByKeyAndOutliveReopening) {
  {
    auto store = sgs::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->PutCheckupRecords({{"answer:shared-devices", R"({"answer":"yes"})", 0},
                                             {"password-audit", R"({"accounts":3})", 0}}));
    ASSERT_TRUE((*store)->PutCheckupRecords({{"answer:shared-devices", R"({"answer":"no"})", 0}}));
  }
  auto store = sgs::SqliteStore::Open(path_);
  ASSERT_TRUE(store);
  auto records = (*store)->ListCheckupRecords();
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].key, "answer:shared-devices");
  EXPECT_EQ((*records)[0].value, R"({"answer":"no"})");
  EXPECT_GT((*records)[0].updated_ms, 0);
  EXPECT_EQ((*records)[1].key, "password-audit");
}
