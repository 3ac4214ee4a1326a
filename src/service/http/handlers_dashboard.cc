// The web dashboard: its page and static files, compiled in (web_assets.h). They hold no data
// and need no session; the page asks the API for everything once the person has logged in.

#include <string>

#include "service/http/internal/server_impl.h"
#include "service/http/web_assets.h"

namespace stalkguard::service {
namespace {

// Everything the page loads comes from this server: no inline script or style, no other
// origin, no framing (a page that frames the dashboard could trick clicks out of the person).
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

void SendAsset(const WebAsset& asset, const httplib::Request& req, httplib::Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  // Names carry no version, so the browser asks each time and gets 304 while unchanged.
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", std::string(asset.etag));
  if (req.get_header_value("If-None-Match") == asset.etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(asset.bytes.data(), asset.bytes.size(), std::string(asset.content_type));
}

}  // namespace

void GuardianServer::Impl::DashboardPage(const httplib::Request& req, httplib::Response& res) {
  const WebAsset* page = FindWebAsset("index.html");
  if (page == nullptr) {
    SendError(res, 404, "not_found", "this build has no dashboard");
    return;
  }
  SendAsset(*page, req, res);
}

void GuardianServer::Impl::DashboardAsset(const httplib::Request& req, httplib::Response& res) {
  const std::string name = req.matches[1];
  const WebAsset* asset = FindWebAsset(name);
  if (asset == nullptr || name == "index.html") {
    SendError(res, 404, "not_found", "no such file: /assets/" + name);
    return;
  }
  SendAsset(*asset, req, res);
}

}  // namespace stalkguard::service
