#include "common/status.h"

#include <gtest/gtest.h>

namespace budgetdb {
namespace {

TEST(Status, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.ToString(), "ok");
}

TEST(Status, NamedConstructorsCarryKindAndReason) {
  const Status status = Status::Encrypted("the PDF needs a password to open");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kEncrypted);
  EXPECT_EQ(status.ToString(), "encrypted: the PDF needs a password to open");
}

TEST(Result, HoldsValueOrError) {
  Result<int> value = 42;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value.value(), 42);
  EXPECT_TRUE(value.status().ok());

  Result<int> error = Status::Empty("empty file (0 bytes)");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().ToString(), "empty: empty file (0 bytes)");
}

}  // namespace
}  // namespace budgetdb
