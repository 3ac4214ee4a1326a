#include "core/identity_normalizer.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

TEST(IdentityNormalizer, PhonesBecomeE164) {
  sg::IdentityNormalizer gb("GB");
  for (const char* raw : {"+44 7700 900123", "07700 900123", "(07700) 900-123", "+447700900123",
                          "0044 7700 900123"}) {
    EXPECT_EQ(gb.Phone(raw).value, "+447700900123") << raw;
  }
  sg::IdentityNormalizer us("US");
  EXPECT_EQ(us.Phone("(202) 555-0134").value, "+12025550134");
}

TEST(IdentityNormalizer, ShortCodesAndAlphanumericSenders) {
  sg::IdentityNormalizer gb("GB");
  EXPECT_EQ(gb.Phone("AMAZON").Key(), "handle:sms:amazon");
  EXPECT_EQ(gb.Phone("").value, "");
  EXPECT_EQ(gb.Phone("72404").kind, sg::IdentityKind::kPhone);
}

TEST(IdentityNormalizer, EmailsAreLowerCasedAndUnwrapped) {
  sg::IdentityNormalizer n;
  EXPECT_EQ(n.Email("Jordan Blake <Jordan.Blake@Example.COM>").value, "jordan.blake@example.com");
  EXPECT_EQ(n.Email("mailto:SAM@example.org").value, "sam@example.org");
}

TEST(IdentityNormalizer, GuessPicksTheKind) {
  sg::IdentityNormalizer n("GB");
  EXPECT_EQ(n.Guess("instagram:Sam.Lee", "").Key(), "handle:instagram:sam.lee");
  EXPECT_EQ(n.Guess("whatsapp:Sam  Lee", "").Key(), "handle:whatsapp:sam lee");
  EXPECT_EQ(n.Guess("@jasonkin0", "chat").Key(), "handle:chat:jasonkin0");
  EXPECT_EQ(n.Guess("a.b@example.net", "").Key(), "email:a.b@example.net");
  EXPECT_EQ(n.Guess("+12025550020", "").Key(), "phone:+12025550020");
  EXPECT_EQ(n.Guess("phone:07700 900123", "").Key(), "phone:+447700900123");
  EXPECT_EQ(n.Guess("Jordan", "whatsapp").Key(), "handle:whatsapp:jordan");
}

TEST(IdentityNormalizer, RegionOfNumber) {
  EXPECT_EQ(sg::IdentityNormalizer::RegionOf("+447700900123"), "GB");
  EXPECT_EQ(sg::IdentityNormalizer::RegionOf("+12025550134"), "US");
  EXPECT_EQ(sg::IdentityNormalizer::RegionOf("garbage"), "");
}
