// SqliteStore: the safety check-up's records (answers, the last password audit's summary).
#include <sqlite3.h>

#include "store/sqlite/internal/sqlite_impl.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::store {

using internal::Statement;

Status SqliteStore::PutCheckupRecords(const std::vector<CheckupRecord>& records) {
  if (records.empty()) return OkStatus();
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt, "INSERT OR REPLACE INTO checkup_records (key, value, updated_ms) VALUES (?1,?2,?3)"));
  SG_RETURN_IF_ERROR(impl_->Begin());
  const int64_t now = internal::NowMs();
  for (const CheckupRecord& record : records) {
    sqlite3_reset(stmt.get());
    stmt.BindText(1, record.key);
    stmt.BindText(2, record.value);
    stmt.BindInt(3, now);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
      Error error = impl_->Fail("cannot store check-up record \"" + record.key + "\"");
      impl_->Rollback();
      return tl::unexpected(std::move(error));
    }
  }
  return impl_->Commit();
}

Result<std::vector<CheckupRecord>> SqliteStore::ListCheckupRecords() {
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt, "SELECT key, value, updated_ms FROM checkup_records ORDER BY key"));
  std::vector<CheckupRecord> out;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    out.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnInt(2)});
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list check-up records"));
  return out;
}

}  // namespace stalkguard::store
