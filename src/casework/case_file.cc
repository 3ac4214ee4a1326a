#include "casework/case_file.h"

#include <algorithm>
#include <map>
#include <set>

namespace stalkguard::casework {
namespace {

// A case for a contact the last scan did not flag: no findings, facts from the events.
Case UnflaggedCase(const store::ContactIdentities& contact) {
  Case c;
  c.contact_id = contact.record.id;
  c.display = contact.record.display;
  for (const store::IdentityRecord& id : contact.identities)
    c.identities.push_back(id.identity.Key());
  c.reasons.push_back("Exported on request: the last scan found nothing to flag.");
  return c;
}

void CountFacts(CaseFile& file) {
  CaseFacts& f = file.kase.facts;
  if (f.first_ms != 0) return;  // a stored case has its own facts
  std::set<std::string> channels;
  for (const Event& e : file.events) {
    if (e.direction == Direction::kOutgoing) {
      ++f.outgoing;
      continue;
    }
    ++f.incoming;
    if (f.first_ms == 0 || e.time.utc_ms < f.first_ms) f.first_ms = e.time.utc_ms;
    f.last_ms = std::max(f.last_ms, e.time.utc_ms);
    channels.insert(e.platform);
  }
  f.channels.assign(channels.begin(), channels.end());
}

}  // namespace

Result<std::vector<CaseFile>> LoadCaseFiles(store::Store& store, const Selection& selection) {
  if (selection.case_ids.empty() && selection.contact_ids.empty() && !selection.all)
    return MakeError(ErrorCode::kInvalidInput, "choose a case (--case), a contact or --all");
  SG_ASSIGN_OR_RETURN(std::vector<Case> cases, store.ListCases());
  SG_ASSIGN_OR_RETURN(std::vector<store::ContactIdentities> contacts, store.ListContacts());
  std::map<std::string, const Case*> case_by_id;
  for (const Case& c : cases) case_by_id[c.contact_id] = &c;
  std::map<std::string, const store::ContactIdentities*> contact_by_id;
  for (const auto& c : contacts) contact_by_id[c.record.id] = &c;

  std::vector<CaseFile> files;
  std::set<std::string> chosen;
  auto add = [&](const std::string& id, bool must_be_case) -> Status {
    if (!chosen.insert(id).second) return OkStatus();
    auto kase = case_by_id.find(id);
    auto contact = contact_by_id.find(id);
    if (kase == case_by_id.end() && (must_be_case || contact == contact_by_id.end())) {
      chosen.erase(id);
      return MakeError(ErrorCode::kNotFound,
                       std::string(must_be_case ? "no case " : "no case or contact ") + id +
                           " in the store (`stalkguard cases --all` lists them)");
    }
    CaseFile file;
    file.kase = kase != case_by_id.end() ? *kase->second : UnflaggedCase(*contact->second);
    files.push_back(std::move(file));
    return OkStatus();
  };
  for (const std::string& id : selection.case_ids) SG_RETURN_IF_ERROR(add(id, true));
  for (const std::string& id : selection.contact_ids) SG_RETURN_IF_ERROR(add(id, false));
  if (selection.all) {
    for (const Case& c : cases)
      if (c.severity >= Severity::kWatch) SG_RETURN_IF_ERROR(add(c.contact_id, true));
    if (files.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "no case in the store is rated watch or higher; name one with --case or "
                       "--contact (`stalkguard cases --all` lists them)");
    }
  }

  for (CaseFile& file : files) {
    std::set<std::string> have;
    auto collect = [&](Event& e) -> Status {
      if (have.insert(e.id).second) file.events.push_back(std::move(e));
      return OkStatus();
    };
    // The phone's own case ("device") and events without a contact have no identities: only
    // the events its findings point at belong to it.
    if (auto contact = contact_by_id.find(file.kase.contact_id); contact != contact_by_id.end())
      SG_RETURN_IF_ERROR(store.ForEachEventWithRaw(contact->second->record.identity_ids, collect));
    std::vector<std::string> pointed;
    for (const Finding& f : file.kase.findings)
      if (!f.event_id.empty() && !have.count(f.event_id)) pointed.push_back(f.event_id);
    std::sort(pointed.begin(), pointed.end());
    pointed.erase(std::unique(pointed.begin(), pointed.end()), pointed.end());
    if (!pointed.empty()) {
      SG_RETURN_IF_ERROR(store.ReadEvents(pointed, collect));
      std::stable_sort(file.events.begin(), file.events.end(), [](const Event& a, const Event& b) {
        return a.time.utc_ms < b.time.utc_ms;
      });
    }
    CountFacts(file);
  }
  std::stable_sort(files.begin(), files.end(), [](const CaseFile& a, const CaseFile& b) {
    if (a.kase.severity != b.kase.severity) return a.kase.severity > b.kase.severity;
    return a.kase.score > b.kase.score;
  });
  return files;
}

std::vector<const Event*> Incidents(const CaseFile& file) {
  std::set<std::string_view> flagged;
  for (const Finding& f : file.kase.findings)
    if (!f.event_id.empty()) flagged.insert(f.event_id);
  std::vector<const Event*> out;
  for (const Event& e : file.events)
    if (flagged.count(e.id)) out.push_back(&e);
  return out;
}

}  // namespace stalkguard::casework
