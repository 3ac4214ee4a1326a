// Case files from a real SQLite store, redaction, the checklist, the report model and the
// evidence bundle they export: one stalker (Jordan), a third party (Alex) whose details appear
// in Jordan's messages, and a few other contacts with cases of their own.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "casework/case_file.h"
#include "casework/checklist.h"
#include "casework/evidence_export.h"
#include "casework/redaction.h"
#include "casework/report_builder.h"
#include "casework/safety_section.h"
#include "core/digest.h"
#include "evidence/bundle/bundle.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace cw = stalkguard::casework;
namespace fs = std::filesystem;
using sg::report::Answer;
using sg::report::Band;

namespace {

constexpr int64_t kMar1 = 1709251200000;  // 2024-03-01T00:00:00Z (GMT in London)
constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 24 * kHour;

const char kSam[] = "+447700900123";
const char kJordan[] = "+447123456999";
const char kAlex[] = "+447123456789";
const char kAlexEmail[] = "alex.kim@example.net";

sg::Party Phone(const std::string& number, const std::string& name) {
  sg::Party p;
  p.identity = {sg::IdentityKind::kPhone, number};
  p.display_name = name;
  return p;
}

sg::Event Sms(const std::string& key, int64_t utc_ms, sg::Direction direction, sg::Party sender,
              std::vector<sg::Party> recipients, const std::string& text) {
  sg::Event e;
  e.id = sg::IdHasher().Add("casework-test").Add(key).HexDigest();
  e.channel = sg::Channel::kSms;
  e.platform = "sms";
  e.direction = direction;
  e.sender = std::move(sender);
  e.recipients = std::move(recipients);
  e.time = {utc_ms, 0, true};
  e.thread = e.direction == sg::Direction::kOutgoing ? e.recipients[0].identity.value
                                                     : e.sender.identity.value;
  e.text = text;
  e.source = {"sms-backup.xml", "sms " + key};
  e.raw = "<sms address=\"" + e.thread + "\" body=\"" + text + "\"/>";
  return e;
}

sg::Finding MakeFinding(const sg::Event& e, const std::string& category, sg::Severity severity,
                        const std::string& words, const std::string& why) {
  sg::Finding f;
  f.event_id = e.id;
  f.detector = "abuse";
  f.category = category;
  f.score = 0.9;
  f.severity = severity;
  if (!words.empty()) {
    const size_t at = e.text.find(words);
    EXPECT_NE(at, std::string::npos) << words;
    f.span = {at, at + words.size()};
  }
  f.why = why;
  f.excerpt = e.text;
  return f;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Words(const sg::Event& e, const sg::TextSpan& span) {
  return e.text.substr(span.begin, span.end - span.begin);
}

// The store every test starts from, with the events by name.
class CaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sg-casework-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = dir_ / "store.db";
    auto opened = sg::store::SqliteStore::Open(db_.string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    auto zone = sg::TimeZone::Named("Europe/London");
    ASSERT_TRUE(zone);
    zone_ = std::make_unique<sg::TimeZone>(*zone);
    profile_.names = {"Sam Lee"};
    profile_.identities = {{sg::IdentityKind::kPhone, kSam}};
    profile_.region = "GB";
    Fill();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  void Fill() {
    const sg::Party sam = Phone(kSam, "");
    const sg::Party jordan = Phone(kJordan, "Jordan Blake");
    const sg::Party alex = Phone(kAlex, "Alex Kim");
    using D = sg::Direction;
    Add("hello",
        Sms("hello", kMar1 + 10 * kHour, D::kIncoming, jordan, {sam}, "hey Sam, can we talk?"));
    Add("stop", Sms("stop", kMar1 + 10 * kHour + 300000, D::kOutgoing, sam, {jordan},
                    "Please stop messaging me."));
    Add("alex", Sms("alex", kMar1 + kDay + 9 * kHour, D::kIncoming, alex, {sam},
                    "are you ok? Jordan keeps texting me"));
    // 01:30 and 02:00 on 3 March: night contacts.
    Add("where", Sms("where", kMar1 + 2 * kDay + 90 * 60000, D::kIncoming, jordan, {sam},
                     "Alex gave me his number +44 7123 456789 and " + std::string(kAlexEmail) +
                         ", and I know you were at Mill Lane last night"));
    Add("threat", Sms("threat", kMar1 + 2 * kDay + 2 * kHour, D::kIncoming, jordan, {sam},
                      "you will regret this, I will hurt you"));
    {
      sg::Event post;
      post.id = sg::IdHasher().Add("casework-test").Add("post").HexDigest();
      post.channel = sg::Channel::kComment;
      post.platform = "tiktok";
      post.direction = D::kPublic;
      post.sender = {{sg::IdentityKind::kHandle, "tiktok:jb_watching"}, "jb"};
      post.time = {kMar1 + 3 * kDay + 12 * kHour, 0, true};
      post.thread = "tiktok:video/7311";
      post.text = "everyone ask Sam Lee why she ignores people";
      post.source = {"tiktok-comments.jsonl", "line 4"};
      post.raw = "{\"comment\":\"everyone ask Sam Lee why she ignores people\"}";
      Add("post", std::move(post));
    }
    {
      // A group MMS to Sam and Alex: the importer names the thread after the other numbers.
      sg::Event group =
          Sms("group", kMar1 + 4 * kDay + 18 * kHour, D::kIncoming, jordan, {sam, alex},
              "I texted +44 7700 900123 all night. tell your friend to back off, "
              "my number is +44 7123 456999");
      group.channel = sg::Channel::kMms;
      group.thread = std::string(kAlex) + "~" + kJordan;
      Add("group", std::move(group));
    }
    {
      sg::Event link =
          Sms("link", kMar1 + 5 * kDay + 20 * kHour, D::kIncoming, jordan, {sam}, "look at this");
      link.urls = {"http://198.51.100.7/login"};  // a preview beside the text
      Add("link", std::move(link));
    }
    Add("casey", Sms("casey", kMar1 + 6 * kHour, D::kIncoming, Phone("+447700900444", "Casey"),
                     {sam}, "you are pathetic"));
    Add("drew", Sms("drew", kMar1 + 7 * kHour, D::kIncoming, Phone("+447700900555", "Drew"), {sam},
                    "saw you today"));
    Add("riley", Sms("riley", kMar1 + 8 * kHour, D::kIncoming, Phone("+447700900666", "Riley"),
                     {sam}, "lunch tomorrow?"));
    auto written = store_->WriteEvents(0, events_);
    ASSERT_TRUE(written) << written.error().message;
    ASSERT_EQ(written->inserted, static_cast<int64_t>(events_.size()));

    auto identities = store_->ListIdentities();
    ASSERT_TRUE(identities);
    std::map<std::string, int64_t> id_of;
    for (const auto& rec : *identities) id_of[rec.identity.value] = rec.id;
    auto contact = [&](const std::string& id, const std::string& display, const std::string& value,
                       bool self) {
      sg::store::ContactRecord c;
      c.id = id;
      c.display = display;
      c.identity_ids = {id_of.at(value)};
      c.link_reasons = {"one identity"};
      c.is_self = self;
      return c;
    };
    ASSERT_TRUE(store_->ReplaceContacts({contact("self", "Sam Lee", kSam, true),
                                         contact("c-jordan", "Jordan Blake", kJordan, false),
                                         contact("c-alex", "Alex Kim", kAlex, false),
                                         contact("c-casey", "Casey", "+447700900444", false),
                                         contact("c-drew", "Drew", "+447700900555", false),
                                         contact("c-riley", "Riley", "+447700900666", false)}));

    sg::Case jordan_case;
    jordan_case.contact_id = "c-jordan";
    jordan_case.display = "Jordan Blake";
    jordan_case.identities = {"phone:" + std::string(kJordan)};
    jordan_case.severity = sg::Severity::kDanger;
    jordan_case.score = 0.97;
    jordan_case.forms = {"abusive_messages", "excessive_contact"};
    jordan_case.reasons = {"threats after you told them to stop"};
    jordan_case.actions = {"Keep the evidence."};
    sg::CaseFacts& facts = jordan_case.facts;
    facts.incoming = 5;
    facts.outgoing = 1;
    facts.first_ms = Ev("hello").time.utc_ms;
    facts.last_ms = Ev("link").time.utc_ms;
    facts.days_active = 4;
    facts.channels = {"sms"};
    facts.night_contacts = 2;
    facts.refused = true;
    facts.messages_after_refusal = 4;
    facts.knows_whereabouts = true;
    jordan_case.findings = {
        MakeFinding(Ev("threat"), "threat", sg::Severity::kDanger, "I will hurt you",
                    "model: threat 0.93"),
        MakeFinding(Ev("threat"), "insult", sg::Severity::kWatch, "you will regret this",
                    "model: toxic 0.61"),
        MakeFinding(Ev("threat"), "toxic", sg::Severity::kWatch, "will hurt", "model: toxic 0.7"),
        MakeFinding(Ev("where"), "whereabouts", sg::Severity::kWarning,
                    "I know you were at Mill Lane", "pattern: knows-you-were"),
        MakeFinding(Ev("post"), "rumour", sg::Severity::kWarning, "why she ignores people",
                    "pattern: rumour"),
        MakeFinding(Ev("group"), "insult", sg::Severity::kWatch, "back off", "model: toxic 0.5"),
        MakeFinding(Ev("link"), "malicious_link", sg::Severity::kDanger, "",
                    "links: raw IP address"),
    };
    sg::Finding conduct;
    conduct.detector = "contact";
    conduct.category = "persistence_after_refusal";
    conduct.score = 0.8;
    conduct.severity = sg::Severity::kDanger;
    conduct.why = "conduct: 4 attempts after you said stop";
    jordan_case.findings.push_back(conduct);

    auto other = [&](const std::string& id, const std::string& display, const std::string& phone,
                     sg::Severity severity, double score, const std::string& key) {
      sg::Case c;
      c.contact_id = id;
      c.display = display;
      c.identities = {"phone:" + phone};
      c.severity = severity;
      c.score = score;
      c.facts.incoming = 1;
      c.facts.first_ms = c.facts.last_ms = Ev(key).time.utc_ms;
      c.findings = {MakeFinding(Ev(key), "toxic", severity, "", "model: toxic")};
      return c;
    };
    ASSERT_TRUE(store_->ReplaceCases(
        {jordan_case,
         other("c-casey", "Casey", "+447700900444", sg::Severity::kWarning, 0.4, "casey"),
         other("c-drew", "Drew", "+447700900555", sg::Severity::kWatch, 0.5, "drew"),
         other("c-riley", "Riley", "+447700900666", sg::Severity::kInfo, 0.1, "riley")}));
  }

  void Add(const std::string& key, sg::Event e) {
    by_key_[key] = e.id;
    events_.push_back(std::move(e));
  }
  const sg::Event& Ev(const std::string& key) const {
    const std::string& id = by_key_.at(key);
    for (const sg::Event& e : events_)
      if (e.id == id) return e;
    std::abort();
  }

  std::vector<cw::CaseFile> Load(std::vector<std::string> case_ids,
                                 std::vector<std::string> contact_ids = {}, bool all = false) {
    cw::Selection selection;
    selection.case_ids = std::move(case_ids);
    selection.contact_ids = std::move(contact_ids);
    selection.all = all;
    auto files = cw::LoadCaseFiles(*store_, selection);
    EXPECT_TRUE(files) << files.error().message;
    return files ? std::move(*files) : std::vector<cw::CaseFile>{};
  }

  cw::CaseFile Jordan() {
    auto files = Load({"c-jordan"});
    EXPECT_EQ(files.size(), 1u);
    return files.empty() ? cw::CaseFile{} : std::move(files[0]);
  }

  static const sg::Event* Find(const cw::CaseFile& file, const std::string& id) {
    for (const sg::Event& e : file.events)
      if (e.id == id) return &e;
    return nullptr;
  }
  static const sg::Finding* FindingOf(const cw::CaseFile& file, const std::string& event_id,
                                      const std::string& category) {
    for (const sg::Finding& f : file.kase.findings)
      if (f.event_id == event_id && f.category == category) return &f;
    return nullptr;
  }

  fs::path dir_, db_;
  std::unique_ptr<sg::store::SqliteStore> store_;
  std::unique_ptr<sg::TimeZone> zone_;
  sg::Profile profile_;
  std::vector<sg::Event> events_;
  std::map<std::string, std::string> by_key_;
};

std::vector<std::string> Ids(const std::vector<cw::CaseFile>& files) {
  std::vector<std::string> out;
  for (const cw::CaseFile& f : files) out.push_back(f.kase.contact_id);
  return out;
}

// ---- LoadCaseFiles ----

TEST_F(CaseworkTest, CaseHoldsTheWholeExchangeWithRawAndThePointedAtPost) {
  const cw::CaseFile file = Jordan();
  EXPECT_EQ(file.kase.display, "Jordan Blake");
  EXPECT_EQ(file.kase.severity, sg::Severity::kDanger);
  EXPECT_EQ(file.kase.findings.size(), 8u);
  std::vector<std::string> got;
  for (const sg::Event& e : file.events) {
    got.push_back(e.id);
    EXPECT_FALSE(e.raw.empty()) << e.id;
  }
  // Both directions, the post about Sam by another account, oldest first; nobody else's.
  const std::vector<std::string> want = {Ev("hello").id,  Ev("stop").id, Ev("where").id,
                                         Ev("threat").id, Ev("post").id, Ev("group").id,
                                         Ev("link").id};
  EXPECT_EQ(got, want);
  EXPECT_EQ(Find(file, Ev("alex").id), nullptr);
  EXPECT_EQ(Find(file, Ev("post").id)->raw, Ev("post").raw);
  EXPECT_EQ(Find(file, Ev("stop").id)->direction, sg::Direction::kOutgoing);
}

TEST_F(CaseworkTest, IncidentsAreTheEventsFindingsPointAt) {
  const cw::CaseFile file = Jordan();
  std::vector<std::string> got;
  for (const sg::Event* e : cw::Incidents(file)) got.push_back(e->id);
  const std::vector<std::string> want = {Ev("where").id, Ev("threat").id, Ev("post").id,
                                         Ev("group").id, Ev("link").id};
  EXPECT_EQ(got, want);
}

TEST_F(CaseworkTest, UnknownIdIsNotFoundAndNamed) {
  cw::Selection selection;
  selection.case_ids = {"c-jordan", "c-nobody"};
  auto files = cw::LoadCaseFiles(*store_, selection);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, sg::ErrorCode::kNotFound);
  EXPECT_NE(files.error().message.find("c-nobody"), std::string::npos) << files.error().message;

  // A contact without a case is not a case.
  selection.case_ids = {"c-alex"};
  files = cw::LoadCaseFiles(*store_, selection);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, sg::ErrorCode::kNotFound);
  EXPECT_NE(files.error().message.find("c-alex"), std::string::npos);

  selection.case_ids.clear();
  selection.contact_ids = {"c-ghost"};
  files = cw::LoadCaseFiles(*store_, selection);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, sg::ErrorCode::kNotFound);
  EXPECT_NE(files.error().message.find("c-ghost"), std::string::npos);
}

TEST_F(CaseworkTest, EmptySelectionIsInvalidInput) {
  auto files = cw::LoadCaseFiles(*store_, cw::Selection{});
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code, sg::ErrorCode::kInvalidInput);
}

TEST_F(CaseworkTest, ContactWithoutACaseGetsAnUnflaggedCaseFile) {
  const auto files = Load({}, {"c-alex"});
  ASSERT_EQ(files.size(), 1u);
  const cw::CaseFile& file = files[0];
  EXPECT_EQ(file.kase.contact_id, "c-alex");
  EXPECT_EQ(file.kase.display, "Alex Kim");
  EXPECT_TRUE(file.kase.findings.empty());
  EXPECT_EQ(file.kase.severity, sg::Severity::kInfo);
  EXPECT_EQ(file.kase.identities, std::vector<std::string>{"phone:" + std::string(kAlex)});
  EXPECT_FALSE(file.kase.reasons.empty());
  ASSERT_EQ(file.events.size(), 1u);
  EXPECT_EQ(file.events[0].id, Ev("alex").id);
  EXPECT_FALSE(file.events[0].raw.empty());
  EXPECT_TRUE(cw::Incidents(file).empty());
  // Facts counted from the events, since no scan stored any.
  EXPECT_EQ(file.kase.facts.incoming, 1);
  EXPECT_EQ(file.kase.facts.first_ms, Ev("alex").time.utc_ms);
  EXPECT_EQ(file.kase.facts.channels, std::vector<std::string>{"sms"});

  // --contact of a contact with a case gives that case.
  const auto jordan = Load({}, {"c-jordan"});
  ASSERT_EQ(jordan.size(), 1u);
  EXPECT_EQ(jordan[0].kase.findings.size(), 8u);
}

TEST_F(CaseworkTest, AllPicksWatchOrHigherMostSevereFirst) {
  EXPECT_EQ(Ids(Load({}, {}, true)), (std::vector<std::string>{"c-jordan", "c-casey", "c-drew"}));
  // Named in another order, and the same case twice: still most severe first, once each.
  EXPECT_EQ(Ids(Load({"c-riley", "c-drew", "c-jordan", "c-casey"}, {"c-jordan", "c-alex"})),
            (std::vector<std::string>{"c-jordan", "c-casey", "c-drew", "c-riley", "c-alex"}));
}

// ---- RedactThirdParties ----

TEST_F(CaseworkTest, RedactionTakesOutThirdPartiesAndKeepsTheStalkerAndThePerson) {
  std::vector<cw::CaseFile> files = {Jordan()};
  const cw::CaseFile before = files[0];
  const cw::RedactionResult result = cw::RedactThirdParties(files, profile_);
  const cw::CaseFile& file = files[0];

  const sg::Event& where = *Find(file, Ev("where").id);
  EXPECT_EQ(where.text, "Alex gave me his number " + std::string(cw::kRedactedPhone) + " and " +
                            std::string(cw::kRedactedEmail) +
                            ", and I know you were at Mill Lane last night");
  const sg::Event& group = *Find(file, Ev("group").id);
  // Sam's own number and Jordan's own number are the evidence: kept.
  EXPECT_EQ(group.text, Ev("group").text);
  ASSERT_EQ(group.recipients.size(), 2u);
  EXPECT_EQ(group.recipients[0].identity.value, kSam);
  EXPECT_EQ(group.recipients[1].identity.value, cw::kRedactedPhone);
  EXPECT_EQ(group.sender.identity.value, kJordan);
  // The group's thread is named after its members: Alex's number goes there too.
  EXPECT_EQ(group.thread, std::string(cw::kRedactedPhone) + "~" + kJordan);
  // Two in the text, one recipient, one in the thread; the whereabouts finding's excerpt
  // repeats the text's two and is redacted without counting them again.
  EXPECT_EQ(result.replacements, 4);

  // Raw is cleared for the changed events only.
  std::vector<std::string> changed = result.event_ids;
  std::sort(changed.begin(), changed.end());
  std::vector<std::string> want = {Ev("where").id, Ev("group").id};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(changed, want);
  for (const sg::Event& e : file.events) {
    const bool redacted = std::find(want.begin(), want.end(), e.id) != want.end();
    EXPECT_EQ(e.raw.empty(), redacted) << e.id;
    if (!redacted) {
      EXPECT_EQ(e.text, Find(before, e.id)->text);
    }
  }

  // The whereabouts span came after the replacements: it still covers the same words.
  const sg::Finding& whereabouts = *FindingOf(file, where.id, "whereabouts");
  EXPECT_EQ(Words(where, whereabouts.span), "I know you were at Mill Lane");
  EXPECT_NE(whereabouts.span.begin, FindingOf(before, where.id, "whereabouts")->span.begin);
  // Spans into unchanged texts did not move.
  const sg::Event& threat = *Find(file, Ev("threat").id);
  EXPECT_EQ(Words(threat, FindingOf(file, threat.id, "threat")->span), "I will hurt you");

  // Excerpts with a third party's number or address are redacted, and their findings named.
  EXPECT_EQ(whereabouts.excerpt, where.text);
  EXPECT_EQ(result.finding_ids, std::vector<std::string>{whereabouts.id});
  EXPECT_EQ(FindingOf(file, group.id, "insult")->excerpt, Ev("group").text);
}

TEST_F(CaseworkTest, RedactionKeepsTheContactsOwnNumber) {
  // In Alex's case file Alex is the contact: Alex's number stays, Jordan's is a third party's.
  std::vector<cw::CaseFile> files = Load({}, {"c-alex"});
  ASSERT_EQ(files.size(), 1u);
  files[0].events[0].text = "Jordan is +44 7123 456999, I am +44 7123 456789";
  const cw::RedactionResult result = cw::RedactThirdParties(files, profile_);
  EXPECT_EQ(files[0].events[0].text,
            "Jordan is " + std::string(cw::kRedactedPhone) + ", I am +44 7123 456789");
  EXPECT_EQ(files[0].events[0].sender.identity.value, kAlex);
  EXPECT_EQ(files[0].events[0].recipients[0].identity.value, kSam);
  EXPECT_EQ(result.replacements, 1);
  EXPECT_EQ(result.event_ids, std::vector<std::string>{Ev("alex").id});
  EXPECT_TRUE(files[0].events[0].raw.empty());
}

TEST_F(CaseworkTest, RedactionLeavesNoThirdPartyAddressInLinks) {
  // A link in the text names Alex: the importer lists it in `urls` too.
  std::vector<cw::CaseFile> files = {Jordan()};
  sg::Event* link = nullptr;
  for (sg::Event& e : files[0].events)
    if (e.id == Ev("link").id) link = &e;
  ASSERT_NE(link, nullptr);
  const std::string url = "https://forms.example.com/r?from=" + std::string(kAlexEmail);
  link->text = "look at this " + url;
  link->urls = {url};
  cw::RedactThirdParties(files, profile_);
  EXPECT_EQ(link->text.find(kAlexEmail), std::string::npos) << link->text;
  for (const std::string& u : link->urls) EXPECT_EQ(u.find(kAlexEmail), std::string::npos) << u;

  cw::ReportOptions options;
  options.zone = zone_.get();
  options.redacted = true;
  const auto data = cw::BuildReportData(files, profile_, options);
  const auto& incident = data.cases[0].incidents[4];
  ASSERT_EQ(incident.event_id, Ev("link").id);
  EXPECT_EQ(incident.text.find(kAlexEmail), std::string::npos) << incident.text;
}

// ---- FillChecklist ----

const sg::report::ChecklistItem* Question(const std::vector<sg::report::ChecklistItem>& items,
                                          const std::string& words) {
  for (const auto& item : items)
    if (item.question.find(words) != std::string::npos) return &item;
  ADD_FAILURE() << "no question with \"" << words << "\"";
  return nullptr;
}

TEST_F(CaseworkTest, ChecklistAnswersFromTheEvidence) {
  const cw::CaseFile file = Jordan();
  const auto items = cw::FillChecklist(file, *zone_);
  EXPECT_EQ(items.size(), 15u);

  const auto* stop = Question(items, "told them to stop");
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->answer, Answer::kYes);
  EXPECT_NE(stop->evidence.find("4 messages or calls"), std::string::npos) << stop->evidence;

  const auto* threat = Question(items, "threatened physical or sexual violence");
  ASSERT_NE(threat, nullptr);
  EXPECT_EQ(threat->answer, Answer::kYes);
  EXPECT_NE(threat->evidence.find("2024-03-03"), std::string::npos) << threat->evidence;
  EXPECT_NE(threat->evidence.find("you will regret this, I will hurt you"), std::string::npos)
      << threat->evidence;

  const auto* where = Question(items, "know where the person is");
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(where->answer, Answer::kYes);
  EXPECT_NE(where->evidence.find("2024-03-03"), std::string::npos) << where->evidence;
  EXPECT_NE(where->evidence.find("I know you were at Mill Lane"), std::string::npos);

  const auto* night = Question(items, "at night");
  ASSERT_NE(night, nullptr);
  EXPECT_EQ(night->answer, Answer::kYes);
  EXPECT_NE(night->evidence.find("2 messages or calls"), std::string::npos) << night->evidence;

  const auto* links = Question(items, "monitor the person's phone");
  ASSERT_NE(links, nullptr);
  EXPECT_EQ(links->answer, Answer::kYes);
  EXPECT_NE(links->evidence.find("2024-03-06"), std::string::npos) << links->evidence;

  const auto* others = Question(items, "turned others against");
  ASSERT_NE(others, nullptr);
  EXPECT_EQ(others->answer, Answer::kYes);  // the rumour finding on the post

  // What only the person can say is Not known, never guessed.
  for (const char* words : {"very frightened", "history of domestic abuse", "followed the person",
                            "damaged the person's property", "been violent to anyone"}) {
    const auto* item = Question(items, words);
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->answer, Answer::kNotKnown) << words;
    EXPECT_FALSE(item->evidence.empty()) << words;
  }
}

TEST_F(CaseworkTest, ChecklistWithoutFindingsNeverSaysNoToAThreat) {
  const auto files = Load({}, {"c-alex"});
  ASSERT_EQ(files.size(), 1u);
  const auto items = cw::FillChecklist(files[0], *zone_);
  const auto* threat = Question(items, "threatened physical or sexual violence");
  ASSERT_NE(threat, nullptr);
  EXPECT_EQ(threat->answer, Answer::kNotKnown);
  EXPECT_FALSE(threat->evidence.empty());
  const auto* stop = Question(items, "told them to stop");
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->answer, Answer::kNotKnown);
  const auto* where = Question(items, "know where the person is");
  ASSERT_NE(where, nullptr);
  EXPECT_NE(where->answer, Answer::kYes);
  for (const auto& item : items) EXPECT_NE(item.answer, Answer::kYes) << item.question;
}

// ---- BuildReportData ----

TEST_F(CaseworkTest, ReportDataHoldsTheIncidentsTimelineAndTie) {
  const std::vector<cw::CaseFile> files = {Jordan()};
  cw::ReportOptions options;
  options.zone = zone_.get();
  options.generated_ms = kMar1 + 30 * kDay;
  options.redacted = true;
  options.tie.chain_entries = 42;
  options.tie.chain_head = std::string(64, 'a');
  options.tie.bundle_path = "/tmp/case-evidence.zip";
  options.tie.bundle_fingerprint = "3f2a-9c01-77de-b410-0c5e";
  options.tie.device_fingerprint = "0000-1111-2222-3333-4444";
  const sg::report::ReportData data = cw::BuildReportData(files, profile_, options);

  EXPECT_EQ(data.person, "Sam Lee");
  EXPECT_EQ(data.time_zone, "Europe/London");
  EXPECT_EQ(data.chain_entries, 42u);
  EXPECT_EQ(data.chain_head, options.tie.chain_head);
  EXPECT_EQ(data.bundle_path, options.tie.bundle_path);
  EXPECT_EQ(data.bundle_fingerprint, options.tie.bundle_fingerprint);
  EXPECT_EQ(data.device_fingerprint, options.tie.device_fingerprint);
  EXPECT_TRUE(data.redacted);
  ASSERT_EQ(data.cases.size(), 1u);
  const sg::report::ReportCase& c = data.cases[0];
  EXPECT_EQ(c.title, "Jordan Blake");
  EXPECT_EQ(c.severity, sg::Severity::kDanger);

  // Incidents: exactly the events with findings, oldest first.
  std::vector<std::string> ids;
  for (const auto& incident : c.incidents) ids.push_back(incident.event_id);
  const std::vector<std::string> want = {Ev("where").id, Ev("threat").id, Ev("post").id,
                                         Ev("group").id, Ev("link").id};
  EXPECT_EQ(ids, want);
  EXPECT_EQ(c.incident_count, 5);
  for (const auto& incident : c.incidents) {
    for (size_t i = 0; i < incident.highlights.size(); ++i) {
      const sg::TextSpan& h = incident.highlights[i];
      EXPECT_LT(h.begin, h.end);
      EXPECT_LE(h.end, incident.text.size());
      if (i > 0) {
        EXPECT_GT(h.begin, incident.highlights[i - 1].end) << incident.event_id;
      }
    }
  }

  // The threat: "you will regret this" and the overlapping "I will hurt you" / "will hurt"
  // become two highlights.
  const sg::report::ReportIncident& threat = c.incidents[1];
  EXPECT_EQ(threat.severity, sg::Severity::kDanger);
  EXPECT_EQ(threat.text, "you will regret this, I will hurt you");
  ASSERT_EQ(threat.highlights.size(), 2u);
  auto words = [&](const sg::TextSpan& s) { return threat.text.substr(s.begin, s.end - s.begin); };
  EXPECT_EQ(words(threat.highlights[0]), "you will regret this");
  EXPECT_EQ(words(threat.highlights[1]), "I will hurt you");
  EXPECT_EQ(threat.reasons.size(), 3u);

  // A link kept beside the text is shown with it.
  const sg::report::ReportIncident& link = c.incidents[4];
  EXPECT_EQ(link.text, "look at this\nLink: http://198.51.100.7/login");
  EXPECT_TRUE(link.highlights.empty());

  // The conduct finding without an event is a reason.
  EXPECT_NE(std::find_if(c.reasons.begin(), c.reasons.end(),
                         [](const std::string& r) {
                           return r.find("4 attempts after you said stop") != std::string::npos;
                         }),
            c.reasons.end());

  // One day per date from the first to the last contact, none missing, counted by band.
  ASSERT_EQ(c.timeline.size(), 6u);
  const std::vector<std::string> dates = {"2024-03-01", "2024-03-02", "2024-03-03",
                                          "2024-03-04", "2024-03-05", "2024-03-06"};
  using Counts = std::array<int64_t, sg::report::kBandCount>;
  auto counts = [](int64_t none, int64_t watch, int64_t warning, int64_t danger) {
    Counts out{};
    out[static_cast<size_t>(Band::kNoFinding)] = none;
    out[static_cast<size_t>(Band::kWatch)] = watch;
    out[static_cast<size_t>(Band::kWarning)] = warning;
    out[static_cast<size_t>(Band::kDanger)] = danger;
    return out;
  };
  const std::vector<Counts> want_counts = {
      counts(1, 0, 0, 0),  // hello (the reply to them does not count)
      counts(0, 0, 0, 0),  // nothing: still a day on the chart
      counts(0, 0, 1, 1),  // where (warning), threat (danger)
      counts(0, 0, 1, 0),  // the post (warning)
      counts(0, 1, 0, 0),  // group (watch)
      counts(0, 0, 0, 1),  // link (danger)
  };
  for (size_t i = 0; i < c.timeline.size(); ++i) {
    EXPECT_EQ(c.timeline[i].date, dates[i]);
    EXPECT_EQ(c.timeline[i].counts, want_counts[i]) << dates[i];
  }
  EXPECT_EQ(c.checklist.size(), 15u);
}

TEST_F(CaseworkTest, ReportHighlightsStayInsideTheText) {
  std::vector<cw::CaseFile> files = {Jordan()};
  for (sg::Finding& f : files[0].kase.findings)
    if (f.category == "insult" && f.event_id == Ev("group").id) f.span = {60, 500};
  cw::ReportOptions options;
  options.zone = zone_.get();
  const auto data = cw::BuildReportData(files, profile_, options);
  const auto& group = data.cases[0].incidents[3];
  ASSERT_EQ(group.event_id, Ev("group").id);
  ASSERT_EQ(group.highlights.size(), 1u);
  EXPECT_EQ(group.highlights[0].begin, 60u);
  EXPECT_EQ(group.highlights[0].end, group.text.size());
}

// ---- ExportEvidence and WriteEvidenceReport ----

class CaseworkExportTest : public CaseworkTest {
 protected:
  void SetUp() override {
    CaseworkTest::SetUp();
    if (HasFatalFailure()) return;
    auto key = sg::evidence::DeviceKey::LoadOrCreate(cw::DeviceKeyPath(db_));
    ASSERT_TRUE(key) << key.error().message;
    key_ = std::make_unique<sg::evidence::DeviceKey>(std::move(*key));
  }
  cw::ExportRequest Request(const fs::path& out, bool redact) const {
    cw::ExportRequest request;
    request.selection.case_ids = {"c-jordan"};
    request.out = out;
    request.redact = redact;
    request.profile = &profile_;
    request.now_ms = kMar1 + 40 * kDay;
    return request;
  }
  std::unique_ptr<sg::evidence::DeviceKey> key_;
};

TEST_F(CaseworkExportTest, ExportedBundleVerifies) {
  EXPECT_EQ(cw::DeviceKeyPath(db_), dir_ / "device.key");
  auto done = cw::ExportEvidence(*store_, *key_, Request(dir_ / "case.zip", false));
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->events, 7);
  EXPECT_EQ(done->findings, 8);
  EXPECT_TRUE(done->redaction.event_ids.empty());
  auto head = store_->EvidenceHead();
  ASSERT_TRUE(head);
  EXPECT_EQ(done->head.hash, head->hash);
  EXPECT_EQ(done->head.count, head->count);
  ASSERT_TRUE(fs::is_regular_file(dir_ / "case.zip"));

  auto report = sg::bundle::VerifyBundle(dir_ / "case.zip", key_->PublicKeyHex());
  ASSERT_TRUE(report) << report.error().message;
  for (const auto& p : report->problems) ADD_FAILURE() << p.item << ": " << p.message;
  EXPECT_TRUE(report->ok());
  EXPECT_TRUE(report->notes.empty());
  EXPECT_EQ(report->events, 7);
  EXPECT_EQ(report->findings, 8);
  EXPECT_EQ(report->originals, 7);
  EXPECT_EQ(report->fingerprint, done->written.fingerprint);
  EXPECT_EQ(report->key_fingerprint, key_->Fingerprint());
  EXPECT_EQ(report->head.hash, head->hash);
  EXPECT_GT(report->gaps, 0);  // the other contacts' events are left out
}

TEST_F(CaseworkExportTest, RedactedBundleVerifiesWithNotes) {
  auto done = cw::ExportEvidence(*store_, *key_, Request(dir_ / "redacted", true));
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->redaction.event_ids.size(), 2u);
  auto report = sg::bundle::VerifyBundle(dir_ / "redacted");
  ASSERT_TRUE(report) << report.error().message;
  for (const auto& p : report->problems) ADD_FAILURE() << p.item << ": " << p.message;
  std::string notes;
  for (const auto& n : report->notes) notes += n + "\n";
  EXPECT_NE(notes.find(Ev("where").id), std::string::npos) << notes;
  EXPECT_NE(notes.find(Ev("group").id), std::string::npos) << notes;
  for (const std::string& id : done->redaction.finding_ids)
    EXPECT_NE(notes.find("finding " + id), std::string::npos) << notes;
  EXPECT_FALSE(done->redaction.finding_ids.empty());
  EXPECT_EQ(report->originals, 5);  // the redacted events' source records stay behind

  const std::string events = Slurp(dir_ / "redacted" / "events.jsonl");
  EXPECT_NE(events.find(cw::kRedactedPhone), std::string::npos);
  EXPECT_NE(events.find(cw::kRedactedEmail), std::string::npos);
  EXPECT_NE(events.find(kJordan), std::string::npos);  // the stalker's number is the evidence
}

TEST_F(CaseworkExportTest, RedactedBundleHoldsNoThirdPartyNumberAnywhere) {
  auto done = cw::ExportEvidence(*store_, *key_, Request(dir_ / "redacted", true));
  ASSERT_TRUE(done) << done.error().message;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "redacted")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string bytes = Slurp(entry.path());
    for (const char* leak : {kAlex, "7123 456789", "456789", kAlexEmail}) {
      const size_t at = bytes.find(leak);
      EXPECT_EQ(at, std::string::npos)
          << entry.path().filename() << " holds " << leak << ": ..."
          << bytes.substr(at == std::string::npos ? 0 : (at > 80 ? at - 80 : 0), 160) << "...";
    }
  }
  EXPECT_GT(files, 5);
}

TEST_F(CaseworkExportTest, ReportIsWrittenAsPdfOrHtmlOnly) {
  cw::ReportRequest request;
  request.bundle = Request(dir_ / "r-evidence.zip", false);
  request.out = dir_ / "r.pdf";
  request.zone = zone_.get();
  auto pdf = cw::WriteEvidenceReport(*store_, *key_, request);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->incidents, 5);
  EXPECT_EQ(Slurp(dir_ / "r.pdf").substr(0, 5), "%PDF-");
  auto verified = sg::bundle::VerifyBundle(dir_ / "r-evidence.zip");
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok());
  EXPECT_EQ(verified->fingerprint, pdf->bundle.written.fingerprint);

  request.bundle.out = dir_ / "h-evidence";
  request.out = dir_ / "r.html";
  auto html = cw::WriteEvidenceReport(*store_, *key_, request);
  ASSERT_TRUE(html) << html.error().message;
  const std::string page = Slurp(dir_ / "r.html");
  EXPECT_NE(page.find("Jordan Blake"), std::string::npos);
  EXPECT_NE(page.find(html->bundle.written.fingerprint), std::string::npos);
  EXPECT_TRUE(fs::is_directory(dir_ / "h-evidence"));

  request.bundle.out = dir_ / "t-evidence.zip";
  request.out = dir_ / "r.txt";
  auto txt = cw::WriteEvidenceReport(*store_, *key_, request);
  ASSERT_FALSE(txt);
  EXPECT_EQ(txt.error().code, sg::ErrorCode::kInvalidInput);
  EXPECT_FALSE(fs::exists(dir_ / "r.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "t-evidence.zip"));  // refused before writing anything
}

}  // namespace

TEST(SafetySection, KeepsStatusAndStepsAndDropsWhatItWasSeenInWhenRedacted) {
  stalkguard::checkup::CheckItem item;
  item.id = "oversharing";
  item.area = "Posts";
  item.title = "Do your own posts give away where to find you?";
  item.status = stalkguard::checkup::ItemStatus::kFix;
  item.summary = "1 of your 3 own posts gives away where to find you.";
  item.evidence.push_back({"2024-02-09, tiktok, in public: your daily routine",
                           std::string(32, 'a'),
                           "tiktok.jsonl line 1",
                           {{"your daily routine", {10, 28}, "Gym every day at 6", "..."}}});
  item.steps = {"Delete or edit this post."};
  const auto full = stalkguard::casework::SafetySection({item}, false);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].status, stalkguard::report::SafetyStatus::kFix);
  EXPECT_EQ(full[0].evidence,
            (std::vector<std::string>{"2024-02-09, tiktok, in public: your daily routine; remove "
                                      "\"Gym every day at 6\" (your daily routine) "
                                      "[tiktok.jsonl line 1]"}));
  EXPECT_EQ(full[0].steps, item.steps);
  const auto redacted = stalkguard::casework::SafetySection({item}, true);
  EXPECT_TRUE(redacted[0].evidence.empty());
  EXPECT_EQ(redacted[0].summary, item.summary);
  EXPECT_EQ(redacted[0].steps, item.steps);
}
