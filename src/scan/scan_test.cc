#include "scan/scan.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

class ScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-scan-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    auto store = sg::store::SqliteStore::Open((dir_ / "db.sqlite").string());
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    options_.profile.names = {"Sam Lee"};
    options_.profile.identities = {{sg::IdentityKind::kPhone, "+447700900123"}};
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / "in" / name).parent_path());
    std::ofstream(dir_ / "in" / name, std::ios::binary) << text;
  }

  static std::string Line(const std::string& sender, const std::string& text, int minute) {
    return R"({"time":"2024-03-01T18:)" + std::string(minute < 10 ? "0" : "") +
           std::to_string(minute) + R"(:00Z","channel":"sms","sender":")" + sender +
           R"(","recipient":"+447700900123","text":")" + text + "\"}\n";
  }

  fs::path dir_;
  std::unique_ptr<sg::store::SqliteStore> store_;
  sg::scan::ScanOptions options_;
};

}  // namespace

TEST_F(ScanTest, ImportsRejectsAndBuildsContacts) {
  Write("a.jsonl", Line("+447700900999", "hi", 1) + Line("+447700900999", "answer me", 2) +
                       "{broken\n" + Line("+447700900321", "lol", 3));
  auto report = sg::scan::RunScan({(dir_ / "in").string()}, options_, *store_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 3);
  EXPECT_EQ(report->rejected, 1);
  ASSERT_EQ(report->rejections.size(), 1u);
  EXPECT_EQ(report->rejections[0].record, "line 3");
  EXPECT_NE(report->rejections[0].source.find("a.jsonl"), std::string::npos);
  ASSERT_EQ(report->contacts.size(), 2u);
  EXPECT_EQ(report->contacts[0].identities, std::vector<std::string>{"phone:+447700900999"});
  EXPECT_EQ(report->contacts[0].incoming, 2);
}

TEST_F(ScanTest, ReimportAddsNothing) {
  Write("a.jsonl", Line("+447700900999", "hi", 1) + Line("+447700900999", "hi", 1));
  auto first = sg::scan::RunScan({(dir_ / "in").string()}, options_, *store_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->counts.inserted, 2);  // two equal lines are two messages
  auto second = sg::scan::RunScan({(dir_ / "in").string()}, options_, *store_);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->counts.inserted, 0);
  EXPECT_EQ(second->counts.duplicates, 2);
}

TEST_F(ScanTest, MissingPathsAndUnknownFilesAreReported) {
  Write("notes.txt", "just some notes\n");
  Write("photo.jpg", "\xFF\xD8\xFF");
  Write("a.jsonl", Line("+447700900999", "hi", 1));
  auto report = sg::scan::RunScan(
      {(dir_ / "nope").string(), (dir_ / "in").string(), (dir_ / "in" / "notes.txt").string()},
      options_, *store_);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->counts.inserted, 1);
  // The missing path and the unknown file the user named are rejections; inside a folder an
  // unknown file is only skipped, and a photo is media.
  EXPECT_EQ(report->rejected, 2);
  ASSERT_EQ(report->skipped.size(), 2u);
  EXPECT_EQ(report->skipped[0].reason, "no known format");
  EXPECT_EQ(report->skipped[1].reason, "media file");
}

TEST_F(ScanTest, WalksZipArchives) {
  const std::string zip = (dir_ / "in" / "export.zip").string();
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  ASSERT_EQ(archive_write_open_filename(a, zip.c_str()), ARCHIVE_OK);
  const std::string body = Line("+447700900999", "from the zip", 5);
  struct archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, "inner/messages.jsonl");
  archive_entry_set_size(entry, static_cast<la_int64_t>(body.size()));
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, 0644);
  archive_write_header(a, entry);
  archive_write_data(a, body.data(), body.size());
  archive_entry_free(entry);
  archive_write_close(a);
  archive_write_free(a);
  auto report = sg::scan::RunScan({zip}, options_, *store_);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->counts.inserted, 1);
  EXPECT_EQ(report->rejected, 0);
}

// A scan that adds more events than the store held goes in as one transaction that drops and
// rebuilds events_by_counterpart; afterwards the store must look exactly as if every row had
// been indexed on the way in.
TEST_F(ScanTest, LargeScanLeavesTheIndexCountsAndRejectionsInPlace) {
  const std::string db = (dir_ / "bulk.sqlite").string();
  auto store = sg::store::SqliteStore::Open(db, {.events_per_commit = 8, .bulk_after_events = 8});
  ASSERT_TRUE(store);
  options_.batch_size = 4;
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += Line(i % 2 ? "+447700900999" : "+447700900321", "m" + std::to_string(i), i % 60);
    if (i == 20) text += "{broken\n";
  }
  Write("a.jsonl", text);
  auto first = sg::scan::RunScan({(dir_ / "in").string()}, options_, **store);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->counts.inserted, 40);
  ASSERT_EQ(first->rejections.size(), 1u);
  EXPECT_EQ(first->rejections[0].record, "line 22");
  ASSERT_EQ(first->contacts.size(), 2u);
  EXPECT_EQ(first->contacts[0].incoming + first->contacts[1].incoming, 40);

  auto second = sg::scan::RunScan({(dir_ / "in").string()}, options_, **store);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->counts.inserted, 0);
  EXPECT_EQ(second->counts.duplicates, 40);
  EXPECT_EQ(second->contacts[0].incoming + second->contacts[1].incoming, 40);

  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &reader), SQLITE_OK);
  auto one = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  EXPECT_EQ(one("SELECT sql FROM sqlite_master WHERE name = 'events_by_counterpart'"),
            "CREATE INDEX events_by_counterpart ON events (counterpart_id, ts_ms)");
  EXPECT_EQ(one("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(one("SELECT COUNT(*) FROM rejections WHERE record = 'line 22'"), "2");
  sqlite3_close(reader);
}
