#include "contacts/incremental_linker.h"

#include <algorithm>

#include "contacts/contact_linker.h"
#include "contacts/internal/names.h"

namespace stalkguard::contacts {

using internal::FoldName;
using internal::IsLinkableName;

IncrementalLinker::IncrementalLinker(const Profile& profile,
                                     std::vector<store::IdentityRecord> identities)
    : profile_(profile) {
  for (const std::string& name : profile.names) self_names_.insert(FoldName(name));
  Replace(LinkContacts(identities, profile_));
  for (store::IdentityRecord& record : identities) {
    for (const std::string& name : LinkingNames(record)) holders_of_[name].push_back(record.id);
    id_of_key_.emplace(record.identity.Key(), record.id);
    const int64_t id = record.id;
    identities_.emplace(id, std::move(record));
  }
}

std::vector<std::string> IncrementalLinker::LinkingNames(
    const store::IdentityRecord& record) const {
  std::vector<std::string> out;
  for (const std::string& name : record.display_names) {
    std::string folded = FoldName(name);
    if (IsLinkableName(folded) && !self_names_.count(folded) &&
        std::find(out.begin(), out.end(), folded) == out.end())
      out.push_back(std::move(folded));
  }
  return out;
}

// Rule 1 of LinkContacts.
bool IncrementalLinker::IsSelf(const store::IdentityRecord& record) const {
  if (profile_.IsSelf(record.identity)) return true;
  if (!IsDisplayNamePlatform(record.identity)) return false;
  return std::any_of(record.display_names.begin(), record.display_names.end(),
                     [&](const std::string& name) { return self_names_.count(FoldName(name)); });
}

void IncrementalLinker::Replace(const std::vector<store::ContactRecord>& linked) {
  for (const store::ContactRecord& c : linked) {
    for (int64_t id : c.identity_ids) contact_of_[id] = c.id;
    contacts_[c.id] = c;
  }
}

IncrementalLinker::Update IncrementalLinker::Add(
    const std::vector<store::IdentityRecord>& arrivals) {
  // The arrivals that bring something: a new identity or a name it did not have.
  std::set<int64_t> arrived;
  for (const store::IdentityRecord& a : arrivals) {
    auto [it, is_new] = identities_.try_emplace(a.id);
    store::IdentityRecord& record = it->second;
    if (is_new) {
      record.id = a.id;
      record.identity = a.identity;
      id_of_key_.emplace(a.identity.Key(), a.id);
      arrived.insert(a.id);
    }
    for (const std::string& name : a.display_names) {
      auto at = std::lower_bound(record.display_names.begin(), record.display_names.end(), name);
      if (at != record.display_names.end() && *at == name) continue;
      record.display_names.insert(at, name);
      arrived.insert(a.id);
      const std::string folded = FoldName(name);
      if (!IsLinkableName(folded) || self_names_.count(folded)) continue;
      std::vector<int64_t>& holders = holders_of_[folded];
      if (std::find(holders.begin(), holders.end(), a.id) == holders.end()) holders.push_back(a.id);
    }
  }
  if (arrived.empty()) return {};

  // Every contact an arrival can join (its own included), then all of their identities.
  std::set<std::string> affected;
  std::set<int64_t> members = arrived;
  auto reach = [&](int64_t id) {
    if (auto it = contact_of_.find(id); it != contact_of_.end())
      affected.insert(it->second);
    else
      members.insert(id);  // an arrival itself
  };
  for (int64_t id : arrived) {
    const store::IdentityRecord& record = identities_.at(id);
    reach(id);
    for (const std::string& name : LinkingNames(record))
      for (int64_t holder : holders_of_[name]) reach(holder);
    if (IsSelf(record)) {
      for (const auto& [cid, contact] : contacts_)
        if (contact.is_self) affected.insert(cid);
    }
    for (const TrustedContact& t : profile_.trusted) {
      if (std::find(t.identities.begin(), t.identities.end(), record.identity) ==
          t.identities.end())
        continue;
      for (const Identity& peer : t.identities)
        if (auto it = id_of_key_.find(peer.Key()); it != id_of_key_.end()) reach(it->second);
    }
  }
  for (const std::string& cid : affected)
    for (int64_t id : contacts_.at(cid).identity_ids) members.insert(id);

  std::vector<store::IdentityRecord> records;
  records.reserve(members.size());
  for (int64_t id : members) records.push_back(identities_.at(id));
  Update update;
  update.changed = LinkContacts(records, profile_);
  std::sort(
      update.changed.begin(), update.changed.end(),
      [](const store::ContactRecord& a, const store::ContactRecord& b) { return a.id < b.id; });
  for (const std::string& cid : affected) {
    const bool kept = std::any_of(update.changed.begin(), update.changed.end(),
                                  [&](const store::ContactRecord& c) { return c.id == cid; });
    if (!kept) {
      update.removed.push_back(cid);
      contacts_.erase(cid);
    }
  }
  Replace(update.changed);
  return update;
}

}  // namespace stalkguard::contacts
