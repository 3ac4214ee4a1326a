// Keeps the contacts LinkContacts gives for a store's identities up to date while identities
// arrive and gain display names, without linking every identity again (live ingest).
//
// Why it equals a full LinkContacts: every link rule joins identities by something each of
// them carries (a folded display name, being the person's, being listed for a trusted
// contact), and a contact record (id, display, reasons, members) depends only on the
// identities of its own contact. New identities and names only add links, and only links that
// touch them; so the contacts an arrival can change are its own and those it shares a name, the
// person or a trusted contact with. Linking exactly those identities (in id order, as the
// store lists them) gives their records as the full link would, and leaves every other
// contact as it was. contact_linker_test.cc checks it against LinkContacts on random arrivals.
//
//   IncrementalLinker linker(profile, *store.ListIdentities());
//   IncrementalLinker::Update update = linker.Add(report.identity_changes);
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/profile.h"
#include "store/store.h"

namespace stalkguard::contacts {

class IncrementalLinker {
 public:
  // Links `identities` in full, as Store::ListIdentities lists them (by id, names sorted).
  // `profile` must outlive the linker.
  IncrementalLinker(const Profile& profile, std::vector<store::IdentityRecord> identities);

  struct Update {
    // Contacts that are new or whose record or identities changed (an identity of theirs is
    // new or has a new name), in id order.
    std::vector<store::ContactRecord> changed;
    // Ids of contacts that are no more: merged into one of `changed`, whose identities they
    // all went to.
    std::vector<std::string> removed;
  };

  // Takes identities the store has just stored and new names of known ones (WriteReport::
  // identity_changes: a known identity's record need carry only its new names; names known
  // already are ignored) and relinks the contacts they can change.
  Update Add(const std::vector<store::IdentityRecord>& arrivals);

  // Every contact, by id; equal to LinkContacts over identities().
  const std::map<std::string, store::ContactRecord>& contacts() const { return contacts_; }
  // Every identity, by id, with all its names sorted as Store::ListIdentities gives them.
  const std::map<int64_t, store::IdentityRecord>& identities() const { return identities_; }

 private:
  // Folded names by which rule 3 of LinkContacts links `record` with others.
  std::vector<std::string> LinkingNames(const store::IdentityRecord& record) const;
  bool IsSelf(const store::IdentityRecord& record) const;
  void Replace(const std::vector<store::ContactRecord>& linked);

  const Profile& profile_;
  std::set<std::string> self_names_;  // the person's names, folded
  std::map<int64_t, store::IdentityRecord> identities_;
  std::unordered_map<std::string, int64_t> id_of_key_;                // Identity::Key() -> id
  std::unordered_map<std::string, std::vector<int64_t>> holders_of_;  // linking name -> ids
  std::unordered_map<int64_t, std::string> contact_of_;               // identity id -> contact
  std::map<std::string, store::ContactRecord> contacts_;
};

}  // namespace stalkguard::contacts
