#include "contacts/contact_linker.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>

#include "contacts/internal/names.h"
#include "core/digest.h"

namespace stalkguard::contacts {
namespace {

using internal::FoldName;
using internal::IsLinkableName;

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

bool IsDisplayNamePlatform(const Identity& identity) {
  if (identity.kind != IdentityKind::kHandle) return false;
  const std::string_view v = identity.value;
  return v.starts_with("whatsapp:") || v.starts_with("instagram:") || v.starts_with("facebook:") ||
         v.starts_with("meta:");
}

std::vector<store::ContactRecord> LinkContacts(const std::vector<store::IdentityRecord>& identities,
                                               const Profile& profile) {
  const size_t n = identities.size();
  UnionFind groups(n + 1);
  const size_t kSelf = n;  // a virtual member that every self identity joins
  std::map<size_t, std::vector<std::string>> reasons;    // by final root, filled below
  std::vector<std::pair<size_t, std::string>> link_log;  // (member, reason)
  std::set<std::string> self_names;
  for (const auto& name : profile.names) self_names.insert(FoldName(name));

  // Rule 1: the protected person.
  for (size_t i = 0; i < n; ++i) {
    const auto& rec = identities[i];
    if (profile.IsSelf(rec.identity)) {
      groups.Join(i, kSelf);
      link_log.emplace_back(i, rec.identity.Key() + " is in your profile");
      continue;
    }
    if (IsDisplayNamePlatform(rec.identity)) {
      for (const auto& name : rec.display_names) {
        if (self_names.count(FoldName(name))) {
          groups.Join(i, kSelf);
          link_log.emplace_back(i,
                                rec.identity.Key() + " is shown under your name \"" + name + "\"");
          break;
        }
      }
    }
  }
  // Rule 2: trusted contacts from the profile.
  std::map<std::string, std::string> trusted_name_of_root_key;
  for (const TrustedContact& t : profile.trusted) {
    std::optional<size_t> first;
    for (size_t i = 0; i < n; ++i) {
      const auto& id = identities[i].identity;
      if (std::find(t.identities.begin(), t.identities.end(), id) == t.identities.end()) continue;
      if (first)
        groups.Join(*first, i);
      else
        first = i;
      link_log.emplace_back(
          i, id.Key() + " is listed for trusted contact \"" + t.name + "\" in your profile");
    }
  }
  // Rule 3: the same display name on several identities.
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < n; ++i) {
    for (const auto& name : identities[i].display_names) {
      const std::string folded = FoldName(name);
      if (IsLinkableName(folded) && !self_names.count(folded)) by_name[folded].push_back(i);
    }
  }
  for (const auto& [folded, members] : by_name) {
    if (members.size() < 2) continue;
    std::string keys;
    for (size_t m : members) {
      groups.Join(members[0], m);
      keys += (keys.empty() ? "" : ", ") + identities[m].identity.Key();
    }
    std::string shown;
    for (const auto& name : identities[members[0]].display_names)
      if (FoldName(name) == folded) shown = name;
    link_log.emplace_back(members[0], "\"" + shown + "\" is the name shown for " + keys);
  }

  // Collect groups.
  std::map<size_t, std::vector<size_t>> members_by_root;
  for (size_t i = 0; i < n; ++i) members_by_root[groups.Find(i)].push_back(i);
  for (auto& [member, reason] : link_log) {
    auto& list = reasons[groups.Find(member)];
    if (std::find(list.begin(), list.end(), reason) == list.end()) list.push_back(reason);
  }
  const size_t self_root = groups.Find(kSelf);

  std::vector<store::ContactRecord> out;
  for (const auto& [root, members] : members_by_root) {
    store::ContactRecord c;
    c.is_self = root == self_root;
    std::vector<std::string> keys;
    for (size_t m : members) {
      c.identity_ids.push_back(identities[m].id);
      keys.push_back(identities[m].identity.Key());
    }
    std::sort(keys.begin(), keys.end());
    c.id = c.is_self ? "self" : "c" + Sha256Hex(keys.front()).substr(0, 10);
    if (auto it = reasons.find(root); it != reasons.end()) c.link_reasons = it->second;
    // Display: a trusted contact's name, else the fullest name shown, else the first identity.
    for (const TrustedContact& t : profile.trusted) {
      for (size_t m : members) {
        if (std::find(t.identities.begin(), t.identities.end(), identities[m].identity) !=
            t.identities.end()) {
          c.display = t.name;
        }
      }
    }
    if (c.is_self) c.display = profile.names.empty() ? "You" : profile.names.front();
    if (c.display.empty()) {
      for (size_t m : members) {
        for (const auto& name : identities[m].display_names) {
          const bool fuller = std::count(name.begin(), name.end(), ' ') >
                              std::count(c.display.begin(), c.display.end(), ' ');
          if (c.display.empty() || fuller) c.display = name;
        }
      }
    }
    if (c.display.empty()) c.display = identities[members.front()].identity.value;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace stalkguard::contacts
