// A prepared SQLite statement, finalised when it goes out of scope: what the event store and
// the service database share of the SQLite C API. Include only where SQLite is used.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace stalkguard::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

  // Binds without copying: `s` must stay alive until the statement is stepped (the store's
  // hot paths bind reused buffers).
  void BindText(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  // Binds a copy: for temporaries.
  void BindTextCopy(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void BindTextOrNull(int i, std::string_view s) {
    if (s.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      BindText(i, s);
    }
  }
  // Without copying, like BindText; an empty blob binds NULL.
  void BindBlob(int i, std::string_view s) {
    if (s.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
  }
  void BindBlobCopy(int i, const void* data, size_t size) {
    sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
  }
  void BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindIntOrNull(int i, int64_t v, bool present) {
    if (present) {
      sqlite3_bind_int64(stmt_, i, v);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
  }

  int Step() { return sqlite3_step(stmt_); }

  std::string ColumnText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  int64_t ColumnInt(int i) const { return sqlite3_column_int64(stmt_, i); }
  bool ColumnIsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  // The blob's bytes, valid until the next step; empty for NULL.
  std::string_view ColumnBlob(int i) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    if (p == nullptr) return {};
    return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, i))};
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace stalkguard::sqlite
