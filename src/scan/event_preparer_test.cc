#include "scan/event_preparer.h"

#include <gtest/gtest.h>

namespace sg = stalkguard;

namespace {

sg::Event Message(const std::string& sender, const std::string& text, int64_t ms,
                  const std::string& file = "chat.txt") {
  sg::Event e;
  e.platform = "whatsapp";
  e.channel = sg::Channel::kChat;
  e.sender = {{sg::IdentityKind::kHandle, "whatsapp:" + sender}, sender};
  e.time.utc_ms = ms;
  e.thread = "Jordan Blake";
  e.text = text;
  e.source = {file, "line 1"};
  return e;
}

sg::Profile SamProfile() {
  sg::Profile p;
  p.names = {"Sam Lee"};
  p.identities = {{sg::IdentityKind::kPhone, "+447700900123"}};
  return p;
}

}  // namespace

TEST(EventPreparer, DirectionFollowsTheProfile) {
  const sg::Profile profile = SamProfile();
  sg::scan::EventPreparer preparer(profile);
  sg::Event in = Message("jordan blake", "hi", 1000);
  sg::Event out = Message("sam lee", "stop", 2000);
  out.sender.display_name = "Sam Lee";
  preparer.Prepare(in);
  preparer.Prepare(out);
  EXPECT_EQ(in.direction, sg::Direction::kIncoming);
  EXPECT_EQ(out.direction, sg::Direction::kOutgoing);
  // The reply in a one-to-one chat went to the one other person there.
  ASSERT_EQ(out.recipients.size(), 1u);
  EXPECT_EQ(out.recipients[0].identity.value, "whatsapp:jordan blake");
}

TEST(EventPreparer, ImporterDirectionIsKept) {
  const sg::Profile profile = SamProfile();
  sg::scan::EventPreparer preparer(profile);
  sg::Event e = Message("sam lee", "x", 1);
  e.direction = sg::Direction::kThirdParty;
  preparer.Prepare(e);
  EXPECT_EQ(e.direction, sg::Direction::kThirdParty);
}

TEST(EventPreparer, IdsAreStableAndEqualRecordsStayApart) {
  const sg::Profile profile;
  auto ids = [&] {
    sg::scan::EventPreparer preparer(profile);
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
      sg::Event e = Message("jordan blake", "ok", 60000);  // three "ok" in the same minute
      preparer.Prepare(e);
      out.push_back(e.id);
    }
    return out;
  };
  const auto first = ids();
  EXPECT_EQ(first, ids());
  EXPECT_NE(first[0], first[1]);
  EXPECT_NE(first[1], first[2]);
  EXPECT_EQ(first[0].size(), 32u);
}

TEST(EventPreparer, NativeIdWinsOverContent) {
  const sg::Profile profile;
  sg::scan::EventPreparer preparer(profile);
  sg::Event a = Message("x", "one text", 1, "inbox.mbox");
  sg::Event b = Message("x", "same mail, other copy", 1, "Maildir/cur/1:2,S");
  a.native_id = b.native_id = "<abc@example.com>";
  preparer.Prepare(a);
  preparer.Prepare(b);
  EXPECT_EQ(a.id, b.id);
}

// Pinned values: an id that changes breaks deduplication against every existing store.
TEST(EventPreparer, IdsKeepTheirDocumentedValues) {
  const sg::Profile profile;
  sg::scan::EventPreparer preparer(profile);
  sg::Event native;
  native.platform = "sms";
  native.channel = sg::Channel::kSms;
  native.native_id = "42";
  native.time.utc_ms = 1704067204257;
  preparer.Prepare(native);
  EXPECT_EQ(native.id, "018cc25204a13fbf4f36ee989b068554");
  sg::Event content = Message("jordan blake", "ok", 1709317325000);
  content.sender.display_name = "Jordan Blake";
  content.recipients = {{{sg::IdentityKind::kPhone, "+447700900123"}, ""}};
  sg::Event again = content;
  preparer.Prepare(content);
  preparer.Prepare(again);
  EXPECT_EQ(content.id, "018dfb4080c8b4767f60996130c1bc8a");
  EXPECT_EQ(again.id, "018dfb4080c82ed403568b3f5c9c7fda");
}
