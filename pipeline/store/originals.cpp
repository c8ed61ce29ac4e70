#include "store/originals.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zlib.h>

#include <ctime>
#include <stdexcept>

namespace budgetdb {

std::string OriginalFolder(std::string_view sha256) { return fmt::format("originals/{}/", sha256); }

StoredOriginal PackOriginal(const std::filesystem::path& file, std::string_view bytes, std::string_view sha256) {
  StoredOriginal original;
  original.name = OriginalFolder(sha256) + file.filename().string();
  original.size = static_cast<int64_t>(bytes.size());
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {
    original.mode = static_cast<int64_t>(info.st_mode);
    original.mtime = static_cast<int64_t>(info.st_mtime);
  } else {
    original.mode = S_IFREG | 0644;
    original.mtime = static_cast<int64_t>(std::time(nullptr));
  }
  uLongf packed_size = compressBound(static_cast<uLong>(bytes.size()));
  std::string packed(packed_size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                           reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uLong>(bytes.size()),
                           Z_BEST_SPEED);  // level 1: a third of level 6's time for a tenth more bytes
  if (rc == Z_MEM_ERROR) throw std::bad_alloc();
  if (rc == Z_OK && packed_size < bytes.size()) {
    packed.resize(packed_size);
    original.data = std::move(packed);
  } else {
    original.data.assign(bytes);
  }
  return original;
}

Result<std::string> UnpackOriginal(int64_t size, std::string_view data) {
  if (size < 0) return Status::Damaged(fmt::format("a stored size of {} bytes", size));
  if (static_cast<uint64_t>(size) == data.size()) return std::string(data);
  std::string bytes(static_cast<size_t>(size), '\0');
  uLongf unpacked = static_cast<uLongf>(size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(bytes.data()), &unpacked,
                            reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()));
  if (rc == Z_MEM_ERROR) throw std::bad_alloc();
  if (rc != Z_OK || unpacked != static_cast<uLongf>(size))
    return Status::Damaged(fmt::format("the stored data does not inflate to its {} bytes (zlib: {})", size,
                                       rc == Z_OK ? "short" : zError(rc)));
  return bytes;
}

}  // namespace budgetdb
