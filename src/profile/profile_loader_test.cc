#include "profile/profile_loader.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

namespace {

constexpr const char* kProfile = R"(
[person]
names = ["Sam Lee", "Sammy"]
phones = ["+44 7700 900123"]
emails = ["Sam.Lee@example.org"]
handles = ["instagram:sam.lee", "telegram:samlee", "whatsapp:Sam Lee"]
addresses = ["12 Mill Lane, Leeds LS6 2AB"]
schools = ["Hillside Academy"]
workplaces = ["Leeds Central Library"]
places = ["Mill Lane Gym", "Mill Lane"]

[[trusted]]
name = "Dad"
phones = ["07700 900456"]
emails = []

[blocked]
phones = ["07700 900999"]
handles = ["instagram:jb_77"]
)";

}  // namespace

TEST(ProfileLoader, ReadsEveryField) {
  auto p = sg::profile::ParseProfile(kProfile, "profile.toml");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->region, "GB");
  EXPECT_EQ(p->names, (std::vector<std::string>{"Sam Lee", "Sammy"}));
  std::vector<std::string> keys;
  for (const auto& id : p->identities) keys.push_back(id.Key());
  EXPECT_EQ(keys, (std::vector<std::string>{"phone:+447700900123", "email:sam.lee@example.org",
                                            "handle:instagram:sam.lee", "handle:telegram:samlee",
                                            "handle:whatsapp:sam lee"}));
  EXPECT_EQ(p->places.size(), 2u);
  EXPECT_EQ(p->schools, (std::vector<std::string>{"Hillside Academy"}));
  EXPECT_EQ(p->workplaces, (std::vector<std::string>{"Leeds Central Library"}));
  ASSERT_EQ(p->blocked.size(), 2u);
  EXPECT_EQ(p->blocked[0].Key(), "phone:+447700900999");
  EXPECT_EQ(p->blocked[1].Key(), "handle:instagram:jb_77");
  ASSERT_EQ(p->trusted.size(), 1u);
  EXPECT_EQ(p->trusted[0].name, "Dad");
  ASSERT_EQ(p->trusted[0].identities.size(), 1u);
  // A national number is read in the person's region.
  EXPECT_EQ(p->trusted[0].identities[0].Key(), "phone:+447700900456");
  EXPECT_TRUE(p->IsSelf({sg::IdentityKind::kPhone, "+447700900123"}));
  EXPECT_NE(p->TrustedFor({sg::IdentityKind::kPhone, "+447700900456"}), nullptr);
}

TEST(ProfileLoader, UnknownKeysAreErrorsThatNameTheKey) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"[person]\nnames = [\"A\"]\nphone = [\"+447700900123\"]\n", "unknown key \"person.phone\""},
      {"[person]\nnames = []\n[[trusted]]\nname = \"Dad\"\nemail = []\n",
       "unknown key \"trusted.email\""},
      {"[persons]\n", "unknown key \"persons\""},
      {"[person]\nnames = \"Sam\"\n", "must be a list"},
      {"[person]\nhandles = [\"sam.lee\"]\n", "needs its platform"},
      {"[person\n", "profile.toml:1"},
      {"title = 1\n", "unknown key \"title\""},
      {"[person]\n[blocked]\nnames = []\n", "unknown key \"blocked.names\""},
  };
  for (const auto& c : cases) {
    auto p = sg::profile::ParseProfile(c.text, "profile.toml");
    ASSERT_FALSE(p) << c.text;
    EXPECT_NE(p.error().message.find(c.expected), std::string::npos)
        << c.text << " -> " << p.error().message;
  }
}

TEST(ProfileLoader, MissingFileIsNamed) {
  auto p = sg::profile::LoadProfile("/nonexistent/profile.toml");
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("/nonexistent/profile.toml"), std::string::npos);
}
