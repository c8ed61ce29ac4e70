// Golden test of grammars/document-info.grammar: the title and year of every
// document of ../shared/corpus and of the project's own corpus.
#include <gtest/gtest.h>

#include "segment/document_info.h"
#include "test_support.h"

namespace budgetdb {
namespace {

DocumentInfo InfoOf(const std::filesystem::path& path) {
  auto raw = ParseText(path, testing::ReadAll(path));
  EXPECT_TRUE(raw.ok()) << raw.status().message();
  auto reader = DocumentInfoReader::Create(testing::LoadGrammarOrDie("document-info.grammar"));
  EXPECT_TRUE(reader.ok());
  return reader->Read(testing::ShippedNormaliser().Normalise(raw.value()));
}

struct InfoCase {
  std::filesystem::path path;
  std::string title;
  std::optional<int> year;
};

TEST(DocumentInfoGrammar, TitlesAndYearsOfTheCorpora) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto shared = testing::SharedCorpus();
  const auto own = testing::SourceDir() / "corpus";
  const InfoCase cases[] = {
      {shared / "budget-2024-liberalerna.txt",
       "Budget 2024 för Stockholms stad och inriktning för 2025–2026 samt ägardirektiv 2024–2026 för "
       "koncernen Stockholms Stadshus AB",
       2024},
      {shared / "ks-verksamhetsplan-2013.txt", "Verksamhetsplan 2013 för kommunstyrelsen", 2013},
      // Prose: the first line stands for a title, and no year is claimed.
      {shared / "stockholm-stad-presentation.txt", "Stockholms Stad - Stadsledningskontoret", std::nullopt},
      {shared / "storsthlm-uppdrag.txt", "Vårt uppdrag", std::nullopt},
      {own / "budget-2026-exempelpartiet.txt", "Budget 2026 för Exempelstad och inriktning för 2027–2028", 2026},
      {own / "verksamhetsplan-2025-kulturnamnden.txt", "Verksamhetsplan 2025 för kulturnämnden", 2025},
  };
  for (const InfoCase& c : cases) {
    const DocumentInfo info = InfoOf(c.path);
    EXPECT_EQ(info.title, c.title) << c.path;
    EXPECT_EQ(info.year, c.year) << c.path;
  }
}

TEST(DocumentInfoGrammar, LongFirstLineIsCutAtAWord) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const DocumentInfo info = InfoOf(testing::SharedCorpus() / "s-stockholm-nyheter-2024.txt");
  EXPECT_EQ(info.title,
            "Igår presenterades Stockholms stads budget för 2025, med fokus på att stärka välfärden, "
            "barn och unga samt möta klimatkrisen. Budgeten läggs fram i spåren av inflationen, som "
            "påverkat …");
  EXPECT_EQ(info.year, std::nullopt);  // a news text mentioning 2025 is not a 2025 document
}

}  // namespace
}  // namespace budgetdb
