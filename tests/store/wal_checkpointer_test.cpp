#include "store/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "test_support.h"

namespace budgetdb {
namespace {

// A database in WAL mode without SQLite's automatic checkpoints, and a table
// of blobs: every commit of a blob of `kilobytes` appends that much to the WAL.
class BlobWriter {
 public:
  explicit BlobWriter(const std::filesystem::path& file) {
    EXPECT_EQ(sqlite3_open(file.c_str(), &db_), SQLITE_OK);
    Exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE blobs(b BLOB)");
  }
  ~BlobWriter() { sqlite3_close_v2(db_); }
  void Commit(int kilobytes) { Exec("INSERT INTO blobs VALUES (randomblob(" + std::to_string(kilobytes * 1024) + "))"); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
  }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

uintmax_t SizeOf(const std::filesystem::path& file) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(file, error);
  return error ? 0 : size;
}

TEST(WalCheckpointer, CopiesTheWalIntoTheDatabaseWhileTheWriterGoesOn) {
  testing::TempDir dir;
  const auto file = dir / "budget.db";
  BlobWriter writer(file);
  auto checkpointer = WalCheckpointer::Start(writer.db(), file);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status().message();
  const uintmax_t empty = SizeOf(file);
  // 12 commits of 400 KiB: 1 200 pages of 4 KiB in the WAL, past the 1 000
  // that wake the checkpointer. SQLite's own checkpoint is off: only the
  // checkpointer can bring them into the database file.
  for (int commit = 0; commit < 12; ++commit) writer.Commit(400);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (SizeOf(file) < empty + (4u << 20) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(SizeOf(file), empty + (4u << 20));
  checkpointer.value().reset();
  writer.Exec("SELECT count(*) FROM blobs");  // the writer's connection still works alone
}

TEST(WalCheckpointer, KeepsTheWalBoundedUnderCommitsWithoutPause) {
  testing::TempDir dir;
  const auto file = dir / "budget.db";
  BlobWriter writer(file);
  auto checkpointer = WalCheckpointer::Start(writer.db(), file);
  ASSERT_TRUE(checkpointer.ok());
  // 48 MiB in commits of 1 MiB, one after the other: three times the WAL
  // at which the writer checkpoints itself (8 000 pages of 4 KiB, 32 MiB).
  for (int commit = 0; commit < 48; ++commit) writer.Commit(1024);
  const uintmax_t frame = 4096 + 24;
  EXPECT_LE(SizeOf(dir / "budget.db-wal"), (WalCheckpointer::kFramesTheWriterWaitsAt + 300) * frame);
  checkpointer.value().reset();
}

TEST(WalCheckpointer, AStoppedDatabaseLeavesNoWalBehind) {
  testing::TempDir dir;
  const auto file = dir / "budget.db";
  {
    auto db = Database::Open(file);
    ASSERT_TRUE(db.ok());
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db.value()->handle(),
                           "CREATE TABLE blobs(b BLOB); INSERT INTO blobs VALUES (randomblob(20000000))", nullptr,
                           nullptr, &error),
              SQLITE_OK);
    EXPECT_TRUE(std::filesystem::exists(dir / "budget.db-wal"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "budget.db-wal"));
  EXPECT_GE(SizeOf(file), 20000000u);
}

}  // namespace
}  // namespace budgetdb
