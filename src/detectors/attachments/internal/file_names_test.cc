#include "detectors/attachments/internal/file_names.h"

#include <gtest/gtest.h>

namespace ai = stalkguard::detect::attachment_internal;

TEST(AttachmentFileNames, RealExtensionIsWhatWindowsActsOn) {
  struct Case {
    const char* name;
    const char* extension;
  };
  const Case cases[] = {
      {"invoice.pdf.exe", "exe"},
      {"Photo.JPG", "jpg"},
      {"run.exe. . ", "exe"},
      {"README", ""},
      {"archive.", ""},
      {"x.this-is-too-long", ""},
      {".bashrc", "bashrc"},
      {"a.b/c d", ""},
      {"setup.appref-ms", "appref-ms"},
  };
  for (const Case& c : cases) EXPECT_EQ(ai::RealExtension(c.name), c.extension) << c.name;
}

TEST(AttachmentFileNames, FindsDecoyExtensionsAndPadding) {
  auto twin = ai::FindDoubleExtension("invoice.pdf.exe");
  ASSERT_TRUE(twin.has_value());
  EXPECT_EQ(twin->decoy, "pdf");
  EXPECT_EQ(twin->padding, 0u);

  twin = ai::FindDoubleExtension("photo.jpg     .scr");
  ASSERT_TRUE(twin.has_value());
  EXPECT_EQ(twin->decoy, "jpg");
  EXPECT_EQ(twin->padding, 5u);

  EXPECT_FALSE(ai::FindDoubleExtension("setup.exe").has_value());
  EXPECT_FALSE(ai::FindDoubleExtension("backup.tar.exe").has_value());  // tar is no decoy
  EXPECT_FALSE(ai::FindDoubleExtension(".pdf.exe").has_value());
}

TEST(AttachmentFileNames, ShowsRightToLeftOverrideAsAViewerWould) {
  EXPECT_EQ(ai::VisualName("annexe\u202Efdp.exe"), "annexeexe.pdf");
  EXPECT_EQ(ai::VisualName("a\u202Ecba\u202Cz.txt"), "aabcz.txt");
  EXPECT_EQ(ai::VisualName("plain.txt"), "plain.txt");
  EXPECT_TRUE(ai::HasBidiControl("annexe\u202Efdp.exe"));
  EXPECT_TRUE(ai::HasBidiControl("x\u2067y"));
  EXPECT_FALSE(ai::HasBidiControl("café.pdf"));
}

TEST(AttachmentFileNames, DisplayNameSpellsOutInvisibleCharacters) {
  EXPECT_EQ(ai::DisplayName("annexe\u202Efdp.exe"), "annexe[U+202E]fdp.exe");
  EXPECT_EQ(ai::DisplayName("a\nb\xff.txt"), "a[U+000A]b\uFFFD.txt");
  EXPECT_EQ(ai::DisplayName("café.pdf"), "café.pdf");
  EXPECT_EQ(ai::DisplayName(std::string(300, 'a'), 10), "aaaaaaaaaa…");
}

TEST(AttachmentFileNames, RiskyAndMacroExtensions) {
  ASSERT_TRUE(ai::RiskyExtension("exe").has_value());
  EXPECT_EQ(ai::RiskyExtension("exe")->what, "a Windows program");
  EXPECT_TRUE(ai::RiskyExtension("apk").has_value());
  EXPECT_FALSE(ai::RiskyExtension("pdf").has_value());
  EXPECT_FALSE(ai::RiskyExtension("").has_value());
  EXPECT_TRUE(ai::IsMacroExtension("xlsm"));
  EXPECT_FALSE(ai::IsMacroExtension("xlsx"));
  EXPECT_FALSE(ai::IsDecoyExtension(""));
}
