#include "importers/email/internal/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include "core/strings.h"
#include "core/utf8.h"

namespace stalkguard::importers::email_internal {
namespace {

struct NamedEntity {
  std::string_view name;
  uint32_t code_point;
};

// The references that turn up in mail from shops, schools and banks. "&nbsp;" becomes a plain
// space: readers and detectors treat it as one.
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"bull", 0x2022},  {"middot", 0xB7},  {"euro", 0x20AC},  {"pound", 0xA3},
    {"cent", 0xA2},    {"yen", 0xA5},     {"sect", 0xA7},    {"deg", 0xB0},     {"times", 0xD7},
    {"divide", 0xF7},  {"laquo", 0xAB},   {"raquo", 0xBB},   {"eacute", 0xE9},  {"egrave", 0xE8},
    {"ecirc", 0xEA},   {"aacute", 0xE1},  {"agrave", 0xE0},  {"acirc", 0xE2},   {"ouml", 0xF6},
    {"uuml", 0xFC},    {"auml", 0xE4},    {"Ouml", 0xD6},    {"Uuml", 0xDC},    {"Auml", 0xC4},
    {"szlig", 0xDF},   {"ccedil", 0xE7},  {"ntilde", 0xF1},  {"oslash", 0xF8},  {"aring", 0xE5},
    {"Eacute", 0xC9},  {"shy", 0xAD},     {"zwnj", 0x200C},  {"zwj", 0x200D},
};

// Decodes the reference starting at text[i] == '&' into out; returns the bytes consumed, or 0
// when it is not a reference we know.
size_t DecodeEntityAt(std::string_view text, size_t i, std::string& out) {
  const size_t semi = text.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return 0;
  const std::string_view name = text.substr(i + 1, semi - i - 1);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t value = 0;
    for (char c : digits) {
      const int d = hex ? (std::isxdigit(static_cast<unsigned char>(c))
                               ? (std::isdigit(static_cast<unsigned char>(c))
                                      ? c - '0'
                                      : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10)
                               : -1)
                        : (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : -1);
      if (d < 0) return 0;
      value = std::min<uint32_t>(value * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
    }
    AppendUtf8(out, value == 0 ? 0xFFFD : value);
    return semi - i + 1;
  }
  for (const NamedEntity& e : kEntities) {
    if (e.name == name) {
      AppendUtf8(out, e.code_point);
      return semi - i + 1;
    }
  }
  return 0;
}

// HTML's white space; unlike isspace, not \v.
constexpr std::string_view kHtmlSpace = " \t\r\n\f";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

bool IsBlockTag(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "div",     "br",     "tr",     "li",      "ul",     "ol",   "table",
      "h1",      "h2",      "h3",     "h4",     "h5",      "h6",     "hr",   "blockquote",
      "pre",     "section", "header", "footer", "article", "center", "dd",   "dt",
      "address", "tbody",   "thead",  "form",   "main",    "nav",    "aside"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

class TextBuilder {
 public:
  void Char(char c) {
    if (IsSpace(c)) {
      pending_space_ = true;
      return;
    }
    if (pending_space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
    pending_space_ = false;
    out_.push_back(c);
  }
  void Text(std::string_view s) {
    for (char c : s) Char(c);
  }
  // The edge of a block element: starts a new line unless one was just started, so
  // "</p><p>" is one line break.
  void Break() { NewLine(1); }
  // <br>: always a new line; two in a row leave a blank line, more add nothing.
  void LineBreak() { NewLine(2); }
  std::string Finish() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    return std::move(out_);
  }

 private:
  void NewLine(int max_run) {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (out_.empty()) return;
    int run = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++run;
    if (run < max_run) out_.push_back('\n');
  }

  std::string out_;
  bool pending_space_ = false;
};

// Reads the attributes of a tag from text[i] up to its closing '>'; returns the index after
// it (text.size() when unterminated) and the value of `wanted` when present.
size_t ScanAttributes(std::string_view text, size_t i, std::string_view wanted,
                      std::string* value) {
  while (i < text.size()) {
    while (i < text.size() && (IsSpace(text[i]) || text[i] == '/')) ++i;
    if (i >= text.size()) break;
    if (text[i] == '>') return i + 1;
    const size_t name_start = i;
    while (i < text.size() && !IsSpace(text[i]) && text[i] != '=' && text[i] != '>' &&
           text[i] != '/') {
      ++i;
    }
    const std::string name = AsciiLower(text.substr(name_start, i - name_start));
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') {
      if (name.empty()) ++i;  // a stray character such as '"'; skip it
      continue;
    }
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    std::string_view attr;
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
      const char quote = text[i];
      const size_t end = text.find(quote, i + 1);
      const size_t stop = end == std::string_view::npos ? text.size() : end;
      attr = text.substr(i + 1, stop - i - 1);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      const size_t start = i;
      while (i < text.size() && !IsSpace(text[i]) && text[i] != '>') ++i;
      attr = text.substr(start, i - start);
    }
    if (value != nullptr && name == wanted && value->empty()) *value = DecodeEntities(attr);
  }
  return text.size();
}

// Skips the contents of <script>, <style>, <head> or <title> up to its closing tag.
size_t SkipElement(std::string_view text, size_t i, std::string_view tag) {
  const std::string closing = "</" + std::string(tag);
  while (i < text.size()) {
    const size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) return text.size();
    if (StartsWithIgnoreCase(text.substr(lt), closing)) {
      const size_t gt = text.find('>', lt);
      return gt == std::string_view::npos ? text.size() : gt + 1;
    }
    i = lt + 1;
  }
  return text.size();
}

}  // namespace

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (const size_t used = DecodeEntityAt(text, i, out); used > 0) {
        i += used;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

HtmlText HtmlToText(std::string_view html) {
  HtmlText result;
  TextBuilder builder;
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      std::string decoded;
      if (const size_t used = DecodeEntityAt(html, i, decoded); used > 0) {
        builder.Text(decoded);
        i += used;
        continue;
      }
      builder.Char(c);
      ++i;
      continue;
    }
    if (c != '<') {
      builder.Char(c);
      ++i;
      continue;
    }
    const std::string_view rest = html.substr(i);
    if (rest.starts_with("<!--")) {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t j = i + 1;
    const bool closing = j < html.size() && html[j] == '/';
    if (closing) ++j;
    if (j >= html.size() ||
        !(std::isalpha(static_cast<unsigned char>(html[j])) || html[j] == '!' || html[j] == '?')) {
      builder.Char(c);  // a lone "<", as in "a < b"
      ++i;
      continue;
    }
    const size_t name_start = j;
    while (j < html.size() && !IsSpace(html[j]) && html[j] != '>' && html[j] != '/') ++j;
    const std::string tag = AsciiLower(html.substr(name_start, j - name_start));
    std::string href;
    const bool is_link = !closing && (tag == "a" || tag == "area");
    i = ScanAttributes(html, j, "href", is_link ? &href : nullptr);
    if (closing) {
      if (IsBlockTag(tag)) builder.Break();
      continue;
    }
    if (tag == "script" || tag == "style" || tag == "head" || tag == "title") {
      i = SkipElement(html, i, tag);
      continue;
    }
    if (tag == "br") {
      builder.LineBreak();
    } else if (IsBlockTag(tag)) {
      builder.Break();
    } else if (tag == "td" || tag == "th") {
      builder.Char(' ');
    }
    href = std::string(TrimAscii(href, kHtmlSpace));
    if (is_link && (StartsWithIgnoreCase(href, "http://") ||
                    StartsWithIgnoreCase(href, "https://") || StartsWithIgnoreCase(href, "www."))) {
      if (std::find(result.hrefs.begin(), result.hrefs.end(), href) == result.hrefs.end()) {
        result.hrefs.push_back(std::move(href));
      }
    }
  }
  result.text = builder.Finish();
  return result;
}

}  // namespace stalkguard::importers::email_internal
