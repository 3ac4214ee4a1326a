#include "classifier/csv_reader.h"

#include <gtest/gtest.h>

namespace stalkguard::classifier {
namespace {

struct Case {
  std::string_view name;
  std::string_view csv;
  std::vector<std::vector<std::string>> rows;
};

TEST(ParseCsv, ReadsRfc4180) {
  const Case cases[] = {
      {"plain", "a,b\n1,2\n3,4\n", {{"1", "2"}, {"3", "4"}}},
      {"no final line end", "a,b\n1,2", {{"1", "2"}}},
      {"crlf", "a,b\r\n1,2\r\n", {{"1", "2"}}},
      {"quoted comma", "a,b\n\"x,y\",2\n", {{"x,y", "2"}}},
      {"doubled quote", "a,b\n\"say \"\"hi\"\"\",2\n", {{"say \"hi\"", "2"}}},
      {"quoted newline", "a,b\n\"line 1\nline 2\",2\n", {{"line 1\nline 2", "2"}}},
      {"quoted crlf kept", "a,b\n\"x\r\ny\",2\r\n", {{"x\r\ny", "2"}}},
      {"empty fields", "a,b,c\n,,\n\"\",x,\n", {{"", "", ""}, {"", "x", ""}}},
      {"byte-order mark",
       "\xEF\xBB\xBF"
       "a,b\n1,2\n",
       {{"1", "2"}}},
      {"header only", "a,b\n", {}},
  };
  for (const Case& c : cases) {
    const auto table = ParseCsv(c.csv, "test.csv");
    ASSERT_TRUE(table) << c.name << ": " << table.error().message;
    EXPECT_EQ(table->header.front(), "a") << c.name;
    EXPECT_EQ(table->rows, c.rows) << c.name;
  }
}

TEST(ParseCsv, FindsColumnsByName) {
  const auto table = ParseCsv("text,label\nhi,1\n", "t.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->Column("label"), 1);
  EXPECT_EQ(table->Column("missing"), -1);
}

TEST(ParseCsv, NamesTheLineOfABadRow) {
  const struct {
    std::string_view csv;
    std::string_view message;
  } cases[] = {
      {"a,b\n1,2\n\"open,2\n", "test.csv:3: quoted field is never closed"},
      {"a,b\n1,2\n1,2,3\n", "test.csv:3: row has 3 fields, header has 2"},
      {"a,b\n\"x\ny\",2\n\"q\"z,1\n", "test.csv:4: text after a closing quote"},
      {"", "test.csv:1: no header row"},
  };
  for (const auto& c : cases) {
    const auto table = ParseCsv(c.csv, "test.csv");
    ASSERT_FALSE(table) << c.csv;
    EXPECT_EQ(table.error().message, c.message);
    EXPECT_EQ(table.error().code, ErrorCode::kInvalidInput);
  }
}

TEST(ReadCsvFile, MissingFileIsNotFound) {
  const auto table = ReadCsvFile("/nonexistent/data.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stalkguard::classifier
