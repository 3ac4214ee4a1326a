#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "core/digest.h"

namespace sg = stalkguard;
namespace sgs = stalkguard::store;

namespace {

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
