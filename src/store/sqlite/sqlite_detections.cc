// SqliteStore: reading events back for detection, and keeping the cases it concludes.
#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/digest.h"
#include "evidence/canonical.h"
#include "store/sqlite/internal/sqlite_impl.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::store {
namespace {

using internal::json;
using internal::ParseStringList;
using internal::Statement;

// The hex of a BLOB column: event ids are stored as their 16 bytes.
std::string HexColumn(const Statement& stmt, int column) {
  const void* blob = sqlite3_column_blob(stmt.get(), column);
  if (blob == nullptr) return {};
  return HexEncode(std::string_view(static_cast<const char*>(blob),
                                    static_cast<size_t>(sqlite3_column_bytes(stmt.get(), column))));
}

Identity IdentityFromKey(std::string_view key) {
  Identity id;
  const size_t colon = key.find(':');
  if (colon == std::string_view::npos) return id;
  id.kind = IdentityKindFromString(key.substr(0, colon)).value_or(IdentityKind::kHandle);
  id.value = std::string(key.substr(colon + 1));
  return id;
}

// The JSON columns as SqliteStore::WriteEvents wrote them; anything else reads as empty.
void ParseRecipients(const std::string& text, std::vector<Party>& out) {
  if (text.empty()) return;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    Party party;
    if (auto it = item.find("identity"); it != item.end() && it->is_string())
      party.identity = IdentityFromKey(it->get<std::string>());
    if (auto it = item.find("name"); it != item.end() && it->is_string())
      party.display_name = it->get<std::string>();
    out.push_back(std::move(party));
  }
}

void ParseReactions(const std::string& text, std::vector<Reaction>& out) {
  if (text.empty()) return;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return;
  for (const auto& item : parsed) {
    if (!item.is_object()) continue;
    out.push_back({item.value("actor", ""), item.value("emoji", "")});
  }
}

[[maybe_unused]] json FactsJson(const CaseFacts& f) {
  return {{"incidents", f.incidents},
          {"incoming", f.incoming},
          {"outgoing", f.outgoing},
          {"first_ms", f.first_ms},
          {"last_ms", f.last_ms},
          {"days_active", f.days_active},
          {"channels", f.channels},
          {"unanswered_calls", f.unanswered_calls},
          {"night_contacts", f.night_contacts},
          {"refused", f.refused},
          {"messages_after_refusal", f.messages_after_refusal},
          {"unanswered_share", f.unanswered_share},
          {"knows_whereabouts", f.knows_whereabouts},
          {"third_parties_reached", f.third_parties_reached},
          {"escalation", f.escalation}};
}

CaseFacts FactsFromJson(const std::string& text) {
  CaseFacts f;
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return f;
  f.incidents = j.value("incidents", int64_t{0});
  f.incoming = j.value("incoming", int64_t{0});
  f.outgoing = j.value("outgoing", int64_t{0});
  f.first_ms = j.value("first_ms", int64_t{0});
  f.last_ms = j.value("last_ms", int64_t{0});
  f.days_active = j.value("days_active", int64_t{0});
  f.channels = j.value("channels", std::vector<std::string>{});
  f.unanswered_calls = j.value("unanswered_calls", int64_t{0});
  f.night_contacts = j.value("night_contacts", int64_t{0});
  f.refused = j.value("refused", false);
  f.messages_after_refusal = j.value("messages_after_refusal", int64_t{0});
  f.unanswered_share = j.value("unanswered_share", 0.0);
  f.knows_whereabouts = j.value("knows_whereabouts", false);
  f.third_parties_reached = j.value("third_parties_reached", int64_t{0});
  f.escalation = j.value("escalation", false);
  return f;
}

}  // namespace

Result<std::vector<ContactIdentities>> SqliteStore::ListContacts() {
  SG_ASSIGN_OR_RETURN(std::vector<IdentityRecord> identities, ListIdentities());
  std::map<int64_t, IdentityRecord*> by_id;
  for (auto& record : identities) by_id[record.id] = &record;
  Statement stmt;
  SG_RETURN_IF_ERROR(
      impl_->Prepare(stmt,
                     "SELECT c.id, c.display, c.is_self, c.link_reasons, i.id FROM contacts c"
                     " JOIN identities i ON i.contact_id = c.id ORDER BY c.id, i.id"));
  std::vector<ContactIdentities> out;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const std::string id = stmt.ColumnText(0);
    if (out.empty() || out.back().record.id != id) {
      ContactIdentities contact;
      contact.record.id = id;
      contact.record.display = stmt.ColumnText(1);
      contact.record.is_self = stmt.ColumnInt(2) != 0;
      contact.record.link_reasons = ParseStringList(stmt.ColumnText(3));
      out.push_back(std::move(contact));
    }
    const int64_t identity_id = stmt.ColumnInt(4);
    out.back().record.identity_ids.push_back(identity_id);
    if (auto it = by_id.find(identity_id); it != by_id.end())
      out.back().identities.push_back(*it->second);
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list contacts"));
  return out;
}

namespace internal {

// The event and attachment queries every read shares; `where` selects the events.
std::string AttachmentsSql(std::string_view where) {
  return std::string(
             "SELECT a.event_seq, a.name, a.mime_type, a.size, a.sha256, a.uri, a.bytes"
             " FROM attachments a JOIN events e ON e.seq = a.event_seq WHERE ") +
         std::string(where) + " ORDER BY a.event_seq, a.idx";
}

std::string EventsSql(std::string_view where, bool with_raw) {
  return std::string(
             "SELECT e.seq, e.id, e.native_id, e.platform, e.channel, e.direction, s.kind,"
             " s.value, e.sender_name, e.recipients, e.ts_ms, e.tz_offset_min, e.thread,"
             " e.subject, e.body, e.urls, e.reactions, e.call_type, e.call_duration_s,"
             " e.source_file, e.source_record") +
         (with_raw ? ", e.raw" : "") +
         " FROM events e LEFT JOIN identities s ON s.id = e.sender_id WHERE " + std::string(where) +
         " ORDER BY e.ts_ms, e.seq";
}

}  // namespace internal

using internal::AttachmentsSql;
using internal::EventsSql;
using internal::ReadRows;

// Reads the events of one counterpart (or of none when `counterpart` is 0), oldest first, into
// `out`. Uses statements prepared once: a scan calls this for every contact.
Status SqliteStore::ReadCounterpartEvents(int64_t counterpart, bool with_raw,
                                          std::vector<ReadEvent>& out) {
  Impl& impl = *impl_;
  const int k = (counterpart == 0 ? 1 : 0) + (with_raw ? 2 : 0);
  const char* where = counterpart == 0 ? "e.counterpart_id IS NULL" : "e.counterpart_id = ?1";
  Statement& read_attachments = impl.read_attachments[k];
  Statement& read_events = impl.read_events[k];
  if (read_events.get() == nullptr) {
    SG_RETURN_IF_ERROR(impl.Prepare(read_attachments, AttachmentsSql(where).c_str()));
    SG_RETURN_IF_ERROR(impl.Prepare(read_events, EventsSql(where, with_raw).c_str()));
  }
  sqlite3_reset(read_attachments.get());
  sqlite3_reset(read_events.get());
  if (counterpart != 0) {
    read_attachments.BindInt(1, counterpart);
    read_events.BindInt(1, counterpart);
  }
  return ReadRows(impl, read_events, read_attachments, with_raw, out);
}

Status internal::ReadRows(const SqliteStore::Impl& impl, const Statement& read_events,
                          const Statement& read_attachments, bool with_raw,
                          std::vector<SqliteStore::ReadEvent>& out) {
  // Attachments first, by event: few events have any, so one query beats one per event.
  std::map<int64_t, std::vector<Attachment>> attachments;
  int rc;
  while ((rc = sqlite3_step(read_attachments.get())) == SQLITE_ROW) {
    const Statement& stmt = read_attachments;
    Attachment a;
    a.name = stmt.ColumnText(1);
    a.mime_type = stmt.ColumnText(2);
    a.size = sqlite3_column_type(stmt.get(), 3) == SQLITE_NULL ? -1 : stmt.ColumnInt(3);
    a.sha256 = stmt.ColumnText(4);
    a.uri = stmt.ColumnText(5);
    if (const void* blob = sqlite3_column_blob(stmt.get(), 6)) {
      a.bytes.assign(static_cast<const char*>(blob),
                     static_cast<size_t>(sqlite3_column_bytes(stmt.get(), 6)));
    }
    attachments[stmt.ColumnInt(0)].push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl.Fail("cannot read attachments"));

  while ((rc = sqlite3_step(read_events.get())) == SQLITE_ROW) {
    const Statement& stmt = read_events;
    SqliteStore::ReadEvent& r = out.emplace_back();
    Event& e = r.event;
    r.seq = stmt.ColumnInt(0);
    e.id = HexColumn(stmt, 1);
    e.native_id = stmt.ColumnText(2);
    e.platform = stmt.ColumnText(3);
    e.channel = ChannelFromString(stmt.ColumnText(4)).value_or(Channel::kChat);
    e.direction = DirectionFromString(stmt.ColumnText(5)).value_or(Direction::kUnknown);
    if (sqlite3_column_type(stmt.get(), 6) != SQLITE_NULL) {
      e.sender.identity.kind =
          IdentityKindFromString(stmt.ColumnText(6)).value_or(IdentityKind::kHandle);
      e.sender.identity.value = stmt.ColumnText(7);
    }
    e.sender.display_name = stmt.ColumnText(8);
    ParseRecipients(stmt.ColumnText(9), e.recipients);
    e.time.utc_ms = stmt.ColumnInt(10);
    e.time.offset_known = sqlite3_column_type(stmt.get(), 11) != SQLITE_NULL;
    e.time.offset_minutes = static_cast<int32_t>(stmt.ColumnInt(11));
    e.thread = stmt.ColumnText(12);
    e.subject = stmt.ColumnText(13);
    e.text = stmt.ColumnText(14);
    if (sqlite3_column_type(stmt.get(), 15) != SQLITE_NULL)
      e.urls = ParseStringList(stmt.ColumnText(15));
    ParseReactions(stmt.ColumnText(16), e.reactions);
    e.call_type = CallTypeFromString(stmt.ColumnText(17)).value_or(CallType::kNone);
    e.call_duration_s =
        sqlite3_column_type(stmt.get(), 18) == SQLITE_NULL ? -1 : stmt.ColumnInt(18);
    e.source.file = stmt.ColumnText(19);
    e.source.record = stmt.ColumnText(20);
    if (with_raw) {
      if (const void* blob = sqlite3_column_blob(stmt.get(), 21)) {
        e.raw.assign(static_cast<const char*>(blob),
                     static_cast<size_t>(sqlite3_column_bytes(stmt.get(), 21)));
      }
    }
    if (auto it = attachments.find(r.seq); it != attachments.end())
      e.attachments = std::move(it->second);
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl.Fail("cannot read events"));
  return OkStatus();
}

namespace {

void SortByTime(std::vector<SqliteStore::ReadEvent>& events) {
  std::sort(events.begin(), events.end(),
            [](const SqliteStore::ReadEvent& a, const SqliteStore::ReadEvent& b) {
              if (a.event.time.utc_ms != b.event.time.utc_ms)
                return a.event.time.utc_ms < b.event.time.utc_ms;
              return a.seq < b.seq;
            });
}

}  // namespace

Status SqliteStore::ForEachCounterpartEvent(const std::vector<int64_t>& counterpart_ids,
                                            bool with_raw,
                                            const std::function<Status(ReadEvent&)>& visit) {
  // One contact's events at a time: a contact's timeline is small next to the store, and
  // several identities' events are merged by time here, with statements prepared once.
  std::vector<ReadEvent> events;
  if (counterpart_ids.empty()) {
    SG_RETURN_IF_ERROR(ReadCounterpartEvents(0, with_raw, events));
  } else {
    for (int64_t id : counterpart_ids)
      SG_RETURN_IF_ERROR(ReadCounterpartEvents(id, with_raw, events));
    if (counterpart_ids.size() > 1) SortByTime(events);
  }
  for (ReadEvent& r : events) SG_RETURN_IF_ERROR(visit(r));
  return OkStatus();
}

Status SqliteStore::ForEachEvent(const std::vector<int64_t>& counterpart_ids,
                                 const std::function<Status(Event&)>& visit) {
  return ForEachCounterpartEvent(counterpart_ids, /*with_raw=*/false,
                                 [&](ReadEvent& r) { return visit(r.event); });
}

Status SqliteStore::ForEachEventWithSeq(const std::vector<int64_t>& counterpart_ids,
                                        const std::function<Status(Event&, int64_t seq)>& visit) {
  return ForEachCounterpartEvent(counterpart_ids, /*with_raw=*/false,
                                 [&](ReadEvent& r) { return visit(r.event, r.seq); });
}

Status SqliteStore::ForEachEventWithRaw(const std::vector<int64_t>& counterpart_ids,
                                        const std::function<Status(Event&)>& visit) {
  return ForEachCounterpartEvent(counterpart_ids, /*with_raw=*/true,
                                 [&](ReadEvent& r) { return visit(r.event); });
}

Status SqliteStore::ReadEvents(const std::vector<std::string>& ids,
                               const std::function<Status(Event&)>& visit) {
  Statement read_events, read_attachments;
  SG_RETURN_IF_ERROR(impl_->Prepare(read_attachments, AttachmentsSql("e.id = ?1").c_str()));
  SG_RETURN_IF_ERROR(impl_->Prepare(read_events, EventsSql("e.id = ?1", true).c_str()));
  std::vector<ReadEvent> events;
  std::string id_bytes;
  for (const std::string& id : ids) {
    if (id.size() != 32) continue;
    internal::HexToBytes(id, id_bytes);
    sqlite3_reset(read_attachments.get());
    sqlite3_reset(read_events.get());
    read_attachments.BindBlob(1, id_bytes);
    read_events.BindBlob(1, id_bytes);
    SG_RETURN_IF_ERROR(ReadRows(*impl_, read_events, read_attachments, true, events));
  }
  SortByTime(events);
  for (ReadEvent& r : events) SG_RETURN_IF_ERROR(visit(r.event));
  return OkStatus();
}

Result<std::vector<std::string>> SqliteStore::GroupThreads() {
  Statement stmt;
  // Contacts, not identities: one person writing from two accounts is still one person.
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT e.platform || char(31) || e.thread FROM events e"
      " JOIN identities i ON i.id = e.sender_id JOIN contacts c ON c.id = i.contact_id"
      " WHERE e.channel = 'chat' AND e.thread IS NOT NULL AND c.is_self = 0"
      " GROUP BY e.platform, e.thread HAVING COUNT(DISTINCT c.id) >= 2"));
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) out.push_back(stmt.ColumnText(0));
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list group threads"));
  return out;
}

namespace {

// Findings keep their order within a case by sort key, spaced so that live ingest can put new
// findings between those that stay without renumbering them.
constexpr int64_t kSortKeyGap = int64_t{1} << 20;

// Equal as the evidence log sees them (CanonicalFindingBytes covers these fields).
bool SameContent(const Finding& a, const Finding& b) {
  return a.score == b.score && a.severity == b.severity && a.span.begin == b.span.begin &&
         a.span.end == b.span.end && a.event_id == b.event_id && a.detector == b.detector &&
         a.category == b.category && a.why == b.why && a.excerpt == b.excerpt;
}

// Over the short fields only: equal hashes are checked with SameContent.
size_t ContentHash(const Finding& f) {
  size_t h = std::hash<std::string_view>{}(f.event_id);
  h = h * 1000003 ^ std::hash<std::string_view>{}(f.detector);
  h = h * 1000003 ^ std::hash<std::string_view>{}(f.category);
  h = h * 1000003 ^ std::hash<double>{}(f.score);
  return h * 1000003 ^ (f.span.begin * 31 + f.span.end);
}

// A JSON array of strings, read back as nlohmann::json writes it, without building a json value (a
// batch writes hundreds of case rows).
std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ',';
    internal::AppendJsonString(out, item);
  }
  out += ']';
  return out;
}

// FactsJson(facts).dump() without building a json value: the keys in the order a json object
// keeps them (sorted), the share as nlohmann::json writes a double.
std::string FactsText(const CaseFacts& f) {
  std::string out;
  out.reserve(320);
  auto key = [&](const char* name) {
    out += out.empty() ? "{\"" : ",\"";
    out += name;
    out += "\":";
  };
  auto number = [&](const char* name, int64_t n) {
    key(name);
    out += std::to_string(n);
  };
  auto flag = [&](const char* name, bool b) {
    key(name);
    out += b ? "true" : "false";
  };
  key("channels");
  out += JsonList(f.channels);
  number("days_active", f.days_active);
  flag("escalation", f.escalation);
  number("first_ms", f.first_ms);
  number("incidents", f.incidents);
  number("incoming", f.incoming);
  flag("knows_whereabouts", f.knows_whereabouts);
  number("last_ms", f.last_ms);
  number("messages_after_refusal", f.messages_after_refusal);
  number("night_contacts", f.night_contacts);
  number("outgoing", f.outgoing);
  flag("refused", f.refused);
  number("third_parties_reached", f.third_parties_reached);
  number("unanswered_calls", f.unanswered_calls);
  key("unanswered_share");
  out += json(f.unanswered_share).dump();
  out += '}';
  return out;
}

// Writes case rows and findings inside one transaction, appending to the evidence log every
// finding whose content it has not logged before.
class CaseWriter {
 public:
  using Impl = SqliteStore::Impl;
  explicit CaseWriter(Impl& impl) : impl_(impl), now_(internal::NowMs()) {}

  Status Prepare() {
    SG_RETURN_IF_ERROR(impl_.Prepare(
        put_case_,
        "INSERT INTO cases (contact_id, display, identities, trusted, severity, score, forms,"
        " reasons, facts, actions, updated_ms) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"
        " ON CONFLICT (contact_id) DO UPDATE SET display=excluded.display,"
        " identities=excluded.identities, trusted=excluded.trusted, severity=excluded.severity,"
        " score=excluded.score, forms=excluded.forms, reasons=excluded.reasons,"
        " facts=excluded.facts, actions=excluded.actions, updated_ms=excluded.updated_ms"));
    SG_RETURN_IF_ERROR(impl_.Prepare(
        insert_finding_,
        "INSERT INTO findings (case_id, event_id, detector, category, score, severity,"
        " span_begin, span_end, why, excerpt, evidence_id, sort_key)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)"));
    return impl_.Prepare(find_logged_,
                         "SELECT 1 FROM evidence_log WHERE kind = 'finding' AND item_id = ?1");
  }

  // Call inside the transaction, before the first finding.
  Status Begin() {
    SG_ASSIGN_OR_RETURN(const evidence::ChainHead head, impl_.ChainHead());
    chain_.emplace(head);
    return OkStatus();
  }

  Status PutCase(const Case& c) {
    Statement& stmt = put_case_;
    sqlite3_reset(stmt.get());
    const std::string identities = JsonList(c.identities);
    const std::string forms = JsonList(c.forms);
    const std::string reasons = JsonList(c.reasons);
    const std::string facts = FactsText(c.facts);
    assert(facts == FactsJson(c.facts).dump());
    const std::string actions = JsonList(c.actions);
    stmt.BindText(1, c.contact_id);
    stmt.BindText(2, c.display);
    stmt.BindText(3, identities);
    stmt.BindInt(4, c.trusted ? 1 : 0);
    stmt.BindText(5, ToString(c.severity));
    sqlite3_bind_double(stmt.get(), 6, c.score);
    stmt.BindText(7, forms);
    stmt.BindText(8, reasons);
    stmt.BindText(9, facts);
    stmt.BindText(10, actions);
    stmt.BindInt(11, now_);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE)
      return tl::unexpected(impl_.Fail("cannot store case"));
    return OkStatus();
  }

  // Inserts `f` and returns its id in the evidence log.
  Result<std::string> InsertFinding(const std::string& case_id, const Finding& f,
                                    int64_t sort_key) {
    Statement& stmt = insert_finding_;
    sqlite3_reset(stmt.get());
    internal::HexToBytes(f.event_id, event_id_);
    SG_ASSIGN_OR_RETURN(std::string evidence_id, LogFinding(f));
    stmt.BindText(1, case_id);
    stmt.BindBlob(2, event_id_);
    stmt.BindText(3, f.detector);
    stmt.BindText(4, f.category);
    sqlite3_bind_double(stmt.get(), 5, f.score);
    stmt.BindText(6, ToString(f.severity));
    stmt.BindIntOrNull(7, static_cast<int64_t>(f.span.begin), !f.span.empty());
    stmt.BindIntOrNull(8, static_cast<int64_t>(f.span.end), !f.span.empty());
    stmt.BindText(9, f.why);
    stmt.BindText(10, f.excerpt);
    stmt.BindText(11, evidence_id);
    stmt.BindInt(12, sort_key);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE)
      return tl::unexpected(impl_.Fail("cannot store finding"));
    return evidence_id;
  }

  // Every finding of `c`, in order, with fresh sort keys.
  Status InsertFindings(Case& c) {
    for (size_t k = 0; k < c.findings.size(); ++k) {
      SG_ASSIGN_OR_RETURN(
          c.findings[k].id,
          InsertFinding(c.contact_id, c.findings[k], static_cast<int64_t>(k + 1) * kSortKeyGap));
    }
    return OkStatus();
  }

  Status Finish() { return impl_.WriteLogEntries(*chain_); }

 private:
  // A finding is logged when its content is first concluded; a later run that reaches the
  // same conclusion refers to the same entry.
  Result<std::string> LogFinding(const Finding& f) {
    // The store keeps an empty span as NULL, which reads back as 0..0.
    const std::string bytes = evidence::CanonicalFindingBytes(evidence::StoredFinding(f));
    std::string id = evidence::ItemHash(bytes).substr(0, 32);
    if (logged_now_.count(id)) return id;
    internal::HexToBytes(id, id_blob_);
    sqlite3_reset(find_logged_.get());
    find_logged_.BindBlob(1, id_blob_);
    const int rc = sqlite3_step(find_logged_.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return tl::unexpected(impl_.Fail("cannot read the evidence log"));
    if (rc == SQLITE_DONE)
      chain_->Append(evidence::kKindFinding, id, bytes, now_, "detector:" + f.detector);
    logged_now_.insert(id);
    return id;
  }

  Impl& impl_;
  const int64_t now_;
  Statement put_case_, insert_finding_, find_logged_;
  std::optional<evidence::HashChain> chain_;
  std::set<std::string> logged_now_;
  std::string id_blob_, event_id_;
};

}  // namespace

Status SqliteStore::ReplaceCases(const std::vector<Case>& cases) {
  return WriteCases(cases,
                    [this] { return impl_->Exec("DELETE FROM findings; DELETE FROM cases;"); });
}

Status SqliteStore::ReplaceCasesFor(const std::vector<std::string>& contact_ids,
                                    const std::vector<Case>& cases) {
  const std::set<std::string> replaced(contact_ids.begin(), contact_ids.end());
  for (const Case& c : cases) {
    if (!replaced.count(c.contact_id))
      return MakeError(ErrorCode::kInvalidInput,
                       "case of contact " + c.contact_id + " is not among those replaced");
  }
  Statement delete_findings, delete_case;
  SG_RETURN_IF_ERROR(impl_->Prepare(delete_findings, "DELETE FROM findings WHERE case_id = ?1"));
  SG_RETURN_IF_ERROR(impl_->Prepare(delete_case, "DELETE FROM cases WHERE contact_id = ?1"));
  return WriteCases(cases, [&]() -> Status {
    for (const std::string& id : replaced) {
      for (Statement* stmt : {&delete_findings, &delete_case}) {
        sqlite3_reset(stmt->get());
        stmt->BindText(1, id);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
          return tl::unexpected(impl_->Fail("cannot remove case"));
      }
    }
    return OkStatus();
  });
}

Status SqliteStore::WriteCases(const std::vector<Case>& cases,
                               const std::function<Status()>& clear) {
  CaseWriter writer(*impl_);
  SG_RETURN_IF_ERROR(writer.Prepare());
  SG_RETURN_IF_ERROR(impl_->Begin());
  auto write = [&]() -> Status {
    SG_RETURN_IF_ERROR(clear());
    SG_RETURN_IF_ERROR(writer.Begin());
    for (const Case& c : cases) {
      SG_RETURN_IF_ERROR(writer.PutCase(c));
      for (size_t k = 0; k < c.findings.size(); ++k) {
        SG_RETURN_IF_ERROR(writer.InsertFinding(c.contact_id, c.findings[k],
                                                static_cast<int64_t>(k + 1) * kSortKeyGap));
      }
    }
    return writer.Finish();
  };
  if (auto status = write(); !status) {
    impl_->Rollback();
    return status;
  }
  return impl_->Commit();
}

Status SqliteStore::UpdateCases(std::vector<CaseUpdate>& updates) {
  CaseWriter writer(*impl_);
  SG_RETURN_IF_ERROR(writer.Prepare());
  Statement rows, delete_finding, delete_findings, delete_case;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      rows, "SELECT id, sort_key FROM findings WHERE case_id = ?1 ORDER BY sort_key"));
  SG_RETURN_IF_ERROR(impl_->Prepare(delete_finding, "DELETE FROM findings WHERE id = ?1"));
  SG_RETURN_IF_ERROR(impl_->Prepare(delete_findings, "DELETE FROM findings WHERE case_id = ?1"));
  SG_RETURN_IF_ERROR(impl_->Prepare(delete_case, "DELETE FROM cases WHERE contact_id = ?1"));
  auto step = [&](Statement& stmt, const std::string& text, int64_t number) -> Status {
    sqlite3_reset(stmt.get());
    if (text.empty())
      stmt.BindInt(1, number);
    else
      stmt.BindText(1, text);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE)
      return tl::unexpected(impl_->Fail("cannot remove findings"));
    return OkStatus();
  };
  struct Row {
    int64_t id, sort_key;
  };
  std::vector<Row> stored;
  // Per stored finding content: its positions, and how far they are used up.
  struct Candidates {
    std::vector<size_t> at;
    size_t next = 0;
  };
  std::unordered_map<size_t, Candidates> by_content;
  std::vector<size_t> match;  // per new finding: the stored position it stays at, or npos
  constexpr size_t kNone = static_cast<size_t>(-1);

  // Brings one case up to date; false in `done` when its stored findings are not `before`'s or
  // the new ones find no room between those that stay: it is then written whole.
  auto update = [&](CaseUpdate& u, bool& done) -> Status {
    done = false;
    Case& after = *u.after;
    const std::vector<Finding>& old = u.before->findings;
    stored.clear();
    sqlite3_reset(rows.get());
    rows.BindText(1, u.contact_id);
    int rc;
    while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW)
      stored.push_back({rows.ColumnInt(0), rows.ColumnInt(1)});
    if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot read findings"));
    if (stored.size() != old.size()) return OkStatus();
    // Most often the findings are those stored, in the same order (the case's facts changed).
    if (after.findings.size() == old.size() &&
        std::equal(old.begin(), old.end(), after.findings.begin(), SameContent)) {
      for (size_t k = 0; k < old.size(); ++k) after.findings[k].id = old[k].id;
      done = true;
      return OkStatus();
    }

    // Findings that stay keep their order (both lists are sorted the same way), so each new
    // finding takes the first equal stored one after the last taken.
    by_content.clear();
    for (size_t k = 0; k < old.size(); ++k) by_content[ContentHash(old[k])].at.push_back(k);
    match.assign(after.findings.size(), kNone);
    size_t taken = 0;  // stored positions below this are passed
    for (size_t i = 0; i < after.findings.size(); ++i) {
      auto it = by_content.find(ContentHash(after.findings[i]));
      if (it == by_content.end()) continue;
      Candidates& c = it->second;
      while (c.next < c.at.size() && c.at[c.next] < taken) ++c.next;
      for (size_t n = c.next; n < c.at.size(); ++n) {
        if (!SameContent(old[c.at[n]], after.findings[i])) continue;
        match[i] = c.at[n];
        taken = c.at[n] + 1;
        c.next = n + 1;
        break;
      }
    }
    // Sort keys for the new findings: spread between the kept ones around them.
    std::vector<int64_t> keys(after.findings.size());
    int64_t previous = 0;
    for (size_t i = 0; i < after.findings.size();) {
      if (match[i] != kNone) {
        previous = keys[i] = stored[match[i]].sort_key;
        ++i;
        continue;
      }
      size_t end = i;
      while (end < after.findings.size() && match[end] == kNone) ++end;
      const int64_t run = static_cast<int64_t>(end - i);
      const int64_t next = end < after.findings.size() ? stored[match[end]].sort_key
                                                       : previous + (run + 1) * kSortKeyGap;
      if (next - previous <= run) return OkStatus();  // no room: renumber
      for (int64_t k = 0; k < run; ++k)
        keys[i + static_cast<size_t>(k)] = previous + (next - previous) * (k + 1) / (run + 1);
      i = end;
    }

    std::vector<bool> kept(old.size(), false);
    for (size_t i = 0; i < after.findings.size(); ++i)
      if (match[i] != kNone) kept[match[i]] = true;
    for (size_t k = 0; k < old.size(); ++k)
      if (!kept[k]) SG_RETURN_IF_ERROR(step(delete_finding, {}, stored[k].id));
    for (size_t i = 0; i < after.findings.size(); ++i) {
      if (match[i] != kNone) {
        after.findings[i].id = old[match[i]].id;  // the same content has the same id
      } else {
        SG_ASSIGN_OR_RETURN(after.findings[i].id,
                            writer.InsertFinding(u.contact_id, after.findings[i], keys[i]));
      }
    }
    done = true;
    return OkStatus();
  };

  SG_RETURN_IF_ERROR(impl_->Begin());
  auto write = [&]() -> Status {
    SG_RETURN_IF_ERROR(writer.Begin());
    for (CaseUpdate& u : updates) {
      if (u.after != nullptr && u.after->contact_id != u.contact_id)
        return MakeError(ErrorCode::kInvalidInput,
                         "case of contact " + u.after->contact_id + " given for " + u.contact_id);
      if (u.after == nullptr) {
        SG_RETURN_IF_ERROR(step(delete_findings, u.contact_id, 0));
        SG_RETURN_IF_ERROR(step(delete_case, u.contact_id, 0));
        continue;
      }
      SG_RETURN_IF_ERROR(writer.PutCase(*u.after));
      bool done = false;
      if (u.before != nullptr) SG_RETURN_IF_ERROR(update(u, done));
      if (done) continue;
      SG_RETURN_IF_ERROR(step(delete_findings, u.contact_id, 0));
      SG_RETURN_IF_ERROR(writer.InsertFindings(*u.after));
    }
    return writer.Finish();
  };
  if (auto status = write(); !status) {
    impl_->Rollback();
    return status;
  }
  return impl_->Commit();
}

Result<std::vector<Case>> SqliteStore::ListCases() {
  std::vector<Case> out;
  std::map<std::string, size_t> index;
  {
    Statement stmt;
    SG_RETURN_IF_ERROR(impl_->Prepare(
        stmt,
        "SELECT contact_id, display, identities, trusted, severity, score, forms, reasons, facts,"
        " actions FROM cases"));
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      Case c;
      c.contact_id = stmt.ColumnText(0);
      c.display = stmt.ColumnText(1);
      c.identities = ParseStringList(stmt.ColumnText(2));
      c.trusted = stmt.ColumnInt(3) != 0;
      c.severity = SeverityFromString(stmt.ColumnText(4)).value_or(Severity::kInfo);
      c.score = sqlite3_column_double(stmt.get(), 5);
      c.forms = ParseStringList(stmt.ColumnText(6));
      c.reasons = ParseStringList(stmt.ColumnText(7));
      c.facts = FactsFromJson(stmt.ColumnText(8));
      c.actions = ParseStringList(stmt.ColumnText(9));
      index[c.contact_id] = out.size();
      out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list cases"));
  }
  Statement stmt;
  SG_RETURN_IF_ERROR(impl_->Prepare(
      stmt,
      "SELECT case_id, event_id, detector, category, score, severity, span_begin, span_end, why,"
      " excerpt, evidence_id FROM findings ORDER BY case_id, sort_key"));
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    auto it = index.find(stmt.ColumnText(0));
    if (it == index.end()) continue;
    Finding f;
    f.event_id = HexColumn(stmt, 1);
    f.detector = stmt.ColumnText(2);
    f.category = stmt.ColumnText(3);
    f.score = sqlite3_column_double(stmt.get(), 4);
    f.severity = SeverityFromString(stmt.ColumnText(5)).value_or(Severity::kInfo);
    f.span.begin = static_cast<size_t>(stmt.ColumnInt(6));
    f.span.end = static_cast<size_t>(stmt.ColumnInt(7));
    f.why = stmt.ColumnText(8);
    f.excerpt = stmt.ColumnText(9);
    f.id = stmt.ColumnText(10);
    out[it->second].findings.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->Fail("cannot list findings"));
  std::stable_sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.score > b.score;
  });
  return out;
}

}  // namespace stalkguard::store
