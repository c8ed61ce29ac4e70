#include <gtest/gtest.h>

#include "read/reader.h"

namespace budgetdb {
namespace {

std::vector<std::string> TextsOf(const RawPage& page) {
  std::vector<std::string> texts;
  for (const auto& line : page.lines) texts.push_back(line.text);
  return texts;
}

TEST(TextReader, Utf8WithBomAndCrlf) {
  auto doc = ParseText("a.txt", "\xEF\xBB\xBFNämnder och bolagsstyrelser ska\r\n- minska\r\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->encoding, "UTF-8");
  EXPECT_FALSE(doc->paginated);
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_EQ(TextsOf(doc->pages[0]), (std::vector<std::string>{"Nämnder och bolagsstyrelser ska", "- minska"}));
  EXPECT_EQ(doc->pages[0].lines[1].number, 2);
}

TEST(TextReader, FormFeedStartsAPageAndLinesAreNumberedThroughTheFile) {
  auto doc = ParseText("a.txt", "ett\ntvå\n\ftre\nfyra\f\n");
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(doc->paginated);
  ASSERT_EQ(doc->pages.size(), 2u);  // the feed at the very end opens no empty page
  EXPECT_EQ(TextsOf(doc->pages[0]), (std::vector<std::string>{"ett", "två"}));
  EXPECT_EQ(TextsOf(doc->pages[1]), (std::vector<std::string>{"tre", "fyra"}));
  EXPECT_EQ(doc->pages[1].number, 2);
  EXPECT_EQ(doc->pages[1].lines[0].number, 3);
  EXPECT_EQ(doc->pages[1].lines[1].number, 4);
}

TEST(TextReader, Windows1252IsDecoded) {
  auto doc = ParseText("a.txt", "Socialn\xE4mnden ska \x96 i samr\xE5" "d med \x93SISAB\x94\n");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->encoding, "windows-1252");
  EXPECT_EQ(doc->pages[0].lines[0].text, "Socialnämnden ska – i samråd med “SISAB”");
}

TEST(TextReader, Utf16WithBomIsDecoded) {
  const std::string bytes("\xFF\xFEN\0\xE4\0m\0n\0d\0\n\0", 14);
  auto doc = ParseText("a.txt", bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->encoding, "UTF-16LE");
  EXPECT_EQ(doc->pages[0].lines[0].text, "Nämnd");
}

TEST(TextReader, RefusesBinaryAndUnknownEncodings) {
  auto nul = ParseText("a.txt", std::string("text\n\0\x01\x02", 8));
  EXPECT_EQ(nul.status().ToString(), "not text: binary content (a NUL byte at line 2)");

  std::string controls(200, 'a');
  for (int i = 0; i < 10; ++i) controls[static_cast<size_t>(i * 20)] = '\x02';
  EXPECT_EQ(ParseText("a.txt", controls).status().ToString(),
            "not text: binary content (10 control characters in 200 bytes)");

  // 0x81 and 0x8D have no Windows-1252 character.
  EXPECT_EQ(ParseText("a.txt", "ok\n\x81\x8D\x90").status().ToString(),
            "not text: neither UTF-8 (invalid byte 0x81 at line 2) nor Windows-1252 text");
  // Shift-JIS read as Windows-1252 gives symbols, not letters.
  EXPECT_EQ(ParseText("a.txt", "\x82\xA0\x82\xA2\x82\xA4\x81\x40").status().code(), Status::Code::kNotText);
}

TEST(TextReader, RefusesEmptyAndBlankFiles) {
  EXPECT_EQ(ParseText("a.txt", "").status().ToString(), "empty: empty file (0 bytes)");
  EXPECT_EQ(ParseText("a.txt", " \n\t\r\n").status().ToString(), "empty: no text (only whitespace)");
}

TEST(Reader, FormatFromExtension) {
  EXPECT_EQ(FormatFromPath("x/Budget.PDF").value(), DocumentFormat::kPdf);
  EXPECT_EQ(FormatFromPath("x/plan.md").value(), DocumentFormat::kText);
  EXPECT_EQ(FormatFromPath("x/plan.docx").status().ToString(),
            "unsupported: '.docx' files are not read (expected .pdf, .txt or .md)");
}

TEST(Reader, ReadFileBytesNamesTheReason) {
  EXPECT_EQ(ReadFileBytes("/nonexistent/budget.txt").status().ToString(), "not found: no such file or directory");
  EXPECT_EQ(ReadFileBytes("/tmp").status().ToString(), "unreadable: is a directory");
  // Reading offset 0 of a process's own memory fails with EIO, even for root.
  EXPECT_EQ(ReadFileBytes("/proc/self/mem").status().ToString(), "unreadable: Input/output error");
}

}  // namespace
}  // namespace budgetdb
