// Repairs the text SMS Backup & Restore writes. Android's serializer writes each UTF-16 half of
// an emoji as its own character reference, body="I know where you live &#55357;&#56832;" for
// U+1F600, and an XML parser decodes each half on its own to a 3-byte sequence (ED A0 BD,
// ED B8 80) that is not UTF-8. CleanText joins such halves into the real character, so every
// string the importer hands on is valid UTF-8. Pure functions, safe from any thread.
//
//   event.text = CleanText(*body);
//   reason = "type " + Quote(*type) + " is not an SMS type (1 to 6)";
#pragma once

#include <string>
#include <string_view>

namespace stalkguard::importers::sms_xml {

// `in` with every encoded high/low surrogate pair joined into its code point, and any other
// surrogate or invalid byte replaced with U+FFFD. Always valid UTF-8; already valid UTF-8 comes
// back unchanged.
std::string CleanText(std::string_view in);

// `value` for a message about a record: in double quotes, cut after 40 bytes (then ending in
// "..."), made valid UTF-8 with CleanText.
std::string Quote(std::string_view value);

}  // namespace stalkguard::importers::sms_xml
