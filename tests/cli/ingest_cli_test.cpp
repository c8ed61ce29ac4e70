// End to end: the budgetdb binary, run as a user runs it, on real files.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "test_support.h"

namespace budgetdb {
namespace {

using testing::CommandRun;
using testing::RunBudgetdb;

std::vector<std::string> Rows(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
  } else {
    rows.push_back(std::string("error: ") + sqlite3_errmsg(db));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

TEST(IngestCli, SharedCorpusGoesInThenIsUnchanged) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const std::string args = "ingest --db " + (dir / "budget.db").string() + " " + testing::SharedCorpus().string();
  const CommandRun first = RunBudgetdb(args, dir);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  // The one malformed date of the budget seed is stored as NULL and reported.
  const std::string budget = (testing::SharedCorpus() / "budget-2024-liberalerna.txt").string();
  EXPECT_EQ(first.err, budget + ": warning: page 6, line 4263: malformed start date '202-01-01' (stored as NULL, raw text kept)\n" +
                           budget + ": warning: page 6, line 4263: malformed end date '202-12-31' (stored as NULL, raw text kept)\n");
  EXPECT_NE(first.out.find("5 documents: 5 ingested, 0 unchanged, 0 updated, 0 failed"), std::string::npos) << first.out;
  EXPECT_EQ(Rows(dir / "budget.db",
                 "SELECT title || '|' || coalesce(year, 'NULL') || '|' || format || '|' || page_count || '|' || "
                 "(SELECT count(*) FROM pages WHERE document_id = d.id) FROM documents d ORDER BY path"),
            (std::vector<std::string>{
                "Budget 2024 för Stockholms stad och inriktning för 2025–2026 samt ägardirektiv 2024–2026 för "
                "koncernen Stockholms Stadshus AB|2024|text|14|14",
                "Verksamhetsplan 2013 för kommunstyrelsen|2013|text|4|4",
                "Igår presenterades Stockholms stads budget för 2025, med fokus på att stärka välfärden, barn och "
                "unga samt möta klimatkrisen. Budgeten läggs fram i spåren av inflationen, som påverkat …|NULL|text|1|1",
                "Stockholms Stad - Stadsledningskontoret|NULL|text|1|1",
                "Vårt uppdrag|NULL|text|1|1",
            }));

  const CommandRun second = RunBudgetdb(args, dir);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("unchanged  " + (testing::SharedCorpus() / "ks-verksamhetsplan-2013.txt").string()),
            std::string::npos) << second.out;
  EXPECT_NE(second.out.find("5 documents: 0 ingested, 5 unchanged, 0 updated, 0 failed"), std::string::npos);
}

// The tables in the database as a journalist queries them: items with their
// document, body, goal, provenance, bodies with roles, and targets.
TEST(IngestCli, TablesLandInTheDatabaseWithProvenance) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const auto db = dir / "budget.db";
  const CommandRun run = RunBudgetdb("ingest --db " + db.string() + " " + testing::SharedCorpus().string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("budget-2024-liberalerna.txt  (14 pages, 1770 directives, 636 activities, 342 indicators"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("ks-verksamhetsplan-2013.txt  (4 pages, 0 directives, 90 activities, 30 indicators, "
                         "35 goals"),
            std::string::npos)
      << run.out;

  // "Which activities involve socialnämnden and end in 2024?": one of them, with every body and role.
  EXPECT_EQ(Rows(db, "SELECT a.line || '|' || a.scope || '|' || sb.name || '|' || a.start_date || '|' || a.end_date "
                     "|| '|' || (SELECT group_concat(named, ', ') FROM (SELECT b.name || ':' || ab.role AS named "
                     "FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id WHERE ab.activity_id = a.id "
                     "ORDER BY b.name)) "
                     "FROM activities a JOIN bodies sb ON sb.id = a.body_id "
                     "WHERE a.line = 1140 AND a.end_date BETWEEN '2024-01-01' AND '2024-12-31' AND EXISTS "
                     "(SELECT 1 FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id "
                     " WHERE ab.activity_id = a.id AND b.name = 'Socialnämnden')"),
            (std::vector<std::string>{"1140|kf|Kommunstyrelsen|2024-01-01|2024-12-31|Kommunstyrelsen:partner, "
                                      "Socialnämnden:lead, Stadsdelsnämnderna:consulted"}));
  // The malformed date: NULL, the printed text kept, page NULL for a text without page breaks.
  EXPECT_EQ(Rows(db, "SELECT coalesce(start_date, 'NULL') || '|' || start_raw || '|' || end_raw || '|' || "
                     "coalesce(page, 'NULL') FROM activities WHERE line = 4263"),
            (std::vector<std::string>{"NULL|202-01-01|202-12-31|6"}));
  // An indicator of the 2013 plan, its targets, and the goals above it.
  EXPECT_EQ(Rows(db, "SELECT i.name || '|' || i.periodicity || '|' || g.number || '|' || p.level || ' ' || p.number "
                     "|| '|' || t.setter || '|' || t.year || '|' || t.raw || '|' || t.value || '|' || t.unit "
                     "FROM indicators i JOIN goals g ON g.id = i.goal_id JOIN goals p ON p.id = g.parent_id "
                     "JOIN indicator_targets t ON t.indicator_id = i.id WHERE i.line = 1196 ORDER BY t.rowid"),
            (std::vector<std::string>{
                "Elanvändning per kvadratmeter|År|1.3|inriktningsmål 1|nämnd|2013|33 kwh/kv m|33.0|kWh/kvm",
                "Elanvändning per kvadratmeter|År|1.3|inriktningsmål 1|kf|2013|34 kWh|34.0|kWh"}));
  // Mandatory indicators of the budget, per year of their targets.
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM indicators i JOIN documents d ON d.id = i.document_id "
                     "WHERE d.year = 2024 AND i.mandatory = 1 AND i.name = 'Andel elektroniska inköp'"),
            (std::vector<std::string>{"3"}));  // Valnämnden (1246), Stockholm Vatten och Avfall AB (5061), appendix (6780)
  // Nothing from the prose documents.
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM documents d WHERE d.year IS NULL AND ("
                     "EXISTS (SELECT 1 FROM activities WHERE document_id = d.id) OR "
                     "EXISTS (SELECT 1 FROM indicators WHERE document_id = d.id) OR "
                     "EXISTS (SELECT 1 FROM goals WHERE document_id = d.id))"),
            (std::vector<std::string>{"0"}));
}

TEST(IngestCli, AChangedFileIsANewVersionAndTheOldOneIsKept) {
  testing::TempDir dir;
  const auto doc = dir / "plan.txt";
  { std::ofstream(doc) << "Verksamhetsplan 2025 för kulturnämnden\n"; }
  const std::string args = "ingest --db " + (dir / "b.db").string() + " " + doc.string();
  ASSERT_EQ(RunBudgetdb(args, dir).exit_code, 0);
  { std::ofstream(doc) << "Verksamhetsplan 2026 för kulturnämnden\n"; }
  const CommandRun updated = RunBudgetdb(args, dir);
  EXPECT_EQ(updated.exit_code, 0);
  EXPECT_NE(updated.out.find("updated    " + doc.string() + "  (1 page"), std::string::npos) << updated.out;
  EXPECT_NE(updated.out.find("1 document: 0 ingested, 0 unchanged, 1 updated, 0 failed"), std::string::npos);
  EXPECT_EQ(Rows(dir / "b.db", "SELECT version || '|' || year || '|' || (superseded_at IS NULL) FROM documents "
                               "ORDER BY version"),
            (std::vector<std::string>{"1|2025|0", "2|2026|1"}));
}

// On one core (--jobs 1: read and written in turn on one thread) as on two.
TEST(IngestCli, BadInputsEachGetOneLineAndNothingIsStored) {
  for (const char* jobs : {"1", "2"}) {
    SCOPED_TRACE(std::string("--jobs ") + jobs);
    testing::TempDir dir;
    const auto in = dir / "in";
    std::filesystem::create_directories(in);
    { std::ofstream(in / "empty.txt"); }
    { std::ofstream(in / "junk.txt", std::ios::binary) << std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0", 12); }
    const std::string pdf = testing::ReadAll(testing::SourceDir() / "corpus/budget-2026-exempelpartiet.pdf");
    { std::ofstream(in / "truncated.pdf", std::ios::binary) << pdf.substr(0, pdf.size() / 3); }
    { std::ofstream(in / "garbage.pdf") << "<html>not a pdf</html>"; }
    std::filesystem::copy_file(testing::SourceDir() / "tests/fixtures/encrypted-user-password.pdf", in / "locked.pdf");
    // Unreadable even for root: reading a process's own memory at offset 0 fails with EIO.
    std::filesystem::create_symlink("/proc/self/mem", in / "unreadable.txt");
    { std::ofstream(in / "good.txt") << "Verksamhetsplan 2025 för kulturnämnden\n"; }
    const auto missing = dir / "no-such-file.txt";

    const CommandRun run = RunBudgetdb(std::string("ingest --jobs ") + jobs + " --db " + (dir / "b.db").string() + " " + in.string() + " " +
                                    missing.string(),
                                dir);
    EXPECT_EQ(run.exit_code, 1);
    std::vector<std::string> errors;
    for (size_t start = 0, end; (end = run.err.find('\n', start)) != std::string::npos; start = end + 1)
      errors.push_back(run.err.substr(start, end - start));
    std::sort(errors.begin(), errors.end());
    const std::string p = in.string() + "/";
    std::vector<std::string> expected{
                          missing.string() + ": not found: no such file or directory",
                          p + "empty.txt: empty: empty file (0 bytes)",
                          p + "garbage.pdf: damaged: not a PDF (no %PDF- header)",
                          p + "junk.txt: not text: binary content (a NUL byte at line 1)",
                          p + "locked.pdf: encrypted: the PDF needs a password to open",
                          p + "truncated.pdf: damaged: truncated PDF (no %%EOF at the end)",
                          p + "unreadable.txt: unreadable: Input/output error",
                      };
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(errors, expected);
    EXPECT_NE(run.out.find("8 documents: 1 ingested, 0 unchanged, 0 updated, 7 failed"), std::string::npos) << run.out;
    EXPECT_EQ(Rows(dir / "b.db", "SELECT path FROM documents"), (std::vector<std::string>{p + "good.txt"}));
  }
}

TEST(IngestCli, FifoDeviceAndOversizedFileFailAloneWithoutBeingRead) {
  testing::TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directories(in);
  ASSERT_EQ(mkfifo((in / "fifo.txt").c_str(), 0600), 0);  // nobody ever writes to it
  std::filesystem::create_symlink("/dev/zero", in / "zero.txt");
  { std::ofstream(in / "large.txt") << std::string(3 << 20, 'a'); }
  { std::ofstream(in / "good.txt") << "Verksamhetsplan 2025 för kulturnämnden\n"; }
  const std::string p = in.string() + "/";
  const CommandRun run = RunBudgetdb("ingest --max-file-mb 2 --db " + (dir / "b.db").string() + " " + p +
                                         "fifo.txt " + p + "zero.txt " + p + "large.txt " + p + "good.txt",
                                     dir);
  EXPECT_EQ(run.exit_code, 1);
  std::vector<std::string> errors;  // in the order the documents finish
  for (size_t start = 0, end; (end = run.err.find('\n', start)) != std::string::npos; start = end + 1)
    errors.push_back(run.err.substr(start, end - start));
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, (std::vector<std::string>{p + "fifo.txt: unsupported: not a regular file (a FIFO)",
                                              p + "large.txt: too large: larger than 2 MB (--max-file-mb)",
                                              p + "zero.txt: unsupported: not a regular file (a character device)"}));
  EXPECT_EQ(Rows(dir / "b.db", "SELECT path FROM documents"), (std::vector<std::string>{p + "good.txt"}));

  // A sparse 3 GB file: refused by its size, before a byte is read.
  { std::ofstream(in / "sparse.txt"); }
  std::filesystem::resize_file(in / "sparse.txt", uint64_t{3} << 30);
  const CommandRun sparse = RunBudgetdb("ingest --db " + (dir / "b.db").string() + " " + p + "sparse.txt", dir);
  EXPECT_EQ(sparse.exit_code, 1);
  EXPECT_EQ(sparse.err, p + "sparse.txt: too large: larger than 512 MB (--max-file-mb)\n");
}

// A PDF whose cross-reference offset is wrong: Poppler repairs it and reads
// it, and the batch says so instead of storing it silently.
TEST(IngestCli, APdfPopplerHadToRepairGoesInWithAWarning) {
  testing::TempDir dir;
  std::string pdf = testing::ReadAll(testing::SourceDir() / "corpus/budget-2026-exempelpartiet.pdf");
  const size_t startxref = pdf.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  const size_t offset = startxref + 10;
  pdf.replace(offset, pdf.find('\n', offset) - offset, "12345");
  { std::ofstream(dir / "repaired.pdf", std::ios::binary) << pdf; }
  const CommandRun run = RunBudgetdb("ingest --db " + (dir / "b.db").string() + " " + (dir / "repaired.pdf").string(), dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find((dir / "repaired.pdf").string() + ": warning: damaged but read: Poppler complained "),
            std::string::npos)
      << run.err;
  EXPECT_EQ(Rows(dir / "b.db", "SELECT count(*) FROM directives"), (std::vector<std::string>{"7"}));
  // The problems are data too, beside the document.
  EXPECT_EQ(Rows(dir / "b.db", "SELECT kind || '|' || coalesce(page, '-') || '|' || coalesce(line, '-') || '|' || "
                               "substr(message, 1, 42) FROM problems ORDER BY rowid"),
            (std::vector<std::string>{"damaged|-|-|damaged but read: Poppler complained 1 tim",
                                      "warning|2|8|body 'Exempelstads Bostads AB' is not in b"}));
}

TEST(IngestCli, NumberTooLargeForADoubleIsAWarningAndANullValue) {
  testing::TempDir dir;
  std::string table = testing::ReadAll(testing::SourceDir() / "tests/fixtures/tables.txt");
  const std::string huge(400, '9');
  const size_t at = table.find("24 %");
  ASSERT_NE(at, std::string::npos);
  table.replace(at, 4, huge + " %");
  { std::ofstream(dir / "huge.txt") << table; }
  { std::ofstream(dir / "good.txt") << "Verksamhetsplan 2025 för kulturnämnden\n"; }
  const CommandRun run =
      RunBudgetdb("ingest --db " + (dir / "b.db").string() + " " + (dir / "huge.txt").string() + " " +
                      (dir / "good.txt").string(),
                  dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("huge.txt: warning: page 2, line 21: the number in target '" + huge.substr(0, 60) +
                         "…' is out of range (stored as NULL, raw text kept)\n"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(Rows(dir / "b.db", "SELECT coalesce(t.value, 'NULL') || '|' || t.raw FROM indicator_targets t "
                               "JOIN indicators i ON i.id = t.indicator_id WHERE t.raw LIKE '999%'"),
            (std::vector<std::string>{"NULL|" + huge + " %"}));
  EXPECT_EQ(Rows(dir / "b.db", "SELECT count(*) FROM documents"), (std::vector<std::string>{"2"}));
}

// The reading commands open the database read-only: they neither wait for an
// ingest that holds the write lock, nor set up a schema, and they say what is
// wrong with a file that is no budgetdb database.
TEST(ReadingCommands, NeitherWaitForAWriterNorWriteAndRefuseOtherFiles) {
  testing::TempDir dir;
  const auto db_path = dir / "b.db";
  const auto sample = testing::SourceDir() / "corpus/budget-2026-exempelpartiet.txt";
  ASSERT_EQ(RunBudgetdb("ingest --db " + db_path.string() + " " + sample.string(), dir).exit_code, 0);

  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN IMMEDIATE; INSERT INTO bodies(name, kind) VALUES ('Skrivarnämnden', 'nämnd');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  // (A read-write open waited for the lock, then failed: "database is locked".)
  const CommandRun search = RunBudgetdb("search hyresrätter --format csv --db " + db_path.string(), dir);
  const CommandRun exported = RunBudgetdb("export --out " + (dir / "out").string() + " --db " + db_path.string(), dir);
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
  EXPECT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("bygga minst 500 hyresrätter per år under perioden"), std::string::npos) << search.out;
  EXPECT_EQ(exported.exit_code, 0) << exported.err;

  { std::ofstream(dir / "notes.db") << "inte en databas\n"; }
  const CommandRun not_a_database = RunBudgetdb("search x --db " + (dir / "notes.db").string(), dir);
  EXPECT_EQ(not_a_database.exit_code, 3);
  EXPECT_NE(not_a_database.err.find("notes.db: cannot read it as an SQLite database"), std::string::npos)
      << not_a_database.err;
  sqlite3* other = nullptr;
  sqlite3_open((dir / "other.db").c_str(), &other);
  sqlite3_exec(other, "CREATE TABLE t(x); PRAGMA user_version=1;", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  const CommandRun older = RunBudgetdb("search x --db " + (dir / "other.db").string(), dir);
  EXPECT_EQ(older.exit_code, 3);
  EXPECT_NE(older.err.find("schema version 1 is older than this budgetdb's (6): budgetdb ingest upgrades it"),
            std::string::npos)
      << older.err;
  EXPECT_EQ(Rows(dir / "other.db", "SELECT count(*) FROM sqlite_master"), (std::vector<std::string>{"1"}));
}

// Each run is recorded with its failures; --retry-failed reads again only
// what failed in the last finished run.
TEST(IngestCli, EachRunIsRecordedAndItsFailuresCanBeRetried) {
  testing::TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directories(in);
  { std::ofstream(in / "good.txt") << "Verksamhetsplan 2025 för kulturnämnden\n"; }
  { std::ofstream(in / "later.txt"); }  // empty for now
  const std::string db = " --db " + (dir / "b.db").string();
  const CommandRun first = RunBudgetdb("ingest" + db + " " + in.string(), dir);
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_EQ(Rows(dir / "b.db", "SELECT run_id || '|' || kind || '|' || reason || '|' || (sha256 IS NOT NULL) "
                               "FROM ingest_failures"),
            (std::vector<std::string>{"1|empty|empty file (0 bytes)|1"}));

  { std::ofstream(in / "later.txt") << "Verksamhetsplan 2026 för kulturnämnden\n"; }
  const CommandRun retry = RunBudgetdb("ingest --retry-failed" + db, dir);
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_NE(retry.out.find("ingested   " + (in / "later.txt").string()), std::string::npos) << retry.out;
  EXPECT_EQ(retry.out.find("good.txt"), std::string::npos) << retry.out;  // not read again
  EXPECT_NE(retry.out.find("1 document: 1 ingested, 0 unchanged, 0 updated, 0 failed"), std::string::npos);
  EXPECT_EQ(Rows(dir / "b.db", "SELECT id || '|' || (finished_at IS NOT NULL) || '|' || documents || '|' || failed || "
                               "'|' || json_extract(options, '$.retry_failed') FROM ingest_runs ORDER BY id"),
            (std::vector<std::string>{"1|1|2|1|0", "2|1|1|0|1"}));
  const CommandRun nothing = RunBudgetdb("ingest --retry-failed" + db, dir);
  EXPECT_EQ(nothing.exit_code, 0);
  EXPECT_NE(nothing.err.find("nothing to retry"), std::string::npos) << nothing.err;
  EXPECT_EQ(RunBudgetdb("ingest" + db, dir).exit_code, 2);  // neither paths nor --retry-failed
}

// Findings of the fuzzers (tests/fuzz/), each kept as the input that found it.
// A table that took no row stopped the table walk: the batch hung for good on
// this mutated copy of the sample budget. (`timeout` turns a hang into a failure.)
TEST(FuzzFindings, ATableThatTakesNoRowDoesNotStopTheWalk) {
  testing::TempDir dir;
  const auto input = testing::SourceDir() / "tests/fixtures/fuzz/text-document-table-walk-hang.txt";
  const int status = std::system(fmt::format("timeout 60 {} ingest --db {} {} > {} 2>&1", BUDGETDB_BINARY,
                                             (dir / "b.db").string(), input.string(), (dir / "out.txt").string())
                                     .c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << testing::ReadAll(dir / "out.txt");
  EXPECT_EQ(Rows(dir / "b.db", "SELECT count(*) FROM activities"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(Rows(dir / "b.db", "SELECT name FROM indicators ORDER BY line"),
            (std::vector<std::string>{"Andel barn och unga som deltar i kulturskolans verksamhet",
                                      "Antal besök på stadens bibliotek"}));
}

// With a second core, a document alone is written while its items are
// extracted, and a PDF alone has its reader started while the grammars
// compile (cli/ingest.cpp); on one core, all in turn. The rows are the same,
// and the same file again is unchanged (its reader, started early, stopped).
TEST(IngestCli, ADocumentAloneGivesTheSameRowsOnOneCoreAsOnTwo) {
  testing::TempDir dir;
  // The unknown body's page: the PDF sets the text on two pages, not three.
  for (const auto& [file, page] : {std::pair{"budget-2026-exempelpartiet.txt", 3},
                                   std::pair{"budget-2026-exempelpartiet.pdf", 2}}) {
    SCOPED_TRACE(file);
    const auto sample = testing::SourceDir() / "corpus" / file;
    auto rows_with_jobs = [&](int jobs) {
      const auto db = dir / fmt::format("{}-jobs-{}.db", file, jobs);
      const std::string ingest = fmt::format("ingest --jobs {} --db {} {}", jobs, db.string(), sample.string());
      const CommandRun run = RunBudgetdb(ingest, dir);
      EXPECT_EQ(run.exit_code, 0) << run.err;
      EXPECT_NE(run.err.find("body 'Exempelstads Bostads AB' is not in bodies.registry"), std::string::npos)
          << run.err;
      const CommandRun again = RunBudgetdb(ingest, dir);
      EXPECT_EQ(again.exit_code, 0) << again.err;
      EXPECT_NE(again.out.find("unchanged  " + sample.string()), std::string::npos) << again.out;
      std::vector<std::string> rows;
      for (const char* sql : {
               "SELECT 'page|' || page || '|' || text FROM pages ORDER BY id",
               "SELECT 'directive|' || coalesce(body_id, '') || '|' || text || '|' || page || '|' || line "
               "FROM directives ORDER BY id",
               "SELECT 'activity|' || coalesce(body_id, '') || '|' || text || '|' || coalesce(end_date, '') || '|' "
               "|| line FROM activities ORDER BY id",
               "SELECT 'indicator|' || coalesce(body_id, '') || '|' || name || '|' || mandatory || '|' || line "
               "FROM indicators ORDER BY id",
               "SELECT 'target|' || indicator_id || '|' || year || '|' || raw FROM indicator_targets ORDER BY rowid",
               "SELECT 'problem|' || coalesce(page, '') || '|' || message FROM problems ORDER BY rowid",
               "SELECT 'box|' || count(*) FROM line_boxes",
               "SELECT 'found|' || count(*) FROM pages_fts WHERE pages_fts MATCH 'socialnämnden'"})
        for (std::string& row : Rows(db, sql)) rows.push_back(std::move(row));
      return rows;
    };
    const std::vector<std::string> one_core = rows_with_jobs(1);
    EXPECT_EQ(rows_with_jobs(2), one_core);
    EXPECT_GT(one_core.size(), 20u);
    EXPECT_NE(std::find(one_core.begin(), one_core.end(),
                        fmt::format("problem|{}|body 'Exempelstads Bostads AB' is not in bodies.registry (stored "
                                    "with kind 'bolag')",
                                    page)),
              one_core.end());
  }
}

TEST(IngestCli, UnknownBodyIsStoredAsFoundAndReportedOncePerDocument) {
  testing::TempDir dir;
  const auto sample = testing::SourceDir() / "corpus/budget-2026-exempelpartiet.txt";
  const CommandRun run = RunBudgetdb("ingest --db " + (dir / "b.db").string() + " " + sample.string(), dir);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, sample.string() +
                         ": warning: page 3, line 60: body 'Exempelstads Bostads AB' is not in bodies.registry "
                         "(stored with kind 'bolag')\n");
  EXPECT_NE(run.out.find("(3 pages, 7 directives,"), std::string::npos) << run.out;
  EXPECT_EQ(Rows(dir / "b.db", "SELECT b.name || '|' || b.kind || '|' || count(*) FROM directives d "
                               "JOIN bodies b ON b.id = d.body_id GROUP BY b.name ORDER BY b.name"),
            (std::vector<std::string>{"Exempelstads Bostads AB|bolag|2",
                                      "Samtliga nämnder och bolagsstyrelser|samtliga|3", "Socialnämnden|nämnd|2"}));
}

TEST(IngestCli, UsageErrorsExitTwoAndHelpDocumentsEveryOption) {
  testing::TempDir dir;
  EXPECT_EQ(RunBudgetdb("ingest", dir).exit_code, 2);
  EXPECT_EQ(RunBudgetdb("ingest --jobs many x.txt", dir).exit_code, 2);
  EXPECT_EQ(RunBudgetdb("frobnicate", dir).exit_code, 2);
  const CommandRun help = RunBudgetdb("ingest --help", dir);
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--db", "--jobs", "--grammars", "--dictionary", "--max-file-mb", "paths"})
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  // Each command's help ends with its own exit statuses.
  EXPECT_NE(help.out.find("Exit status: 0 all documents went in"), std::string::npos) << help.out;
  const CommandRun search_help = RunBudgetdb("search --help", dir);
  EXPECT_NE(search_help.out.find("Exit status: 0 done, 2 a wrong argument"), std::string::npos) << search_help.out;
  EXPECT_EQ(search_help.out.find("all documents went in"), std::string::npos) << search_help.out;
}

TEST(IngestCli, BrokenGrammarIsASetupErrorNamingFileLineAndPattern) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "g");
  for (const char* name : {"hyphenation.grammar", "document-info.grammar"})
    std::filesystem::copy_file(testing::GrammarPath(name), dir / "g" / name);
  { std::ofstream(dir / "g/page-furniture.grammar") << "# broken\npage_marker = ^L (\npage_number = ^\\d$\n"; }
  const CommandRun run = RunBudgetdb("ingest --grammars " + (dir / "g").string() + " --db " + (dir / "b.db").string() +
                                  " " + testing::SharedCorpus().string(),
                              dir);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "budgetdb: " + (dir / "g/page-furniture.grammar").string() +
                         ":2: pattern page_marker: missing ): ^L (\n");
}

// kill -9 in the middle of a batch: every document is either fully in or absent.
TEST(IngestCli, KillNineMidBatchLeavesOnlyWholeDocuments) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const auto in = dir / "in";
  std::filesystem::create_directories(in);
  const std::string budget = testing::ReadAll(testing::SharedCorpus() / "budget-2024-liberalerna.txt");
  constexpr int kCopies = 40;
  for (int i = 0; i < kCopies; ++i) {  // distinct bytes, so none is "unchanged"
    std::ofstream(in / ("budget-" + std::to_string(100 + i) + ".txt")) << budget << "\nKopia " << i << "\n";
  }
  const auto db = dir / "b.db";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    freopen("/dev/null", "w", stdout);
    execl(BUDGETDB_BINARY, BUDGETDB_BINARY, "ingest", "--jobs", "2", "--db", db.c_str(), in.c_str(), nullptr);
    _exit(127);
  }
  // Kill it once some documents are committed and before all are.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int committed = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(db)) {
      auto rows = Rows(db, "SELECT count(*) FROM documents");
      if (!rows.empty() && rows[0].find("error") == std::string::npos) committed = std::stoi(rows[0]);
      if (committed >= 3) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "budgetdb finished before it could be killed";
  ASSERT_GE(committed, 3);

  EXPECT_EQ(Rows(db, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  const auto stored = Rows(db, "SELECT count(*) FROM documents");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_LT(std::stoi(stored[0]), kCopies);
  // Whole documents only: each has its fourteen pages (its printed markers end
  // them), its fifteen page-marker lines and all of its activities and indicators.
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM documents d WHERE page_count != 14 "
                     "OR (SELECT count(*) FROM pages p WHERE p.document_id = d.id) != 14 "
                     "OR (SELECT count(*) FROM page_furniture f WHERE f.document_id = d.id) != 15 "
                     "OR (SELECT count(*) FROM activities a WHERE a.document_id = d.id) != 636 "
                     "OR (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) != 342"),
            (std::vector<std::string>{"0"}));

  // The next run finishes the batch: what went in is unchanged, the rest goes in.
  const CommandRun rerun = RunBudgetdb("ingest --db " + db.string() + " " + in.string(), dir);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find(fmt::format("{} documents: {} ingested, {} unchanged", kCopies,
                                       kCopies - std::stoi(stored[0]), std::stoi(stored[0]))),
            std::string::npos)
      << rerun.out;
}

}  // namespace
}  // namespace budgetdb
