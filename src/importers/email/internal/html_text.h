// Turns the HTML body of an e-mail into readable text, and collects the links it points at.
// Not a full HTML parser: tags are dropped, block elements become line breaks, script, style
// and head contents are skipped and common character references are decoded. Pure function,
// safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::importers::email_internal {

struct HtmlText {
  std::string text;                // UTF-8 when the input was
  std::vector<std::string> hrefs;  // http(s) and "www." targets of <a>/<area>, each once
};

HtmlText HtmlToText(std::string_view html);

// Decodes "&amp;", "&#233;", "&#xE9;" and the common named references; unknown ones stay as
// written.
std::string DecodeEntities(std::string_view text);

}  // namespace stalkguard::importers::email_internal
