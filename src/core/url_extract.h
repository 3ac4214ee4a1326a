// Finds links in message text: "http://", "https://" and bare "www." forms, with trailing
// punctuation that belongs to the sentence removed. Pure function, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stalkguard {

// URLs in the order they appear, each once. Bare "www.x.y" keeps its text as written.
std::vector<std::string> ExtractUrls(std::string_view text);

}  // namespace stalkguard
