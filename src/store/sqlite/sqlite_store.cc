#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <set>

#include "evidence/canonical.h"
#include "store/sqlite/internal/sqlite_impl.h"

namespace stalkguard::store {

using internal::AppendJsonString;
using internal::HexToBytes;
using internal::json;
using internal::NowMs;
using internal::ParseStringList;
using internal::Statement;

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

int SqliteStore::SchemaVersion() { return static_cast<int>(kMigrations.size()); }

std::string DefaultDatabasePath() {
  const char* data = std::getenv("XDG_DATA_HOME");
  std::string base;
  if (data != nullptr && *data != '\0') {
    base = data;
  } else {
    const char* home = std::getenv("HOME");
    base = std::string(home != nullptr ? home : ".") + "/.local/share";
  }
  return base + "/stalkguard/stalkguard.db";
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const SqliteOptions& options) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  // A Store is used from one thread at a time, so the connection needs no mutex of its own.
  if (sqlite3_open_v2(path.c_str(), &impl->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return tl::unexpected(impl->Fail("cannot open database"));
  }
  sqlite3_busy_timeout(impl->db, 5000);
  // A new store gets 16 KiB pages (it must be set before WAL mode writes the header; an
  // existing file keeps its own): a stored event takes about 700 bytes, and bigger pages cut
  // the page writes, WAL frames and system calls of an import by four against 4 KiB.
  // WAL lets readers (the dashboard) run during an import; NORMAL sync is durable across
  // application crashes and costs far less than FULL. A checkpoint every 16384 pages (256 MiB
  // of WAL with 16 KiB pages) instead of 1000 cuts the fsyncs of a large import. A bulk run
  // grows the WAL to its own size; the size limit gives that disk space back after the next
  // checkpoint instead of when the last connection closes.
  auto wal = impl->Exec("PRAGMA page_size=16384;");
  if (wal) wal = sqlite::UseWal(impl->db, path);
  if (wal) {
    wal = impl->Exec(
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;"
        "PRAGMA journal_size_limit=536870912;");
  }
  if (!wal) {
    return MakeError(ErrorCode::kStore,
                     path + ": not a stalkguard database (" + wal.error().message + ")");
  }
  SG_RETURN_IF_ERROR(
      impl->Exec(options.sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
  SG_RETURN_IF_ERROR(impl->Migrate());
  SG_RETURN_IF_ERROR(impl->BackfillLog());
  SG_RETURN_IF_ERROR(impl->Prepare(
      impl->insert_event,
      "INSERT OR IGNORE INTO events (id, native_id, import_id, platform, channel, direction,"
      " sender_id, sender_name, counterpart_id, recipients, ts_ms, tz_offset_min, thread, subject,"
      " body, urls, reactions, call_type, call_duration_s, source_file, source_record, raw)"
      " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)"));
  SG_RETURN_IF_ERROR(impl->Prepare(
      impl->insert_attachment,
      "INSERT INTO attachments (event_seq, idx, name, mime_type, size, sha256, uri, bytes)"
      " VALUES (?1,?2,?3,?4,?5,?6,?7,?8)"));
  SG_RETURN_IF_ERROR(impl->Prepare(impl->find_identity,
                                   "SELECT id FROM identities WHERE kind = ?1 AND value = ?2"));
  SG_RETURN_IF_ERROR(
      impl->Prepare(impl->insert_identity, "INSERT INTO identities (kind, value) VALUES (?1, ?2)"));
  SG_RETURN_IF_ERROR(
      impl->Prepare(impl->insert_name,
                    "INSERT OR IGNORE INTO identity_names (identity_id, name) VALUES (?1, ?2)"));
  SG_RETURN_IF_ERROR(impl->Prepare(
      impl->upsert_stats,
      "INSERT INTO counterpart_stats (counterpart_id, channel, direction, events, first_ms,"
      " last_ms) VALUES (?1,?2,?3,?4,?5,?6)"
      " ON CONFLICT (counterpart_id, channel, direction) DO UPDATE SET"
      " events = events + excluded.events, first_ms = min(first_ms, excluded.first_ms),"
      " last_ms = max(last_ms, excluded.last_ms)"));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

Result<int64_t> SqliteStore::BeginImport(const std::vector<std::string>& paths) {
  SG_RETURN_IF_ERROR(impl_->Commit());
  {
    // seq only grows, so its maximum bounds the row count at the cost of one b-tree descent.
    Statement rows;
    SG_RETURN_IF_ERROR(impl_->Prepare(rows, "SELECT coalesce(max(seq), 0) FROM events"));
    if (sqlite3_step(rows.get()) != SQLITE_ROW)
      return tl::unexpected(impl_->Fail("cannot count events"));
    impl_->rows_before_run = rows.ColumnInt(0);
  }
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt, "INSERT INTO imports (started_ms, paths) VALUES (?1, ?2)"));
  stmt.BindInt(1, NowMs());
  const std::string paths_json = json(paths).dump();
  stmt.BindText(2, paths_json);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE)
    return tl::unexpected(impl_->Fail("cannot log import"));
  impl_->run_id = sqlite3_last_insert_rowid(impl_->db);
  impl_->run_inserted = 0;
  return impl_->run_id;
}

Result<WriteCounts> SqliteStore::Impl::WriteAll(int64_t import_id,
                                                const std::vector<Event>& events) {
  WriteCounts counts;
  SG_ASSIGN_OR_RETURN(const evidence::ChainHead head, ChainHead());
  evidence::HashChain chain(head);
  const int64_t recorded_ms = NowMs();
  Event stored_form;
  Statement& ins = insert_event;
  for (const Event& e : events) {
    SG_CHECK(e.id.size() == 32, "event without id reached the store");
    int64_t sender_id = 0;
    if (!e.sender.identity.empty()) {
      SG_ASSIGN_OR_RETURN(sender_id, IdentityId(e.sender.identity));
      SG_RETURN_IF_ERROR(NoteName(sender_id, e.sender.identity, e.sender.display_name));
    }
    int64_t first_recipient = 0;
    std::string& recipients = recipients_buf;
    recipients.clear();
    for (const Party& p : e.recipients) {
      // A recipient without an identity is kept too (by name): the evidence log hashes every
      // recipient the source showed.
      recipients += recipients.empty() ? "[{\"identity\":" : ",{\"identity\":";
      recipients += '"';
      if (!p.identity.empty()) {
        SG_ASSIGN_OR_RETURN(int64_t rid, IdentityId(p.identity));
        SG_RETURN_IF_ERROR(NoteName(rid, p.identity, p.display_name));
        if (first_recipient == 0) first_recipient = rid;
        // Identity::Key() spelled out in place: kinds need no escaping.
        recipients += ToString(p.identity.kind);
        recipients += ':';
        AppendJsonString(recipients, p.identity.value, /*quote=*/false);
      }
      recipients += '"';
      if (!p.display_name.empty()) {
        recipients += ",\"name\":";
        AppendJsonString(recipients, p.display_name);
      }
      recipients += '}';
    }
    if (!recipients.empty()) recipients += ']';
    const int64_t counterpart = e.direction == Direction::kOutgoing ? first_recipient : sender_id;

    std::string& urls = urls_buf;
    urls.clear();
    for (const std::string& url : e.urls) {
      urls += urls.empty() ? '[' : ',';
      AppendJsonString(urls, url);
    }
    if (!urls.empty()) urls += ']';
    std::string& reactions = reactions_buf;
    reactions.clear();
    for (const Reaction& r : e.reactions) {
      reactions += reactions.empty() ? "[{\"actor\":" : ",{\"actor\":";
      AppendJsonString(reactions, r.actor);
      reactions += ",\"emoji\":";
      AppendJsonString(reactions, r.emoji);
      reactions += '}';
    }
    if (!reactions.empty()) reactions += ']';
    HexToBytes(e.id, id_buf);

    sqlite3_reset(ins.get());
    ins.BindBlob(1, id_buf);
    ins.BindTextOrNull(2, e.native_id);
    ins.BindInt(3, import_id);
    ins.BindText(4, e.platform);
    ins.BindText(5, ToString(e.channel));
    ins.BindText(6, ToString(e.direction));
    ins.BindIntOrNull(7, sender_id, sender_id != 0);
    ins.BindTextOrNull(8, e.sender.display_name);
    ins.BindIntOrNull(9, counterpart, counterpart != 0);
    ins.BindTextOrNull(10, recipients);
    ins.BindInt(11, e.time.utc_ms);
    ins.BindIntOrNull(12, e.time.offset_minutes, e.time.offset_known);
    ins.BindTextOrNull(13, e.thread);
    ins.BindTextOrNull(14, e.subject);
    ins.BindTextOrNull(15, e.text);
    ins.BindTextOrNull(16, urls);
    ins.BindTextOrNull(17, reactions);
    if (e.call_type == CallType::kNone)
      sqlite3_bind_null(ins.get(), 18);
    else
      ins.BindText(18, ToString(e.call_type));
    ins.BindIntOrNull(19, e.call_duration_s, e.call_duration_s >= 0);
    ins.BindText(20, e.source.file);
    ins.BindText(21, e.source.record);
    ins.BindBlob(22, e.raw);
    if (sqlite3_step(ins.get()) != SQLITE_DONE) return tl::unexpected(Fail("cannot store event"));
    if (sqlite3_changes(db) == 0) {
      ++counts.duplicates;
      if (report != nullptr) report->events.emplace_back();
      continue;
    }
    ++counts.inserted;
    if (counterpart != 0) pending_stats.Count(counterpart, e.channel, e.direction, e.time.utc_ms);
    const int64_t seq = sqlite3_last_insert_rowid(db);
    if (report != nullptr) report->events.push_back({true, seq, counterpart});
    Statement& att = insert_attachment;
    for (size_t i = 0; i < e.attachments.size(); ++i) {
      const Attachment& a = e.attachments[i];
      sqlite3_reset(att.get());
      att.BindInt(1, seq);
      att.BindInt(2, static_cast<int64_t>(i));
      att.BindTextOrNull(3, a.name);
      att.BindTextOrNull(4, a.mime_type);
      att.BindIntOrNull(5, a.size, a.size >= 0);
      att.BindTextOrNull(6, a.sha256);
      att.BindTextOrNull(7, a.uri);
      att.BindBlob(8, a.bytes);
      if (sqlite3_step(att.get()) != SQLITE_DONE) {
        return tl::unexpected(Fail("cannot store attachment"));
      }
    }
    const Event* logged = &e;
    if (internal::DiffersFromStoredForm(e)) {
      stored_form = e;
      internal::ToStoredForm(stored_form);
      logged = &stored_form;
    }
    chain.Append(evidence::kKindEvent, e.id, evidence::CanonicalEventBytes(*logged), recorded_ms,
                 e.source.file);
  }
  SG_RETURN_IF_ERROR(WriteLogEntries(chain));
  return counts;
}

Result<WriteCounts> SqliteStore::WriteEvents(int64_t import_id, const std::vector<Event>& events) {
  SG_RETURN_IF_ERROR(impl_->Begin());
  auto counts = impl_->WriteAll(import_id, events);
  if (!counts) {
    impl_->Rollback();
    return counts;
  }
  impl_->events_since_commit += static_cast<int64_t>(events.size());
  impl_->run_inserted += counts->inserted;
  if (impl_->ShouldDropIndex()) {
    if (auto dropped = impl_->Exec("DROP INDEX events_by_counterpart"); !dropped) {
      impl_->Rollback();
      return tl::unexpected(dropped.error());
    }
    impl_->index_dropped = true;
  }
  if (impl_->run_id == 0 ||
      (!impl_->index_dropped && impl_->events_since_commit >= impl_->options.events_per_commit)) {
    SG_RETURN_IF_ERROR(impl_->Commit());
  }
  return counts;
}

Result<WriteCounts> SqliteStore::WriteEventsReporting(int64_t import_id,
                                                      const std::vector<Event>& events,
                                                      WriteReport& report) {
  report = WriteReport{};
  report.events.reserve(events.size());
  impl_->report = &report;
  auto counts = WriteEvents(import_id, events);
  impl_->report = nullptr;
  // A batch that failed was rolled back: nothing of it is stored.
  if (!counts) report = WriteReport{};
  return counts;
}

Status SqliteStore::WriteRejections(int64_t import_id, const std::vector<Rejection>& rejections) {
  if (rejections.empty()) return OkStatus();
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt, "INSERT INTO rejections (import_id, source, record, reason) VALUES (?1,?2,?3,?4)"));
  SG_RETURN_IF_ERROR(impl_->Begin());
  for (const Rejection& r : rejections) {
    sqlite3_reset(stmt.get());
    stmt.BindInt(1, import_id);
    stmt.BindText(2, r.source);
    stmt.BindText(3, r.record);
    stmt.BindText(4, r.reason);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
      Error error = impl_->Fail("cannot store rejection");
      impl_->Rollback();
      return tl::unexpected(std::move(error));
    }
  }
  return impl_->run_id == 0 ? impl_->Commit() : OkStatus();
}

Status SqliteStore::FinishImport(int64_t import_id, const WriteCounts& counts, int64_t rejected) {
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "UPDATE imports SET finished_ms=?1, inserted=?2, duplicates=?3, rejected=?4 WHERE id=?5"));
  stmt.BindInt(1, NowMs());
  stmt.BindInt(2, counts.inserted);
  stmt.BindInt(3, counts.duplicates);
  stmt.BindInt(4, rejected);
  stmt.BindInt(5, import_id);
  SG_RETURN_IF_ERROR(impl_->Begin());
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
    Error error = impl_->Fail("cannot log import");
    impl_->Rollback();
    return tl::unexpected(std::move(error));
  }
  impl_->run_id = 0;
  return impl_->Commit();
}

Result<std::vector<IdentityRecord>> SqliteStore::ListIdentities() {
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt,
                     "SELECT i.id, i.kind, i.value, n.name FROM identities i"
                     " LEFT JOIN identity_names n ON n.identity_id = i.id ORDER BY i.id, n.name"));
  std::vector<IdentityRecord> out;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const int64_t id = stmt.ColumnInt(0);
    if (out.empty() || out.back().id != id) {
      IdentityRecord record;
      record.id = id;
      record.identity.kind =
          IdentityKindFromString(stmt.ColumnText(1)).value_or(IdentityKind::kHandle);
      record.identity.value = stmt.ColumnText(2);
      out.push_back(std::move(record));
    }
    if (sqlite3_column_type(stmt.get(), 3) != SQLITE_NULL) {
      out.back().display_names.push_back(stmt.ColumnText(3));
    }
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list identities"));
  return out;
}

Status SqliteStore::ReplaceContacts(const std::vector<ContactRecord>& contacts) {
  return WriteContacts(contacts, [this] {
    return impl_->Exec("DELETE FROM contacts; UPDATE identities SET contact_id=NULL;");
  });
}

Status SqliteStore::UpdateContacts(const std::vector<ContactRecord>& changed,
                                   const std::vector<std::string>& removed) {
  if (changed.empty() && removed.empty()) return OkStatus();
  Statement remove, release;
  SG_RETURN_IF_ERROR(impl_->Prepare(remove, "DELETE FROM contacts WHERE id = ?1"));
  SG_RETURN_IF_ERROR(
      impl_->Prepare(release, "UPDATE identities SET contact_id=NULL WHERE contact_id = ?1"));
  return WriteContacts(changed, [&]() -> Status {
    for (const std::string& id : removed) {
      for (Statement* stmt : {&remove, &release}) {
        sqlite3_reset(stmt->get());
        stmt->BindText(1, id);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
          return tl::unexpected(impl_->Fail("cannot remove contact"));
      }
    }
    for (const ContactRecord& c : changed) {
      sqlite3_reset(remove.get());
      remove.BindText(1, c.id);
      if (sqlite3_step(remove.get()) != SQLITE_DONE)
        return tl::unexpected(impl_->Fail("cannot replace contact"));
    }
    return OkStatus();
  });
}

Status SqliteStore::WriteContacts(const std::vector<ContactRecord>& contacts,
                                  const std::function<Status()>& clear) {
  Statement insert, assign;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      insert, "INSERT INTO contacts (id, display, is_self, link_reasons) VALUES (?1,?2,?3,?4)"));
  SG_RETURN_IF_ERROR(impl_->Prepare(assign, "UPDATE identities SET contact_id=?1 WHERE id=?2"));
  SG_RETURN_IF_ERROR(impl_->Begin());
  auto write = [&]() -> Status {
    SG_RETURN_IF_ERROR(clear());
    for (const ContactRecord& c : contacts) {
      sqlite3_reset(insert.get());
      insert.BindText(1, c.id);
      insert.BindText(2, c.display);
      insert.BindInt(3, c.is_self ? 1 : 0);
      const std::string reasons = json(c.link_reasons).dump();
      insert.BindText(4, reasons);
      if (sqlite3_step(insert.get()) != SQLITE_DONE)
        return tl::unexpected(impl_->Fail("cannot store contact"));
      for (int64_t identity_id : c.identity_ids) {
        sqlite3_reset(assign.get());
        assign.BindText(1, c.id);
        assign.BindInt(2, identity_id);
        if (sqlite3_step(assign.get()) != SQLITE_DONE) {
          return tl::unexpected(impl_->Fail("cannot link identity"));
        }
      }
    }
    return OkStatus();
  };
  if (auto status = write(); !status) {
    impl_->Rollback();
    return status;
  }
  return impl_->Commit();
}

Result<std::vector<ContactSummary>> SqliteStore::ContactSummaries() {
  std::map<std::string, ContactSummary> by_id;
  {
    Statement stmt;
    SG_RETURN_IF_ERROR(impl_->Prepare(
        stmt,
        "SELECT c.id, c.display, c.link_reasons, i.kind, i.value FROM contacts c"
        " JOIN identities i ON i.contact_id = c.id WHERE c.is_self = 0 ORDER BY c.id, i.id"));
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
      ContactSummary& s = by_id[stmt.ColumnText(0)];
      if (s.id.empty()) {
        s.id = stmt.ColumnText(0);
        s.display = stmt.ColumnText(1);
        s.link_reasons = ParseStringList(stmt.ColumnText(2));
      }
      s.identities.push_back(stmt.ColumnText(3) + ":" + stmt.ColumnText(4));
    }
  }
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT i.contact_id, s.channel, s.direction, SUM(s.events), MIN(s.first_ms),"
      " MAX(s.last_ms) FROM counterpart_stats s JOIN identities i ON i.id = s.counterpart_id"
      " WHERE i.contact_id IS NOT NULL GROUP BY 1, 2, 3"));
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    auto it = by_id.find(stmt.ColumnText(0));
    if (it == by_id.end()) continue;  // the protected person
    ContactSummary& s = it->second;
    const std::string channel = stmt.ColumnText(1);
    const std::string direction = stmt.ColumnText(2);
    const int64_t n = stmt.ColumnInt(3);
    if (std::find(s.channels.begin(), s.channels.end(), channel) == s.channels.end()) {
      s.channels.push_back(channel);
    }
    if (direction == "incoming")
      s.incoming += n;
    else if (direction == "outgoing")
      s.outgoing += n;
    else
      s.other += n;
    const int64_t first = stmt.ColumnInt(4), last = stmt.ColumnInt(5);
    if (s.first_ms == 0 || first < s.first_ms) s.first_ms = first;
    if (last > s.last_ms) s.last_ms = last;
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot summarise contacts"));
  std::vector<ContactSummary> out;
  for (auto& [id, s] : by_id) {
    std::sort(s.channels.begin(), s.channels.end());
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const ContactSummary& a, const ContactSummary& b) {
    return a.incoming + a.outgoing + a.other > b.incoming + b.outgoing + b.other;
  });
  return out;
}

Result<int64_t> SqliteStore::CountEvents() {
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(stmt, "SELECT COUNT(*) FROM events"));
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return tl::unexpected(impl_->Fail("cannot count"));
  return stmt.ColumnInt(0);
}

}  // namespace stalkguard::store
