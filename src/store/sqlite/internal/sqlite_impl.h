// The SQLite store's connection state and small helpers, shared by the files that implement
// SqliteStore (writing events in sqlite_store.cc, reading them back and keeping detections in
// sqlite_detections.cc). Never included outside store/sqlite.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "evidence/hash_chain.h"
#include "sqlite/database.h"
#include "sqlite/statement.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::store {

extern const std::vector<std::string_view> kMigrations;

namespace internal {

using json = nlohmann::json;

inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

using Statement = sqlite::Statement;

// Hex digits (either case) to bytes; ids and hashes are ours, so the digits are not checked.
// Table-driven: it runs four times for every stored event (its id and its log entry).
inline void HexToBytes(std::string_view hex, std::string& out) {
  static constexpr auto kNibble = [] {
    std::array<uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
      if (c >= '0' && c <= '9') table[c] = static_cast<uint8_t>(c - '0');
      if (c >= 'a' && c <= 'f') table[c] = static_cast<uint8_t>(c - 'a' + 10);
      if (c >= 'A' && c <= 'F') table[c] = static_cast<uint8_t>(c - 'A' + 10);
    }
    return table;
  }();
  out.resize(hex.size() / 2);
  const auto* in = reinterpret_cast<const unsigned char*>(hex.data());
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(kNibble[in[2 * i]] << 4 | kNibble[in[2 * i + 1]]);
}

// Appends `s` as a JSON string literal, or only its escaped characters when `quote` is false.
// Hand-written, copying runs of plain characters at once, because it runs for every event.
inline void AppendJsonString(std::string& out, std::string_view s, bool quote = true) {
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

// Whether the store would give `e` back in another form (sqlite_evidence.cc), and that form.
bool DiffersFromStoredForm(const Event& e);
void ToStoredForm(Event& e);

// A JSON array of strings as we wrote it; anything else reads as empty.
inline std::vector<std::string> ParseStringList(const std::string& text) {
  std::vector<std::string> out;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

// The queries that read events back (sqlite_detections.cc): `where` selects the events, by
// columns of `events e`; the events come oldest first.
std::string AttachmentsSql(std::string_view where);
std::string EventsSql(std::string_view where, bool with_raw);
// Steps the two bound statements and appends their events to `out`.
Status ReadRows(const SqliteStore::Impl& impl, const Statement& read_events,
                const Statement& read_attachments, bool with_raw,
                std::vector<SqliteStore::ReadEvent>& out);

}  // namespace internal

struct SqliteStore::Impl {
  using Statement = internal::Statement;
  using json = internal::json;
  sqlite3* db = nullptr;
  // Declared before the statements so that it closes the connection after they are finalised.
  struct Closer {
    sqlite3** db;
    ~Closer() { sqlite3_close_v2(*db); }
  } closer{&db};
  std::string path;
  SqliteOptions options;
  Statement insert_event, insert_attachment, find_identity, insert_identity, insert_name,
      upsert_stats, insert_log;
  // ForEachEvent's reads, prepared on first use: [0] by counterpart, [1] without one; [2] and
  // [3] the same with `raw`.
  Statement read_events[4], read_attachments[4];
  internal::IdentityCache identity_ids;
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
  internal::PendingStats pending_stats;
  // The evidence log's head as this connection last wrote or read it; read again at the start
  // of every transaction, since another process may have appended in between.
  evidence::ChainHead chain_head;
  bool chain_head_loaded = false;
  // Set while WriteEventsReporting runs: WriteAll and the identity helpers fill it.
  WriteReport* report = nullptr;

  Error Fail(const std::string& what) const { return sqlite::Failure(db, path, what); }

  Status Exec(const char* sql) { return sqlite::Exec(db, path, sql); }

  Status Prepare(Statement& stmt, const char* sql) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt.out(), nullptr) !=
        SQLITE_OK) {
      return tl::unexpected(Fail("cannot prepare statement"));
    }
    return OkStatus();
  }

  Status Migrate() { return sqlite::ApplyMigrations(db, path, kMigrations); }

  Status Begin() {
    if (in_transaction) return OkStatus();
    SG_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    in_transaction = true;
    chain_head_loaded = false;
    return OkStatus();
  }

  // Commits the open transaction, first adding its counterpart_stats and building the index
  // it dropped. Rolls back when any of that fails.
  Status Commit() {
    if (!in_transaction) return OkStatus();
    Status status = FlushStats();
    if (status && index_dropped) status = Exec(internal::kCreateCounterpartIndex);
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
    chain_head_loaded = false;
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
    SG_RETURN_IF_ERROR(
        pending_stats.ForEach([this](const internal::PendingStats::Entry& e) -> Status {
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

  // The evidence log's head, read from the table once per transaction. Call inside one.
  Result<evidence::ChainHead> ChainHead();
  // Appends the entries of `chain` (made from ChainHead()) to the table and moves the head.
  Status WriteLogEntries(const evidence::HashChain& chain);
  // Logs the events of a store made before the log existed (schema < 4), in row order.
  Status BackfillLog();
  // Every event with raw in row order, a slice of rows at a time.
  Status ForEachInRowOrder(
      const std::function<Status(std::vector<SqliteStore::ReadEvent>&)>& visit);

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
      if (report != nullptr) {
        report->identities_changed = true;
        report->identity_changes.push_back({id, identity, {}});
      }
    }
    identity_ids.Insert(identity, id);
    return id;
  }

  Status NoteName(int64_t identity_id, const Identity& identity, const std::string& name) {
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
    if (report != nullptr && sqlite3_changes(db) > 0) {
      report->identities_changed = true;
      // Batches are small: the identity is usually the last one noted, or near it.
      auto& changes = report->identity_changes;
      auto it = std::find_if(changes.rbegin(), changes.rend(),
                             [&](const IdentityRecord& r) { return r.id == identity_id; });
      if (it == changes.rend()) {
        changes.push_back({identity_id, identity, {}});
        it = changes.rbegin();
      }
      it->display_names.push_back(name);
    }
    return OkStatus();
  }
};

}  // namespace stalkguard::store
