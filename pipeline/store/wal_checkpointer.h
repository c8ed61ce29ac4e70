// Checkpoints of the writer's WAL, on a thread and a connection of their own.
//
// In:  the writer's connection to a database in WAL mode, and the file's path.
// Out: while the writer commits documents, the pages they wrote to the WAL are
//      copied into the database file (a PASSIVE checkpoint) by another thread,
//      so that the single writer does not stop every few documents to copy
//      and sync them itself (with SQLite's automatic checkpoint it spent a
//      quarter of its time there). The WAL stays bounded: past a hard limit
//      the writer checkpoints itself after its commit, as SQLite would.
// Fails: Start fails with Database when the second connection cannot be
//        opened; the caller then keeps SQLite's automatic checkpoints. A
//        checkpoint that fails later is left to the next one, or to the
//        writer's close, which checkpoints everything and removes the WAL.
// Lifetime: destroy it before the writer's connection closes.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "common/status.h"

namespace budgetdb {

class WalCheckpointer {
 public:
  // Frames (pages) in the WAL after a commit that wake the checkpointer: as
  // many as SQLite's own automatic checkpoint waits for.
  static constexpr int kFramesToCheckpoint = 1000;
  // Frames past which the writer checkpoints itself: only when the
  // checkpointer has fallen this far behind (a PASSIVE checkpoint never
  // completes while the writer appends, and the WAL restarts from its
  // beginning only after one that did). The writer waits for a checkpoint
  // of the thread's that is under way, then makes its own.
  static constexpr int kFramesTheWriterWaitsAt = 8 * kFramesToCheckpoint;

  static Result<std::unique_ptr<WalCheckpointer>> Start(sqlite3* writer, const std::filesystem::path& file);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  WalCheckpointer(sqlite3* writer, sqlite3* own);
  // sqlite3_wal_hook's callback, on the writer's thread after each commit.
  static int AfterCommit(void* self, sqlite3* writer, const char* schema, int frames);
  void Run(std::stop_token stop);

  sqlite3* writer_;
  sqlite3* own_;  // this thread's connection
  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool wanted_ = false;  // under mutex_
  std::mutex checkpointing_;  // held by whichever of the two checkpoints
  std::jthread thread_;  // last: started when the rest is set
};

}  // namespace budgetdb
