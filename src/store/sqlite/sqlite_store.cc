#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_set>

namespace stalkguard::store {

extern const std::vector<std::string_view> kMigrations;

namespace {

using json = nlohmann::json;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A prepared statement, finalised when it goes out of scope.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

  // Binds without copying: `s` must stay alive until the statement is stepped.
  void BindText(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void BindTextOrNull(int i, std::string_view s) {
    if (s.empty())
      sqlite3_bind_null(stmt_, i);
    else
      BindText(i, s);
  }
  void BindBlob(int i, std::string_view s) {
    if (s.empty())
      sqlite3_bind_null(stmt_, i);
    else
      sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindIntOrNull(int i, int64_t v, bool present) {
    if (present)
      sqlite3_bind_int64(stmt_, i, v);
    else
      sqlite3_bind_null(stmt_, i);
  }
  std::string ColumnText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  int64_t ColumnInt(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

void HexToBytes(std::string_view hex, std::string& out) {
  out.assign(hex.size() / 2, '\0');
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
}

// Appends `s` as a JSON string literal, or only its escaped characters when `quote` is false.
// Hand-written, copying runs of plain characters at once, because it runs for every event.
void AppendJsonString(std::string& out, std::string_view s, bool quote = true) {
  if (quote) out += '"';
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  if (quote) out += '"';
}

// Identity -> row id for every identity the connection has seen. Open addressing with short
// keys kept inside the 64-byte slot: a lookup then costs one cache miss where
// std::unordered_map pays three (bucket, node, key), and it runs twice per stored event
// against tens of thousands of identities.
class IdentityCache {
 public:
  // The row id, or 0 when the identity is not cached.
  int64_t Find(const Identity& identity) const {
    if (slots_.empty()) return 0;
    const uint64_t hash = Hash(identity);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == 0) return 0;
      if (slot.hash == hash && Matches(slot, identity)) return slot.id;
    }
  }

  // `identity` must not be cached yet; `id` must not be 0.
  void Insert(const Identity& identity, int64_t id) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Place(Hash(identity), identity.kind, identity.value, id);
  }

  void Clear() {
    slots_.clear();
    long_keys_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  static constexpr size_t kInline = 40;
  struct alignas(64) Slot {
    uint64_t hash = 0;
    int64_t id = 0;  // 0: empty
    uint32_t size = 0;
    IdentityKind kind = IdentityKind::kHandle;
    char key[kInline];  // the value, or when longer its index in long_keys_
  };

  static uint64_t Hash(const Identity& identity) {
    return std::hash<std::string_view>()(identity.value) ^
           (static_cast<uint64_t>(identity.kind) * 0x9E3779B97F4A7C15ULL);
  }

  std::string_view Key(const Slot& slot) const {
    if (slot.size <= kInline) return {slot.key, slot.size};
    uint32_t index;
    std::memcpy(&index, slot.key, sizeof index);
    return long_keys_[index];
  }

  bool Matches(const Slot& slot, const Identity& identity) const {
    return slot.kind == identity.kind && slot.size == identity.value.size() &&
           Key(slot) == identity.value;
  }

  void Place(uint64_t hash, IdentityKind kind, std::string_view value, int64_t id) {
    size_t i = hash & mask_;
    while (slots_[i].id != 0) i = (i + 1) & mask_;
    Slot& slot = slots_[i];
    slot.hash = hash;
    slot.id = id;
    slot.kind = kind;
    slot.size = static_cast<uint32_t>(value.size());
    if (value.size() <= kInline) {
      std::memcpy(slot.key, value.data(), value.size());
    } else {
      const auto index = static_cast<uint32_t>(long_keys_.size());
      long_keys_.emplace_back(value);
      std::memcpy(slot.key, &index, sizeof index);
    }
    ++size_;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    std::vector<std::string> old_long = std::move(long_keys_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.id == 0) continue;
      std::string_view key;
      if (slot.size <= kInline) {
        key = {slot.key, slot.size};
      } else {
        uint32_t index;
        std::memcpy(&index, slot.key, sizeof index);
        key = old_long[index];
      }
      Place(slot.hash, slot.kind, key, slot.id);
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string> long_keys_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

// The same definition as in 001_initial.sql: a bulk run drops the index and builds it again.
// SQLite sorts in memory up to the cache size and then spills sorted runs to temporary files;
// with temp_store=FILE and a 16 MiB cache for the duration, the sort adds a few tens of MiB
// to the process however large the store is, instead of about its whole key set.
constexpr const char* kCreateCounterpartIndex =
    "PRAGMA temp_store=FILE; PRAGMA cache_size=-16384;"
    "CREATE INDEX events_by_counterpart ON events (counterpart_id, ts_ms);"
    "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";

// Events per (counterpart, channel, direction) written by the open transaction, added to
// counterpart_stats when it commits. Open addressing on one packed key: it is updated for every
// stored event.
class PendingStats {
 public:
  struct Entry {
    uint64_t key = 0;  // 0: empty
    int64_t events = 0, first_ms = 0, last_ms = 0;
    int64_t counterpart() const { return static_cast<int64_t>(key >> 8); }
    Channel channel() const { return static_cast<Channel>((key >> 4) & 15); }
    Direction direction() const { return static_cast<Direction>(key & 15); }
  };

  // `counterpart` is an identity row id, so never 0.
  void Count(int64_t counterpart, Channel channel, Direction direction, int64_t utc_ms) {
    static_assert(static_cast<int>(Channel::kSystem) < 16 &&
                  static_cast<int>(Direction::kThirdParty) < 16);
    const uint64_t key = static_cast<uint64_t>(counterpart) << 8 |
                         static_cast<uint64_t>(channel) << 4 | static_cast<uint64_t>(direction);
    if (2 * (size_ + 1) > entries_.size()) Grow();
    Entry& e = Slot(key);
    if (e.key == 0) {
      e = {key, 0, utc_ms, utc_ms};
      ++size_;
    }
    ++e.events;
    e.first_ms = std::min(e.first_ms, utc_ms);
    e.last_ms = std::max(e.last_ms, utc_ms);
  }

  // Calls `f(entry)` for every entry; stops at the first failure and returns it.
  template <typename F>
  Status ForEach(F f) const {
    for (const Entry& e : entries_) {
      if (e.key != 0) SG_RETURN_IF_ERROR(f(e));
    }
    return OkStatus();
  }

  // Keeps the table's memory for the next transaction.
  void Clear() {
    std::fill(entries_.begin(), entries_.end(), Entry{});
    size_ = 0;
  }

 private:
  Entry& Slot(uint64_t key) {
    // Fibonacci hashing spreads the consecutive row ids over the table.
    size_t i = (key * 0x9E3779B97F4A7C15ULL) >> shift_;
    while (entries_[i].key != 0 && entries_[i].key != key) i = (i + 1) & (entries_.size() - 1);
    return entries_[i];
  }

  void Grow() {
    std::vector<Entry> old = std::move(entries_);
    entries_.assign(std::max<size_t>(256, 2 * old.size()), Entry{});
    shift_ = 64 - std::countr_zero(entries_.size());
    for (const Entry& e : old) {
      if (e.key != 0) Slot(e.key) = e;
    }
  }

  std::vector<Entry> entries_;
  size_t size_ = 0;
  int shift_ = 64;
};

// A JSON array of strings as we wrote it; anything else reads as empty.
std::vector<std::string> ParseStringList(const std::string& text) {
  std::vector<std::string> out;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

}  // namespace

struct SqliteStore::Impl {
  sqlite3* db = nullptr;
  // Declared before the statements so that it closes the connection after they are finalised.
  struct Closer {
    sqlite3** db;
    ~Closer() { sqlite3_close_v2(*db); }
  } closer{&db};
  std::string path;
  SqliteOptions options;
  Statement insert_event, insert_attachment, find_identity, insert_identity, insert_name,
      upsert_stats;
  IdentityCache identity_ids;
  std::unordered_set<std::string> names_seen;  // id bytes + name
  // Per-event scratch space bound to statements without copying; reused to avoid allocations.
  std::string id_buf, recipients_buf, urls_buf, reactions_buf, key_buf;

  // The open transaction, if any, and the import run it belongs to (see Store::WriteEvents).
  bool in_transaction = false;
  int64_t run_id = 0;  // 0 outside BeginImport .. FinishImport
  int64_t run_inserted = 0;
  int64_t rows_before_run = 0;
  int64_t events_since_commit = 0;
  bool index_dropped = false;  // events_by_counterpart is rebuilt before the commit
  PendingStats pending_stats;

  Error Fail(const std::string& what) const {
    return Error{ErrorCode::kStore, path + ": " + what + ": " + sqlite3_errmsg(db)};
  }

  Status Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return MakeError(ErrorCode::kStore, path + ": " + text);
    }
    return OkStatus();
  }

  Status Prepare(Statement& stmt, const char* sql) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt.out(), nullptr) !=
        SQLITE_OK) {
      return tl::unexpected(Fail("cannot prepare statement"));
    }
    return OkStatus();
  }

  Status Migrate() {
    Statement version;
    SG_RETURN_IF_ERROR(Prepare(version, "PRAGMA user_version"));
    if (sqlite3_step(version.get()) != SQLITE_ROW)
      return tl::unexpected(Fail("cannot read version"));
    const auto current = static_cast<size_t>(version.ColumnInt(0));
    if (current > kMigrations.size()) {
      return MakeError(ErrorCode::kStore, path + ": written by a newer stalkguard (schema " +
                                              std::to_string(current) + ")");
    }
    for (size_t v = current; v < kMigrations.size(); ++v) {
      SG_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
      const std::string sql =
          std::string(kMigrations[v]) + "; PRAGMA user_version = " + std::to_string(v + 1) + ";";
      auto applied = Exec(sql.c_str());
      if (!applied) {
        (void)Exec("ROLLBACK");
        return applied;
      }
      SG_RETURN_IF_ERROR(Exec("COMMIT"));
    }
    return OkStatus();
  }

  Status Begin() {
    if (in_transaction) return OkStatus();
    SG_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    in_transaction = true;
    return OkStatus();
  }

  // Commits the open transaction, first adding its counterpart_stats and building the index
  // it dropped. Rolls back when any of that fails.
  Status Commit() {
    if (!in_transaction) return OkStatus();
    Status status = FlushStats();
    if (status && index_dropped) status = Exec(kCreateCounterpartIndex);
    if (status) status = Exec("COMMIT");
    if (!status) {
      Rollback();
      return status;
    }
    in_transaction = false;
    index_dropped = false;
    events_since_commit = 0;
    return OkStatus();
  }

  void Rollback() {
    if (in_transaction) (void)Exec("ROLLBACK");
    in_transaction = false;
    index_dropped = false;
    events_since_commit = 0;
    pending_stats.Clear();
    // Ids cached during the failed transaction may not exist any more.
    identity_ids.Clear();
    names_seen.clear();
  }

  // A run that adds at least as many events as the store held before it pays less for one
  // sort of the index at the end than for keeping it up to date row by row: each insert lands
  // at a random place in it, and every commit writes most of its pages to the WAL again.
  bool ShouldDropIndex() const {
    return run_id != 0 && !index_dropped && run_inserted >= options.bulk_after_events &&
           run_inserted >= rows_before_run;
  }

  Status FlushStats() {
    SG_RETURN_IF_ERROR(pending_stats.ForEach([this](const PendingStats::Entry& e) -> Status {
      sqlite3_reset(upsert_stats.get());
      upsert_stats.BindInt(1, e.counterpart());
      upsert_stats.BindText(2, ToString(e.channel()));
      upsert_stats.BindText(3, ToString(e.direction()));
      upsert_stats.BindInt(4, e.events);
      upsert_stats.BindInt(5, e.first_ms);
      upsert_stats.BindInt(6, e.last_ms);
      if (sqlite3_step(upsert_stats.get()) != SQLITE_DONE) {
        return tl::unexpected(Fail("cannot store contact counts"));
      }
      return OkStatus();
    }));
    pending_stats.Clear();
    return OkStatus();
  }

  Result<WriteCounts> WriteAll(int64_t import_id, const std::vector<Event>& events);

  // The id of an identity, inserting it on first sight. Call inside a transaction.
  Result<int64_t> IdentityId(const Identity& identity) {
    if (const int64_t cached = identity_ids.Find(identity); cached != 0) return cached;
    const std::string_view kind = ToString(identity.kind);
    sqlite3_reset(find_identity.get());
    find_identity.BindText(1, kind);
    find_identity.BindText(2, identity.value);
    int64_t id;
    if (sqlite3_step(find_identity.get()) == SQLITE_ROW) {
      id = find_identity.ColumnInt(0);
      sqlite3_reset(find_identity.get());
    } else {
      sqlite3_reset(insert_identity.get());
      insert_identity.BindText(1, kind);
      insert_identity.BindText(2, identity.value);
      if (sqlite3_step(insert_identity.get()) != SQLITE_DONE) {
        return tl::unexpected(Fail("cannot store identity"));
      }
      id = sqlite3_last_insert_rowid(db);
    }
    identity_ids.Insert(identity, id);
    return id;
  }

  Status NoteName(int64_t identity_id, const std::string& name) {
    if (name.empty()) return OkStatus();
    key_buf.assign(reinterpret_cast<const char*>(&identity_id), sizeof identity_id);
    key_buf += name;
    if (names_seen.count(key_buf)) return OkStatus();
    names_seen.insert(key_buf);
    sqlite3_reset(insert_name.get());
    insert_name.BindInt(1, identity_id);
    insert_name.BindText(2, name);
    if (sqlite3_step(insert_name.get()) != SQLITE_DONE) {
      return tl::unexpected(Fail("cannot store identity name"));
    }
    return OkStatus();
  }
};

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
  auto wal = impl->Exec(
      "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;"
      "PRAGMA journal_size_limit=536870912;");
  if (!wal) {
    return MakeError(ErrorCode::kStore,
                     path + ": not a stalkguard database (" + wal.error().message + ")");
  }
  SG_RETURN_IF_ERROR(impl->Migrate());
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
  Statement& ins = insert_event;
  for (const Event& e : events) {
    SG_CHECK(e.id.size() == 32, "event without id reached the store");
    int64_t sender_id = 0;
    if (!e.sender.identity.empty()) {
      SG_ASSIGN_OR_RETURN(sender_id, IdentityId(e.sender.identity));
      SG_RETURN_IF_ERROR(NoteName(sender_id, e.sender.display_name));
    }
    int64_t first_recipient = 0;
    std::string& recipients = recipients_buf;
    recipients.clear();
    for (const Party& p : e.recipients) {
      if (p.identity.empty()) continue;
      SG_ASSIGN_OR_RETURN(int64_t rid, IdentityId(p.identity));
      SG_RETURN_IF_ERROR(NoteName(rid, p.display_name));
      if (first_recipient == 0) first_recipient = rid;
      recipients += recipients.empty() ? "[{\"identity\":" : ",{\"identity\":";
      // Identity::Key() spelled out in place: kinds need no escaping.
      recipients += '"';
      recipients += ToString(p.identity.kind);
      recipients += ':';
      AppendJsonString(recipients, p.identity.value, /*quote=*/false);
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
      continue;
    }
    ++counts.inserted;
    if (counterpart != 0) pending_stats.Count(counterpart, e.channel, e.direction, e.time.utc_ms);
    const int64_t seq = sqlite3_last_insert_rowid(db);
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
  }
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
  Statement insert, assign;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      insert, "INSERT INTO contacts (id, display, is_self, link_reasons) VALUES (?1,?2,?3,?4)"));
  SG_RETURN_IF_ERROR(impl_->Prepare(assign, "UPDATE identities SET contact_id=?1 WHERE id=?2"));
  SG_RETURN_IF_ERROR(impl_->Begin());
  auto write = [&]() -> Status {
    SG_RETURN_IF_ERROR(impl_->Exec("DELETE FROM contacts; UPDATE identities SET contact_id=NULL;"));
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
