// The store audit catches a store file edited behind stalkguard's back.
#include "casework/log_audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "core/digest.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;

namespace {

class LogAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sg-audit-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "store.db").string();
    auto store = sg::store::SqliteStore::Open(path_);
    ASSERT_TRUE(store);
    std::vector<sg::Event> events;
    for (int i = 0; i < 5; ++i) {
      sg::Event e;
      e.id = sg::IdHasher().Add("audit").Add(i).HexDigest();
      e.platform = "sms";
      e.channel = sg::Channel::kSms;
      e.direction = sg::Direction::kIncoming;
      e.sender = {{sg::IdentityKind::kPhone, "+447700900999"}, "Jordan"};
      e.time = {1709251200000 + i * 1000, 0, false};
      e.text = "message " + std::to_string(i);
      e.source = {"sms.xml", "sms " + std::to_string(i)};
      e.raw = "<sms/>";
      events.push_back(std::move(e));
    }
    ASSERT_TRUE((*store)->WriteEvents(0, events));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Edits the file directly, as someone with access to it could.
  void Edit(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &message), SQLITE_OK)
        << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
  }

  sg::casework::LogAudit Audit() {
    auto store = sg::store::SqliteStore::Open(path_);
    EXPECT_TRUE(store);
    auto audit = sg::casework::AuditEvidenceLog(**store);
    EXPECT_TRUE(audit) << audit.error().message;
    return *audit;
  }

  static bool Has(const sg::casework::LogAudit& audit, const std::string& words) {
    for (const auto& p : audit.problems)
      if (p.message.find(words) != std::string::npos) return true;
    return false;
  }

  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace

TEST_F(LogAuditTest, UntouchedStoreVerifies) {
  const auto audit = Audit();
  EXPECT_TRUE(audit.ok());
  EXPECT_EQ(audit.entries, 5);
  EXPECT_EQ(audit.events, 5);
  EXPECT_EQ(audit.head.count, 5u);
}

TEST_F(LogAuditTest, AlteredMessageIsNamed) {
  Edit("UPDATE events SET body = 'I never said that' WHERE seq = 3");
  const auto audit = Audit();
  ASSERT_EQ(audit.problems.size(), 1u);
  EXPECT_EQ(audit.problems[0].seq, 3u);
  EXPECT_TRUE(Has(audit, "no longer matches (altered)"));
}

TEST_F(LogAuditTest, DeletedMessageIsNamed) {
  Edit("DELETE FROM events WHERE seq = 2");
  const auto audit = Audit();
  EXPECT_TRUE(Has(audit, "is missing from the store (removed)"));
}

TEST_F(LogAuditTest, EntryRemovedBehindTheTriggersIsNamed) {
  Edit("DROP TRIGGER evidence_log_no_delete; DELETE FROM evidence_log WHERE seq = 4;");
  const auto audit = Audit();
  EXPECT_TRUE(Has(audit, "entries not in sequence: 5 follows 3"));
  EXPECT_TRUE(Has(audit, "previous hash does not match entry 3"));
  EXPECT_TRUE(Has(audit, "not in the evidence log"));
}
