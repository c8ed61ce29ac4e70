// Golden test of grammars/hyphenation.grammar together with the Swedish
// dictionary: a word broken at a line end, and what the normaliser does with it.
#include <gtest/gtest.h>

#include "test_support.h"

namespace budgetdb {
namespace {

using HyphenJoin = Normaliser::HyphenJoin;

struct HyphenCase {
  const char* left;   // the word before the line-end hyphen
  const char* right;  // the first word of the next line
  HyphenJoin expected;
};

TEST(HyphenationGrammar, DecidesRealLineEndBreaks) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  const HyphenCase cases[] = {
      // From ks-verksamhetsplan-2013.txt.
      {"kommunfullmäk", "tige", HyphenJoin::kJoin},
      {"finansie", "rad", HyphenJoin::kJoin},
      {"avse", "ende", HyphenJoin::kJoin},
      {"myndighetsut", "övning.", HyphenJoin::kJoin},
      {"Års", "mål", HyphenJoin::kJoin},
      {"Hässelby", "Vällingby", HyphenJoin::kKeepHyphen},
      {"möj", "lig", HyphenJoin::kJoin},
      // Suspended compounds stay as written.
      {"hälso", "och", HyphenJoin::kLeaveAlone},
      {"mark", ",", HyphenJoin::kLeaveAlone},
      {"tillväxt", "eller", HyphenJoin::kLeaveAlone},
      // Abbreviations and single letters keep their hyphen.
      {"LSS", "boenden", HyphenJoin::kKeepHyphen},
      {"EU", "projekt", HyphenJoin::kKeepHyphen},
      {"e", "tjänster", HyphenJoin::kKeepHyphen},
      {"covid", "19", HyphenJoin::kKeepHyphen},
      // Neither spelling known (a place name): hyphenation is the likelier reading.
      {"Järva", "lyftet", HyphenJoin::kJoin},
  };
  for (const HyphenCase& c : cases) {
    EXPECT_EQ(normaliser.DecideHyphenJoin(c.left, c.right), c.expected) << c.left << "-|" << c.right;
  }
}

TEST(HyphenationGrammar, DecidesWhetherAParagraphGoesOnAfterAPageBreak) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  // Lines around page breaks of budget-2024-liberalerna.txt rendered as a PDF.
  EXPECT_TRUE(normaliser.ContinuesOnNextPage("arbeta för att nå målet inom", "Stockholms stad"));
  EXPECT_TRUE(normaliser.ContinuesOnNextPage("ett viktigt gods- och logistiknav för", "Mälarenregionen."));
  EXPECT_TRUE(normaliser.ContinuesOnNextPage("rätt till undervisning i Svenska för invandrare,", "SFI."));
  EXPECT_TRUE(normaliser.ContinuesOnNextPage("när nämnden ska", "genomföra"));  // lower case: always
  EXPECT_FALSE(normaliser.ContinuesOnNextPage("sprängmedel höjs och efterlevs.", "Klimatförändringarna är"));
  EXPECT_FALSE(normaliser.ContinuesOnNextPage("förutsättningar att leva ett självständigt liv",
                                              "Utöver det som beskrivs i *Direktiv"));
  EXPECT_FALSE(normaliser.ContinuesOnNextPage("Liberalernas förslag till budget", "NETTOKOSTNADER (exkl."));
}

}  // namespace
}  // namespace budgetdb
