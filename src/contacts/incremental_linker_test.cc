#include "contacts/incremental_linker.h"

#include <gtest/gtest.h>

#include <random>

#include "contacts/contact_linker.h"

namespace sg = stalkguard;

namespace {

using K = sg::IdentityKind;

sg::store::IdentityRecord Rec(int64_t id, K kind, std::string value,
                              std::vector<std::string> names) {
  return {id, {kind, std::move(value)}, std::move(names)};
}

std::map<std::string, sg::store::ContactRecord> ById(std::vector<sg::store::ContactRecord> all) {
  std::map<std::string, sg::store::ContactRecord> out;
  for (sg::store::ContactRecord& c : all) out[c.id] = std::move(c);
  return out;
}

void ExpectSame(const std::map<std::string, sg::store::ContactRecord>& want,
                const std::map<std::string, sg::store::ContactRecord>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (const auto& [id, w] : want) {
    ASSERT_TRUE(got.count(id)) << id;
    const sg::store::ContactRecord& g = got.at(id);
    EXPECT_EQ(g.display, w.display) << id;
    EXPECT_EQ(g.identity_ids, w.identity_ids) << id;
    EXPECT_EQ(g.link_reasons, w.link_reasons) << id;
    EXPECT_EQ(g.is_self, w.is_self) << id;
  }
}

sg::Profile SamsProfile() {
  sg::Profile profile;
  profile.names = {"Sam Lee"};
  profile.identities = {{K::kPhone, "+447700900123"}};
  profile.trusted = {{"Dad", {{K::kPhone, "+447700900456"}, {K::kEmail, "dad@example.org"}}}};
  return profile;
}

}  // namespace

TEST(IncrementalLinker, NewIdentityJoinsAContactByName) {
  const sg::Profile profile;
  sg::contacts::IncrementalLinker linker(profile,
                                         {Rec(1, K::kPhone, "+447700900999", {"Jordan Blake"}),
                                          Rec(2, K::kPhone, "+447700900321", {"Alex Kim"})});
  ASSERT_EQ(linker.contacts().size(), 2u);
  const auto update = linker.Add({Rec(3, K::kPhone, "+447700901000", {"jordan  BLAKE"})});
  ASSERT_EQ(update.changed.size(), 1u);
  EXPECT_EQ(update.changed[0].identity_ids, (std::vector<int64_t>{1, 3}));
  EXPECT_TRUE(update.removed.empty());  // its lowest key, and so its id, stayed the same
  ASSERT_EQ(linker.contacts().size(), 2u);
}

TEST(IncrementalLinker, NewNameMergesTwoContacts) {
  const sg::Profile profile;
  sg::contacts::IncrementalLinker linker(profile,
                                         {Rec(1, K::kPhone, "+447700900999", {"Jordan Blake"}),
                                          Rec(2, K::kEmail, "jb@example.com", {})});
  ASSERT_EQ(linker.contacts().size(), 2u);
  const auto update = linker.Add({Rec(2, K::kEmail, "jb@example.com", {"Jordan Blake"})});
  ASSERT_EQ(update.changed.size(), 1u);
  EXPECT_EQ(update.removed.size(), 1u);
  EXPECT_EQ(linker.contacts().size(), 1u);
  // A name known already changes nothing.
  EXPECT_TRUE(linker.Add({Rec(2, K::kEmail, "jb@example.com", {"Jordan Blake"})}).changed.empty());
}

TEST(IncrementalLinker, TrustedContactAndSelfGatherNewIdentities) {
  const sg::Profile profile = SamsProfile();
  sg::contacts::IncrementalLinker linker(profile, {Rec(1, K::kPhone, "+447700900123", {}),
                                                   Rec(2, K::kPhone, "+447700900456", {"Daddy"})});
  auto update = linker.Add({Rec(3, K::kEmail, "dad@example.org", {"Richard Lee"}),
                            Rec(4, K::kHandle, "whatsapp:sam", {"Sam Lee"})});
  ExpectSame(ById(sg::contacts::LinkContacts({Rec(1, K::kPhone, "+447700900123", {}),
                                              Rec(2, K::kPhone, "+447700900456", {"Daddy"}),
                                              Rec(3, K::kEmail, "dad@example.org", {"Richard Lee"}),
                                              Rec(4, K::kHandle, "whatsapp:sam", {"Sam Lee"})},
                                             profile)),
             linker.contacts());
  EXPECT_EQ(update.changed.size(), 2u);
  EXPECT_EQ(linker.contacts().at("self").identity_ids, (std::vector<int64_t>{1, 4}));
}

// The contract: after any arrivals the contacts equal LinkContacts over every identity, and
// the update says exactly what differs.
TEST(IncrementalLinker, RandomArrivalsEqualAFullLink) {
  const sg::Profile profile = SamsProfile();
  const std::vector<std::string> names = {"Jordan Blake", "jordan blake", "Alex Kim", "Sam Lee",
                                          "Unknown",      "Casey",        "casey ",   "Robin",
                                          "Dad",          "J B"};
  const std::vector<sg::Identity> identities = {{K::kPhone, "+447700900123"},
                                                {K::kPhone, "+447700900456"},
                                                {K::kEmail, "dad@example.org"},
                                                {K::kHandle, "whatsapp:sam"},
                                                {K::kHandle, "instagram:sam"}};
  size_t merges = 0;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 random(seed);
    auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
    std::vector<sg::store::IdentityRecord> all;
    auto identity_for = [&](int64_t id) -> sg::Identity {
      if (static_cast<size_t>(id) <= identities.size()) return identities[id - 1];
      const char* kinds[] = {"whatsapp:", "instagram:", ""};
      const size_t k = pick(3);
      if (k == 2) return {K::kPhone, "+4477009" + std::to_string(10000 + id)};
      return {K::kHandle, kinds[k] + std::to_string(1000 - id)};  // keys not in id order
    };
    // Start from a few identities, then batches of new identities and new names.
    int64_t next = 1;
    for (; next <= 3; ++next) {
      all.push_back({next, identity_for(next), {}});
      if (pick(2)) all.back().display_names.push_back(names[pick(names.size())]);
    }
    sg::contacts::IncrementalLinker linker(profile, all);
    auto contacts = ById(sg::contacts::LinkContacts(all, profile));
    ExpectSame(contacts, linker.contacts());
    for (int batch = 0; batch < 15; ++batch) {
      std::vector<sg::store::IdentityRecord> arrivals;
      for (size_t n = pick(4); n > 0; --n) {
        if (pick(2) || all.empty()) {
          all.push_back({next, identity_for(next), {}});
          ++next;
        }
        sg::store::IdentityRecord& target = all[pick(all.size())];
        sg::store::IdentityRecord arrival{target.id, target.identity, {}};
        if (pick(3)) {
          const std::string& name = names[pick(names.size())];
          arrival.display_names.push_back(name);
          if (std::find(target.display_names.begin(), target.display_names.end(), name) ==
              target.display_names.end()) {
            target.display_names.push_back(name);
            std::sort(target.display_names.begin(), target.display_names.end());
          }
        }
        arrivals.push_back(std::move(arrival));
      }
      // Identities that arrived without a name are arrivals too.
      for (const sg::store::IdentityRecord& r : all)
        if (!linker.identities().count(r.id)) arrivals.push_back({r.id, r.identity, {}});
      const auto update = linker.Add(arrivals);
      const auto want = ById(sg::contacts::LinkContacts(all, profile));
      ASSERT_NO_FATAL_FAILURE(ExpectSame(want, linker.contacts()));
      merges += update.removed.size();
      for (const std::string& id : update.removed) contacts.erase(id);
      for (const sg::store::ContactRecord& c : update.changed) contacts[c.id] = c;
      ASSERT_NO_FATAL_FAILURE(ExpectSame(want, contacts));
    }
  }
  EXPECT_GT(merges, 10u) << "the arrivals merge contacts now and then";
}
