#include "importers/source.h"

#include <gtest/gtest.h>

namespace sgi = stalkguard::importers;

TEST(Source, HeadDoesNotConsume) {
  sgi::MemorySource src("m", "hello world");
  auto head = src.Head();
  ASSERT_TRUE(head);
  EXPECT_EQ(*head, "hello world");
  auto all = src.ReadAll();
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, "hello world");
  EXPECT_EQ(src.consumed(), 11);
}

TEST(Source, LongInputReadsPastHead) {
  std::string big(sgi::Source::kHeadBytes * 3 + 17, 'x');
  big[sgi::Source::kHeadBytes + 5] = 'y';
  sgi::MemorySource src("m", big);
  ASSERT_TRUE(src.Head());
  auto all = src.ReadAll();
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, big);
}

TEST(Source, MissingFileNamesThePath) {
  sgi::FileSource src("/nonexistent/chat.txt");
  auto head = src.Head();
  ASSERT_FALSE(head);
  EXPECT_NE(head.error().message.find("/nonexistent/chat.txt"), std::string::npos);
}

TEST(LineReader, SplitsLinesAcrossBuffers) {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line " + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
  text += "last without newline";
  sgi::MemorySource src("m", text);
  sgi::LineReader lines(src);
  int count = 0;
  std::string_view last;
  while (auto line = lines.Next()) {
    if (count < 50000) {
      ASSERT_EQ(*line, "line " + std::to_string(count));
    }
    last = *line;
    ++count;
  }
  EXPECT_EQ(count, 50001);
  EXPECT_EQ(lines.line_number(), 50001);
}

TEST(LineReader, CutsOverlongLines) {
  std::string text = "short\n" + std::string(1000, 'a') + "\nafter\n";
  sgi::MemorySource src("m", text);
  sgi::LineReader lines(src, 100);
  EXPECT_EQ(*lines.Next(), "short");
  auto cut = lines.Next();
  ASSERT_TRUE(cut);
  EXPECT_TRUE(lines.truncated());
  EXPECT_EQ(cut->size(), 100u);
  EXPECT_EQ(*lines.Next(), "after");
  EXPECT_FALSE(lines.truncated());
  EXPECT_FALSE(lines.Next());
}
