// Golden test of grammars/page-furniture.grammar: real lines in, exact kind out.
#include <gtest/gtest.h>

#include "test_support.h"

namespace budgetdb {
namespace {

struct FurnitureCase {
  const char* line;
  std::optional<FurnitureKind> expected;
};

TEST(PageFurnitureGrammar, ClassifiesRealLines) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  const FurnitureCase cases[] = {
      // Page markers of budget-2024-liberalerna.txt.
      {"L KS:4", FurnitureKind::kPageMarker},
      {"L Inl:2", FurnitureKind::kPageMarker},
      {"L Bo-bolagen:6", FurnitureKind::kPageMarker},
      {"L Sthlm Parkering:2", FurnitureKind::kPageMarker},
      {"L Kulturhuset Stadsteatern:2", FurnitureKind::kPageMarker},
      // Bare page numbers of ks-verksamhetsplan-2013.txt, and common footer forms.
      {"6", FurnitureKind::kPageNumber},
      {"24", FurnitureKind::kPageNumber},
      {"Sida 3 av 12", FurnitureKind::kPageNumber},
      {"3 (12)", FurnitureKind::kPageNumber},
      {"- 7 -", FurnitureKind::kPageNumber},
      // Content that must stay.
      {"2013", std::nullopt},
      {"102,00", std::nullopt},
      {"1 % 36 % År", std::nullopt},
      {"2013-01-01 2013-12-31", std::nullopt},
      {"1.1 Företag väljer att etablera sig i Stockholm framför andra", std::nullopt},
      {"KF:s aktiviteter Startdatum Slutdatum", std::nullopt},
      {"L", std::nullopt},
      {"Kommunstyrelsen ska skapa beredskapslager\t2024-01-01\t2024-12-31", std::nullopt},
  };
  for (const FurnitureCase& c : cases) {
    EXPECT_EQ(normaliser.ClassifyFurniture(c.line), c.expected) << c.line;
  }
}

}  // namespace
}  // namespace budgetdb
