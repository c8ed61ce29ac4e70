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

TEST(BodiesRegistry, ErrorsNameFileAndLine) {
  EXPECT_EQ(BodyRegistry::Parse("# c\nSocialnämnden | nämnd\n", "b.registry").status().message(),
            "b.registry:2: expected 'NAME | KIND | PATTERN'");
  EXPECT_EQ(BodyRegistry::Parse("A | nämnd | a\nA | nämnd | b\n", "b.registry").status().message(),
            "b.registry:2: body A is listed twice");
  EXPECT_EQ(BodyRegistry::Parse("A | nämnd | (a\n", "b.registry").status().message(),
            "b.registry:1: pattern A: missing ): (?:(a)(?::?s)?");
}

}  // namespace
}  // namespace budgetdb
