// The ready views as files, Datasette's metadata with canned queries that run,
// and an item shown with its source lines.
#include "query/export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "common/csv.h"
#include "query/show.h"
#include "test_support.h"

namespace budgetdb {
namespace {

std::string CountOf(sqlite3* db, const std::string& sql) {
  std::string count;
  EXPECT_TRUE(ForEachRow(db, sql, {}, [&](const SqlRow& row) { count = row.Text(0); }).ok()) << sql;
  return count;
}

TEST(Csv, Rfc4180Quoting) {
  EXPECT_EQ(CsvRecord({"a", "b, c", "\"d\"", "e\nf", ""}), "a,\"b, c\",\"\"\"d\"\"\",\"e\nf\",\r\n");
}

TEST(Export, EveryViewAsCsvAndAsJson) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();
  testing::TempDir dir;

  auto csv = ExportViews(handle, "csv", dir / "csv");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  ASSERT_EQ(csv->size(), kExportedViews.size());
  for (const ExportedFile& file : *csv) {
    const std::string view = file.path.stem().string();
    EXPECT_EQ(std::to_string(file.rows), CountOf(handle, "SELECT count(*) FROM " + view)) << view;
  }
  const std::string activities = testing::ReadAll(dir / "csv" / "activities_view.csv");
  // A byte-order mark first, for Excel; then the header.
  EXPECT_TRUE(activities.starts_with(
      "\xEF\xBB\xBF"
      "activity_id,document_id,document,document_year,body,scope,text,start_date,end_date,start_raw,end_raw,lead,"
      "partners,consulted,goal_number,goal,document_path,page,line,first_printing_id\r\n"));
  // A row with commas in its text, quoted; the roles joined; NULL page empty.
  EXPECT_NE(activities.find(",Kommunstyrelsen,kf,\"Kommunstyrelsen ska i samarbete med exploateringsnämnden, miljö- "
                            "och hälsoskyddsnämnden, stadsbyggnadsnämnden, trafiknämnden, stadsdelsnämnderna och "
                            "Stockholm Vatten och Avfall AB beskriva och konkretisera samhällsviktig verksamhet vid "
                            "skyfall\",2024-01-01,2024-12-31,2024-01-01,2024-12-31,Kommunstyrelsen,"),
            std::string::npos);

  auto json = ExportViews(handle, "json", dir / "json");
  ASSERT_TRUE(json.ok());
  const auto targets = nlohmann::json::parse(testing::ReadAll(dir / "json" / "indicator_targets_view.json"));
  ASSERT_TRUE(targets.is_array());
  EXPECT_EQ(std::to_string(targets.size()), CountOf(handle, "SELECT count(*) FROM indicator_targets_view"));
  bool found = false;
  for (const auto& row : targets) {
    if (row["line"] == 1196 && row["setter"] == "nämnd") {
      found = true;
      EXPECT_EQ(row["indicator"], "Elanvändning per kvadratmeter");
      EXPECT_EQ(row["target"], "33 kwh/kv m");
      EXPECT_EQ(row["value"], 33.0);
      EXPECT_EQ(row["unit"], "kWh/kvm");
      EXPECT_EQ(row["goal_number"], "1.3");
      EXPECT_EQ(row["page"], 2);  // after the seed's printed marker "L Inl:2"
    }
  }
  EXPECT_TRUE(found);

  EXPECT_EQ(ExportViews(handle, "xml", dir / "x").status().code(), Status::Code::kInvalid);
  EXPECT_EQ(ExportViews(handle, "csv", dir / "x", {"pages"}).status().message(),
            "unknown view 'pages': activities_view, activities_once_view, activity_bodies_view, "
            "indicator_targets_view, directives_view");
}

TEST(Export, ExcelSplitsAtSemicolonsWithADecimalCommaAndJsonLinesIsARowALine) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();
  testing::TempDir dir;
  auto excel = ExportViews(handle, "excel", dir.path(), {"indicator_targets_view"});
  ASSERT_TRUE(excel.ok()) << excel.status().message();
  ASSERT_EQ(excel->size(), 1u);
  EXPECT_EQ(excel->front().path, dir / "indicator_targets_view-excel.csv");
  const std::string text = testing::ReadAll(excel->front().path);
  EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF" "indicator_id;document_id;document;document_year;body;scope;indicator;"))
      << text.substr(0, 200);
  // "1,5 %" as printed, its value 1.5 with a decimal comma; a text with a ';' is quoted.
  EXPECT_NE(text.find(";Andel personer som har ekonomiskt bistånd i förhållande till befolkningen;;0;3.2;"),
            std::string::npos);
  EXPECT_NE(text.find(";1,5 %;1,5;%;"), std::string::npos);
  EXPECT_EQ(CsvRecord({"a;b", "1,5"}, ';'), "\"a;b\";1,5\r\n");

  auto lines = ExportViews(handle, "jsonl", dir.path(), {"directives_view"});
  ASSERT_TRUE(lines.ok());
  std::istringstream file(testing::ReadAll(dir / "directives_view.jsonl"));
  size_t rows = 0;
  for (std::string line; std::getline(file, line); ++rows) {
    const auto row = nlohmann::json::parse(line);
    ASSERT_TRUE(row.is_object());
    EXPECT_TRUE(row.contains("directive_id") && row.contains("text"));
  }
  EXPECT_EQ(std::to_string(rows), CountOf(handle, "SELECT count(*) FROM directives_view"));
  EXPECT_EQ(rows, lines->front().rows);
}

// Datasette's metadata, written next to the database at ingest: its tables are
// the database's, and every canned query runs.
TEST(Export, MetadataNextToTheDatabaseWithQueriesThatRun) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto metadata =
      nlohmann::json::parse(testing::ReadAll(testing::CorpusDatabase().parent_path() / "metadata.json"));
  const auto& database = metadata["databases"]["budget"];
  ASSERT_TRUE(database.is_object());
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  for (const auto& [table, description] : database["tables"].items()) {
    EXPECT_EQ(CountOf(db.value()->handle(), "SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'"), "1")
        << table;
    EXPECT_FALSE(description["description"].get<std::string>().empty()) << table;
  }
  ASSERT_EQ(database["queries"].size(), 3u);
  const std::map<std::string, SqlValue> parameters = {
      {":body", std::string("Socialnämnden")}, {":year", std::string("2024")}, {":words", std::string("nöjda")}};
  for (const auto& [name, query] : database["queries"].items()) {
    std::string sql = query["sql"];
    std::vector<SqlValue> binds;
    // Datasette binds :named parameters; here each becomes ?N in order of first use.
    for (const auto& [parameter, value] : parameters) {
      size_t at;
      bool used = false;
      while ((at = sql.find(parameter)) != std::string::npos) {
        sql.replace(at, parameter.size(), "?" + std::to_string(binds.size() + 1));
        used = true;
      }
      if (used) binds.push_back(value);
    }
    size_t rows = 0;
    const Status s = ForEachRow(db.value()->handle(), sql, binds, [&](const SqlRow&) { ++rows; });
    EXPECT_TRUE(s.ok()) << name << ": " << s.message();
    EXPECT_GT(rows, 0u) << name;
  }
}

TEST(Show, AnItemWithTheSourceLinesAroundIt) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  std::string id;
  ASSERT_TRUE(ForEachRow(db.value()->handle(), "SELECT id FROM activities WHERE line = 4263", {},
                         [&](const SqlRow& row) { id = row.Text(0); })
                  .ok());
  auto item = ShowItem(db.value()->handle(), "activity:" + id, 1);
  ASSERT_TRUE(item.ok()) << item.status().message();
  EXPECT_EQ(item->line, 4263);
  EXPECT_TRUE(item->document.path.ends_with("budget-2024-liberalerna.txt"));
  ASSERT_EQ(item->source.size(), 3u);
  EXPECT_EQ(item->source[1].line, 4263);
  EXPECT_TRUE(item->source[1].of_item);
  EXPECT_TRUE(item->source[1].text.ends_with("\t202-01-01\t202-12-31")) << item->source[1].text;
  EXPECT_EQ(item->source[0].line, 4262);
  bool raw_kept = false;
  for (const auto& [name, value] : item->fields) raw_kept |= name == "start_raw" && value == "202-01-01";
  EXPECT_TRUE(raw_kept);

  auto capitalised = ShowItem(db.value()->handle(), "Activity:" + id, 1);  // kinds are words, not case
  ASSERT_TRUE(capitalised.ok()) << capitalised.status().message();
  EXPECT_EQ(capitalised->line, 4263);
  EXPECT_EQ(ShowItem(db.value()->handle(), "activity:999999").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(ShowItem(db.value()->handle(), "pages:1").status().code(), Status::Code::kInvalid);
}

TEST(Show, APageOfATextIsEveryLineOfIt) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  // The 2013 plan's second page: from the line after the printed "6" (490) to
  // the printed "24" (2240), which ends it.
  std::string id;
  ASSERT_TRUE(ForEachRow(db.value()->handle(),
                         "SELECT p.id FROM pages p JOIN documents d ON d.id = p.document_id "
                         "WHERE d.path LIKE '%ks-verksamhetsplan-2013.txt' AND p.page = 2",
                         {}, [&](const SqlRow& row) { id = row.Text(0); })
                  .ok());
  auto page = ShowItem(db.value()->handle(), "page:" + id);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->kind, "page");
  EXPECT_EQ(page->page, 2);
  EXPECT_EQ(page->line, 491);
  ASSERT_EQ(page->source.size(), 2240u - 491u + 1u);
  EXPECT_EQ(page->source.front().line, 491);
  EXPECT_EQ(page->source.back().line, 2240);
  EXPECT_EQ(page->source.back().text, "");  // the printed "24", set aside
  EXPECT_EQ(page->source[1].text,
            "efterfrågas av alla. Ytterstadens potential som utvecklingsområden för ny stadsutveckling ska");
}

}  // namespace
}  // namespace budgetdb
