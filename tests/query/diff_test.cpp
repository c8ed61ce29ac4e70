// What changed between two documents: the team's plan and next year's version,
// and the budget seed against a copy edited here. Every expected difference is
// named, and nothing else may appear.
#include "query/diff.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "test_support.h"

namespace budgetdb {
namespace {

// kind | body | text | field: old -> new; ... (one string a difference, to compare whole lists)
std::vector<std::string> Described(const std::vector<DiffItem>& items) {
  std::vector<std::string> rows;
  for (const DiffItem& item : items) {
    std::string row = item.kind + " | " + item.body + " | " + item.text;
    for (const FieldChange& change : item.changes)
      row += " | " + change.field + ": " + change.old_value + " -> " + change.new_value;
    rows.push_back(row);
  }
  return rows;
}

TEST(Diff, ThePlanAndNextYearsVersion) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = OpenArchive(testing::CorpusDatabase());
  ASSERT_TRUE(db.ok());
  auto diff = DiffDocuments(db.value()->handle(), "verksamhetsplan-2025-kulturnamnden.txt",
                            "verksamhetsplan-2026-kulturnamnden.txt");
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_EQ(diff->old_document.year, 2025);
  EXPECT_EQ(diff->new_document.year, 2026);
  EXPECT_EQ(Described(diff->added),
            (std::vector<std::string>{"activity |  | Inför digitala lånekort för alla skolelever."}));
  EXPECT_EQ(Described(diff->removed),
            (std::vector<std::string>{
                "activity |  | Pröva meröppna bibliotek med självbetjäning under kvällar och helger."}));
  EXPECT_EQ(Described(diff->changed),
            (std::vector<std::string>{
                // The same activity a year later: its dates moved.
                "activity |  | Kulturnämnden ska i samarbete med utbildningsnämnden erbjuda alla elever i årskurs 4 "
                "ett besök på en teater | start date: 2025-01-01 -> 2026-01-01 | end date: 2025-12-31 -> 2026-12-31",
                "activity |  | Utöka öppettiderna vid tre bibliotek i ytterstaden. | end date: 2025-12-31 -> 2026-06-30",
                // Reworded, with the same dates: changed, not removed and added.
                "activity |  | Se över och förenkla reglerna för stöd till fria kulturgrupper och ensembler. | text: Se "
                "över reglerna för stöd till fria kulturgrupper. -> Se över och förenkla reglerna för stöd till fria "
                "kulturgrupper och ensembler.",
                // Targets of two different years: compared by setter and place, the year beside each value.
                "indicator |  | Andel barn som deltar i kulturskolan (alla stadsdelar) | target nämnd: 24 % (2025) -> "
                "25 % (2026) | target kf: 25 % (2025) -> 26 % (2026)",
                "indicator |  | Antal besök på stadens bibliotek | target nämnd: 1 600 000 st (2025) -> 1 700 000 st "
                "(2026)"}));
  ASSERT_TRUE(diff->changed[1].in_old && diff->changed[1].in_new);
  EXPECT_EQ(diff->changed[1].in_old->page, 1);  // the 2025 plan has page breaks
  EXPECT_EQ(diff->changed[1].in_old->line, 37);
  EXPECT_EQ(diff->changed[1].in_new->page, 1);  // the 2026 plan's printed page numbers make its pages
  EXPECT_EQ(diff->changed[1].in_new->line, 36);
}

// The budget seed and a copy with known edits: an activity removed, an end
// date, a target and a directive's wording changed.
TEST(Diff, TheBudgetSeedAgainstAnEditedCopy) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const std::string original = testing::ReadAll(testing::SharedCorpus() / "budget-2024-liberalerna.txt");
  std::vector<std::string> lines;
  for (size_t start = 0; start < original.size();) {
    const size_t end = original.find('\n', start);
    lines.push_back(original.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? original.size() : end + 1;
  }
  auto edit = [&](int line, const std::string& from, const std::string& to) {
    std::string& text = lines.at(static_cast<size_t>(line - 1));
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << line << ": " << from;
    text.replace(at, from.size(), to);
  };
  edit(1138, "\t2024-01-01\t2024-12-31", "\t2024-01-01\t2025-06-30");                  // an end date
  edit(1478, "Antal barn per grupp\t15\t15\t15", "Antal barn per grupp\t15\t14\t15");  // a target of 2024
  edit(407, "ha en god prognossäkerhet", "ha en mycket god prognossäkerhet");          // a directive reworded
  lines.erase(lines.begin() + 1136);                                                    // the activity of line 1137
  {
    std::ofstream copy(dir / "budget-2024-edited.txt", std::ios::binary);
    for (const std::string& line : lines) copy << line << '\n';
  }
  const auto db = dir / "budget.db";
  const testing::CommandRun ingest = testing::RunBudgetdb(
      "ingest --db " + db.string() + " " + (testing::SharedCorpus() / "budget-2024-liberalerna.txt").string() + " " +
          (dir / "budget-2024-edited.txt").string(),
      dir);
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  const testing::CommandRun run =
      testing::RunBudgetdb("diff budget-2024-liberalerna.txt budget-2024-edited.txt --format json --db " + db.string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto result = nlohmann::json::parse(run.out);
  EXPECT_EQ(result["added"], nlohmann::json::array());
  ASSERT_EQ(result["removed"].size(), 1u);
  EXPECT_EQ(result["removed"][0]["kind"], "activity");
  EXPECT_EQ(result["removed"][0]["body"], "Kommunstyrelsen");
  EXPECT_EQ(result["removed"][0]["text"], "Kommunstyrelsen ska skapa beredskapslager");
  EXPECT_EQ(result["removed"][0]["old"]["line"], 1137);
  EXPECT_TRUE(result["removed"][0]["new"].is_null());

  std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, int, int>> changed;
  for (const auto& item : result["changed"]) {
    ASSERT_EQ(item["changes"].size(), 1u) << item.dump();
    const auto& change = item["changes"][0];
    changed.emplace_back(item["kind"], item["body"], change["field"], change["old"], change["new"],
                         item["old"]["line"], item["new"]["line"]);
  }
  EXPECT_EQ(changed,
            (std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, int, int>>{
                {"activity", "Kommunstyrelsen", "end date", "2024-12-31", "2025-06-30", 1138, 1137},
                {"indicator", "Stadsdelsnämnderna", "target kf 2024", "15", "14", 1478, 1477},
                {"directive", "Samtliga nämnder och bolagsstyrelser", "text",
                 "ha en god prognossäkerhet, såväl för drift som investering, genom att bedöma avvikelser under året "
                 "och vidta åtgärder för att hålla given budget",
                 "ha en mycket god prognossäkerhet, såväl för drift som investering, genom att bedöma avvikelser under "
                 "året och vidta åtgärder för att hålla given budget",
                 407, 407}}));

  // The text a reporter pastes: grouped, with the old and new value.
  const testing::CommandRun text =
      testing::RunBudgetdb("diff budget-2024-liberalerna.txt budget-2024-edited.txt --db " + db.string(), dir);
  EXPECT_NE(text.out.find("0 added, 1 removed, 3 changed"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("    end date: 2024-12-31 -> 2025-06-30\n"), std::string::npos) << text.out;
}

TEST(Diff, LikenessOfWords) {
  EXPECT_DOUBLE_EQ(WordLikeness("Se över reglerna", "se över reglerna."), 1.0);
  EXPECT_DOUBLE_EQ(WordLikeness("a b c d", "a b x y"), 0.5);
  EXPECT_DOUBLE_EQ(WordLikeness("Årsmål", "arsmal"), 0.0);
}

}  // namespace
}  // namespace budgetdb
