#include "detectors/doxxing/pii_finder.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "detectors/doxxing/internal/scanners.h"

namespace sg = stalkguard;
namespace detect = stalkguard::detect;
namespace in = stalkguard::detect::internal;
using detect::PiiKind;

namespace {

sg::Profile SamProfile() {
  sg::Profile p;
  p.names = {"Sam Lee", "Sammy"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"},
                  {sg::IdentityKind::kEmail, "sam.lee@example.com"},
                  {sg::IdentityKind::kHandle, "instagram:sam.lee"}};
  p.addresses = {"12 Mill Lane, Leeds LS6 2AB"};
  p.schools = {"Hillside Academy"};
  p.workplaces = {"Leeds Central Library"};
  p.places = {"Mill Lane Gym"};
  p.region = "GB";
  return p;
}

const detect::PiiFinder& Finder() {
  static const detect::PiiFinder finder(SamProfile());
  return finder;
}

// One case: in `input`, a match of `kind` (own or not) must cover exactly `expected`, or,
// with `expected` empty, no match of `kind` may exist.
struct Case {
  std::string input;
  PiiKind kind;
  std::string expected;
  bool own = false;
};

std::string Dump(const std::string& input, const std::vector<detect::PiiMatch>& matches) {
  std::string out;
  for (const auto& m : matches) {
    out += "  " + std::string(detect::ToString(m.kind)) + (m.own ? " own" : "") + " [" +
           input.substr(m.span.begin, m.span.end - m.span.begin) + "] " + m.value + "\n";
  }
  return out.empty() ? "  (no matches)\n" : out;
}

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE("input: \"" + c.input + "\"");
    const std::vector<detect::PiiMatch> matches = Finder().Find(c.input);
    bool found = false;
    for (const auto& m : matches) {
      if (m.kind != c.kind) continue;
      ASSERT_LE(m.span.end, c.input.size());
      if (c.input.substr(m.span.begin, m.span.end - m.span.begin) == c.expected && m.own == c.own)
        found = true;
    }
    if (c.expected.empty()) {
      EXPECT_TRUE(std::none_of(matches.begin(), matches.end(),
                               [&](const auto& m) { return m.kind == c.kind; }))
          << "expected no " << detect::ToString(c.kind) << ", got\n"
          << Dump(c.input, matches);
    } else {
      EXPECT_TRUE(found) << "expected " << (c.own ? "own " : "") << detect::ToString(c.kind) << " ["
                         << c.expected << "], got\n"
                         << Dump(c.input, matches);
    }
  }
}

TEST(PiiChecksums, Luhn) {
  EXPECT_TRUE(in::LuhnValid("4111111111111111"));
  EXPECT_TRUE(in::LuhnValid("378282246310005"));
  EXPECT_TRUE(in::LuhnValid("5555555555554444"));
  EXPECT_FALSE(in::LuhnValid("4111111111111112"));
  EXPECT_FALSE(in::LuhnValid(""));
  EXPECT_FALSE(in::LuhnValid("41111x1111111111"));
}

TEST(PiiChecksums, Iban) {
  EXPECT_TRUE(in::IbanValid("GB82WEST12345698765432"));
  EXPECT_TRUE(in::IbanValid("DE89370400440532013000"));
  EXPECT_TRUE(in::IbanValid("NL91ABNA0417164300"));
  EXPECT_FALSE(in::IbanValid("GB82WEST12345698765433"));  // check digits wrong
  EXPECT_FALSE(in::IbanValid("GB82WEST1234569876543"));   // one short for GB
  EXPECT_FALSE(in::IbanValid("XX82WEST12345698765432"));  // no such country
}

TEST(PiiChecksums, NationalInsurance) {
  EXPECT_TRUE(in::NationalInsuranceValid("AB123456C"));
  EXPECT_TRUE(in::NationalInsuranceValid("JG103759A"));
  EXPECT_FALSE(in::NationalInsuranceValid("QQ123456C"));  // Q is never issued first
  EXPECT_FALSE(in::NationalInsuranceValid("GB123456A"));  // reserved prefix
  EXPECT_FALSE(in::NationalInsuranceValid("AO123456A"));  // O never second
  EXPECT_FALSE(in::NationalInsuranceValid("AB123456E"));  // suffix A-D only
}

TEST(PiiChecksums, Ssn) {
  EXPECT_TRUE(in::SsnValid("123456789"));
  EXPECT_TRUE(in::SsnValid("536221234"));
  EXPECT_FALSE(in::SsnValid("000121234"));
  EXPECT_FALSE(in::SsnValid("666121234"));
  EXPECT_FALSE(in::SsnValid("912121234"));
  EXPECT_FALSE(in::SsnValid("123001234"));
  EXPECT_FALSE(in::SsnValid("123450000"));
  EXPECT_FALSE(in::SsnValid("078051120"));  // the Woolworth wallet card
}

TEST(PiiFinder, FindsPaymentCards) {
  RunCases({
      {"card 4111 1111 1111 1111 exp 12/27", PiiKind::kPaymentCard, "4111 1111 1111 1111"},
      {"4111-1111-1111-1111", PiiKind::kPaymentCard, "4111-1111-1111-1111"},
      {"number:5555555555554444.", PiiKind::kPaymentCard, "5555555555554444"},
      {"amex 3782 822463 10005 thanks", PiiKind::kPaymentCard, "3782 822463 10005"},
      {"card 4111 1111 1111 1112", PiiKind::kPaymentCard, ""},       // Luhn fails
      {"order 1234567812345670", PiiKind::kPaymentCard, ""},         // Luhn ok, no network
      {"4111 1111 1111 1111 1111 1111", PiiKind::kPaymentCard, ""},  // too long
      {"41111 11111 11111 1", PiiKind::kPaymentCard, ""},            // not grouped like a card
      {"ref AB4111111111111111", PiiKind::kPaymentCard, ""},
  });
}

TEST(PiiFinder, FindsIbans) {
  RunCases({
      {"pay GB82 WEST 1234 5698 7654 32 today", PiiKind::kIban, "GB82 WEST 1234 5698 7654 32"},
      {"iban: DE89370400440532013000", PiiKind::kIban, "DE89370400440532013000"},
      {"gb82west12345698765432", PiiKind::kIban, "gb82west12345698765432"},
      {"pay GB82 WEST 1234 5698 7654 33 today", PiiKind::kIban, ""},  // mod-97 fails
      {"GB82WEST123456987654321", PiiKind::kIban, ""},                // too long for GB
  });
}

TEST(PiiFinder, FindsNationalInsuranceNumbers) {
  RunCases({
      {"her NI is AB123456C ok", PiiKind::kNationalInsurance, "AB123456C"},
      {"NI: JG 10 37 59 A", PiiKind::kNationalInsurance, "JG 10 37 59 A"},
      {"QQ123456C is the example", PiiKind::kNationalInsurance, ""},
      {"AB123456E", PiiKind::kNationalInsurance, ""},
      {"AB1234567C", PiiKind::kNationalInsurance, ""},
  });
}

TEST(PiiFinder, FindsSsns) {
  RunCases({
      {"ssn 536-22-1234", PiiKind::kSsn, "536-22-1234"},
      {"my ssn is 536 22 1234", PiiKind::kSsn, "536 22 1234"},
      {"SSN: 536221234", PiiKind::kSsn, "536221234"},
      {"666-22-1234", PiiKind::kSsn, ""},
      {"536-00-1234", PiiKind::kSsn, ""},
      {"call 536 22 1234", PiiKind::kSsn, ""},  // spaced without a cue
      {"536221234", PiiKind::kSsn, ""},         // bare without a cue
      {"1536-22-1234", PiiKind::kSsn, ""},
  });
}

TEST(PiiFinder, FindsPhoneNumbers) {
  RunCases({
      {"ring 07123 456789 tonight", PiiKind::kPhone, "07123 456789"},
      {"ring +44 7123 456789", PiiKind::kPhone, "+44 7123 456789"},
      {"office (020) 7946 0018", PiiKind::kPhone, "(020) 7946 0018"},
      {"😀é call 0113 496 0000", PiiKind::kPhone, "0113 496 0000"},
      {"see you at 12:30 on 12/05/2025", PiiKind::kPhone, ""},
      {"it costs 1234567", PiiKind::kPhone, ""},
      {"code ABC1234567", PiiKind::kPhone, ""},
  });
}

// Without a region only international notation can be read: "07123 456789" could be any
// country's number. (The phone scanner does not ask libphonenumber about the others.)
TEST(PiiFinder, WithoutRegionFindsOnlyInternationalPhoneNumbers) {
  const detect::PiiFinder finder{sg::Profile{}};
  auto phones = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const detect::PiiMatch& m : finder.Find(text))
      if (m.kind == PiiKind::kPhone) out.push_back(m.value);
    return out;
  };
  EXPECT_EQ(phones("ring +44 7123 456789"), std::vector<std::string>{"+447123456789"});
  EXPECT_EQ(phones("ring 07123 456789 or (07123) 456789"), std::vector<std::string>{});
  EXPECT_EQ(phones("ring 0044 7123 456789"), std::vector<std::string>{});
}

TEST(PiiFinder, FindsOwnPhoneInAnyNotation) {
  RunCases({
      {"her number is 07700 900123", PiiKind::kPhone, "07700 900123", true},
      {"+44 7700 900123", PiiKind::kPhone, "+44 7700 900123", true},
      {"0044 7700 900 123!", PiiKind::kPhone, "0044 7700 900 123", true},
      {"+44 (0)7700-900-123", PiiKind::kPhone, "+44 (0)7700-900-123", true},
      {"07700900123", PiiKind::kPhone, "07700900123", true},
      {"077009001234", PiiKind::kPhone, ""},  // one digit more is another number
      {"07700 900124", PiiKind::kPhone, ""},  // a drama number, not hers and not valid
  });
}

TEST(PiiFinder, FindsEmails) {
  RunCases({
      {"mail Jo.Bloggs+x@Mail.example.org.", PiiKind::kEmail, "Jo.Bloggs+x@Mail.example.org"},
      {"write to SAM.LEE@example.com", PiiKind::kEmail, "SAM.LEE@example.com", true},
      {"follow @sam_lee", PiiKind::kEmail, ""},
      {"a@b", PiiKind::kEmail, ""},
      {"x@y.c", PiiKind::kEmail, ""},
  });
}

TEST(PiiFinder, FindsPostcodes) {
  RunCases({
      {"near LS6 2AB", PiiKind::kPostcode, "LS6 2AB", true},
      {"ls6 2ab", PiiKind::kPostcode, "ls6 2ab", true},
      {"LS62AB", PiiKind::kPostcode, "LS62AB", true},
      {"SW1A 1AA is the palace", PiiKind::kPostcode, "SW1A 1AA"},
      {"M1 1AE", PiiKind::kPostcode, "M1 1AE"},
      {"see u b4 5pm", PiiKind::kPostcode, ""},
      {"QA1 1AA", PiiKind::kPostcode, ""},  // no area starts with Q
      {"LS6 2CB", PiiKind::kPostcode, ""},  // C never in the inward code
  });
}

TEST(PiiFinder, FindsStreetAddresses) {
  RunCases({
      {"she lives at 221B Baker Street now", PiiKind::kAddress, "221B Baker Street"},
      {"1600 Pennsylvania Ave NW", PiiKind::kAddress, "1600 Pennsylvania Ave"},
      {"go to 7 oak rd.", PiiKind::kAddress, "7 oak rd"},
      {"14 Rose Hill", PiiKind::kAddress, "14 Rose Hill"},
      {"I'll be there at 12", PiiKind::kAddress, ""},
      {"a 5 minute drive", PiiKind::kAddress, ""},
      {"2 tall hill", PiiKind::kAddress, ""},  // weak suffix, not capitalised
      {"£14 Oak Road", PiiKind::kAddress, ""},
      {"at 10:30 Mill Lane", PiiKind::kAddress, ""},
  });
}

TEST(PiiFinder, FindsOwnAddressHowEverWritten) {
  RunCases({
      {"12 Mill Lane", PiiKind::kAddress, "12 Mill Lane", true},
      {"flat 3, 12 Mill Lane", PiiKind::kAddress, "12 Mill Lane", true},
      {"12 mill ln", PiiKind::kAddress, "12 mill ln", true},
      {"12, MILL-LANE", PiiKind::kAddress, "12, MILL-LANE", true},
      {"12 M i l l Lane", PiiKind::kAddress, "12 M i l l Lane", true},
      {"12 Мill Lаne", PiiKind::kAddress, "12 Мill Lаne", true},  // Cyrillic М and а
      {"312 Mill Lane", PiiKind::kAddress, "312 Mill Lane", false},
      {"12 Mill Lane Gym", PiiKind::kPlace, "Mill Lane Gym", true},
      {"Mill Lane", PiiKind::kAddress, ""},
  });
}

// The own place and address keep their whole span inside a longer sentence, with text and
// multi-byte characters before and after: "Lane" is respelled "ln" in the key, which must not
// shorten the span mapped back to the original text.
TEST(PiiFinder, OwnPlaceAndAddressSpanTheWholeEntryInASentence) {
  RunCases({
      {"Mill Lane Gym", PiiKind::kPlace, "Mill Lane Gym", true},
      {"at Mill Lane Gym every day", PiiKind::kPlace, "Mill Lane Gym", true},
      {"leg day again at Mill Lane Gym every day at 6", PiiKind::kPlace, "Mill Lane Gym", true},
      {"i'm at mill lane gym now", PiiKind::kPlace, "mill lane gym", true},
      {"i'm at MILL LN GYM now", PiiKind::kPlace, "MILL LN GYM", true},
      {"leg day é at Mill Lane Gym now", PiiKind::kPlace, "Mill Lane Gym", true},
      {"café then Mill Lane Gym, then home", PiiKind::kPlace, "Mill Lane Gym", true},
      {"💪 at Mill Lane Gym 💪", PiiKind::kPlace, "Mill Lane Gym", true},
      {"ééé 🏋️ Mill Lane Gym every day", PiiKind::kPlace, "Mill Lane Gym", true},
      {"come round to 12 Mill Lane after school", PiiKind::kAddress, "12 Mill Lane", true},
      {"i live at 12 mill lane now", PiiKind::kAddress, "12 mill lane", true},
      {"café is by 12 Mill Lane, come", PiiKind::kAddress, "12 Mill Lane", true},
      {"🏠 12 Mill Lane 🏠 see you", PiiKind::kAddress, "12 Mill Lane", true},
      {"é at 12 Mill Lane Gym now", PiiKind::kPlace, "Mill Lane Gym", true},
  });
}

TEST(PiiFinder, FindsOwnSchoolWorkplaceAndName) {
  RunCases({
      {"she goes to HILLSIDE academy", PiiKind::kSchool, "HILLSIDE academy", true},
      {"works at Leeds Central Library", PiiKind::kWorkplace, "Leeds Central Library", true},
      {"Sam Lee's mum", PiiKind::kFullName, "Sam Lee", true},
      {"S.a.m L.e.e", PiiKind::kFullName, "S.a.m L.e.e", true},
      {"Sam Leeds", PiiKind::kFullName, ""},
      {"Sam said hi", PiiKind::kFullName, ""},
      {"Sammy said hi", PiiKind::kFullName, ""},
      {"Hillside", PiiKind::kSchool, ""},
  });
}

TEST(PiiFinder, FindsDatesOfBirthAndAddressCues) {
  RunCases({
      {"she was born on 3 May 2009", PiiKind::kDateOfBirth, "born on 3 May 2009"},
      {"DOB: 03/05/2009", PiiKind::kDateOfBirth, "DOB: 03/05/2009"},
      {"date of birth is the 3rd of May", PiiKind::kDateOfBirth, "date of birth is the 3rd of May"},
      {"born May 3rd, 2009", PiiKind::kDateOfBirth, "born May 3rd, 2009"},
      {"born in 2009", PiiKind::kDateOfBirth, ""},
      {"her address is", PiiKind::kAddressCue, "address is"},
      {"he Lives  At", PiiKind::kAddressCue, "Lives  At"},
      {"bring olives at 5", PiiKind::kAddressCue, ""},
  });
}

TEST(PiiFinder, MapsSpansPastEmojiAndLookAlikes) {
  const std::string text = "🔥🔥 Ѕаm Lее 😀 lives at 12 Mill Lane!!";
  const auto matches = Finder().Find(text);
  ASSERT_FALSE(matches.empty());
  std::vector<std::string> seen;
  for (const auto& m : matches)
    seen.push_back(text.substr(m.span.begin, m.span.end - m.span.begin));
  EXPECT_NE(std::find(seen.begin(), seen.end(), "Ѕаm Lее"), seen.end()) << Dump(text, matches);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "12 Mill Lane"), seen.end()) << Dump(text, matches);
}

TEST(PiiFinder, FindOwnDataKeepsOnlyTheProfilesData) {
  const auto own = Finder().FindOwnData(
      "call 07123 456789 or 07700 900123, 12 Mill Lane, card 4111111111111111");
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].kind, PiiKind::kPhone);
  EXPECT_EQ(own[0].value, "+447700900123");
  EXPECT_EQ(own[1].kind, PiiKind::kAddress);
  EXPECT_EQ(own[1].value, "12 Mill Lane, Leeds LS6 2AB");
}

TEST(PiiFinder, EmptyProfileFindsGenericDataOnly) {
  const detect::PiiFinder finder{sg::Profile{}};
  const auto matches = finder.Find("Sam Lee, 12 Mill Lane, 4111 1111 1111 1111");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].kind, PiiKind::kAddress);
  EXPECT_FALSE(matches[0].own);
  EXPECT_EQ(matches[1].kind, PiiKind::kPaymentCard);
}

TEST(PiiFinder, AddressWithoutHouseNumberMatchesItsFirstPart) {
  sg::Profile p;
  p.addresses = {"Rose Cottage\nChurch Road\nYork YO1 7HH"};
  const detect::PiiFinder finder(p);
  const auto matches = finder.FindOwnData("she's at rose cottage, YO1 7HH");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].kind, PiiKind::kAddress);
  EXPECT_EQ(matches[1].kind, PiiKind::kPostcode);
}

TEST(PiiFinder, GivesTheSameAnswersFromSeveralThreads) {
  const std::vector<std::string> texts = {
      "Sam Lee lives at 12 mill ln LS6 2AB",
      "card 4111 1111 1111 1111",
      "ring 07123 456789",
      "DOB: 03/05/2009, NI AB123456C",
      "nothing to see here",
      "sam.lee@example.com 07700 900123",
  };
  auto run = [&] {
    std::vector<std::string> out;
    for (int round = 0; round < 50; ++round) {
      for (const std::string& t : texts) {
        for (const auto& m : Finder().Find(t)) {
          out.push_back(t.substr(m.span.begin, m.span.end - m.span.begin) + "|" + m.value);
        }
      }
    }
    return out;
  };
  const std::vector<std::string> expected = run();
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&r, &run] { r = run(); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
