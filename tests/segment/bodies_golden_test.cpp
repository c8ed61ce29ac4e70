// Golden test of grammars/bodies.registry: mentions as documents write them,
// and the one body each must resolve to.
#include "segment/bodies.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace budgetdb {
namespace {

struct MentionCase {
  const char* mention;
  const char* name;  // nullptr: must not resolve
  const char* kind;
};

TEST(BodiesRegistry, ResolvesEveryVariantToOneBody) {
  const MentionCase cases[] = {
      // Case and inflection.
      {"Socialnämnden", "Socialnämnden", "nämnd"},
      {"socialnämndens", "Socialnämnden", "nämnd"},
      {"SOCIALNÄMNDEN", "Socialnämnden", "nämnd"},
      {"Miljö- och hälsoskyddsnämndens", "Miljö- och hälsoskyddsnämnden", "nämnd"},
      {"äldrenämnden", "Äldrenämnden", "nämnd"},
      // Long and short names, as budget-2024-liberalerna.txt writes them.
      {"Skolfastigheter i Stockholm AB", "Skolfastigheter i Stockholm AB", "bolag"},
      {"SISAB", "Skolfastigheter i Stockholm AB", "bolag"},
      {"SISAB:s", "Skolfastigheter i Stockholm AB", "bolag"},
      {"SISAB AB", "Skolfastigheter i Stockholm AB", "bolag"},
      {"Stockholms Stadshus AB", "Stockholms Stadshus AB", "bolag"},
      {"Stockholm Stadshus AB", "Stockholms Stadshus AB", "bolag"},
      {"Stadshus AB", "Stockholms Stadshus AB", "bolag"},
      {"Stockholms Stads-hus AB", "Stockholms Stadshus AB", "bolag"},
      {"Micasa", "Micasa Fastigheter i Stockholm AB", "bolag"},
      {"Micasa Fastigheter AB", "Micasa Fastigheter i Stockholm AB", "bolag"},
      {"AB Stokab", "AB Stokab", "bolag"},
      {"Stokabs", "AB Stokab", "bolag"},
      {"Stockholm Vatten och Avfall AB", "Stockholm Vatten och Avfall AB", "bolag"},
      {"Stockholms Hamnar AB", "Stockholms Hamn AB", "bolag"},
      // The seed's typos.
      {"trafikinämnden", "Trafiknämnden", "nämnd"},
      {"AB Stockholmskem", "AB Stockholmshem", "bolag"},
      {"Mössfastigheter AB", "Mässfastigheter i Stockholm AB", "bolag"},
      {"Mässhastigheter i Stockholm AB", "Mässfastigheter i Stockholm AB", "bolag"},
      // District committees, together and one by one; the general addressee.
      {"stadsdelsnämnderna", "Stadsdelsnämnderna", "stadsdelsnämnd"},
      {"Stadsdelsnämnder", "Stadsdelsnämnderna", "stadsdelsnämnd"},
      {"Södermalms stadsdelsnämnd", "Södermalms stadsdelsnämnd", "stadsdelsnämnd"},
      {"Nämnder och bolagsstyrelser", "Samtliga nämnder och bolagsstyrelser", "samtliga"},
      {"SSBF", "Storstockholms brandförsvar", "förbund"},
      {"Stiftelsen Hotellhem i Stockholm", "Stiftelsen Hotellhem i Stockholm", "stiftelse"},
      // Not a body of the registry: words that only look like one.
      {"nämnden", nullptr, nullptr},
      {"stadsdelsnämnden", nullptr, nullptr},
      {"Socialnämnden ska", nullptr, nullptr},
      {"Region Stockholm", nullptr, nullptr},
      {"Stockholms", nullptr, nullptr},
  };
  for (const MentionCase& c : cases) {
    const auto body = testing::ShippedRegistry()->Resolve(c.mention);
    if (c.name == nullptr) {
      EXPECT_FALSE(body.has_value()) << c.mention << " resolved to " << body->name;
    } else {
      ASSERT_TRUE(body.has_value()) << c.mention;
      EXPECT_EQ(body->name, c.name) << c.mention;
      EXPECT_EQ(body->kind, c.kind) << c.mention;
    }
  }
}

// A coordinated name is one body as written unless the registry declares it
// shorthand; a name the registry lacks takes its kind from its head noun.
TEST(BodiesRegistry, CoordinatedNamesShorthandsAndBodiesAsWritten) {
  const auto& registry = *testing::ShippedRegistry();
  auto names = [](const std::vector<Body>& bodies) {
    std::vector<std::string> shown;
    for (const Body& body : bodies) shown.push_back(body.name + "|" + body.kind);
    return shown;
  };
  EXPECT_EQ(names(registry.ResolveAll("stadsbyggnads- och exploateringsnämnden")),
            (std::vector<std::string>{"Stadsbyggnadsnämnden|nämnd", "Exploateringsnämnden|nämnd"}));
  EXPECT_FALSE(registry.Resolve("stadsbyggnads- och exploateringsnämnden").has_value());  // several, not one
  EXPECT_EQ(names(registry.ResolveAll("Miljö- och hälsoskyddsnämnden")),
            (std::vector<std::string>{"Miljö- och hälsoskyddsnämnden|nämnd"}));
  EXPECT_TRUE(registry.ResolveAll("äldre- och barnnämnden").empty());

  const std::pair<const char*, const char*> shaped[] = {
      {"äldre- och barnnämnden", "Äldre- och barnnämnden|nämnd"},
      {"äldre- och socialnämndens", "Äldre- och socialnämnden|nämnd"},
      {"Valberedningsnämnden", "Valberedningsnämnden|nämnd"},
      {"Järva stadsdelsnämnd", "Järva stadsdelsnämnd|stadsdelsnämnd"},
      {"Exempelstads Bostads AB", "Exempelstads Bostads AB|bolag"},
      {"AB Exempelhem", "AB Exempelhem|bolag"},
      {"Räddningsstyrelsen", "Räddningsstyrelsen|styrelse"},
  };
  for (const auto& [mention, expected] : shaped) {
    const auto body = registry.ResolveByShape(mention);
    ASSERT_TRUE(body.has_value()) << mention;
    EXPECT_EQ(body->name + "|" + body->kind, expected) << mention;
    EXPECT_FALSE(body->registered) << mention;
  }
  for (const char* mention : {"stadsdelsnämnden", "nämnden", "bolaget", "Region Stockholm", "stadsdelarna",
                              "kommunstyrelsen och Stockholm Vatten AB", "utbildningsnämnden initiera"}) {
    EXPECT_FALSE(registry.ResolveByShape(mention).has_value()) << mention;
  }
  EXPECT_EQ(registry.AsWritten("Kulturrådet").kind, "okänd");
}

// A '*' line's pattern runs on Latin-1 text where the mention is all Latin-1
// (its \p{L} classes compile small so), else on the UTF-8 program: the same
// answers, the name as written in UTF-8 either way.
TEST(BodiesRegistry, ShapesReadMentionsInAndBeyondLatin1Alike) {
  const auto registry = BodyRegistry::Parse(
      "* | bolag | ((?:AB )?\\p{Lu}[\\p{L}:&-]*(?: \\p{Lu}[\\p{L}:&-]*){0,4} AB)\n"
      "* | nämnd | (\\p{L}+nämnden)\n",
      "b.registry");
  ASSERT_TRUE(registry.ok()) << registry.status().message();
  const std::pair<const char*, const char*> shaped[] = {
      {"Östermalms Fastighets AB", "Östermalms Fastighets AB|bolag"},      // Latin-1
      {"Łódź Bostäder AB", "Łódź Bostäder AB|bolag"},                      // beyond it: UTF-8
      {"Ålands Energi ABs", "Ålands Energi AB|bolag"},                     // the genitive
      {"gångbanenämnden", "Gångbanenämnden|nämnd"},
      {"ŝtupnämnden", "Ŝtupnämnden|nämnd"},
  };
  for (const auto& [mention, expected] : shaped) {
    const auto body = registry->ResolveByShape(mention);
    ASSERT_TRUE(body.has_value()) << mention;
    EXPECT_EQ(body->name + "|" + body->kind, expected) << mention;
  }
  for (const char* mention : {"östermalms Fastighets AB", "Ett Två Tre Fyra Fem Sex AB", "Łódź – Bostäder AB"})
    EXPECT_FALSE(registry->ResolveByShape(mention).has_value()) << mention;
}

TEST(BodiesRegistry, ErrorsNameFileAndLine) {
  EXPECT_EQ(BodyRegistry::Parse("# c\nSocialnämnden | nämnd\n", "b.registry").status().message(),
            "b.registry:2: expected 'NAME | KIND | PATTERN'");
  EXPECT_EQ(BodyRegistry::Parse("A | nämnd | a\nA | nämnd | b\n", "b.registry").status().message(),
            "b.registry:2: body A is listed twice");
  EXPECT_EQ(BodyRegistry::Parse("A | nämnd | (a\n", "b.registry").status().message(),
            "b.registry:1: pattern A: missing ): (?:(a)(?::?s)?");
  EXPECT_EQ(BodyRegistry::Parse("A | nämnd | a\nA + B | shorthand | ab\n", "b.registry").status().message(),
            "b.registry:2: shorthand for 'B', which the registry lacks");
  EXPECT_EQ(BodyRegistry::Parse("* | nämnd | \\p{L}+nämnden\n", "b.registry").status().message(),
            "b.registry:1: a '*' pattern needs one capture group, the name");
}

}  // namespace
}  // namespace budgetdb
