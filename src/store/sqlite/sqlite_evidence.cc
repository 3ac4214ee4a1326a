// SqliteStore: the evidence log table (schema 4) and the stored form events are hashed in.
#include <sqlite3.h>

#include <algorithm>

#include "core/digest.h"
#include "evidence/canonical.h"
#include "store/sqlite/internal/sqlite_impl.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::store {

using internal::Statement;

namespace {

// A BLOB column as lower-case hex.
std::string BlobHex(const Statement& stmt, int column) {
  const void* blob = sqlite3_column_blob(stmt.get(), column);
  if (blob == nullptr) return {};
  return HexEncode(std::string_view(static_cast<const char*>(blob),
                                    static_cast<size_t>(sqlite3_column_bytes(stmt.get(), column))));
}

}  // namespace

namespace internal {

// The store keeps some fields in a form that reads back slightly differently from how an
// importer may set them (an unknown sender's identity kind, the offset of a time whose offset
// is unknown, negative "unknown" sizes). The log hashes the event as ForEachEventWithRaw will
// give it back, so that an export can prove it unchanged.
bool DiffersFromStoredForm(const Event& e) {
  auto loose_party = [](const Party& p) {
    return p.identity.value.empty() && p.identity.kind != IdentityKind::kHandle;
  };
  if (loose_party(e.sender)) return true;
  for (const Party& p : e.recipients)
    if (loose_party(p)) return true;
  if (!e.time.offset_known && e.time.offset_minutes != 0) return true;
  if (e.call_duration_s < -1) return true;
  for (const Attachment& a : e.attachments)
    if (a.size < -1) return true;
  return false;
}

void ToStoredForm(Event& e) {
  auto fix_party = [](Party& p) {
    if (p.identity.value.empty()) p.identity.kind = IdentityKind::kHandle;
  };
  fix_party(e.sender);
  for (Party& p : e.recipients) fix_party(p);
  if (!e.time.offset_known) e.time.offset_minutes = 0;
  if (e.call_duration_s < 0) e.call_duration_s = -1;
  for (Attachment& a : e.attachments)
    if (a.size < 0) a.size = -1;
}

}  // namespace internal

Result<evidence::ChainHead> SqliteStore::Impl::ChainHead() {
  if (chain_head_loaded) return chain_head;
  Statement stmt;
  SG_RETURN_IF_ERROR(
      Prepare(stmt, "SELECT seq, entry_hash FROM evidence_log ORDER BY seq DESC LIMIT 1"));
  evidence::ChainHead head;
  const int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_ROW) {
    head.count = static_cast<uint64_t>(stmt.ColumnInt(0));
    head.hash = BlobHex(stmt, 1);
  } else if (rc != SQLITE_DONE) {
    return tl::unexpected(Fail("cannot read the evidence log"));
  }
  chain_head = head;
  chain_head_loaded = true;
  return head;
}

Status SqliteStore::Impl::WriteLogEntries(const evidence::HashChain& chain) {
  if (insert_log.get() == nullptr) {
    SG_RETURN_IF_ERROR(Prepare(insert_log,
                               "INSERT INTO evidence_log (seq, kind, item_id, item_hash,"
                               " recorded_ms, source, prev_hash, entry_hash)"
                               " VALUES (?1,?2,?3,?4,?5,?6,?7,?8)"));
  }
  std::string item_id, item_hash, prev_hash, entry_hash;
  for (const evidence::ChainEntry& entry : chain.entries()) {
    internal::HexToBytes(entry.item_id, item_id);
    internal::HexToBytes(entry.item_hash, item_hash);
    internal::HexToBytes(entry.prev_hash, prev_hash);
    internal::HexToBytes(entry.entry_hash, entry_hash);
    sqlite3_reset(insert_log.get());
    insert_log.BindInt(1, static_cast<int64_t>(entry.seq));
    insert_log.BindText(2, entry.kind);
    insert_log.BindBlob(3, item_id);
    insert_log.BindBlob(4, item_hash);
    insert_log.BindInt(5, entry.recorded_ms);
    insert_log.BindText(6, entry.source);
    insert_log.BindBlob(7, prev_hash);
    insert_log.BindBlob(8, entry_hash);
    if (sqlite3_step(insert_log.get()) != SQLITE_DONE)
      return tl::unexpected(Fail("cannot append to the evidence log"));
  }
  chain_head = chain.Head();
  return OkStatus();
}

Status SqliteStore::Impl::ForEachInRowOrder(
    const std::function<Status(std::vector<SqliteStore::ReadEvent>&)>& visit) {
  constexpr int64_t kSlice = 8192;
  const char* where = "e.seq > ?1 AND e.seq <= ?2";
  Statement slice_events, slice_attachments, last;
  SG_RETURN_IF_ERROR(Prepare(slice_events, internal::EventsSql(where, true).c_str()));
  SG_RETURN_IF_ERROR(Prepare(slice_attachments, internal::AttachmentsSql(where).c_str()));
  SG_RETURN_IF_ERROR(Prepare(last, "SELECT coalesce(max(seq), 0) FROM events"));
  if (sqlite3_step(last.get()) != SQLITE_ROW) return tl::unexpected(Fail("cannot count events"));
  const int64_t max_seq = last.ColumnInt(0);
  std::vector<SqliteStore::ReadEvent> rows;
  for (int64_t from = 0; from < max_seq; from += kSlice) {
    rows.clear();
    for (Statement* stmt : {&slice_events, &slice_attachments}) {
      sqlite3_reset(stmt->get());
      stmt->BindInt(1, from);
      stmt->BindInt(2, from + kSlice);
    }
    SG_RETURN_IF_ERROR(internal::ReadRows(*this, slice_events, slice_attachments, true, rows));
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    SG_RETURN_IF_ERROR(visit(rows));
  }
  return OkStatus();
}

Status SqliteStore::Impl::BackfillLog() {
  {
    Statement needed;
    SG_RETURN_IF_ERROR(Prepare(needed,
                               "SELECT EXISTS (SELECT 1 FROM events) AND"
                               " NOT EXISTS (SELECT 1 FROM evidence_log)"));
    if (sqlite3_step(needed.get()) != SQLITE_ROW)
      return tl::unexpected(Fail("cannot read the evidence log"));
    if (needed.ColumnInt(0) == 0) return OkStatus();
  }
  // The entries say honestly when they were recorded: now, not when the events were imported.
  SG_RETURN_IF_ERROR(Begin());
  const int64_t now = internal::NowMs();
  Status status = ForEachInRowOrder([&](std::vector<SqliteStore::ReadEvent>& rows) -> Status {
    SG_ASSIGN_OR_RETURN(const evidence::ChainHead head, ChainHead());
    evidence::HashChain chain(head);
    for (const SqliteStore::ReadEvent& row : rows) {
      chain.Append(evidence::kKindEvent, row.event.id, evidence::CanonicalEventBytes(row.event),
                   now, row.event.source.file);
    }
    return WriteLogEntries(chain);
  });
  if (!status) {
    Rollback();
    return status;
  }
  return Commit();
}

Status SqliteStore::ForEachStoredEvent(const std::function<Status(Event&)>& visit) {
  return impl_->ForEachInRowOrder([&](std::vector<ReadEvent>& rows) -> Status {
    for (ReadEvent& row : rows) SG_RETURN_IF_ERROR(visit(row.event));
    return OkStatus();
  });
}

Result<evidence::ChainHead> SqliteStore::EvidenceHead() {
  if (impl_->in_transaction) return impl_->ChainHead();
  impl_->chain_head_loaded = false;  // another process may have appended
  return impl_->ChainHead();
}

Status SqliteStore::ForEachEvidenceEntry(
    const std::function<Status(const evidence::ChainEntry&)>& visit) {
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt,
                                    "SELECT seq, kind, item_id, item_hash, recorded_ms, source,"
                                    " prev_hash, entry_hash FROM evidence_log ORDER BY seq"));
  evidence::ChainEntry entry;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    entry.seq = static_cast<uint64_t>(stmt.ColumnInt(0));
    entry.kind = stmt.ColumnText(1);
    entry.item_id = BlobHex(stmt, 2);
    entry.item_hash = BlobHex(stmt, 3);
    entry.recorded_ms = stmt.ColumnInt(4);
    entry.source = stmt.ColumnText(5);
    entry.prev_hash = BlobHex(stmt, 6);
    entry.entry_hash = BlobHex(stmt, 7);
    SG_RETURN_IF_ERROR(visit(entry));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read the evidence log"));
  return OkStatus();
}

}  // namespace stalkguard::store
