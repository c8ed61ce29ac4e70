// PDFs that hurt: each is read by a child process under a time and a memory
// bound, fails alone with a clear line, and the batch goes on.
#include "read/pdf_sandbox.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "test_support.h"

namespace budgetdb {
namespace {

// A PDF of one page whose content stream is `content` (compressed), with Helvetica as F1.
std::string OnePagePdf(const std::string& content, int page_count = 1) {
  uLongf size = compressBound(static_cast<uLong>(content.size()));
  std::string packed(size, '\0');
  compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(content.data()),
            static_cast<uLong>(content.size()), 9);
  packed.resize(size);
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      page_count == 0 ? "<< /Type /Pages /Kids [] /Count 0 >>" : "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      fmt::format("<< /Length {} /Filter /FlateDecode >>\nstream\n", packed.size()) + packed + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n", i + 1) + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t offset : offsets) pdf += fmt::format("{:010} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return pdf;
}

// A page of 1.5 million tiny words, each placed on its own: about 4 s of CPU
// and 75 MB for Poppler to take apart, from a 7 MB file.
std::string WordBombPdf() {
  std::string content = "BT /F1 2 Tf ";
  content.reserve(40'000'000);
  for (int i = 0; i < 1'500'000; ++i)
    content += fmt::format("1 0 0 1 {} {} Tm (w{}) Tj ", (i * 7) % 600, (i * 3) % 780, i % 97);
  content += "ET";
  return OnePagePdf(content);
}

void Write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> ErrorLines(const std::string& err) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < err.size();) {
    const size_t end = err.find('\n', start);
    const std::string line = err.substr(start, end - start);
    if (line.find(": warning: ") == std::string::npos) lines.push_back(line);
    start = end == std::string::npos ? err.size() : end + 1;
  }
  return lines;
}

TEST(PdfSandbox, TheDocumentCrossesThePipeWhole) {
  RawDocument document;
  document.metadata_title = "Budget 2026\nmed radbrytning";
  RawPage page;
  page.number = 3;
  page.lines = {{"Aktivitet\tStartdatum\tSlutdatum", 1, {}},
                {"Kulturnämnden ska\u2028öppna", 2, TextFlow{true, 58.2, 70.5, 430.34, 555.5, 71}},
                {"", 3, {}}};
  document.pages.push_back(page);
  auto back = DeserializeRawDocument(SerializeRawDocument(document), "x.pdf");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->metadata_title, document.metadata_title);
  ASSERT_EQ(back->pages.size(), 1u);
  EXPECT_EQ(back->pages[0].number, 3);
  ASSERT_EQ(back->pages[0].lines.size(), 3u);
  EXPECT_EQ(back->pages[0].lines[1].text, "Kulturnämnden ska\u2028öppna");
  EXPECT_EQ(back->pages[0].lines[1].flow.text_left, 70.5);
  EXPECT_TRUE(back->pages[0].lines[1].flow.known);
  EXPECT_TRUE(back->paginated);
  // An answer cut short, or with more after its end, or of the old text format, is no document.
  const std::string bytes = SerializeRawDocument(document);
  for (const std::string& broken : {bytes.substr(0, bytes.size() - 1), bytes.substr(0, bytes.size() / 2), bytes + "x",
                                    std::string("budgetdb-raw 1\ntitle 99\nshort\n")})
    EXPECT_EQ(DeserializeRawDocument(broken, "x.pdf").status().code(), Status::Code::kDamaged);
  EXPECT_EQ(DeserializeRawDocument("error 6 24\nthe PDF needs a password\n", "x.pdf").status().ToString(),
            "encrypted: the PDF needs a password");
}

TEST(PdfSandbox, ABatchWithPdfsThatHurtGoesOn) {
  testing::TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directories(in);
  std::filesystem::copy_file(testing::SourceDir() / "corpus/budget-2026-exempelpartiet.pdf", in / "good.pdf");
  Write(in / "no-pages.pdf", OnePagePdf("", 0));
  Write(in / "words.pdf", WordBombPdf());
  const auto db = dir / "b.db";

  // A second of CPU: the word bomb runs past it.
  const testing::CommandRun slow =
      testing::RunBudgetdb("ingest --pdf-seconds 1 --db " + db.string() + " " + in.string(), dir);
  EXPECT_EQ(slow.exit_code, 1) << slow.err;
  EXPECT_EQ(ErrorLines(slow.err),
            (std::vector<std::string>{
                (in / "no-pages.pdf").string() + ": empty: the PDF has no pages",
                (in / "words.pdf").string() + ": timed out: reading it took more than 1 s (the bound; see --pdf-seconds)"}));
  EXPECT_NE(slow.out.find("ingested   " + (in / "good.pdf").string()), std::string::npos) << slow.out;

  // 64 MB: the word bomb needs more. (Not under AddressSanitizer, the
  // sanitize preset: the reader runs there without a bound on memory.)
  std::filesystem::remove(in / "no-pages.pdf");
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the memory bound is not set under AddressSanitizer (its shadow memory needs terabytes of address space)";
#endif
  const testing::CommandRun large =
      testing::RunBudgetdb("ingest --pdf-memory-mb 64 --db " + db.string() + " " + in.string(), dir);
  EXPECT_EQ(large.exit_code, 1) << large.err;
  EXPECT_EQ(ErrorLines(large.err), (std::vector<std::string>{(in / "words.pdf").string() +
                                                             ": too large: reading it needed more than 64 MB (the "
                                                             "bound; see --pdf-memory-mb)"}));
  EXPECT_NE(large.out.find("unchanged  " + (in / "good.pdf").string()), std::string::npos) << large.out;

  // Nothing of the PDFs that failed is stored.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "SELECT group_concat(path, '|') FROM documents", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))), (in / "good.pdf").string());
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
}

// A PDF alone in a batch has its reader started before the grammars compile:
// what the reader says of it comes back all the same.
TEST(PdfSandbox, APdfAloneStartedEarlyFailsWithItsReason) {
  testing::TempDir dir;
  Write(dir / "no-pages.pdf", OnePagePdf("", 0));
  const testing::CommandRun run = testing::RunBudgetdb(
      "ingest --jobs 2 --db " + (dir / "b.db").string() + " " + (dir / "no-pages.pdf").string(), dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(ErrorLines(run.err),
            (std::vector<std::string>{(dir / "no-pages.pdf").string() + ": empty: the PDF has no pages"}));
}

TEST(PdfSandbox, AReaderNotWaitedForIsStoppedAndReapedAndOneWaitedForGivesItsDocumentOnce) {
  const auto sample = testing::SourceDir() / "corpus/budget-2026-exempelpartiet.pdf";
  {
    auto reader = PdfReaderProcess::Start(sample, testing::PdfReaderBinary(), 1, PdfLimits{});
    ASSERT_TRUE(reader.ok()) << reader.status().message();
  }  // never finished: killed, and no zombie left
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);

  auto reader = PdfReaderProcess::Start(sample, testing::PdfReaderBinary(), 1, PdfLimits{});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  auto document = reader->Finish();
  ASSERT_TRUE(document.ok()) << document.status().message();
  EXPECT_EQ(document->pages.size(), 2u);
  EXPECT_EQ(reader->Finish().status().ToString(), "internal error: the PDF reader was already waited for");
}

// How a reader ends says what failed: here stand-in readers, scripts that
// end as Poppler does.
TEST(PdfSandbox, PopplersOwnOutOfMemoryIsTooLargeAnyOtherAbortIsACrash) {
  testing::TempDir dir;
  auto reader_ending = [&](const std::string& name, const std::string& script) {
    const auto program = dir / name;
    std::ofstream(program) << "#!/bin/sh\n" << script << "\n";
    std::filesystem::permissions(program, std::filesystem::perms::owner_all);
    auto reader = PdfReaderProcess::Start(dir / "x.pdf", program, 1, PdfLimits{.seconds = 10, .megabytes = 256});
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    return reader.ok() ? reader->Finish().status().ToString() : std::string();
  };
  EXPECT_EQ(reader_ending("oom", "echo 'Out of memory' >&2; kill -ABRT $$"),
            "too large: reading it needed more than 256 MB (the bound; see --pdf-memory-mb)");
  EXPECT_EQ(reader_ending("abort", "echo 'Syntax Error: bad' >&2; kill -ABRT $$"),
            "damaged: Poppler crashed reading it (Aborted): Syntax Error: bad\n");
}

// The reader's own program, beside budgetdb: it reads a PDF called as its
// parent calls it, and refuses anything else.
TEST(PdfSandbox, TheReadersOwnProgramReadsAPdfAndRefusesOtherArguments) {
  testing::TempDir dir;
  const std::string reader = testing::PdfReaderBinary().string();
  const std::string sample = (testing::SourceDir() / "corpus/budget-2026-exempelpartiet.pdf").string();
  const testing::CommandRun read = testing::RunCommand(reader + " read-pdf --page-threads 2 " + sample, dir);
  ASSERT_EQ(read.exit_code, 0) << read.err;
  auto document = DeserializeRawDocument(read.out, sample);
  ASSERT_TRUE(document.ok()) << document.status().message();
  EXPECT_EQ(document->pages.size(), 2u);
  for (const std::string& wrong : {std::string("--page-threads 2 ") + sample, "read-pdf --page-threads 0 " + sample,
                                   "read-pdf --page-threads 2x " + sample, std::string("read-pdf")}) {
    const testing::CommandRun refused = testing::RunCommand(reader + " " + wrong, dir);
    EXPECT_EQ(refused.exit_code, 2) << wrong;
    EXPECT_EQ(refused.err, "usage: " + reader + " read-pdf --page-threads N PATH\n");
  }
}

// The reader's malloc asks for huge pages and a deep cache of freed pieces,
// each unless the user's GLIBC_TUNABLES says otherwise; everything else of
// the environment goes through.
TEST(PdfSandbox, TheReaderGetsTheEnvironmentWithMallocTunables) {
  const char* before = std::getenv("GLIBC_TUNABLES");
  const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
  auto tunables_of_reader = [] {
    std::vector<std::string> found;
    for (const std::string& variable : ReaderEnvironment())
      if (variable.starts_with("GLIBC_TUNABLES=")) found.push_back(variable);
    return found;
  };
  setenv("BUDGETDB_TEST_PASSED_ON", "ja", 1);
  unsetenv("GLIBC_TUNABLES");
  EXPECT_EQ(tunables_of_reader(),
            (std::vector<std::string>{"GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.tcache_count=4000"}));
  const std::vector<std::string> all = ReaderEnvironment();
  EXPECT_NE(std::find(all.begin(), all.end(), "BUDGETDB_TEST_PASSED_ON=ja"), all.end());
  setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", 1);
  EXPECT_EQ(tunables_of_reader(),
            (std::vector<std::string>{
                "GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1:glibc.malloc.tcache_count=4000"}));
  setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0:glibc.malloc.tcache_count=7", 1);  // the user's choices stand
  EXPECT_EQ(tunables_of_reader(),
            (std::vector<std::string>{"GLIBC_TUNABLES=glibc.malloc.hugetlb=0:glibc.malloc.tcache_count=7"}));
  unsetenv("BUDGETDB_TEST_PASSED_ON");
  if (saved) setenv("GLIBC_TUNABLES", saved->c_str(), 1);
  else unsetenv("GLIBC_TUNABLES");
}

TEST(PdfSandbox, BoundsBelowTheirMinimumAreAUsageError) {
  testing::TempDir dir;
  EXPECT_EQ(testing::RunBudgetdb("ingest --pdf-seconds 0 x.pdf", dir).exit_code, 2);
  EXPECT_EQ(testing::RunBudgetdb("ingest --pdf-memory-mb 10 x.pdf", dir).exit_code, 2);
}

}  // namespace
}  // namespace budgetdb
