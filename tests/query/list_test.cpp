// Lists and counts without a search word, on the database of the real
// documents: the journalists' questions that needed SQL before.
#include "query/list.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace budgetdb {
namespace {

Result<ListResult> List(ListRequest request) {
  auto db = testing::OpenCorpusDatabase();
  return ListItems(db->handle(), request, testing::ShippedRegistry().get());
}

TEST(List, AllDirectivesOfABodyAsDocumentsWriteIt) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto listed = List({.kind = "directives", .body = "socialnämnden", .limit = 3});
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  EXPECT_EQ(listed->total, 160);  // as tests/extract/directives_golden_test.cpp counts them
  ASSERT_EQ(listed->rows.size(), 3u);
  EXPECT_EQ(listed->columns, (std::vector<std::string>{"id", "document_id", "document", "year", "body", "text", "page",
                                                       "line"}));
  for (const auto& row : listed->rows) EXPECT_EQ(row[4], "Socialnämnden");
}

TEST(List, CountsByBodyLargestFirst) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto counted = List({.kind = "directives", .year = 2024, .count_by = "body"});
  ASSERT_TRUE(counted.ok()) << counted.status().message();
  EXPECT_EQ(counted->total, 1770);
  ASSERT_GE(counted->rows.size(), 2u);
  // The golden file has the same counts line by line (415 and 160 lines).
  EXPECT_EQ(counted->rows[0], (std::vector<std::string>{"Stadsdelsnämnderna", "415"}));
  EXPECT_EQ(counted->rows[1], (std::vector<std::string>{"Socialnämnden", "160"}));
}

// "Which activities involve socialnämnden and end in 2024?", and in which roles.
TEST(List, ActivitiesOfABodyByEndDateAndRole) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto db = testing::OpenCorpusDatabase();
  int64_t by_sql = 0;
  ASSERT_TRUE(ForEachRow(db->handle(),
                         "SELECT count(DISTINCT a.id) FROM activities a JOIN activity_bodies ab ON ab.activity_id = a.id "
                         "JOIN bodies b ON b.id = ab.body_id WHERE b.name = 'Socialnämnden' AND ab.role = 'lead' "
                         "AND a.end_date BETWEEN '2024-01-01' AND '2024-12-31'",
                         {}, [&](const SqlRow& row) { by_sql = row.Int(0).value_or(-1); })
                  .ok());
  auto listed = ListItems(db->handle(),
                          {.kind = "activities", .body = "socialnämnden", .role = "lead", .ends_before = "2024-12-31",
                           .ends_after = "2024-01-01"},
                          testing::ShippedRegistry().get());
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  EXPECT_EQ(by_sql, 90);
  EXPECT_EQ(listed->total, 90);
  auto roles = ListItems(db->handle(), {.kind = "activities", .body = "socialnämnden", .count_by = "role"},
                         testing::ShippedRegistry().get());
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(roles->total, 162);
  EXPECT_EQ(roles->rows, (std::vector<std::vector<std::string>>{
                             {"lead", "91"}, {"section", "61"}, {"partner", "59"}, {"consulted", "8"}}));
}

TEST(List, AMisspeltBodySuggestsTheNearestAndWrongFiltersAreRefused) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto misspelt = List({.kind = "directives", .body = "Socialnamnden"});
  ASSERT_FALSE(misspelt.ok());
  EXPECT_EQ(misspelt.status().code(), Status::Code::kNotFound);
  EXPECT_NE(misspelt.status().message().find("did you mean: Socialnämnden"), std::string::npos)
      << misspelt.status().message();
  EXPECT_EQ(List({.kind = "directives", .role = "lead"}).status().message(),
            "directives have no roles (--role is for activities)");
  EXPECT_EQ(List({.kind = "plans"}).status().code(), Status::Code::kInvalid);
  EXPECT_EQ(List({.kind = "activities", .count_by = "colour"}).status().code(), Status::Code::kInvalid);
}

TEST(NearestNames, CaseAndAccentsAsideTheNearestFirst) {
  EXPECT_EQ(NearestNames("socialnamnden", {"Kulturnämnden", "Socialnämnden", "Äldre- och socialnämnden"}),
            (std::vector<std::string>{"Socialnämnden", "Äldre- och socialnämnden"}));
  EXPECT_TRUE(NearestNames("xyz", {"Kulturnämnden"}).empty());
}

}  // namespace
}  // namespace budgetdb
