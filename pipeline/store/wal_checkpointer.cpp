#include "store/wal_checkpointer.h"

#include <fmt/format.h>

namespace budgetdb {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(sqlite3* writer, const std::filesystem::path& file) {
  sqlite3* own = nullptr;
  // A connection finds the WAL when it first reads: until then its
  // checkpoints find no WAL to copy.
  if (sqlite3_open_v2(file.c_str(), &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK ||
      sqlite3_exec(own, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status failed = Status::Database(fmt::format("{}: a second connection for checkpoints: {}", file.string(),
                                                 own ? sqlite3_errmsg(own) : "cannot open"));
    sqlite3_close_v2(own);
    return failed;
  }
  // A reader of an old snapshot (Datasette, say) holds a checkpoint back; it
  // is not waited for: the next checkpoint copies what this one could not.
  sqlite3_busy_timeout(own, 0);
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(writer, own));
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, sqlite3* own) : writer_(writer), own_(own) {
  thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
  // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(writer_, &WalCheckpointer::AfterCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  thread_.request_stop();
  thread_.join();
  sqlite3_close_v2(own_);
}

int WalCheckpointer::AfterCommit(void* self, sqlite3* writer, const char* schema, int frames) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (frames >= kFramesTheWriterWaitsAt) {
    // After the thread's checkpoint, if one is running: two at once, the
    // second gives up at once, and the WAL would go on growing.
    std::lock_guard one_at_a_time(checkpointer->checkpointing_);
    (void)sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= kFramesToCheckpoint) {
    {
      std::lock_guard lock(checkpointer->mutex_);
      checkpointer->wanted_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Run(std::stop_token stop) {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return wanted_; })) return;
      wanted_ = false;
    }
    std::lock_guard one_at_a_time(checkpointing_);
    (void)sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
}

}  // namespace budgetdb
