// The dashboard's static files, as the real server serves them to a real HTTP client: the page
// at /, every embedded file under /assets/ with its type, the security headers, and 304 for an
// unchanged file.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "service/http/server.h"
#include "service/http/web_assets.h"

namespace sv = stalkguard::service;
namespace fs = std::filesystem;

namespace {

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sg-dashboard-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    sv::ServerOptions options;
    options.data_dir = dir_.string();
    options.port = 0;
    options.log_requests = false;
    auto server = sv::GuardianServer::Create(options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    ASSERT_TRUE(server_->Bind());
    serving_ = std::thread([this] { (void)server_->Serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (serving_.joinable()) serving_.join();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<sv::GuardianServer> server_;
  std::thread serving_;
  std::unique_ptr<httplib::Client> client_;
};

TEST(WebAssets, HoldThePageItsScriptAndItsStyle) {
  for (const char* name : {"index.html", "app.js", "app.css"}) {
    const sv::WebAsset* asset = sv::FindWebAsset(name);
    ASSERT_NE(asset, nullptr) << name;
    EXPECT_FALSE(asset->bytes.empty()) << name;
    EXPECT_EQ(asset->etag.size(), 66u) << name;  // a quoted SHA-256 in hex
  }
  EXPECT_EQ(sv::FindWebAsset("nothing.js"), nullptr);
}

TEST_F(DashboardTest, PageComesWithStrictHeadersAndNoSession) {
  auto res = client_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string csp = res->get_header_value("Content-Security-Policy");
  for (const char* part : {"default-src 'self'", "script-src 'self'", "style-src 'self'",
                           "img-src 'self' data:", "frame-ancestors 'none'"}) {
    EXPECT_NE(csp.find(part), std::string::npos) << part << " in " << csp;
  }
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
  EXPECT_NE(res->body.find("/assets/app.js"), std::string::npos);
}

TEST_F(DashboardTest, EveryFileIsServedWithItsTypeAndItsBytes) {
  for (const sv::WebAsset& asset : sv::WebAssets()) {
    if (asset.name == "index.html") continue;
    const std::string path = "/assets/" + std::string(asset.name);
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), asset.content_type) << path;
    EXPECT_EQ(res->body, asset.bytes) << path;
    EXPECT_EQ(res->get_header_value("ETag"), asset.etag) << path;
  }
}

TEST_F(DashboardTest, UnchangedFileAnswers304) {
  const sv::WebAsset* js = sv::FindWebAsset("app.js");
  ASSERT_NE(js, nullptr);
  auto res = client_->Get("/assets/app.js", {{"If-None-Match", std::string(js->etag)}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 304);
  EXPECT_TRUE(res->body.empty());
}

TEST_F(DashboardTest, UnknownFilesAreNotFoundInJson) {
  for (const char* path : {"/assets/nothing.js", "/assets/index.html", "/assets/../server.cc",
                           "/assets/%2e%2e/service.db", "/service.db", "/index.html"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_NE(res->body.find("\"not_found\""), std::string::npos) << path << ": " << res->body;
  }
}

}  // namespace
