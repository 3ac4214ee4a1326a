#include "core/digest.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

TEST(Digest, Sha256OfKnownInput) {
  EXPECT_EQ(sg::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, IdHasherSeparatesFields) {
  const std::string a = sg::IdHasher().Add("ab").Add("c").HexDigest();
  const std::string b = sg::IdHasher().Add("a").Add("bc").HexDigest();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a, sg::IdHasher().Add("ab").Add("c").HexDigest());
}
