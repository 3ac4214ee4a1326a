// The real server on a loopback port, driven by a real HTTP client: ingest, reading cases as a
// guardian and as the protected person, households kept apart on every endpoint, login
// sessions, limits and errors.
#include "service/http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "service/accounts/accounts.h"

namespace sv = stalkguard::service;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kPassword = "kestrel-orchard-41-window";

std::string Event(const std::string& id, const std::string& time, const std::string& text,
                  const std::string& from = "+447700900999") {
  return json{{"id", id},
              {"time", time},
              {"platform", "sms"},
              {"channel", "sms"},
              {"sender", {{"id", from}, {"name", "Jordan"}}},
              {"recipient", {{"id", "+447700900123"}, {"name", "Sam"}}},
              {"text", text}}
      .dump();
}

const std::string kProfile = R"([person]
names = ["Sam Lee"]
phones = ["+44 7700 900123"]
addresses = ["12 Mill Lane, Leeds LS6 2AB"]
)";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(1200); }
  void TearDown() override {
    Stop();
    fs::remove_all(dir_);
  }

  void Start(int per_minute) {
    dir_ = fs::temp_directory_path() /
           ("sg-serve-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    {
      auto accounts = sv::Accounts::Open((dir_ / "service.db").string());
      ASSERT_TRUE(accounts) << accounts.error().message;
      auto a = (*accounts)->CreateHousehold("Lee");
      auto b = (*accounts)->CreateHousehold("Other");
      ASSERT_TRUE(a && b);
      household_a_ = a->id;
      auto sam = (*accounts)->AddUser(a->id, "sam", kPassword, sv::Role::kProtected);
      auto mum = (*accounts)->AddUser(a->id, "mum", kPassword, sv::Role::kGuardian);
      auto other = (*accounts)->AddUser(b->id, "other", kPassword, sv::Role::kProtected);
      ASSERT_TRUE(sam && mum && other);
      sam_ = *(*accounts)->CreateToken(sam->id, "phone");
      mum_ = *(*accounts)->CreateToken(mum->id, "laptop");
      other_ = *(*accounts)->CreateToken(other->id, "phone");
    }
    per_minute_ = per_minute;
    Launch();
  }

  // The server on the data folder as it is.
  void Launch() {
    sv::ServerOptions options;
    options.data_dir = dir_.string();
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    options.requests_per_minute = per_minute_;
    options.log_requests = false;
    auto server = sv::GuardianServer::Create(options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    ASSERT_TRUE(server_->Bind());
    serving_ = std::thread([this] { (void)server_->Serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  void Stop() {
    if (server_) server_->Stop();
    if (serving_.joinable()) serving_.join();
    server_.reset();
  }

  httplib::Headers As(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }

  json Post(const std::string& token, const std::string& body, int expect = 200,
            const std::string& type = "application/json") {
    auto res = client_->Post("/api/v1/events", As(token), body, type.c_str());
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << res->body;
    return json::parse(res->body, nullptr, false);
  }

  json Get(const std::string& path, const std::string& token, int expect = 200) {
    auto res = client_->Get(path.c_str(), As(token));
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  // Sam's profile set, then a threat and more from Jordan: a case to read.
  std::string MakeCase() {
    auto res = client_->Put("/api/v1/profile", As(sam_), kProfile, "application/toml");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    std::string batch = "[" + Event("e1", "2024-03-01T22:10:00Z", "answer me") + "," +
                        Event("e2", "2024-03-01T22:11:00Z", "I know where you live") + "," +
                        Event("e3", "2024-03-01T22:12:00Z", "you'll regret ignoring me") + "]";
    json reply = Post(sam_, batch);
    EXPECT_EQ(reply["stored"], 3) << reply.dump();
    json cases = Get("/api/v1/cases", mum_);
    EXPECT_FALSE(cases["cases"].empty()) << cases.dump();
    return cases["cases"].empty() ? "" : cases["cases"][0]["contact"]["id"].get<std::string>();
  }

  int per_minute_ = 1200;
  fs::path dir_;
  int64_t household_a_ = 0;
  std::string sam_, mum_, other_;
  std::unique_ptr<sv::GuardianServer> server_;
  std::thread serving_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace

TEST_F(ServerTest, HealthAndMetricsNeedNoToken) {
  EXPECT_EQ(Get("/api/v1/health", "")["status"], "ok");
  auto res = client_->Get("/api/v1/metrics");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("stalkguard_events_ingested_total 0"), std::string::npos);
}

TEST_F(ServerTest, EveryDataEndpointWantsACredential) {
  for (const char* path : {"/api/v1/cases", "/api/v1/cases/x", "/api/v1/cases/x/events",
                           "/api/v1/contacts", "/api/v1/profile", "/api/v1/me"}) {
    const json error = Get(path, "sgt_not-a-token", 401);
    EXPECT_EQ(error["error"]["code"], "unauthenticated") << path;
  }
  EXPECT_EQ(Post("sgt_not-a-token", Event("x", "2024-03-01T22:10:00Z", "hi"), 401)["error"]["code"],
            "unauthenticated");
}

TEST_F(ServerTest, IngestIsIdempotentAndNamesBadEvents) {
  json reply = Post(sam_, Event("e1", "2024-03-01T22:10:00Z", "hello"));
  EXPECT_EQ(reply["stored"], 1);
  reply = Post(sam_, Event("e1", "2024-03-01T22:10:00Z", "hello"));
  EXPECT_EQ(reply["stored"], 0);
  EXPECT_EQ(reply["duplicates"], 1);
  // One bad event among good ones: the good ones go in, the bad one is named by position.
  reply = Post(sam_, "{\"events\": [" + Event("e2", "2024-03-01T22:11:00Z", "a") +
                         ", {\"text\": \"no time\"}, " + Event("e3", "2024-03-01T22:12:00Z", "b") +
                         "]}");
  EXPECT_EQ(reply["stored"], 2);
  ASSERT_EQ(reply["rejected"].size(), 1u);
  EXPECT_EQ(reply["rejected"][0]["index"], 2);
  // JSON Lines too.
  reply = Post(sam_,
               Event("e4", "2024-03-01T22:13:00Z", "c") + "\n" +
                   Event("e5", "2024-03-01T22:14:00Z", "d") + "\n",
               200, "application/x-ndjson");
  EXPECT_EQ(reply["stored"], 2);
  // Nothing readable at all.
  EXPECT_EQ(Post(sam_, "[1, 2]", 422)["error"]["code"], "no_valid_events");
  EXPECT_EQ(Post(sam_, "{not json", 400)["error"]["code"], "bad_request");
}

// Requests of one household sent at once from several connections: whichever the server
// stores together, each reply counts its own events, a request sent twice stores nothing the
// second time, and every event is there afterwards.
TEST_F(ServerTest, ConcurrentIngestRequestsEachGetTheirOwnCounts) {
  constexpr int kClients = 6, kRequests = 4, kEvents = 40;
  auto batch = [](int client, int request) {
    std::string body = "[";
    for (int e = 0; e < kEvents; ++e) {
      if (e > 0) body += ",";
      const int minute = (client * kRequests + request) * kEvents + e;
      char time[32];
      std::snprintf(time, sizeof time, "2024-03-%02dT%02d:%02d:00Z", 1 + minute / 1440,
                    minute / 60 % 24, minute % 60);
      body += Event(
          "c" + std::to_string(client) + "-r" + std::to_string(request) + "-e" + std::to_string(e),
          time, "message " + std::to_string(minute), "+4477009001" + std::to_string(10 + client));
    }
    return body + "]";
  };
  std::vector<json> replies(kClients * kRequests), repeats(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", server_->port());
      for (int r = 0; r < kRequests; ++r) {
        auto res = client.Post("/api/v1/events", As(sam_), batch(c, r), "application/json");
        if (res && res->status == 200) replies[c * kRequests + r] = json::parse(res->body);
      }
      // The first request again, as a client that saw no reply would send it.
      auto res = client.Post("/api/v1/events", As(sam_), batch(c, 0), "application/json");
      if (res && res->status == 200) repeats[c] = json::parse(res->body);
    });
  }
  for (std::thread& t : clients) t.join();
  for (int i = 0; i < kClients * kRequests; ++i) {
    ASSERT_TRUE(replies[i].is_object()) << "request " << i;
    EXPECT_EQ(replies[i]["stored"], kEvents) << replies[i].dump();
    EXPECT_EQ(replies[i]["duplicates"], 0);
    EXPECT_EQ(replies[i]["events"].size(), static_cast<size_t>(kEvents));
  }
  for (int c = 0; c < kClients; ++c) {
    ASSERT_TRUE(repeats[c].is_object()) << "client " << c;
    EXPECT_EQ(repeats[c]["stored"], 0);
    EXPECT_EQ(repeats[c]["duplicates"], kEvents);
    EXPECT_EQ(repeats[c]["events"], replies[c * kRequests]["events"]) << "the same ids again";
  }
  auto res = client_->Get("/api/v1/metrics");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("stalkguard_events_ingested_total " +
                           std::to_string(kClients * kRequests * kEvents)),
            std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("stalkguard_ingest_runs_total "), std::string::npos);

  // Cases read at once are those a server judging every stored event from scratch finds,
  // however many of them an ingest left to be written later.
  auto summary = [](const json& cases) {
    std::map<std::string, std::string> out;
    for (const json& c : cases["cases"])
      out[c["contact"]["id"].get<std::string>()] = c["severity"].dump() + c["score"].dump();
    return out;
  };
  const auto live = summary(Get("/api/v1/cases", sam_));
  EXPECT_GE(live.size(), 1u);
  Stop();
  Launch();
  EXPECT_EQ(summary(Get("/api/v1/cases", sam_)), live);
}

TEST_F(ServerTest, GuardianSeesFindingsNotMessages) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  const json detail = Get("/api/v1/cases/" + id, mum_);
  ASSERT_FALSE(detail["case"]["findings"].empty()) << detail.dump();
  EXPECT_FALSE(detail["case"]["findings"][0]["excerpt"].get<std::string>().empty());
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/events", mum_, 403)["error"]["code"], "forbidden");
  EXPECT_EQ(Post(mum_, Event("g1", "2024-03-01T22:10:00Z", "x"), 403)["error"]["code"],
            "forbidden");
  const json contacts = Get("/api/v1/contacts", mum_);
  ASSERT_FALSE(contacts["contacts"].empty());
  EXPECT_FALSE(contacts["contacts"][0].contains("identities"));
  Get("/api/v1/profile", mum_, 403);
  // The protected person sees the whole messages, and what the guardian sees.
  const json events = Get("/api/v1/cases/" + id + "/events", sam_);
  EXPECT_EQ(events["events"].size(), 3u);
  // ... and what the guardian sees, with the contact's numbers and addresses besides.
  EXPECT_FALSE(detail["case"]["contact"].contains("identities"));
  EXPECT_FALSE(Get("/api/v1/cases", mum_)["cases"][0]["contact"].contains("identities"));
  json mine = Get("/api/v1/cases/" + id, sam_);
  EXPECT_EQ(mine["case"]["contact"]["identities"], json::array({"phone:+447700900999"}));
  mine["case"]["contact"].erase("identities");
  EXPECT_EQ(mine, detail);
  EXPECT_TRUE(Get("/api/v1/contacts", sam_)["contacts"][0].contains("identities"));
}

TEST_F(ServerTest, NoHouseholdReachesAnothersData) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(Get("/api/v1/cases", other_)["cases"].empty());
  EXPECT_EQ(Get("/api/v1/cases/" + id, other_, 404)["error"]["code"], "not_found");
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/events", other_, 404)["error"]["code"], "not_found");
  EXPECT_TRUE(Get("/api/v1/contacts", other_)["contacts"].empty());
  auto profile = client_->Get("/api/v1/profile", As(other_));
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->body.find("Mill Lane"), std::string::npos);
  // The same event id in another household is that household's own event.
  EXPECT_EQ(Post(other_, Event("e1", "2024-03-01T22:10:00Z", "answer me"))["stored"], 1);
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/events", sam_)["events"].size(), 3u);
}

TEST_F(ServerTest, ThreatMakesACaseAndSaysSo) {
  ASSERT_TRUE(client_->Put("/api/v1/profile", As(sam_), kProfile, "application/toml"));
  const json reply =
      Post(sam_, "[" + Event("t1", "2024-03-02T01:00:00Z", "I know where you live") + "," +
                     Event("t2", "2024-03-02T01:01:00Z", "I will kill you if you block me") + "]");
  ASSERT_FALSE(reply["cases_changed"].empty()) << reply.dump();
  EXPECT_EQ(reply["cases_changed"][0]["before"], nullptr);
  EXPECT_EQ(reply["cases_changed"][0]["severity"], "danger") << reply.dump();
}

TEST_F(ServerTest, LoginGivesASessionCookieThatLogoutEnds) {
  auto res =
      client_->Post("/api/v1/login", json{{"login", "mum"}, {"password", "wrong password"}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = client_->Post("/api/v1/login", json{{"login", "mum"}, {"password", kPassword}}.dump(),
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string session = cookie.substr(0, cookie.find(';'));
  auto me = client_->Get("/api/v1/me", {{"Cookie", session}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["role"], "guardian");
  EXPECT_EQ(json::parse(me->body)["sees_messages"], false);
  ASSERT_TRUE(client_->Post("/api/v1/logout", {{"Cookie", session}}, "", "application/json"));
  me = client_->Get("/api/v1/me", {{"Cookie", session}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(ServerTest, LimitsAndUnknownPathsAnswerInJson) {
  const std::string big = "[" + std::string(70 * 1024, ' ') + "]";
  auto res = client_->Post("/api/v1/events", As(sam_), big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(json::parse(res->body, nullptr, false)["error"]["code"], "too_large") << res->body;
  EXPECT_EQ(Get("/api/v1/nothing-here", sam_, 404)["error"]["code"], "not_found");
}

TEST_F(ServerTest, RateLimitPerTokenSaysWhenToComeBack) {
  Stop();
  fs::remove_all(dir_);
  Start(5);
  for (int i = 0; i < 5; ++i) Get("/api/v1/me", mum_);
  auto res = client_->Get("/api/v1/me", As(mum_));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_FALSE(res->get_header_value("Retry-After").empty());
  // Another token has its own allowance.
  Get("/api/v1/me", sam_);
}

TEST_F(ServerTest, ReportAndEvidenceDownloadsAreTheProtectedPersonsOnly) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  auto pdf = client_->Get(("/api/v1/cases/" + id + "/report").c_str(), As(sam_));
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body.substr(0, 300);
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_NE(pdf->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  auto html = client_->Get(("/api/v1/cases/" + id + "/report?format=html&tz=Europe/London").c_str(),
                           As(sam_));
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  EXPECT_NE(html->body.find("I know where you live"), std::string::npos);
  auto zip = client_->Get(("/api/v1/cases/" + id + "/evidence").c_str(), As(sam_));
  ASSERT_TRUE(zip);
  ASSERT_EQ(zip->status, 200);
  EXPECT_EQ(zip->body.substr(0, 2), "PK");
  // Nothing is left behind in the household's folder.
  EXPECT_TRUE(fs::is_empty(dir_ / "households" / std::to_string(household_a_) / "downloads"));

  EXPECT_EQ(Get("/api/v1/cases/" + id + "/report", mum_, 403)["error"]["code"], "forbidden");
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/evidence", other_, 404)["error"]["code"], "not_found");
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/report?format=docx", sam_, 400)["error"]["code"],
            "bad_request");
}

TEST_F(ServerTest, CheckupShowsTheGuardianStatusesAndThePersonTheEvidence) {
  // Sam's own public post gives the home address away.
  const std::string post = json{{"id", "p1"},
                                {"time", "2024-03-01T10:00:00Z"},
                                {"platform", "tiktok"},
                                {"channel", "post"},
                                {"sender", {{"id", "tiktok:sam.lee"}, {"name", "Sam Lee"}}},
                                {"text", "new room all done, come round to 12 Mill Lane"}}
                               .dump();
  auto res = client_->Put("/api/v1/profile", As(sam_),
                          kProfile + "handles = [\"tiktok:sam.lee\"]\n", "application/toml");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(Post(sam_, post)["stored"], 1);
  const json mine = Get("/api/v1/checkup", sam_);
  const json theirs = Get("/api/v1/checkup", mum_);
  ASSERT_TRUE(mine["items"].is_array()) << mine.dump();
  auto item = [](const json& checkup, const std::string& id) {
    for (const json& i : checkup["items"]) {
      if (i["id"] == id) return i;
    }
    return json();
  };
  EXPECT_EQ(item(mine, "oversharing")["status"], "fix") << mine.dump();
  EXPECT_NE(item(mine, "oversharing")["evidence"].dump().find("12 Mill Lane"), std::string::npos);
  EXPECT_EQ(item(theirs, "oversharing")["status"], "fix");
  EXPECT_TRUE(item(theirs, "oversharing")["evidence"].empty());
  EXPECT_FALSE(item(theirs, "oversharing")["steps"].empty());
  EXPECT_EQ(Get("/api/v1/checkup", other_)["counts"]["fix"], 0);
}

TEST_F(ServerTest, TimelineCountsDaysAndMarksFlaggedEventsWithoutText) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Post(sam_, Event("e4", "2024-03-02T23:30:00Z", "ok"))["stored"], 1);
  const json utc = Get("/api/v1/cases/" + id + "/timeline", mum_);
  ASSERT_EQ(utc["days"].size(), 2u) << utc.dump();
  EXPECT_EQ(utc["days"][0]["day"], "2024-03-01");
  EXPECT_EQ(utc["days"][0]["incoming"], 3);
  EXPECT_EQ(utc["days"][0]["outgoing"], 0);
  EXPECT_GE(utc["days"][0]["flagged"], 1);
  ASSERT_FALSE(utc["findings"].empty());
  EXPECT_EQ(utc["findings"][0]["time"].get<std::string>().substr(0, 10), "2024-03-01");
  EXPECT_EQ(utc.dump().find("where you live"), std::string::npos);
  // Days are the zone's: 23:30 UTC on 2 March is 3 March in Tokyo.
  const json tokyo = Get("/api/v1/cases/" + id + "/timeline?tz=Asia/Tokyo", sam_);
  ASSERT_EQ(tokyo["days"].size(), 2u);
  EXPECT_EQ(tokyo["days"][1]["day"], "2024-03-03");
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/timeline?tz=Mars/Olympus", sam_, 400)["error"]["code"],
            "bad_request");
  EXPECT_EQ(Get("/api/v1/cases/" + id + "/timeline", other_, 404)["error"]["code"], "not_found");
}

TEST_F(ServerTest, SearchFindsObfuscatedWordsAndGivesAGuardianFindingsOnly) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(
      Post(sam_, Event("e5", "2024-03-03T10:00:00Z", "see you at the Red Lion, 8pm"))["stored"], 1);
  // The person finds the flagged message, written otherwise than searched for.
  const json mine = Get("/api/v1/search?q=KN0W%20WHERE", sam_);
  ASSERT_FALSE(mine["results"].empty()) << mine.dump();
  EXPECT_EQ(mine["results"][0]["kind"], "finding");
  EXPECT_EQ(mine["results"][0]["case"], id);
  bool message_hit = false;
  for (const json& hit : mine["results"]) {
    if (hit["kind"] == "message") {
      message_hit = true;
      EXPECT_NE(hit["excerpt"].get<std::string>().find("I know where you live"), std::string::npos);
    }
  }
  EXPECT_TRUE(message_hit) << mine.dump();
  // An unflagged message: the person finds it, a guardian does not.
  const json lion = Get("/api/v1/search?q=red%20lion", sam_);
  ASSERT_EQ(lion["results"].size(), 1u) << lion.dump();
  EXPECT_EQ(lion["results"][0]["kind"], "message");
  EXPECT_NE(lion["results"][0]["excerpt"].get<std::string>().find("Red Lion"), std::string::npos);
  EXPECT_TRUE(Get("/api/v1/search?q=red%20lion", mum_)["results"].empty());
  EXPECT_EQ(Get("/api/v1/search?q=red%20lion", mum_)["messages_searched"], false);
  const json theirs = Get("/api/v1/search?q=where", mum_);  // kept: the loop reads into it
  EXPECT_FALSE(theirs["results"].empty());
  for (const json& hit : theirs["results"]) {
    EXPECT_EQ(hit["kind"], "finding");
  }
  EXPECT_TRUE(Get("/api/v1/search?q=where", other_)["results"].empty());
  EXPECT_EQ(Get("/api/v1/search?q=a", sam_, 400)["error"]["code"], "bad_request");
  const json one = Get("/api/v1/search?q=you&limit=1", sam_);
  EXPECT_EQ(one["results"].size(), 1u);
  EXPECT_EQ(one["truncated"], true);
}

TEST_F(ServerTest, TheProtectedPersonAddsAndRemovesGuardiansOfTheirHouseholdOnly) {
  const json users = Get("/api/v1/settings/guardians", mum_);
  ASSERT_EQ(users["users"].size(), 2u) << users.dump();
  auto add = [&](const std::string& token, const json& body) {
    return client_->Post("/api/v1/settings/guardians", As(token), body.dump(), "application/json");
  };
  auto res = add(mum_, {{"login", "gran"}, {"password", kPassword}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = add(sam_, {{"login", "gran"}, {"password", "short"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  res = add(sam_, {{"login", "gran"}, {"password", kPassword}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["user"]["role"], "guardian");
  EXPECT_EQ(Get("/api/v1/settings/guardians", sam_)["users"].size(), 3u);
  // Gran can sign in, and sees only this household.
  auto login = client_->Post(
      "/api/v1/login", json{{"login", "gran"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200);
  EXPECT_EQ(json::parse(login->body)["household"], household_a_);
  // Another household cannot remove her, nor see her; a guardian cannot remove one; the
  // protected person cannot be removed this way.
  auto remove = [&](const std::string& token, const std::string& login_name) {
    return client_->Delete(("/api/v1/settings/guardians/" + login_name).c_str(), As(token));
  };
  res = remove(other_, "gran");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(Get("/api/v1/settings/guardians", other_)["users"].size(), 1u);
  res = remove(mum_, "gran");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = remove(sam_, "sam");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = remove(sam_, "gran");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  login = client_->Post("/api/v1/login", json{{"login", "gran"}, {"password", kPassword}}.dump(),
                        "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 401);
}

// Every endpoint, read and write, with another household's token: nothing of Sam's comes back
// and nothing of Sam's changes.
TEST_F(ServerTest, EveryEndpointKeepsHouseholdsApart) {
  const std::string id = MakeCase();
  ASSERT_FALSE(id.empty());
  const json sams_cases = Get("/api/v1/cases", sam_);
  const std::string case_path = "/api/v1/cases/" + id;
  for (const std::string& path : {case_path, case_path + "/events", case_path + "/timeline",
                                  case_path + "/report", case_path + "/evidence"}) {
    EXPECT_EQ(Get(path, other_, 404)["error"]["code"], "not_found") << path;
  }
  for (const std::string& path :
       {std::string("/api/v1/cases"), std::string("/api/v1/contacts"),
        std::string("/api/v1/checkup"), std::string("/api/v1/search?q=where"),
        std::string("/api/v1/settings/guardians"), std::string("/api/v1/settings/alerts"),
        std::string("/api/v1/alerts"), std::string("/api/v1/me"), std::string("/api/v1/profile")}) {
    auto res = client_->Get(path.c_str(), As(other_));
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    for (const char* secret :
         {"Jordan", "+447700900999", "where you live", "Mill Lane", "\"sam\"", "\"mum\""}) {
      EXPECT_EQ(res->body.find(secret), std::string::npos) << path << " shows " << secret;
    }
  }
  // Writes land in the caller's own household only.
  auto put = client_->Put("/api/v1/profile", As(other_), "[person]\nnames = [\"Alex Other\"]\n",
                          "application/toml");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200);
  auto rules =
      client_->Put("/api/v1/settings/alerts", As(other_),
                   R"({"rules":[{"min_severity":"watch","webhook_url":"http://127.0.0.1:9/"}]})",
                   "application/json");
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->status, 200) << rules->body;
  EXPECT_TRUE(Get("/api/v1/settings/alerts", sam_)["rules"].empty());
  auto removed = client_->Delete("/api/v1/settings/guardians/mum", As(other_));
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 404);
  EXPECT_EQ(Post(other_, Event("o1", "2024-03-05T10:00:00Z", "I know where you live"))["stored"],
            1);
  EXPECT_EQ(Get("/api/v1/cases", sam_), sams_cases);
  EXPECT_EQ(Get("/api/v1/settings/guardians", sam_)["users"].size(), 2u);
  auto profile = client_->Get("/api/v1/profile", As(sam_));
  ASSERT_TRUE(profile);
  EXPECT_NE(profile->body.find("Mill Lane"), std::string::npos);
}
