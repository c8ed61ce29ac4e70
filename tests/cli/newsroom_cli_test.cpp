// The six newsroom questions of the README, each answered by one budgetdb
// command on the shared corpus (and the team's two plans): the command as the
// README shows it, and the rows it must give. The sixth, a diff of two
// versions of one path, is ArchiveCli.TwoVersionsOfOnePathAreKeptAndDiffedByPathAtVersion.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <regex>

#include "test_support.h"

namespace budgetdb {
namespace {

using testing::CommandRun;

CommandRun Ask(const std::string& args, const testing::TempDir& dir) {
  return testing::RunBudgetdb(fmt::format("{} --db {}", args, testing::CorpusDatabase().string()), dir);
}

size_t Lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(Newsroom, TheDirectivesBindingSocialnamnden) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const CommandRun run = Ask("list directives --body socialnämnden --limit 500", dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("160 directives\nid\tdocument_id\tdocument\tyear\tbody\ttext\tpage\tline\n"))
      << run.out.substr(0, 200);
  EXPECT_EQ(Lines(run.out), 2u + 160u);
  EXPECT_NE(run.out.find("\t2024\tSocialnämnden\tprioritera samverkan med skolan i arbetet med barn och unga\t6\t3384\n"),
            std::string::npos);
}

TEST(Newsroom, TheTargetsOfAndelNojdaOmsorgstagareFor2024To2026) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const CommandRun run = Ask("search '\"Andel nöjda omsorgstagare\"' --kind indicator", dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("4 hits\n")) << run.out;
  EXPECT_NE(run.out.find("budget-2024-liberalerna.txt  page 4, line 1708  Stadsdelsnämnderna\n"
                         "    Andel nöjda omsorgstagare i hemtjänsten\n    [2024 kf: 86 %; 2025 kf: 86 %; 2026 kf: 87 %; goal 1.4]\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("    Andel nöjda omsorgstagare i dagverksamhet\n    [2024 kf: 93 %; 2025 kf: 93 %; 2026 kf: 93 %; goal 1.4]\n"),
            std::string::npos);
}

TEST(Newsroom, TheActivitiesIdrottsnamndenLeadsWithTheirDates) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const CommandRun run = Ask("list activities --body Idrottsnämnden --role lead --format csv", dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Lines(run.out), 1u + 18u);
  EXPECT_TRUE(run.out.starts_with("id,document_id,document,year,body,text,start_date,end_date,lead,partners,consulted,"
                                  "goal,page,line\r\n"))
      << run.out.substr(0, 200);
  EXPECT_NE(run.out.find(",Idrottsnämnden ska i samarbete med exploateringsnämnden utreda hur Högdalstopparna kan "
                         "utvecklas till ett attraktivt och öppet friluft- och rekreationsområde,2024-01-01,2024-12-31,"
                         "Idrottsnämnden,Exploateringsnämnden,,"),
            std::string::npos)
      << run.out;
  // Every row has Idrottsnämnden as its lead, and both dates.
  std::regex lead(",\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,(\"[^\"]*Idrottsnämnden[^\"]*\"|[^,]*Idrottsnämnden[^,]*),");
  size_t with_lead = 0;
  for (std::sregex_iterator it(run.out.begin(), run.out.end(), lead), end; it != end; ++it) ++with_lead;
  EXPECT_EQ(with_lead, 18u);
}

TEST(Newsroom, EveryMentionOfHemloshetWithItsPage) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const CommandRun run = Ask("search hemlöshet --limit 500", dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("26 hits\n")) << run.out.substr(0, 200);
  // Each hit says its page and line: texts have pages since their printed markers end them.
  std::regex place("  page \\d+, line \\d+");
  size_t placed = 0;
  for (std::sregex_iterator it(run.out.begin(), run.out.end(), place), end; it != end; ++it) ++placed;
  EXPECT_EQ(placed, 26u);
  EXPECT_NE(run.out.find("ks-verksamhetsplan-2013.txt  page 2, line 611\n"), std::string::npos) << run.out;
}

TEST(Newsroom, IndicatorsWithTargetsAsCsvThatExcelOpens) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const CommandRun run =
      Ask(fmt::format("export --format excel --view indicator_targets_view --out {}", (dir / "x").string()), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto file = dir / "x/indicator_targets_view-excel.csv";
  EXPECT_EQ(run.out, fmt::format("{}  (1080 rows)\n", file.string()));
  const std::string csv = testing::ReadAll(file);
  // A byte-order mark, ';' between fields, a decimal comma, CRLF.
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF" "indicator_id;document_id;document;document_year;body;")) << csv.substr(0, 80);
  EXPECT_NE(csv.find(";Andel nöjda omsorgstagare i hemtjänsten;;0;1.4;"), std::string::npos);
  EXPECT_NE(csv.find(";1,5 %;1,5;%;"), std::string::npos);
  EXPECT_EQ(Lines(csv), 1u + 1080u);

  // Filtered as list filters: one body's directives, one year's targets.
  const CommandRun body = Ask(fmt::format("export --view directives_view --body socialnämnden --out {}",
                                          (dir / "y").string()), dir);
  ASSERT_EQ(body.exit_code, 0) << body.err;
  EXPECT_EQ(body.out, fmt::format("{}  (160 rows)\n", (dir / "y/directives_view.csv").string()));
  const CommandRun year = Ask(fmt::format("export --view indicator_targets_view --year 2013 --format jsonl --out {}",
                                          (dir / "z").string()), dir);
  ASSERT_EQ(year.exit_code, 0) << year.err;
  EXPECT_EQ(year.out, fmt::format("{}  (48 rows)\n", (dir / "z/indicator_targets_view.jsonl").string()));
  EXPECT_EQ(Ask("export --document no-such.txt", dir).exit_code, 4);
}

}  // namespace
}  // namespace budgetdb
