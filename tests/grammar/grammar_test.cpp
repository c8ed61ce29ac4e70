#include "grammar/grammar.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace budgetdb {
namespace {

TEST(Grammar, ParsesNamedAlternativesInFileOrder) {
  auto grammar = Grammar::Parse("# comment\n\nyear = ^(\\d{4})$\nyear = ^'(\\d\\d)$\nunit = (?i)mnkr\n", "t.grammar");
  ASSERT_TRUE(grammar.ok()) << grammar.status().message();
  ASSERT_EQ(grammar->patterns("year").size(), 2u);
  EXPECT_EQ(grammar->patterns("year")[1].line, 4);
  EXPECT_TRUE(grammar->Matches("year", "2024"));
  EXPECT_TRUE(grammar->Matches("year", "'24"));
  EXPECT_FALSE(grammar->Matches("year", "20245"));
  EXPECT_TRUE(grammar->Matches("unit", "MNKR"));
  EXPECT_TRUE(grammar->patterns("missing").empty());
}

TEST(Grammar, PatternTextIsTakenVerbatimAfterEquals) {
  auto grammar = Grammar::Parse("spaced = a = b\n", "t.grammar");
  ASSERT_TRUE(grammar.ok());
  EXPECT_TRUE(grammar->Matches("spaced", "a = b"));
}

TEST(Grammar, BadPatternNamesFileLineNameAndRe2Message) {
  auto grammar = Grammar::Parse("ok = ^a$\n\nbroken = ^(\\d\n", "grammars/x.grammar");
  ASSERT_FALSE(grammar.ok());
  EXPECT_EQ(grammar.status().message(), "grammars/x.grammar:3: pattern broken: missing ): ^(\\d");
}

TEST(Grammar, MalformedLineIsRejected) {
  auto grammar = Grammar::Parse("Not A Name = x\n", "g.grammar");
  ASSERT_FALSE(grammar.ok());
  EXPECT_EQ(grammar.status().message(), "g.grammar:1: expected 'name = PATTERN' or 'name [label] = PATTERN', got 'Not A Name = x'");
}

TEST(Grammar, LabelsSayWhatAnAlternativeMeans) {
  auto grammar = Grammar::Parse("unit [kWh/kvm] = ^(?i:kwh/kv\\s?m)\nunit [%] = ^%\nrole = x\n", "g.grammar");
  ASSERT_TRUE(grammar.ok()) << grammar.status().message();
  const GrammarPattern* unit = grammar->FirstMatch("unit", "kwh/kv m");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->label, "kWh/kvm");
  EXPECT_EQ(grammar->FirstMatch("unit", "%")->label, "%");
  EXPECT_EQ(grammar->patterns("role")[0].label, "");
  EXPECT_EQ(grammar->FirstMatch("unit", "st"), nullptr);
  EXPECT_FALSE(Grammar::Parse("unit [a] b = x\n", "g.grammar").ok());
}

TEST(Grammar, RequireNamesTheMissingPattern) {
  auto grammar = Grammar::Parse("a = x\n", "g.grammar");
  ASSERT_TRUE(grammar.ok());
  EXPECT_TRUE(grammar->Require({"a"}).ok());
  EXPECT_EQ(grammar->Require({"a", "b"}).message(), "g.grammar: no pattern named b");
}

TEST(Grammar, MissingFileIsAnError) {
  auto grammar = Grammar::Load("/nonexistent/x.grammar");
  ASSERT_FALSE(grammar.ok());
  EXPECT_EQ(grammar.status().message(), "/nonexistent/x.grammar: cannot open grammar file");
}

}  // namespace
}  // namespace budgetdb

namespace budgetdb {
namespace {

// "include OTHER.grammar": one definition that several grammars share; the
// shipped directives and tables grammars share text.grammar's continuation_start.
TEST(Grammar, IncludeAddsTheOtherFilesPatternsAndNamesWhereItFails) {
  testing::TempDir dir;
  std::ofstream(dir / "shared.grammar") << "word = ^\\p{Ll}\n";
  std::ofstream(dir / "main.grammar") << "# main\nlist = ^- \ninclude shared.grammar\n";
  auto grammar = Grammar::Load(dir / "main.grammar");
  ASSERT_TRUE(grammar.ok()) << grammar.status().message();
  EXPECT_TRUE(grammar->Matches("word", "ord"));
  EXPECT_FALSE(grammar->Matches("word", "Ord"));
  EXPECT_TRUE(grammar->Matches("list", "- punkt"));

  std::ofstream(dir / "broken.grammar") << "list = ^- \ninclude missing.grammar\n";
  EXPECT_EQ(Grammar::Load(dir / "broken.grammar").status().message().rfind(
                (dir / "broken.grammar").string() + ":2: include missing.grammar: ", 0),
            0u);
  for (const char* file : {"directives.grammar", "tables.grammar"}) {
    auto shipped = Grammar::Load(testing::GrammarPath(file));
    ASSERT_TRUE(shipped.ok()) << file;
    EXPECT_EQ(shipped->patterns("continuation_start").size(), 1u) << file;
  }
}

}  // namespace
}  // namespace budgetdb
