#include "contacts/contact_linker.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

namespace {

sg::store::IdentityRecord Rec(int64_t id, sg::IdentityKind kind, std::string value,
                              std::vector<std::string> names) {
  return {id, {kind, std::move(value)}, std::move(names)};
}

const sg::store::ContactRecord* Holding(const std::vector<sg::store::ContactRecord>& contacts,
                                        int64_t identity_id) {
  for (const auto& c : contacts)
    for (int64_t id : c.identity_ids)
      if (id == identity_id) return &c;
  return nullptr;
}

}  // namespace

TEST(ContactLinker, LinksIdentitiesShownUnderOneName) {
  using K = sg::IdentityKind;
  std::vector<sg::store::IdentityRecord> ids = {
      Rec(1, K::kPhone, "+447700900999", {"Jordan Blake"}),
      Rec(2, K::kEmail, "jordan.blake77@example.com", {"jordan blake"}),
      Rec(3, K::kHandle, "whatsapp:jordan blake", {"Jordan Blake"}),
      Rec(4, K::kPhone, "+447700900321", {"Alex Kim"}),
  };
  auto contacts = sg::contacts::LinkContacts(ids, {});
  ASSERT_EQ(contacts.size(), 2u);
  const auto* jordan = Holding(contacts, 1);
  ASSERT_NE(jordan, nullptr);
  EXPECT_EQ(jordan, Holding(contacts, 2));
  EXPECT_EQ(jordan, Holding(contacts, 3));
  EXPECT_NE(jordan, Holding(contacts, 4));
  EXPECT_EQ(jordan->display, "Jordan Blake");
  ASSERT_EQ(jordan->link_reasons.size(), 1u);
  EXPECT_NE(jordan->link_reasons[0].find("is the name shown for"), std::string::npos);
}

TEST(ContactLinker, ProfileDecidesSelfAndTrusted) {
  using K = sg::IdentityKind;
  sg::Profile profile;
  profile.names = {"Sam Lee"};
  profile.identities = {{K::kPhone, "+447700900123"}};
  profile.trusted = {{"Dad", {{K::kPhone, "+447700900456"}, {K::kEmail, "dad@example.org"}}}};
  std::vector<sg::store::IdentityRecord> ids = {
      Rec(1, K::kPhone, "+447700900123", {}),
      Rec(2, K::kHandle, "whatsapp:sam lee", {"Sam Lee"}),
      Rec(3, K::kHandle, "instagram:sаm lее", {"Sаm Lее"}),  // Cyrillic look-alike: not self
      Rec(4, K::kPhone, "+447700900456", {"Daddy"}),
      Rec(5, K::kEmail, "dad@example.org", {"Richard Lee"}),
  };
  auto contacts = sg::contacts::LinkContacts(ids, profile);
  const auto* self = Holding(contacts, 1);
  ASSERT_NE(self, nullptr);
  EXPECT_TRUE(self->is_self);
  EXPECT_EQ(self->id, "self");
  EXPECT_EQ(self, Holding(contacts, 2));
  EXPECT_FALSE(Holding(contacts, 3)->is_self);
  EXPECT_EQ(Holding(contacts, 4), Holding(contacts, 5));
  EXPECT_EQ(Holding(contacts, 4)->display, "Dad");
}

TEST(ContactLinker, PlaceholderNamesDoNotLink) {
  using K = sg::IdentityKind;
  std::vector<sg::store::IdentityRecord> ids = {
      Rec(1, K::kPhone, "+447700900001", {"Unknown"}),
      Rec(2, K::kPhone, "+447700900002", {"unknown"}),
      Rec(3, K::kPhone, "+447700900003", {"07700 900003"}),
      Rec(4, K::kPhone, "+447700900004", {"07700 900003"}),
  };
  EXPECT_EQ(sg::contacts::LinkContacts(ids, {}).size(), 4u);
}

TEST(ContactLinker, IdsAreStable) {
  using K = sg::IdentityKind;
  std::vector<sg::store::IdentityRecord> a = {Rec(1, K::kPhone, "+447700900999", {"J"}),
                                              Rec(2, K::kPhone, "+447700900321", {})};
  std::vector<sg::store::IdentityRecord> b = {Rec(7, K::kPhone, "+447700900321", {}),
                                              Rec(9, K::kPhone, "+447700900999", {"J"})};
  auto ca = sg::contacts::LinkContacts(a, {});
  auto cb = sg::contacts::LinkContacts(b, {});
  EXPECT_EQ(Holding(ca, 1)->id, Holding(cb, 9)->id);
}
