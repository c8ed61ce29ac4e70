// End to end, the archive that outlives its files: the originals kept in the
// database (SQLite Archive), reextract with other grammars, verify. On the
// team's own corpus (corpus/), copied to a folder the tests delete it from.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "test_support.h"

namespace budgetdb {
namespace {

using testing::CommandRun;
using testing::RunBudgetdb;

std::string One(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string value = "error";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    value = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)
                ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                : "NULL";
  } else {
    value = std::string("error: ") + sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

void Exec(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

// The team's corpus copied into dir/files and ingested into dir/budget.db
// (with `extra` options); the names of the files.
std::vector<std::string> IngestCorpusCopy(const testing::TempDir& dir, const std::string& extra = "") {
  std::filesystem::create_directories(dir / "files");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testing::SourceDir() / "corpus")) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".pdf") continue;
    std::filesystem::copy_file(entry.path(), dir / "files" / entry.path().filename());
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  const CommandRun run =
      RunBudgetdb(fmt::format("ingest {} --db {} {}", extra, (dir / "budget.db").string(), (dir / "files").string()), dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return names;
}

TEST(ArchiveCli, SqliteArchiveGivesTheFilesBackByteForByteWithoutBudgetdb) {
  ASSERT_EQ(std::system("command -v sqlite3 > /dev/null"), 0) << "the sqlite3 shell is missing: scripts/install-deps";
  testing::TempDir dir;
  const std::vector<std::string> names = IngestCorpusCopy(dir);
  ASSERT_EQ(names.size(), 4u);
  std::map<std::string, std::string> bytes;
  for (const std::string& name : names) bytes[name] = testing::ReadAll(dir / "files" / name);
  std::filesystem::remove_all(dir / "files");
  EXPECT_EQ(One(dir / "budget.db", "SELECT count(*) FROM sqlar"), "4");
  EXPECT_EQ(One(dir / "budget.db", "SELECT count(*) FROM documents WHERE original IS NULL"), "0");

  std::filesystem::create_directories(dir / "restored");
  const std::string restore =
      fmt::format("cd '{}' && sqlite3 '{}' -Ax", (dir / "restored").string(), (dir / "budget.db").string());
  ASSERT_EQ(std::system(restore.c_str()), 0) << restore;
  std::map<std::string, std::string> restored;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "restored")) {
    if (!entry.is_regular_file()) continue;
    // Under originals/SHA256/, the name the file had.
    const std::string sha256 = entry.path().parent_path().filename().string();
    EXPECT_EQ(entry.path().parent_path().parent_path().filename(), "originals");
    EXPECT_EQ(sha256.size(), 64u);
    restored[entry.path().filename().string()] = testing::ReadAll(entry.path());
  }
  EXPECT_EQ(restored, bytes);
}

TEST(ArchiveCli, TheSameBytesUnderAnotherNameAreKeptOnce) {
  testing::TempDir dir;
  IngestCorpusCopy(dir);
  std::filesystem::copy_file(testing::SourceDir() / "corpus/budget-2026-exempelpartiet.txt", dir / "copy.txt");
  const CommandRun run = RunBudgetdb(fmt::format("ingest --db {} {}", (dir / "budget.db").string(),
                                                 (dir / "copy.txt").string()), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(One(dir / "budget.db", "SELECT count(*) FROM sqlar"), "4");
  EXPECT_EQ(One(dir / "budget.db", "SELECT count(DISTINCT original) FROM documents"), "4");
  EXPECT_EQ(One(dir / "budget.db", "SELECT count(*) FROM documents"), "5");
}

TEST(ArchiveCli, AGrammarEditShowsItsEffectWithDryRunThenApplies) {
  testing::TempDir dir;
  IngestCorpusCopy(dir);
  std::filesystem::remove_all(dir / "files");
  const auto db = dir / "budget.db";
  const std::string shipped_set = One(db, "SELECT DISTINCT grammar_set FROM documents");
  const std::string ids_before =
      One(db, "SELECT group_concat(id || ':' || path, ' ') FROM (SELECT id, path FROM documents ORDER BY id)");
  EXPECT_TRUE(std::regex_match(shipped_set, std::regex(R"(budgetdb \d+\.\d+\.\d+; grammars [0-9a-f]{16})")))
      << shipped_set;

  // A copy of the grammars whose general introduction is spelled the old way
  // ("skall"): the sample budget's list under "Nämnder och bolagsstyrelser ska"
  // is no list of directives any more.
  std::filesystem::copy(testing::SourceDir() / "grammars", dir / "grammars");
  const auto directives_grammar = dir / "grammars/directives.grammar";
  std::string grammar = testing::ReadAll(directives_grammar);
  grammar = std::regex_replace(grammar, std::regex("general_introduction = [^\n]*"),
                               "general_introduction = ^(?i:nämnder och bolagsstyrelser skall):?$");
  std::ofstream(directives_grammar) << grammar;

  const std::string dry = fmt::format("reextract --dry-run --db {} --grammars {}", db.string(),
                                      (dir / "grammars").string());
  const CommandRun shown = RunBudgetdb(dry, dir);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const std::string removed =
      "Removed (3)\n"
      "- directive, Samtliga nämnder och bolagsstyrelser: under 2026 minska sina lokalkostnader genom att "
      "samlokalisera verksamheter där det är möjligt\n";
  EXPECT_NE(shown.out.find("budget-2026-exempelpartiet.txt\n0 added, 3 removed, 0 changed\n\n" + removed + "    page 2, line 16\n"),
            std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("budget-2026-exempelpartiet.pdf\n0 added, 3 removed, 0 changed\n\n" + removed +
                           "    page 1, line 17\n"),
            std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("verksamhetsplan-2025-kulturnamnden.txt\n0 added, 0 removed, 0 changed\n"), std::string::npos);
  EXPECT_NE(shown.out.find("4 documents read again with budgetdb"), std::string::npos);
  EXPECT_NE(shown.out.find(": 0 added, 6 removed, 0 changed, 0 failed; nothing stored (--dry-run)"), std::string::npos);
  // Nothing stored.
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives"), "14");
  EXPECT_EQ(One(db, "SELECT count(*) FROM documents"), "4");
  EXPECT_EQ(One(db, "SELECT DISTINCT grammar_set FROM documents"), shipped_set);

  const CommandRun applied = RunBudgetdb(dry.substr(std::string("reextract --dry-run").size()).insert(0, "reextract"), dir);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(applied.out.find("reextracted  " + (dir / "files/budget-2026-exempelpartiet.txt").string() +
                             "  (4 directives, 4 activities, 3 indicators, 2 goals)"),
            std::string::npos)
      << applied.out;
  EXPECT_NE(applied.out.find("4 documents: 4 reextracted with budgetdb"), std::string::npos) << applied.out;
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives"), "8");
  EXPECT_EQ(One(db, "SELECT count(DISTINCT grammar_set) FROM documents"), "1");
  EXPECT_NE(One(db, "SELECT DISTINCT grammar_set FROM documents"), shipped_set);
  // Each document keeps its id, path and original.
  EXPECT_EQ(One(db, "SELECT group_concat(id || ':' || path, ' ') FROM (SELECT id, path FROM documents ORDER BY id)"),
            ids_before);
  EXPECT_EQ(One(db, "SELECT count(*) FROM documents WHERE original IS NULL"), "0");
  EXPECT_EQ(One(db, "SELECT count(*) FROM document_history"), "0");
  // Search finds what the rows now hold, and nothing removed.
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives_fts WHERE directives_fts MATCH 'lokalkostnader'"), "0");

  // The shipped grammars again: back to what ingest made.
  const CommandRun back = RunBudgetdb("reextract --db " + db.string(), dir);
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives"), "14");
  EXPECT_EQ(One(db, "SELECT DISTINCT grammar_set FROM documents"), shipped_set);
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives_fts WHERE directives_fts MATCH 'lokalkostnader'"), "2");
}

TEST(ArchiveCli, VerifyPassesThenNamesTheDocumentWhoseOriginalIsDamaged) {
  testing::TempDir dir;
  IngestCorpusCopy(dir);
  const auto db = dir / "budget.db";
  const CommandRun sound = RunBudgetdb("verify --db " + db.string(), dir);
  EXPECT_EQ(sound.exit_code, 0) << sound.out << sound.err;
  EXPECT_EQ(sound.out, db.string() + ": 4 documents, 4 originals re-hashed, 54 rows' places checked, integrity_check, "
                                     "4 search indexes: ok\n");

  // One byte of the kept PDF changed, its length the same.
  Exec(db, "UPDATE sqlar SET data = CAST(substr(data, 1, 100) || x'00' || substr(data, 102) AS BLOB) "
           "WHERE name LIKE '%.pdf'");
  // A row pointing past the end of its page.
  Exec(db, "UPDATE directives SET line = 9999 WHERE id = (SELECT min(id) FROM directives WHERE document_id = "
           "(SELECT id FROM documents WHERE path LIKE '%exempelpartiet.txt'))");
  const std::string pdf_id = One(db, "SELECT id FROM documents WHERE path LIKE '%.pdf'");
  const CommandRun damaged = RunBudgetdb("verify --db " + db.string(), dir);
  EXPECT_EQ(damaged.exit_code, 1);
  const std::string pdf = (dir / "files/budget-2026-exempelpartiet.pdf").string();
  EXPECT_NE(damaged.out.find("document " + pdf_id + " (" + pdf + "): its original originals/"), std::string::npos)
      << damaged.out;
  EXPECT_NE(damaged.out.find("/budget-2026-exempelpartiet.pdf is damaged: "), std::string::npos) << damaged.out;
  EXPECT_TRUE(std::regex_search(damaged.out, std::regex(R"(document \d \([^)]*budget-2026-exempelpartiet\.txt\): directive:\d+ points at page 2, line 9999, which that page does not have)")))
      << damaged.out;
  EXPECT_NE(damaged.out.find(": 2 problems\n"), std::string::npos) << damaged.out;

  // reextract refuses the damaged original and leaves that document's rows alone.
  const CommandRun again = RunBudgetdb("reextract --db " + db.string(), dir);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find(pdf + ": damaged: its original is damaged"), std::string::npos) << again.err;
  EXPECT_EQ(One(db, "SELECT count(*) FROM directives WHERE document_id = " + pdf_id), "7");
}

TEST(ArchiveCli, WithoutOriginalsReextractReadsTheStoredPages) {
  testing::TempDir dir;
  IngestCorpusCopy(dir, "--no-originals");
  std::filesystem::remove_all(dir / "files");
  const auto db = dir / "budget.db";
  EXPECT_EQ(One(db, "SELECT count(*) FROM sqlar"), "0");
  EXPECT_EQ(One(db, "SELECT count(*) FROM documents WHERE original IS NULL"), "4");
  // The text documents' items come back the same from their stored pages.
  const CommandRun shown = RunBudgetdb("reextract --dry-run --db " + db.string() +
                                           " --document budget-2026-exempelpartiet.txt"
                                           " --document verksamhetsplan-2025-kulturnamnden.txt",
                                       dir);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find(": 0 added, 0 removed, 0 changed, 0 failed; nothing stored"), std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("2 documents read again"), std::string::npos) << shown.out;
  // A PDF's are read so too, saying what is lost.
  const CommandRun pdf = RunBudgetdb("reextract --dry-run --db " + db.string() + " --document budget-2026-exempelpartiet.pdf", dir);
  EXPECT_EQ(pdf.exit_code, 0) << pdf.err;
  EXPECT_NE(pdf.err.find("no original kept (--no-originals): read from the stored pages"), std::string::npos) << pdf.err;
  const CommandRun verified = RunBudgetdb("verify --db " + db.string(), dir);
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("4 documents, 0 originals re-hashed"), std::string::npos) << verified.out;
  const CommandRun unknown = RunBudgetdb("reextract --db " + db.string() + " --document no-such.txt", dir);
  EXPECT_EQ(unknown.exit_code, 4) << unknown.err;
}

// A PDF reextracted from its stored pages keeps where its lines stand on
// them (line_boxes): the stored pages keep their lines' numbers.
TEST(ArchiveCli, ReextractFromStoredPagesKeepsThePdfsLineBoxes) {
  testing::TempDir dir;
  IngestCorpusCopy(dir, "--no-originals");
  const auto db = dir / "budget.db";
  const std::string boxes =
      "SELECT count(*) || ' ' || round(sum(x0 + y0 + x1 + y1), 3) FROM line_boxes b JOIN documents d ON d.id = "
      "b.document_id WHERE d.format = 'pdf' AND d.superseded_at IS NULL";
  const std::string before = One(db, boxes);
  EXPECT_EQ(before.substr(0, 3), "43 ") << before;  // the sample PDF's 43 lines with words, 2 pages
  const CommandRun again =
      RunBudgetdb("reextract --db " + db.string() + " --document budget-2026-exempelpartiet.pdf", dir);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(One(db, boxes), before);
}

TEST(ArchiveCli, VerifyAndReextractRefuseWhatIsNoBudgetdbDatabase) {
  testing::TempDir dir;
  const auto other = dir / "other.db";
  Exec(other, "CREATE TABLE t (x)");
  const CommandRun verified = RunBudgetdb("verify --db " + other.string(), dir);
  EXPECT_EQ(verified.exit_code, 3);
  EXPECT_EQ(verified.err, "budgetdb: " + other.string() + ": not a budgetdb database (no schema version)\n");
  const CommandRun missing = RunBudgetdb("verify --db " + (dir / "none.db").string(), dir);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));  // nothing created
  const CommandRun reextracted = RunBudgetdb("reextract --db " + (dir / "none.db").string(), dir);
  EXPECT_EQ(reextracted.exit_code, 3);
  EXPECT_NE(reextracted.err.find("no database here"), std::string::npos) << reextracted.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(ArchiveCli, AnUnchangedFileStoredWithoutItsOriginalGetsItKept) {
  testing::TempDir dir;
  IngestCorpusCopy(dir, "--no-originals");
  const auto db = dir / "budget.db";
  const CommandRun again =
      RunBudgetdb(fmt::format("ingest --db {} {}", db.string(), (dir / "files").string()), dir);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("unchanged  " + (dir / "files/verksamhetsplan-2025-kulturnamnden.txt").string() +
                           "  (its original now kept)\n"),
            std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("4 documents: 0 ingested, 4 unchanged, 0 updated, 0 failed"), std::string::npos);
  EXPECT_EQ(One(db, "SELECT count(*) FROM sqlar"), "4");
  EXPECT_EQ(One(db, "SELECT count(*) FROM documents WHERE original IS NULL"), "0");
  const CommandRun verified = RunBudgetdb("verify --db " + db.string(), dir);
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("4 documents, 4 originals re-hashed"), std::string::npos) << verified.out;
}

// An archive of yearly proposals: one path, two versions, both kept; the
// latest is what the views, search and list show; PATH@N names a version.
TEST(ArchiveCli, TwoVersionsOfOnePathAreKeptAndDiffedByPathAtVersion) {
  testing::TempDir dir;
  const auto plan = dir / "plan.txt";
  const auto db = dir / "budget.db";
  std::filesystem::copy_file(testing::SourceDir() / "corpus/verksamhetsplan-2025-kulturnamnden.txt", plan);
  ASSERT_EQ(RunBudgetdb(fmt::format("ingest --db {} {}", db.string(), plan.string()), dir).exit_code, 0);
  std::filesystem::copy_file(testing::SourceDir() / "corpus/verksamhetsplan-2026-kulturnamnden.txt", plan,
                             std::filesystem::copy_options::overwrite_existing);
  const CommandRun updated = RunBudgetdb(fmt::format("ingest --db {} {}", db.string(), plan.string()), dir);
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_NE(updated.out.find("1 document: 0 ingested, 0 unchanged, 1 updated, 0 failed"), std::string::npos);
  EXPECT_EQ(One(db, "SELECT group_concat(version || ':' || year || ':' || (superseded_at IS NULL), ' ') FROM "
                    "(SELECT * FROM documents ORDER BY version)"),
            "1:2025:0 2:2026:1");
  EXPECT_EQ(One(db, "SELECT count(*) FROM activities"), "8");  // both versions' rows
  EXPECT_EQ(One(db, "SELECT count(*) FROM activities_view"), "4");  // the latest's

  const CommandRun diff = RunBudgetdb(fmt::format("diff --db {} plan.txt@1 plan.txt@2", db.string()), dir);
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_TRUE(diff.out.starts_with(
      "From:  Verksamhetsplan 2025 för kulturnämnden (2025), plan.txt, version 1 (superseded)\n"
      "To:    Verksamhetsplan 2026 för kulturnämnden (2026), plan.txt, version 2\n"
      "1 added, 1 removed, 5 changed\n\n"
      "Added (1)\n+ activity: Inför digitala lånekort för alla skolelever.\n    page 1, line 37\n\n"
      "Removed (1)\n- activity: Pröva meröppna bibliotek med självbetjäning under kvällar och helger.\n"
      "    page 1, line 38\n"))
      << diff.out;
  EXPECT_NE(diff.out.find("~ indicator: Antal besök på stadens bibliotek\n    page 1, line 40\n"
                          "    target nämnd: 1 600 000 st (2025) -> 1 700 000 st (2026)\n"),
            std::string::npos);

  const CommandRun latest = RunBudgetdb(fmt::format("search --db {} bibliotek --kind activity", db.string()), dir);
  EXPECT_TRUE(latest.out.starts_with("1 hit\nactivity:6  Verksamhetsplan 2026 för kulturnämnden (2026), plan.txt, "
                                     "version 2  page 1, line 36\n"))
      << latest.out;
  const CommandRun all =
      RunBudgetdb(fmt::format("search --db {} bibliotek --kind activity --all-versions", db.string()), dir);
  EXPECT_TRUE(all.out.starts_with("3 hits\nactivity:2  Verksamhetsplan 2025 för kulturnämnden (2025), plan.txt, "
                                  "version 1 (superseded)  page 1, line 37\n    Utöka öppettiderna vid tre "
                                  "bibliotek i ytterstaden.\n    [2025-02-01 – 2025-12-31; goal 1.1]\n"))
      << all.out;
  const CommandRun old_list =
      RunBudgetdb(fmt::format("list activities --db {} --document plan.txt@1", db.string()), dir);
  EXPECT_EQ(old_list.exit_code, 2);
  EXPECT_NE(old_list.err.find("'plan.txt@1' is version 1 of " + plan.string() + ", which a newer version superseded"),
            std::string::npos)
      << old_list.err;
  const CommandRun old_listed =
      RunBudgetdb(fmt::format("list activities --db {} --document plan.txt@1 --all-versions", db.string()), dir);
  EXPECT_EQ(old_listed.exit_code, 0) << old_listed.err;
  EXPECT_TRUE(old_listed.out.starts_with("4 activities\n")) << old_listed.out;
  const CommandRun by_version =
      RunBudgetdb(fmt::format("list activities --db {} --all-versions --count-by document", db.string()), dir);
  EXPECT_EQ(by_version.out, "8 activities by document\ndocument\tcount\nVerksamhetsplan 2025 för kulturnämnden\t4\n"
                            "Verksamhetsplan 2026 för kulturnämnden\t4\n");
  const CommandRun no_such = RunBudgetdb(fmt::format("diff --db {} plan.txt@3 plan.txt@2", db.string()), dir);
  EXPECT_EQ(no_such.exit_code, 4);
  EXPECT_EQ(no_such.err, "budgetdb: no version 3 of 'plan.txt' in the database\n");
}

}  // namespace
}  // namespace budgetdb
