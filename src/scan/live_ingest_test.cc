#include "scan/live_ingest.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "contacts/contact_linker.h"
#include "evidence/hash_chain.h"
#include "importers/builtin.h"
#include "importers/walker.h"
#include "profile/profile_loader.h"
#include "risk/risk_config.h"
#include "scan/detection.h"
#include "scan/scan.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

const char* kExports = SG_SOURCE_DIR "/examples/exports";

// Events as the importers give them, before any preparation: what a server would parse.
class Collect : public sg::importers::EventSink {
 public:
  void Emit(sg::Event&& event) override { events.push_back(std::move(event)); }
  void Reject(const sg::SourceRef&, const std::string& reason) override {
    ADD_FAILURE() << "rejected: " << reason;
  }
  std::vector<sg::Event> events;
};

class LiveIngestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto text = sg::detect::LoadTextLayer({});
    ASSERT_TRUE(text) << text.error().message;
    text_ = new std::shared_ptr<const sg::detect::TextLayer>(*text);
  }
  static void TearDownTestSuite() {
    delete text_;
    text_ = nullptr;
  }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-live-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto profile = sg::profile::LoadProfile(SG_SOURCE_DIR "/examples/profile.toml");
    ASSERT_TRUE(profile) << profile.error().message;
    profile_ = *profile;
    auto zone = sg::TimeZone::Named("Europe/London");
    ASSERT_TRUE(zone);
    import_.zone = *zone;
    import_.normalizer = sg::IdentityNormalizer(profile_.region);
    options_.text_layer = *text_;
    options_.detectors.indicators_path = IndicatorsPath();
    options_.risk_config_path = SG_SOURCE_DIR "/config/risk.toml";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string IndicatorsPath() {
    const fs::path shared =
        fs::path(SG_SOURCE_DIR) / ".." / "shared/data/stalkerware_indicators/ioc.yaml";
    if (fs::exists(shared)) return shared.string();
    return SG_SOURCE_DIR "/tests/scenario/indicators.yaml";
  }

  std::unique_ptr<sg::store::SqliteStore> Open(const std::string& name) {
    auto store = sg::store::SqliteStore::Open((dir_ / name).string());
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  std::vector<sg::Event> ExampleEvents() {
    Collect sink;
    const sg::importers::ImporterList importers = sg::importers::BuiltinImporters();
    sg::importers::Walker walker(importers, import_, sink);
    EXPECT_TRUE(walker.ImportPath(kExports));
    return std::move(sink.events);
  }

  // `stalkguard scan` of the example exports: import, contacts, full detection.
  void ScanFully(sg::store::Store& store) {
    sg::scan::ScanOptions scan;
    scan.import = import_;
    scan.profile = profile_;
    auto report = sg::scan::RunScan({kExports}, scan, store);
    ASSERT_TRUE(report) << report.error().message;
    sg::detect::BuiltinOptions builtin = options_.detectors;
    auto blocked = sg::scan::BlockedDisplayNames(profile_, store);
    ASSERT_TRUE(blocked);
    builtin.blocked_display_names = *blocked;
    auto detectors = sg::detect::BuiltinDetectors(profile_, *text_, builtin);
    ASSERT_TRUE(detectors) << detectors.error().message;
    auto config = sg::risk::RiskConfig::Load(options_.risk_config_path);
    ASSERT_TRUE(config);
    auto detected = sg::scan::RunDetection(profile_, *detectors, *config, store);
    ASSERT_TRUE(detected) << detected.error().message;
  }

  static std::map<std::string, sg::Case> CasesById(sg::store::Store& store) {
    std::map<std::string, sg::Case> out;
    auto cases = store.ListCases();
    EXPECT_TRUE(cases);
    if (cases)
      for (sg::Case& c : *cases) out[c.contact_id] = std::move(c);
    return out;
  }

  static void ExpectSameCases(const std::map<std::string, sg::Case>& want,
                              const std::map<std::string, sg::Case>& got) {
    ASSERT_EQ(want.size(), got.size());
    for (const auto& [id, w] : want) {
      ASSERT_TRUE(got.count(id)) << id;
      const sg::Case& g = got.at(id);
      EXPECT_EQ(g.display, w.display) << id;
      EXPECT_EQ(g.identities, w.identities) << id;
      EXPECT_EQ(g.severity, w.severity) << id;
      EXPECT_EQ(g.score, w.score) << id;
      EXPECT_EQ(g.forms, w.forms) << id;
      EXPECT_EQ(g.reasons, w.reasons) << id;
      EXPECT_EQ(g.actions, w.actions) << id;
      EXPECT_EQ(g.facts.incidents, w.facts.incidents) << id;
      EXPECT_EQ(g.facts.incoming, w.facts.incoming) << id;
      EXPECT_EQ(g.facts.unanswered_share, w.facts.unanswered_share) << id;
      EXPECT_EQ(g.facts.third_parties_reached, w.facts.third_parties_reached) << id;
      ASSERT_EQ(g.findings.size(), w.findings.size()) << id;
      for (size_t i = 0; i < w.findings.size(); ++i) {
        // The evidence-log id covers every field of the finding's content.
        EXPECT_EQ(g.findings[i].id, w.findings[i].id) << id << " finding " << i;
        EXPECT_EQ(g.findings[i].excerpt, w.findings[i].excerpt) << id << " finding " << i;
      }
    }
  }

  static void ExpectSameContacts(sg::store::Store& want, sg::store::Store& got) {
    auto a = want.ListContacts();
    auto b = got.ListContacts();
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) {
      const auto& x = (*a)[i];
      const auto& y = (*b)[i];
      EXPECT_EQ(x.record.id, y.record.id);
      EXPECT_EQ(x.record.display, y.record.display);
      EXPECT_EQ(x.record.link_reasons, y.record.link_reasons);
      EXPECT_EQ(x.record.is_self, y.record.is_self);
      ASSERT_EQ(x.identities.size(), y.identities.size()) << x.record.id;
      for (size_t k = 0; k < x.identities.size(); ++k)
        EXPECT_EQ(x.identities[k].identity.Key(), y.identities[k].identity.Key());
    }
  }

  static void ExpectChainVerifies(sg::store::Store& store) {
    std::vector<sg::evidence::ChainEntry> entries;
    ASSERT_TRUE(store.ForEachEvidenceEntry([&](const sg::evidence::ChainEntry& e) -> sg::Status {
      entries.push_back(e);
      return sg::OkStatus();
    }));
    EXPECT_FALSE(entries.empty());
    EXPECT_TRUE(sg::evidence::VerifyChain(entries, nullptr).ok());
  }

  static inline std::shared_ptr<const sg::detect::TextLayer>* text_ = nullptr;
  fs::path dir_;
  sg::Profile profile_;
  sg::importers::ImportOptions import_;
  sg::scan::LiveIngestOptions options_;
};

// An SMS from the same sender to the person, `minute` minutes into 1 March 2024.
sg::Event Sms(const std::string& text, int minute) {
  sg::Event e;
  e.platform = "sms";
  e.channel = sg::Channel::kSms;
  e.sender.identity = {sg::IdentityKind::kPhone, "+447700900555"};
  e.recipients.push_back({{sg::IdentityKind::kPhone, "+447700900123"}, ""});
  e.time = {1709316000000 + minute * 60000LL, 0, true};
  e.text = text;
  e.source = {"api", "event"};
  return e;
}

}  // namespace

// The equality: the example exports fed in random batches of 1..50 events give the
// contacts and cases a full scan of the same exports gives, finding for finding.
TEST_F(LiveIngestTest, RandomBatchesEndWhereAFullScanEnds) {
  auto full = Open("full.db");
  ASSERT_NO_FATAL_FAILURE(ScanFully(*full));
  const auto want = CasesById(*full);
  ASSERT_GE(want.size(), 5u);
  const std::vector<sg::Event> events = ExampleEvents();
  ASSERT_GT(events.size(), 100u);

  for (unsigned seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto store = Open("live-" + std::to_string(seed) + ".db");
    auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
    ASSERT_TRUE(live) << live.error().message;
    std::mt19937 random(seed);
    std::uniform_int_distribution<size_t> size(1, 50);
    int64_t inserted = 0;
    bool saw_danger = false;
    std::vector<sg::Event> last_batch;
    for (size_t at = 0; at < events.size();) {
      const size_t n = std::min(size(random), events.size() - at);
      std::vector<sg::Event> batch(events.begin() + static_cast<ptrdiff_t>(at),
                                   events.begin() + static_cast<ptrdiff_t>(at + n));
      at += n;
      last_batch = batch;
      auto result = live->Ingest(std::move(batch));
      ASSERT_TRUE(result) << result.error().message;
      inserted += result->counts.inserted;
      for (const auto& change : result->changes)
        saw_danger |= change.after == sg::Severity::kDanger;
    }
    EXPECT_EQ(inserted, *full->CountEvents());
    EXPECT_TRUE(saw_danger) << "the ex-partner's case reaches danger along the way";
    ExpectSameContacts(*full, *store);
    const auto got = CasesById(*store);
    ExpectSameCases(want, got);
    // What LiveIngest keeps is what it stored.
    std::map<std::string, sg::Case> kept;
    for (sg::Case& c : live->Cases()) kept[c.contact_id] = std::move(c);
    for (auto& [id, c] : kept) c.findings.clear();
    EXPECT_EQ(kept.size(), got.size());
    ExpectChainVerifies(*store);

    // The last batch sent again (a client that saw no acknowledgement): nothing is added.
    auto again = live->Ingest(last_batch);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->counts.inserted, 0);
    EXPECT_EQ(again->counts.duplicates, static_cast<int64_t>(last_batch.size()));
    EXPECT_TRUE(again->changes.empty());
  }
}

// Concurrent requests stored as one run (IngestMany) end where a full scan ends too, and each
// request learns its own counts, ids and rejections.
TEST_F(LiveIngestTest, BatchesIngestedTogetherEndWhereAFullScanEnds) {
  auto full = Open("full.db");
  ASSERT_NO_FATAL_FAILURE(ScanFully(*full));
  const auto want = CasesById(*full);
  const std::vector<sg::Event> events = ExampleEvents();

  auto store = Open("together.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> size(1, 40), count(1, 4);
  int64_t inserted = 0;
  for (size_t at = 0; at < events.size();) {
    std::vector<std::vector<sg::Event>> parts(count(random));
    std::vector<size_t> sizes;
    for (auto& part : parts) {
      const size_t n = std::min(size(random), events.size() - at);
      part.assign(events.begin() + static_cast<ptrdiff_t>(at),
                  events.begin() + static_cast<ptrdiff_t>(at + n));
      at += n;
      sizes.push_back(n);
    }
    auto results = live->IngestMany(std::move(parts));
    ASSERT_TRUE(results) << results.error().message;
    ASSERT_EQ(results->size(), sizes.size());
    for (size_t p = 0; p < sizes.size(); ++p) {
      const sg::scan::IngestResult& r = (*results)[p];
      EXPECT_EQ(r.event_ids.size(), sizes[p]);
      EXPECT_EQ(r.counts.inserted + r.counts.duplicates + static_cast<int64_t>(r.rejections.size()),
                static_cast<int64_t>(sizes[p]));
      EXPECT_EQ(r.changes.size(), results->front().changes.size()) << "the run's, in each part";
      inserted += r.counts.inserted;
    }
  }
  EXPECT_EQ(inserted, *full->CountEvents());
  ExpectSameContacts(*full, *store);
  ExpectSameCases(want, CasesById(*store));
  ExpectChainVerifies(*store);
}

// Cases written later than their batch (case_write_interval_ms) are the same once written,
// and what LiveIngest shows meanwhile is already the new state.
TEST_F(LiveIngestTest, CasesWrittenLaterEndWhereAFullScanEnds) {
  auto full = Open("full.db");
  ASSERT_NO_FATAL_FAILURE(ScanFully(*full));
  const auto want = CasesById(*full);
  const std::vector<sg::Event> events = ExampleEvents();

  for (int interval : {1, 3'600'000}) {
    SCOPED_TRACE("interval " + std::to_string(interval));
    auto store = Open("later-" + std::to_string(interval) + ".db");
    sg::scan::LiveIngestOptions options = options_;
    options.case_write_interval_ms = interval;
    auto live = sg::scan::LiveIngest::Create(profile_, *store, options);
    ASSERT_TRUE(live) << live.error().message;
    const size_t stored_at_start = CasesById(*store).size();
    std::mt19937 random(11);
    std::uniform_int_distribution<size_t> size(1, 60);
    for (size_t at = 0; at < events.size();) {
      const size_t n = std::min(size(random), events.size() - at);
      auto result = live->Ingest({events.begin() + static_cast<ptrdiff_t>(at),
                                  events.begin() + static_cast<ptrdiff_t>(at + n)});
      ASSERT_TRUE(result) << result.error().message;
      at += n;
      if (interval == 1) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (interval > 1) {
      EXPECT_TRUE(live->CasesWaiting());
      EXPECT_EQ(CasesById(*store).size(), stored_at_start) << "nothing written yet";
    }
    // What it shows is already what a full scan concludes.
    std::map<std::string, sg::Case> shown;
    for (sg::Case& c : live->Cases()) shown[c.contact_id] = std::move(c);
    EXPECT_EQ(shown.size(), want.size());
    for (const auto& [id, c] : want) {
      auto it = shown.find(id);
      ASSERT_NE(it, shown.end()) << id;
      EXPECT_EQ(it->second.severity, c.severity) << id;
      EXPECT_EQ(it->second.findings.size(), c.findings.size()) << id;
    }
    ASSERT_TRUE(live->StoreCases());
    EXPECT_FALSE(live->CasesWaiting());
    ExpectSameCases(want, CasesById(*store));
    ExpectChainVerifies(*store);
  }
}

TEST_F(LiveIngestTest, EachPartOfARunCountsItsOwnEvents) {
  auto store = Open("parts.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  sg::Event no_time = Sms("hello", 0);
  no_time.time = {};
  // The same request twice in one run (a client retrying while the first is under way): the
  // second stores nothing and gets the same ids.
  std::vector<sg::Event> request = {Sms("ok", 1), Sms("ok", 1), no_time,
                                    Sms("you are a stupid idiot", 2)};
  auto results = live->IngestMany({request, request, {Sms("later", 3)}});
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 3u);
  const auto& [first, again, other] = std::tie((*results)[0], (*results)[1], (*results)[2]);
  EXPECT_EQ(first.counts.inserted, 3);
  EXPECT_EQ(first.counts.duplicates, 0);
  EXPECT_EQ(again.counts.inserted, 0);
  EXPECT_EQ(again.counts.duplicates, 3);
  EXPECT_EQ(first.event_ids, again.event_ids);
  EXPECT_NE(first.event_ids[0], first.event_ids[1]);
  ASSERT_EQ(again.rejections.size(), 1u);
  EXPECT_EQ(again.rejections[0].record, "event 3");
  EXPECT_EQ(other.counts.inserted, 1);
  ASSERT_EQ(other.event_ids.size(), 1u);
  EXPECT_TRUE(other.rejections.empty());
  ASSERT_EQ(first.changes.size(), 1u);
  EXPECT_EQ(other.changes.size(), 1u);
  EXPECT_EQ(*store->CountEvents(), 4);
}

TEST_F(LiveIngestTest, ReportsIdsRejectionsAndWhatChanged) {
  auto store = Open("small.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  EXPECT_TRUE(live->Cases().empty());
  sg::Event no_time = Sms("hello", 0);
  no_time.time = {};
  sg::Event bad_text = Sms("x", 1);
  bad_text.text = "\xff\xfe";
  auto first = live->Ingest(
      {Sms("ok", 2), no_time, bad_text, Sms("ok", 2), Sms("you are a stupid idiot", 3)});
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->event_ids.size(), 5u);
  EXPECT_EQ(first->event_ids[0].size(), 32u);
  EXPECT_EQ(first->event_ids[1], "");
  EXPECT_EQ(first->event_ids[2], "");
  // Identical records from one source stay two events (EventPreparer counts them).
  EXPECT_NE(first->event_ids[3], first->event_ids[0]);
  EXPECT_EQ(first->counts.inserted, 3);
  ASSERT_EQ(first->rejections.size(), 2u);
  EXPECT_EQ(first->rejections[0].record, "event 2");
  EXPECT_EQ(first->rejections[0].reason, "no time");
  EXPECT_EQ(first->rejections[1].record, "event 3");
  ASSERT_EQ(first->changes.size(), 1u);
  EXPECT_FALSE(first->changes[0].before.has_value());
  const sg::Severity start = first->changes[0].after;
  EXPECT_LT(start, sg::Severity::kWarning);  // one incident of abuse alone
  EXPECT_GT(first->changes[0].score, 0);

  // Nothing new to say about the contact: no change.
  auto same = live->Ingest({Sms("ok", 2)});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->counts.duplicates, 1);
  EXPECT_TRUE(same->changes.empty());

  // The person says stop and the threats go on: the case rises.
  sg::Event stop = Sms("stop texting me, leave me alone", 10);
  std::swap(stop.sender, stop.recipients[0]);
  std::vector<sg::Event> more = {stop};
  for (int i = 0; i < 6; ++i)
    more.push_back(Sms("you will regret this, I know where you live " + std::to_string(i), 20 + i));
  auto rise = live->Ingest(std::move(more));
  ASSERT_TRUE(rise) << rise.error().message;
  ASSERT_EQ(rise->changes.size(), 1u);
  EXPECT_EQ(rise->changes[0].before, start);
  EXPECT_GT(rise->changes[0].after, start);
  EXPECT_EQ(rise->changes[0].contact_id, live->Cases().front().contact_id);

  // No import run is left open.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "small.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM imports WHERE finished_ms IS NULL", -1,
                               &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

// An acknowledged batch survives the process being killed right after Ingest returns, and the
// evidence chain verifies when the store is opened again.
TEST_F(LiveIngestTest, AcknowledgedBatchSurvivesKill9) {
  const std::vector<sg::Event> events = ExampleEvents();
  const std::string path = (dir_ / "killed.db").string();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = sg::store::SqliteStore::Open(path);
    if (!store) ::_exit(10);
    auto live = sg::scan::LiveIngest::Create(profile_, **store, options_);
    if (!live) ::_exit(11);
    auto result = live->Ingest({events.begin(), events.begin() + 40});
    if (!result || result->counts.inserted != 40) ::_exit(12);
    ::kill(::getpid(), SIGKILL);  // right after the acknowledgement, nothing closed
    ::_exit(13);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  auto store = sg::store::SqliteStore::Open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*(*store)->CountEvents(), 40);
  ExpectChainVerifies(**store);
  // A new LiveIngest carries on from there.
  auto live = sg::scan::LiveIngest::Create(profile_, **store, options_);
  ASSERT_TRUE(live) << live.error().message;
  auto rest = live->Ingest({events.begin() + 40, events.end()});
  ASSERT_TRUE(rest) << rest.error().message;
  EXPECT_EQ(*(*store)->CountEvents(), static_cast<int64_t>(events.size()));
  ExpectChainVerifies(**store);
}

// A chat that a second person writes in becomes a group: what was said there before reached
// others. The cases equal a full detection's after every batch.
TEST_F(LiveIngestTest, ThreadThatBecomesAGroupIsJudgedAgain) {
  auto store = Open("group.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  auto chat = [](const std::string& who, const std::string& text, int minute) {
    sg::Event e;
    e.platform = "whatsapp";
    e.channel = sg::Channel::kChat;
    e.thread = "Year 11";
    e.sender = {{sg::IdentityKind::kHandle, "whatsapp:" + who}, who};
    e.time = {1709316000000 + minute * 60000LL, 0, true};
    e.text = text;
    e.source = {"api", "event"};
    return e;
  };
  auto config = sg::risk::RiskConfig::Load(options_.risk_config_path);
  ASSERT_TRUE(config);
  auto expect_full = [&] {
    sg::detect::BuiltinOptions builtin = options_.detectors;
    auto detectors = sg::detect::BuiltinDetectors(profile_, *text_, builtin);
    ASSERT_TRUE(detectors);
    auto full = sg::scan::RunDetection(profile_, *detectors, *config, *store);
    ASSERT_TRUE(full) << full.error().message;
    std::map<std::string, sg::Case> want;
    for (sg::Case& c : full->cases) want[c.contact_id] = std::move(c);
    std::map<std::string, sg::Case> got;
    for (sg::Case& c : live->Cases()) got[c.contact_id] = std::move(c);
    ExpectSameCases(want, got);
  };
  ASSERT_TRUE(live->Ingest({chat("Casey", "Sam is a slut and a liar, everyone knows it", 1),
                            chat("Casey", "Sam sleeps around, tell everyone", 2)}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  const auto alone = live->Cases();
  ASSERT_FALSE(alone.empty());
  EXPECT_EQ(alone.front().facts.third_parties_reached, 0);
  ASSERT_TRUE(live->Ingest({chat("Robin", "omg really", 3)}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  const auto grouped = live->Cases();
  ASSERT_FALSE(grouped.empty());
  EXPECT_GT(grouped.front().facts.third_parties_reached, 0);
}

// New identities join the contacts a full link would put them in (same name, a trusted
// contact, a name that merges two contacts, a blocked number's new name), and after every
// batch the contacts and cases equal a full relink and detection of the same store.
TEST_F(LiveIngestTest, NewIdentitiesJoinContactsAsAFullScanLinksThem) {
  auto store = Open("join.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  int minute = 0;
  auto sms = [&](const std::string& phone, const std::string& name, const std::string& text) {
    sg::Event e;
    e.platform = "sms";
    e.channel = sg::Channel::kSms;
    e.sender = {{sg::IdentityKind::kPhone, phone}, name};
    e.recipients.push_back({{sg::IdentityKind::kPhone, "+447700900123"}, ""});
    e.time = {1709316000000 + ++minute * 60000LL, 0, true};
    e.text = text;
    e.source = {"api", "event"};
    return e;
  };
  auto from = [&](sg::Identity who, const std::string& name, const std::string& text) {
    sg::Event e = sms("+447700900001", name, text);
    e.sender.identity = std::move(who);
    e.recipients = {{{sg::IdentityKind::kEmail, "sam.lee@example.org"}, "Sam Lee"}};
    e.platform = "email";
    e.channel = sg::Channel::kEmail;
    return e;
  };
  auto config = sg::risk::RiskConfig::Load(options_.risk_config_path);
  ASSERT_TRUE(config);
  auto expect_full = [&] {
    auto identities = store->ListIdentities();
    auto contacts = store->ListContacts();
    ASSERT_TRUE(identities && contacts);
    const auto linked = sg::contacts::LinkContacts(*identities, profile_);
    ASSERT_EQ(linked.size(), contacts->size());
    std::map<std::string, const sg::store::ContactRecord*> want;
    for (const auto& c : linked) want[c.id] = &c;
    for (const auto& c : *contacts) {
      ASSERT_TRUE(want.count(c.record.id)) << c.record.id;
      EXPECT_EQ(c.record.display, want[c.record.id]->display);
      EXPECT_EQ(c.record.identity_ids, want[c.record.id]->identity_ids);
      EXPECT_EQ(c.record.link_reasons, want[c.record.id]->link_reasons);
    }
    sg::detect::BuiltinOptions builtin = options_.detectors;
    auto blocked = sg::scan::BlockedDisplayNames(profile_, *store);
    ASSERT_TRUE(blocked);
    builtin.blocked_display_names = *blocked;
    auto detectors = sg::detect::BuiltinDetectors(profile_, *text_, builtin);
    ASSERT_TRUE(detectors);
    auto full = sg::scan::RunDetection(profile_, *detectors, *config, *store);
    ASSERT_TRUE(full) << full.error().message;
    std::map<std::string, sg::Case> cases;
    for (sg::Case& c : full->cases) cases[c.contact_id] = std::move(c);
    std::map<std::string, sg::Case> got;
    for (sg::Case& c : live->Cases()) got[c.contact_id] = std::move(c);
    ExpectSameCases(cases, got);
  };
  auto contact_count = [&] { return store->ListContacts()->size(); };

  ASSERT_TRUE(live->Ingest({sms("+447700900777", "Jordan Blake", "you will regret this"),
                            sms("+447700900888", "Alex", "you are a stupid idiot"),
                            sms("+447700900456", "Dad", "are you ok?")}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  const size_t at_first = contact_count();
  // Same display name on another platform; the trusted contact's e-mail.
  ASSERT_TRUE(live->Ingest(
      {from({sg::IdentityKind::kEmail, "jb77@example.com"}, "jordan blake",
            "I know where you live"),
       from({sg::IdentityKind::kEmail, "richard.lee@example.org"}, "Richard", "call me")}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  EXPECT_EQ(contact_count(), at_first);
  // Alex's number shown as "Jordan Blake": two contacts become one.
  ASSERT_TRUE(live->Ingest({sms("+447700900888", "Jordan Blake", "answer me")}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  EXPECT_EQ(contact_count(), at_first - 1);
  // The blocked number writes under a name, then a new number uses it: ban evasion.
  ASSERT_TRUE(live->Ingest({sms("+447700900999", "Jay", "unblock me")}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
  ASSERT_TRUE(live->Ingest({sms("+447700900555", "Jay", "you can't block me")}));
  ASSERT_NO_FATAL_FAILURE(expect_full());
}

// A batch whose cases cannot be stored after its events were committed: the next batch starts
// from the store again, and the cases end as a full detection has them.
TEST_F(LiveIngestTest, BatchAfterAFailedOneCatchesUp) {
  const std::vector<sg::Event> events = ExampleEvents();
  ASSERT_GT(events.size(), 60u);
  auto store = Open("failing.db");
  auto live = sg::scan::LiveIngest::Create(profile_, *store, options_);
  ASSERT_TRUE(live) << live.error().message;
  ASSERT_TRUE(live->Ingest({events.begin(), events.begin() + 20}));
  auto exec = [&](const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "failing.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  };
  // Writing any case fails; the events still go in.
  exec(
      "CREATE TRIGGER no_cases BEFORE UPDATE ON cases BEGIN SELECT RAISE(ABORT, 'no'); END;"
      "CREATE TRIGGER no_new_cases BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, 'no'); END;");
  EXPECT_FALSE(live->Ingest({events.begin() + 20, events.begin() + 40}));
  EXPECT_EQ(*store->CountEvents(), 40);
  exec("DROP TRIGGER no_cases; DROP TRIGGER no_new_cases;");
  // A batch about someone else: the contacts of the failed batch are judged all the same.
  sg::Event other;
  other.platform = "sms";
  other.channel = sg::Channel::kSms;
  other.sender = {{sg::IdentityKind::kPhone, "+447700900555"}, ""};
  other.recipients.push_back({{sg::IdentityKind::kPhone, "+447700900123"}, ""});
  other.time = {1709316000000, 0, true};
  other.text = "hello";
  other.source = {"api", "event"};
  auto next = live->Ingest({other});
  ASSERT_TRUE(next) << next.error().message;

  const auto stored = CasesById(*store);
  std::map<std::string, sg::Case> kept;
  for (sg::Case& c : live->Cases()) kept[c.contact_id] = std::move(c);
  sg::detect::BuiltinOptions builtin = options_.detectors;
  auto blocked = sg::scan::BlockedDisplayNames(profile_, *store);
  ASSERT_TRUE(blocked);
  builtin.blocked_display_names = *blocked;
  auto detectors = sg::detect::BuiltinDetectors(profile_, *text_, builtin);
  ASSERT_TRUE(detectors);
  auto config = sg::risk::RiskConfig::Load(options_.risk_config_path);
  ASSERT_TRUE(config);
  auto full = sg::scan::RunDetection(profile_, *detectors, *config, *store);
  ASSERT_TRUE(full) << full.error().message;
  std::map<std::string, sg::Case> want;
  for (sg::Case& c : full->cases) want[c.contact_id] = std::move(c);
  ASSERT_FALSE(want.empty());
  ExpectSameCases(want, stored);
  ExpectSameCases(want, kept);
}
