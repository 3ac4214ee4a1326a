#include "sqlite/database.h"

#include <chrono>
#include <thread>

#include "sqlite/statement.h"

namespace stalkguard::sqlite {

Error Failure(sqlite3* db, const std::string& path, const std::string& what) {
  return Error{ErrorCode::kStore, path + ": " + what + ": " + sqlite3_errmsg(db)};
}

Status Exec(sqlite3* db, const std::string& path, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return MakeError(ErrorCode::kStore, path + ": " + text);
  }
  return OkStatus();
}

Status UseWal(sqlite3* db, const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    Statement stmt;
    int rc = SQLITE_ERROR;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, stmt.out(), nullptr) == SQLITE_OK) {
      rc = stmt.Step();
    }
    if (rc == SQLITE_ROW && stmt.ColumnText(0) == "wal") return OkStatus();
    const bool busy = rc == SQLITE_ROW || rc == SQLITE_BUSY || rc == SQLITE_LOCKED ||
                      sqlite3_errcode(db) == SQLITE_BUSY;
    if (!busy || attempt == 500) return tl::unexpected(Failure(db, path, "cannot use WAL mode"));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Status ApplyMigrations(sqlite3* db, const std::string& path,
                       const std::vector<std::string_view>& migrations) {
  SG_RETURN_IF_ERROR(Exec(db, path, "BEGIN IMMEDIATE"));
  Status migrated = [&]() -> Status {
    size_t current = 0;
    {
      Statement version;
      if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, version.out(), nullptr) != SQLITE_OK ||
          version.Step() != SQLITE_ROW) {
        return tl::unexpected(Failure(db, path, "cannot read the schema version"));
      }
      current = static_cast<size_t>(version.ColumnInt(0));
    }
    if (current > migrations.size()) {
      return MakeError(ErrorCode::kStore, path + ": written by a newer stalkguard (schema " +
                                              std::to_string(current) + ", this one knows " +
                                              std::to_string(migrations.size()) + ")");
    }
    for (size_t i = current; i < migrations.size(); ++i) {
      SG_RETURN_IF_ERROR(Exec(db, path, std::string(migrations[i]).c_str()));
      SG_RETURN_IF_ERROR(Exec(db, path, ("PRAGMA user_version=" + std::to_string(i + 1)).c_str()));
    }
    return OkStatus();
  }();
  if (!migrated) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return migrated;
  }
  return Exec(db, path, "COMMIT");
}

}  // namespace stalkguard::sqlite
