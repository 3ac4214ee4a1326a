// The whole check-up over a real SQLite store, the shipped link judge settings, the shipped
// over-sharing patterns and the shared stalkerware indicators.
#include "checkup/checkup_run.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "checkup/oversharing/oversharing_scanner.h"
#include "checkup/password_summary.h"
#include "core/digest.h"
#include "detectors/links/link_judge.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/package_list.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace sc = stalkguard::checkup;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SG_SOURCE_DIR;

const sg::Identity kSam{sg::IdentityKind::kHandle, "tiktok:robin.hale"};
const sg::Identity kSamPhone{sg::IdentityKind::kPhone, "+447700900321"};
const sg::Identity kDad{sg::IdentityKind::kPhone, "+447700900654"};
const sg::Identity kStranger{sg::IdentityKind::kPhone, "+447700900777"};

sg::Profile RobinsProfile() {
  sg::Profile p;
  p.names = {"Robin Hale"};
  p.identities = {kSam, kSamPhone, {sg::IdentityKind::kEmail, "robin@example.org"}};
  p.addresses = {"7 Orchard Road, York YO10 5DD"};
  p.schools = {"Fulford School"};
  p.trusted = {{"Dad", {kDad}}};
  p.region = "GB";
  return p;
}

sg::Event MakeEvent(std::string text, sg::Direction direction, sg::Identity from,
                    std::vector<sg::Identity> to, sg::Channel channel = sg::Channel::kSms) {
  static int64_t clock = 1'710'000'000'000;
  clock += 60'000;
  sg::Event e;
  e.id = sg::IdHasher().Add(text).Add(clock).HexDigest();
  e.channel = channel;
  e.platform = channel == sg::Channel::kPost ? "tiktok" : "sms";
  e.direction = direction;
  e.sender = {std::move(from), ""};
  for (sg::Identity& id : to) e.recipients.push_back({std::move(id), ""});
  e.time = {clock, 0, true};
  e.text = std::move(text);
  e.source = {"test.xml", "sms " + std::to_string(clock % 1000)};
  return e;
}

class CheckupRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-checkup-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto store = sg::store::SqliteStore::Open((dir_ / "store.db").string());
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto judge = sg::links::LinkJudge::Create(sg::links::DefaultLinkJudgeOptions());
    ASSERT_TRUE(judge) << judge.error().message;
    judge_.emplace(std::move(*judge));
    auto scanner = sc::OversharingScanner::Create(profile_, kSource / "config" / "oversharing");
    ASSERT_TRUE(scanner) << scanner.error().message;
    scanner_.emplace(std::move(*scanner));
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Store(const std::vector<sg::Event>& events) { ASSERT_TRUE(store_->WriteEvents(0, events)); }

  sc::CheckupRun Run(const sc::AnswerBook& answers = {},
                     const sg::detect::PackageList* apps = nullptr,
                     const sg::detect::IndicatorSet* indicators = nullptr) {
    sc::CheckupSources sources;
    sources.profile = &profile_;
    sources.store = store_.get();
    sources.links = &*judge_;
    sources.oversharing = &*scanner_;
    sources.apps = apps;
    sources.indicators = indicators;
    sources.apps_source = "apps.txt";
    auto run = sc::RunCheckup(sources, answers);
    EXPECT_TRUE(run) << run.error().message;
    return run ? std::move(*run) : sc::CheckupRun{};
  }

  static const sc::CheckItem& Item(const sc::CheckupRun& run, const std::string& id) {
    auto it = std::find_if(run.items.begin(), run.items.end(),
                           [&](const sc::CheckItem& i) { return i.id == id; });
    EXPECT_NE(it, run.items.end()) << id;
    static const sc::CheckItem none;
    return it == run.items.end() ? none : *it;
  }

  sg::Profile profile_ = RobinsProfile();
  fs::path dir_;
  std::unique_ptr<sg::store::SqliteStore> store_;
  std::optional<sg::links::LinkJudge> judge_;
  std::optional<sc::OversharingScanner> scanner_;
};

}  // namespace

TEST_F(CheckupRunTest, EmptyStoreLeavesMessageItemsUnknown) {
  const sc::CheckupRun run = Run();
  EXPECT_EQ(Item(run, "oversharing").status, sc::ItemStatus::kUnknown);
  EXPECT_EQ(Item(run, "links").status, sc::ItemStatus::kUnknown);
  EXPECT_EQ(Item(run, "passwords").status, sc::ItemStatus::kUnknown);
  EXPECT_EQ(Item(run, "apps").status, sc::ItemStatus::kUnknown);
  EXPECT_TRUE(run.records.empty());
  // What to fix comes first, then what is not known, then what is fine.
  EXPECT_TRUE(std::is_sorted(
      run.items.begin(), run.items.end(), [](const sc::CheckItem& a, const sc::CheckItem& b) {
        auto rank = [](sc::ItemStatus s) {
          return s == sc::ItemStatus::kFix ? 0 : s == sc::ItemStatus::kUnknown ? 1 : 2;
        };
        return rank(a.status) < rank(b.status);
      }));
}

TEST_F(CheckupRunTest, OwnPublicPostWithAddressIsFixedWithTheWordsToRemove) {
  const std::string post = "new room all done!! come round, 7 Orchard Road";
  Store({
      MakeEvent(post, sg::Direction::kPublic, kSam, {}, sg::Channel::kPost),
      // The same address to Dad, a trusted contact: not over-sharing.
      MakeEvent("I'm at 7 Orchard Road", sg::Direction::kOutgoing, kSamPhone, {kDad}),
      // A stranger writing it is doxxing, for the detectors; not the person's own post.
      MakeEvent("you live at 7 Orchard Road", sg::Direction::kIncoming, kStranger, {kSamPhone}),
      MakeEvent("see you at the match", sg::Direction::kOutgoing, kSamPhone, {kStranger}),
  });
  const sc::CheckupRun run = Run();
  const sc::CheckItem& item = Item(run, "oversharing");
  EXPECT_EQ(item.status, sc::ItemStatus::kFix);
  ASSERT_EQ(item.evidence.size(), 1u);
  const sc::ItemEvidence& e = item.evidence[0];
  EXPECT_NE(e.text.find("in public"), std::string::npos) << e.text;
  ASSERT_EQ(e.remove.size(), 1u);
  EXPECT_EQ(e.remove[0].words, "7 Orchard Road");
  EXPECT_EQ(post.substr(e.remove[0].span.begin, e.remove[0].span.end - e.remove[0].span.begin),
            "7 Orchard Road");
  EXPECT_EQ(e.source.substr(0, 8), "test.xml");
  EXPECT_FALSE(item.steps.empty());
  EXPECT_NE(item.summary.find("1 of your 2 own"), std::string::npos) << item.summary;
}

TEST_F(CheckupRunTest, OwnPostsThatGiveNothingAwayAreOk) {
  Store({MakeEvent("great match today", sg::Direction::kPublic, kSam, {}, sg::Channel::kPost)});
  EXPECT_EQ(Item(Run(), "oversharing").status, sc::ItemStatus::kOk);
}

TEST_F(CheckupRunTest, DangerousLinksFromStrangersOnlyAreListed) {
  sg::Event lure = MakeEvent("your parcel is held: http://198.51.100.7/paypal-login.apk",
                             sg::Direction::kIncoming, kStranger, {kSamPhone});
  lure.urls = {"http://198.51.100.7/paypal-login.apk"};
  sg::Event from_dad =
      MakeEvent("look http://203.0.113.9/setup.exe", sg::Direction::kIncoming, kDad, {kSamPhone});
  from_dad.urls = {"http://203.0.113.9/setup.exe"};
  sg::Event harmless = MakeEvent("the times https://www.bbc.co.uk/news", sg::Direction::kIncoming,
                                 kStranger, {kSamPhone});
  harmless.urls = {"https://www.bbc.co.uk/news"};
  Store({lure, from_dad, harmless});
  const sc::CheckupRun run = Run();
  const sc::CheckItem& item = Item(run, "links");
  EXPECT_EQ(item.status, sc::ItemStatus::kFix);
  ASSERT_EQ(item.evidence.size(), 1u);
  EXPECT_NE(item.evidence[0].text.find("198.51.100.7"), std::string::npos);
  EXPECT_NE(item.evidence[0].text.find("+447700900777"), std::string::npos);
  EXPECT_EQ(item.evidence[0].event_id, lure.id);
  EXPECT_NE(item.summary.find("1 of 2 links"), std::string::npos) << item.summary;
}

TEST_F(CheckupRunTest, HarmlessLinksFromStrangersAreOk) {
  sg::Event harmless =
      MakeEvent("https://www.bbc.co.uk/news", sg::Direction::kIncoming, kStranger, {kSamPhone});
  harmless.urls = {"https://www.bbc.co.uk/news"};
  Store({harmless});
  EXPECT_EQ(Item(Run(), "links").status, sc::ItemStatus::kOk);
}

TEST_F(CheckupRunTest, AppListIsCheckedKeptAndRemembered) {
  // The shared indicators, found the way `stalkguard checkup --apps` finds them (above the
  // build tree or the working directory, or $STALKGUARD_INDICATORS).
  auto ioc = sg::detect::DefaultIndicatorPath();
  ASSERT_TRUE(ioc) << ioc.error().message;
  auto indicators = sg::detect::IndicatorSet::Load(*ioc);
  ASSERT_TRUE(indicators) << indicators.error().message;
  // com.mspy.lite is in the indicators (mSpy); the others are ordinary apps.
  const sg::detect::PackageList apps = sg::detect::ParsePackageList(
      "package:com.whatsapp\npackage:com.mspy.lite\npackage:org.telegram.messenger\n", "apps.txt");
  sc::CheckupRun run = Run({}, &apps, &*indicators);
  const sc::CheckItem& item = Item(run, "apps");
  EXPECT_EQ(item.status, sc::ItemStatus::kFix);
  ASSERT_EQ(item.evidence.size(), 1u);
  EXPECT_NE(item.evidence[0].text.find("com.mspy.lite"), std::string::npos);
  EXPECT_FALSE(item.steps.empty());
  ASSERT_EQ(run.records.size(), 1u);
  EXPECT_EQ(run.records[0].key, "apps-check");

  // Kept: the next check-up without a list still knows.
  ASSERT_TRUE(store_->PutCheckupRecords(run.records));
  const sc::CheckupRun later = Run();
  EXPECT_EQ(Item(later, "apps").status, sc::ItemStatus::kFix);
  EXPECT_TRUE(later.records.empty());

  // A clean list replaces it.
  const sg::detect::PackageList clean =
      sg::detect::ParsePackageList("package:com.whatsapp\n", "apps.txt");
  run = Run({}, &clean, &*indicators);
  EXPECT_EQ(Item(run, "apps").status, sc::ItemStatus::kOk);
}

TEST_F(CheckupRunTest, PasswordSummaryAndAnswersComeFromTheStore) {
  std::vector<sc::AccountAudit> audits(1);
  audits[0].account = "mail";
  audits[0].rating.score = 1;
  audits[0].needs_change = true;
  ASSERT_TRUE(store_->PutCheckupRecords({sc::ToRecord(sc::Summarise(audits, 1'700'000'000'000)),
                                         {"answer:shared-devices", R"({"answer":"yes"})", 0},
                                         {"apps-check", "not json", 0}}));
  auto records = store_->ListCheckupRecords();
  ASSERT_TRUE(records);
  const sc::CheckupRun run = Run(sc::AnswerBook::FromRecords(*records));
  EXPECT_EQ(Item(run, "passwords").status, sc::ItemStatus::kFix);
  EXPECT_EQ(Item(run, "shared-devices").status, sc::ItemStatus::kFix);
  // A record that cannot be read is named, and the check-up goes on without it.
  EXPECT_EQ(run.problems, (std::vector<std::string>{"apps-check: not an app-list check"}));
  EXPECT_EQ(Item(run, "apps").status, sc::ItemStatus::kUnknown);
}
