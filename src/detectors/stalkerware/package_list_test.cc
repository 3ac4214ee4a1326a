#include "detectors/stalkerware/package_list.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sd = stalkguard::detect;

namespace {

using Strings = std::vector<std::string>;

struct Case {
  std::string label;
  std::string text;
  Strings packages;
  Strings rejected;
};

}  // namespace

TEST(ParsePackageList, ReadsEveryPmListForm) {
  const Case cases[] = {
      {"pm list packages",
       "package:com.whatsapp\npackage:com.thetruth\n",
       {"com.whatsapp", "com.thetruth"},
       {}},
      {"-f with base64 path parts",
       "package:/data/app/~~Ab3x_Q==/com.systemservice-Xy9_k2w==/base.apk=com.systemservice\n"
       "package:/system/app/Bluetooth/Bluetooth.apk=com.android.bluetooth\n",
       {"com.systemservice", "com.android.bluetooth"},
       {}},
      {"-i",
       "package:com.foo.bar  installer=com.android.vending\npackage:org.x installer=null\n",
       {"com.foo.bar", "org.x"},
       {}},
      {"-f -i -U together",
       "package:/data/app/com.foo-1/base.apk=com.foo  installer=null uid:10123\n",
       {"com.foo"},
       {}},
      {"--show-versioncode", "package:com.foo versionCode:42\n", {"com.foo"}, {}},
      {"plain list with comments and CRLF",
       "\xEF\xBB\xBF# my phone\r\ncom.whatsapp\r\n\r\n  com.fone  \r\n# end\r\n",
       {"com.whatsapp", "com.fone"},
       {}},
      {"duplicates once", "com.a\npackage:com.a\n", {"com.a"}, {}},
      {"single-segment system package", "package:android\n", {"android"}, {}},
      {"no final newline", "package:com.a", {"com.a"}, {}},
      {"empty", "", {}, {}},
  };
  for (const Case& c : cases) {
    const sd::PackageList list = sd::ParsePackageList(c.text, "apps.txt");
    EXPECT_EQ(list.packages, c.packages) << c.label;
    EXPECT_EQ(list.rejected, c.rejected) << c.label;
  }
}

TEST(ParsePackageList, RejectsBadLinesAndKeepsTheRest) {
  const sd::PackageList list = sd::ParsePackageList(
      "package:com.good.one\n"
      "Error: no devices/emulators found\n"
      "package:\n"
      "package:/data/app/com.x-1/base.apk\n"
      "com..double.dot\n"
      "package:com.foo extra words\n"
      "1com.starts.with.digit\n"
      "com.good.two\n",
      "phone.txt");
  EXPECT_EQ(list.packages, (Strings{"com.good.one", "com.good.two"}));
  EXPECT_EQ(list.rejected,
            (Strings{
                "phone.txt:2: \"Error: no devices/emulators found\" has unexpected text after "
                "the package name",
                "phone.txt:3: \"package:\" names no package",
                "phone.txt:4: \"package:/data/app/com.x-1/base.apk\" has an APK path but no "
                "\"=package\" after it",
                "phone.txt:5: \"com..double.dot\" is not a package name",
                "phone.txt:6: \"package:com.foo extra words\" has unexpected text after the "
                "package name",
                "phone.txt:7: \"1com.starts.with.digit\" is not a package name",
            }));
}

TEST(ParsePackageList, QuotesLongAndBinaryLinesSafely) {
  const std::string line = std::string(100, 'x') + "\xff!";
  const sd::PackageList list = sd::ParsePackageList(line, "stdin");
  ASSERT_EQ(list.rejected.size(), 1u);
  EXPECT_EQ(list.rejected[0], "stdin:1: \"" + std::string(60, 'x') + "...\" is not a package name");
}

TEST(IsPackageName, FollowsAndroidRulesLoosely) {
  EXPECT_TRUE(sd::IsPackageName("com.thetruth"));
  EXPECT_TRUE(sd::IsPackageName("com.gcm_call_sms_tracker.updated"));
  EXPECT_TRUE(sd::IsPackageName("app.EasyLogger"));
  EXPECT_TRUE(sd::IsPackageName("com.x.2fa"));
  EXPECT_FALSE(sd::IsPackageName(""));
  EXPECT_FALSE(sd::IsPackageName("com."));
  EXPECT_FALSE(sd::IsPackageName(".com"));
  EXPECT_FALSE(sd::IsPackageName("com.foo-bar"));
  EXPECT_FALSE(sd::IsPackageName(std::string(256, 'a')));
}
