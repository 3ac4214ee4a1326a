// The apps installed on a phone, as the person (or a helper) lists them with adb:
//
//   adb shell pm list packages        package:com.whatsapp
//   adb shell pm list packages -f     package:/data/app/~~Ab3==/com.foo-Xy==/base.apk=com.foo
//   adb shell pm list packages -i     package:com.foo  installer=com.android.vending
//   adb shell pm list packages -U     package:com.foo uid:10123
//
// or a plain list, one package name a line. Blank lines and lines starting with '#' are
// skipped. A line that is not a package gives a rejection naming the source and the line; the
// rest of the list is still read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stalkguard::detect {

struct PackageList {
  std::vector<std::string> packages;  // in list order, each once
  // "apps.txt:3: \"Error: no devices\" is not a package name", one per bad line.
  std::vector<std::string> rejected;
};

// Parses `text` (any bytes; CRLF line ends and a UTF-8 byte order mark are fine). Never fails.
// `source_name` names the input in rejections ("apps.txt", "stdin").
PackageList ParsePackageList(std::string_view text, std::string_view source_name);

// True for a well-formed Android package name: dot-separated segments of ASCII letters, digits
// and '_', each starting with a letter or '_' (the indicator data has segments starting with
// a digit too, so those are allowed after the first), at most 255 bytes.
bool IsPackageName(std::string_view name);

}  // namespace stalkguard::detect
