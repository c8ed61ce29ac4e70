// Step 1 of the normaliser, one exact string in and out per case.
#include <gtest/gtest.h>

#include "normalise/normaliser.h"

namespace budgetdb {
namespace {

struct CharacterCase {
  const char* input;
  const char* expected;
};

TEST(NormaliseCharacters, CanonicalForms) {
  const CharacterCase cases[] = {
      // NFC: a + combining diaeresis.
      {"na\u0308mnden", "nämnden"},
      // Spaces: NBSP, thin space, narrow no-break space as thousands separators.
      {"1\u00A0537,1 mnkr", "1 537,1 mnkr"},
      {"1\u2009600 st", "1 600 st"},
      {"36\u202F%", "36 %"},
      // Soft hyphen and zero-width space vanish; ligatures are spelled out.
      {"verk\u00ADsamhets\u200Bplan", "verksamhetsplan"},
      {"\uFB01nansiering och e\uFB00ekt", "finansiering och effekt"},
      // Dashes and hyphens; the minus sign of "-36,9".
      {"2025\u20142026 och 2025\u20132026", "2025–2026 och 2025–2026"},
      {"stöd\u2010/supportfunktion", "stöd-/supportfunktion"},
      {"\u221236,9", "-36,9"},
      // Quotes as in ks-verksamhetsplan-2013.txt.
      {"Nämndaktiviteten \u201DTa fram riktlinjer\u201D", "Nämndaktiviteten \"Ta fram riktlinjer\""},
      {"stadens \u2018 och \u2019", "stadens ' och '"},
      // Bullets that open a line, as in storsthlm-uppdrag.txt and Word's PDFs.
      {"  \u2022 Utbildning och arbetsmarknad", "- Utbildning och arbetsmarknad"},
      {"\uF0B7\tinrätta ett samordnat stöd", "- inrätta ett samordnat stöd"},
      {"\u2013 öka andelen placeringar", "- öka andelen placeringar"},
      {"* bygga minst 500 hyresrätter", "- bygga minst 500 hyresrätter"},
      {"-  minska sina lokalkostnader", "- minska sina lokalkostnader"},
      // Not bullets: a negative number, emphasis, a bullet inside the line.
      {"-36,9", "-36,9"},
      {"*Direktiv för samtliga nämnder*", "*Direktiv för samtliga nämnder*"},
      {"a \u2022 b", "a \u2022 b"},
      // Tabs (table cells) and inner double spaces (empty cells) stay; ends are trimmed.
      {" Kommunstyrelsen ska skapa beredskapslager\t2024-01-01\t2024-12-31 ",
       "Kommunstyrelsen ska skapa beredskapslager\t2024-01-01\t2024-12-31"},
      {"skyfall\t\t", "skyfall\t\t"},
      {"1 %  36 % År", "1 %  36 % År"},
      // Stray controls go.
      {"Stadshus\x01 AB", "Stadshus AB"},
      {"   ", ""},
  };
  for (const CharacterCase& c : cases) {
    EXPECT_EQ(Normaliser::NormaliseCharacters(c.input), c.expected) << c.input;
  }
}

}  // namespace
}  // namespace budgetdb
