// E-mail attempts through the configured SMTP server, over libcurl.
#include <curl/curl.h>
#include <sodium.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "service/alerts/internal/curl_easy.h"
#include "service/alerts/internal/sender.h"

namespace stalkguard::service::alerts::internal {
namespace {

// Control characters (a CR or LF would start a header of its own) become spaces.
std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

// RFC 2047: ASCII stays as it is; anything else becomes base64 encoded words of at most 45
// bytes of UTF-8 each (60 characters encoded), split between characters, one per folded line.
std::string EncodeHeader(const std::string& text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return text;
  }
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = std::min(text.size(), at + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data() + at);
    const size_t n = end - at;
    std::string b64(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + b64 + "?=";
    at = end;
  }
  return out;
}

// "Fri, 01 Mar 2024 22:10:00 +0000", whatever the locale.
std::string MailDate(int64_t utc_ms) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const time_t seconds = static_cast<time_t>(utc_ms / 1000);
  struct tm t {};
  gmtime_r(&seconds, &t);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[t.tm_wday],
                t.tm_mday, kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
  return text;
}

struct Upload {
  const std::string* text;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t n, void* data) {
  auto* up = static_cast<Upload*>(data);
  const size_t len = std::min(size * n, up->text->size() - up->at);
  std::memcpy(buffer, up->text->data() + up->at, len);
  up->at += len;
  return len;
}

}  // namespace

std::string ComposeMail(const std::string& from, const MailRequest& mail) {
  std::string out;
  out += "Date: " + MailDate(mail.date_ms) + "\r\n";
  out += "From: " + OneLine(from) + "\r\n";
  out += "To: " + OneLine(mail.to) + "\r\n";
  out += "Subject: " + EncodeHeader(OneLine(mail.subject)) + "\r\n";
  out += "Message-ID: " + OneLine(mail.message_id) + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (char c : mail.body) {
    if (c == '\n') {
      out += "\r\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

AttemptResult SendMail(const MailRequest& mail, const AlertOptions& options,
                       const std::atomic<bool>& stop) {
  if (options.smtp_url.empty()) {
    return {false, false, true, "no SMTP server is set (stalkguard serve --smtp-url)"};
  }
  CurlEasy curl(options, stop);
  if (!curl) return {false, false, false, "libcurl could not start"};
  const std::string message = ComposeMail(options.smtp_from, mail);
  Upload upload{&message};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, options.smtp_url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // A password never crosses the network in clear: with one, smtp:// must upgrade to TLS.
  curl_easy_setopt(h, CURLOPT_USE_SSL,
                   options.smtp_password.empty() ? static_cast<long>(CURLUSESSL_TRY)
                                                 : static_cast<long>(CURLUSESSL_ALL));
  if (!options.smtp_password.empty()) {
    curl_easy_setopt(h, CURLOPT_PASSWORD, options.smtp_password.c_str());
  }
  const std::string from = "<" + OneLine(options.smtp_from) + ">";
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + OneLine(mail.to) + ">").c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  AttemptResult result = curl.Perform();
  curl_slist_free_all(recipients);
  if (result.error.empty() && !result.abandoned) result.ok = true;
  return result;
}

}  // namespace stalkguard::service::alerts::internal
