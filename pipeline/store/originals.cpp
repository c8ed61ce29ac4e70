#include "store/originals.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zlib.h>

#include <ctime>
#include <stdexcept>

namespace budgetdb {

namespace {

// Whether deflating `bytes` would save enough to be worth its time, judged
// on a few slices of them: most of a PDF is streams compressed already
// (LibreOffice's and groff's budget PDFs keep 94-95 % of their size at level
// 1; deflating one costs 25 ms of CPU for that), while a browser's PDF or a
// text halves.
bool WorthCompressing(std::string_view bytes) {
  constexpr size_t kSlice = 16 << 10, kSlices = 4;
  constexpr double kWorthIt = 0.9;  // of the size at most, or stored as is
  if (bytes.size() < 2 * kSlice * kSlices) return true;  // small: deflating all of it is as cheap
  std::string packed(compressBound(kSlice), '\0');
  size_t packed_total = 0;
  for (size_t k = 0; k < kSlices; ++k) {
    const size_t offset = k * (bytes.size() - kSlice) / (kSlices - 1);  // the first slice to the last
    uLongf size = static_cast<uLongf>(packed.size());
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(bytes.data() + offset),
                  kSlice, Z_BEST_SPEED) != Z_OK)
      return true;  // left to the whole file's deflate to say
    packed_total += size;
  }
  return static_cast<double>(packed_total) < kWorthIt * static_cast<double>(kSlice * kSlices);
}

}  // namespace

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
  if (!WorthCompressing(bytes)) {
    original.data.assign(bytes);
    return original;
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
