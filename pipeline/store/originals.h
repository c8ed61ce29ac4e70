// Store stage, originals: a document's file kept in the database, in the
// SQLite Archive format (https://sqlite.org/sqlar.html), so that
// `sqlite3 budget.db -Ax` gives the files back with no budgetdb at all.
//
// In:  the bytes of a file as ingest read them, and where they came from.
// Out: a StoredOriginal: its name in the archive, "originals/SHA256/FILE NAME"
//      (one entry per distinct content: the same bytes under another name are
//      stored once), its mode and mtime as `sqlite3 -Ax` restores them, its
//      size, and its data zlib-compressed (by libdeflate), or as is where that is no smaller
//      or would save less than a tenth, as a few slices of it say (sqlar's
//      rule: data is compressed when its length is not sz).
//      UnpackOriginal gives the bytes back.
// Fails: UnpackOriginal, with Damaged, when the data does not inflate to sz
//        bytes; packing cannot fail (running out of memory throws).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.h"

namespace budgetdb {

struct StoredOriginal {
  std::string name;      // sqlar.name
  int64_t mode = 0;      // sqlar.mode: a regular file's permission bits
  int64_t mtime = 0;     // sqlar.mtime: seconds since 1970
  int64_t size = 0;      // sqlar.sz: the file's length
  std::string data;      // sqlar.data
};

// The folder of an original's name: every file with these bytes is stored under it.
std::string OriginalFolder(std::string_view sha256);

// `bytes` as read from `file` (its name, mode and mtime are looked up; a file
// gone since is stored as mode 0644, mtime now).
StoredOriginal PackOriginal(const std::filesystem::path& file, std::string_view bytes, std::string_view sha256);

Result<std::string> UnpackOriginal(int64_t size, std::string_view data);

}  // namespace budgetdb
